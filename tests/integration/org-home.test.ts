/**
 * Recording a committee's establishment date (it drives coverage), and the home
 * checklist that points admins at what is missing in their scope.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { setCommitteeEstablished } from "@/lib/server/org/write-units";
import { homeChecklist } from "@/lib/server/home/checklist";
import { actorFor } from "../support/actors";
import { demoUnits, expectAppError } from "../support/fixtures";

let units: Awaited<ReturnType<typeof demoUnits>>;
let original: Date | null;

beforeAll(async () => {
  units = await demoUnits();
  original = (await db().orgUnit.findUniqueOrThrow({ where: { id: units.siblingVillage.id } })).committeeEstablishedOn;
});
afterAll(async () => {
  await db().orgUnit.update({ where: { id: units.siblingVillage.id }, data: { committeeEstablishedOn: original } });
});

describe("setCommitteeEstablished", () => {
  it("a town admin records the date for a village of their town, audited with before and after", async () => {
    const actor = await actorFor("town.admin");
    await setCommitteeEstablished(actor, { unitId: units.siblingVillage.id, establishedOn: "2012-03-05" });
    const row = await db().orgUnit.findUniqueOrThrow({ where: { id: units.siblingVillage.id } });
    expect(row.committeeEstablishedOn?.toISOString().slice(0, 10)).toBe("2012-03-05");
    const audit = await db().auditLog.findFirstOrThrow({
      where: { action: "org.set_committee_established", entityId: units.siblingVillage.id },
      orderBy: { id: "desc" },
    });
    expect(audit.actorName).toBe("town.admin");
    expect(audit.after).toEqual({ committeeEstablishedOn: "2012-03-05" });
  });

  it("refuses a date in the future beside the field, changing nothing", async () => {
    const actor = await actorFor("town.admin");
    const before = await db().orgUnit.findUniqueOrThrow({ where: { id: units.siblingVillage.id } });
    const e = await expectAppError(setCommitteeEstablished(actor, { unitId: units.siblingVillage.id, establishedOn: "2999-01-01" }), "INVALID");
    expect(e.issues).toEqual([{ path: "establishedOn", message: "关工委成立日期不能晚于今天" }]);
    const after = await db().orgUnit.findUniqueOrThrow({ where: { id: units.siblingVillage.id } });
    expect(after.committeeEstablishedOn).toEqual(before.committeeEstablishedOn);
  });

  it("another town's unit is not found; a leader may not write", async () => {
    await expectAppError(
      setCommitteeEstablished(await actorFor("town.admin"), { unitId: units.villageOfSiblingTown.id, establishedOn: "2012-03-05" }),
      "NOT_FOUND",
    );
    await expectAppError(
      setCommitteeEstablished(await actorFor("leader"), { unitId: units.village.id, establishedOn: "2012-03-05" }),
      "FORBIDDEN",
    );
  });
});

describe("home checklist", () => {
  it("names a unit without a committee, and the item leads to the rule's list", async () => {
    const actor = await actorFor("town.admin");
    await db().orgUnit.update({ where: { id: units.siblingVillage.id }, data: { committeeEstablishedOn: null } });
    const items = await homeChecklist(actor);
    const item = items.find((i) => i.key === "committee");
    expect(item?.title).toBe("1 个单位尚未成立关工委");
    expect(item?.detail).toContain(units.siblingVillage.name);
    expect(item?.href).toBe("/rosters?rule=committee");
    await db().orgUnit.update({ where: { id: units.siblingVillage.id }, data: { committeeEstablishedOn: original } });
    expect((await homeChecklist(actor)).find((i) => i.key === "committee")).toBeUndefined();
  });

  it("counts active volunteers without onboarding training in scope only", async () => {
    const town = await homeChecklist(await actorFor("town.admin"));
    const district = await homeChecklist(await actorFor("district.admin"));
    const n = (items: typeof town) => Number(items.find((i) => i.key === "training")?.title.match(/^(\d+)/)?.[1] ?? 0);
    expect(n(district)).toBeGreaterThan(n(town));
    const expected = await db().volunteer.count({
      where: { status: "ACTIVE", trainedOn: null, orgUnit: { path: { has: units.town.id } } },
    });
    expect(n(town)).toBe(expected);
  });

  it("a leader, who fixes nothing, gets no roster items", async () => {
    const items = await homeChecklist(await actorFor("leader"));
    expect(items.filter((i) => i.key === "roster" || i.key === "committee")).toEqual([]);
  });
});
