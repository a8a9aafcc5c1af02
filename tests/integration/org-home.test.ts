/**
 * Recording a committee's establishment date (it drives coverage), and the home
 * checklist that points admins at what is missing in their scope.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { setCommitteeEstablished } from "@/lib/server/org/write-units";
import { homeChecklist, rulesAndOutcomes, stationsBehind } from "@/lib/server/home/checklist";
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

describe("home checklist: stations behind the pace of 24 a year", () => {
  const OCT_15_2019 = new Date("2019-10-15T12:00:00Z");

  it("names each station with fewer activities than due by the date (18 by mid-October)", async () => {
    const actor = await actorFor("town.admin");
    const [item] = await stationsBehind(actor, OCT_15_2019);
    const rows = await db().$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM "Station" s
       WHERE s.active AND s."orgUnitId" IN (SELECT id FROM "OrgUnit" WHERE ${units.town.id}::uuid = ANY(path))
         AND (SELECT count(*) FROM "Activity" a WHERE a."stationId" = s.id AND a.date BETWEEN '2019-01-01' AND '2019-10-15') < 18`;
    // The seed leaves at least one of 城南街道's stations behind by then; other files may add more.
    expect(rows[0].n).toBeGreaterThanOrEqual(1);
    if (rows[0].n === 1) expect(item.title).toMatch(/按进度应达到 18 次$/);
    else expect(item.title).toBe(`${rows[0].n} 个辅导站本年活动进度落后（按进度应达到 18 次）`);
  });

  it("a coordinator is told the count that is due and sent to log an activity", async () => {
    // By 31 March, 5 are due; the demo station held fewer in Q1 2020. (Other suites may add
    // stations to the same unit, so the title names the station or counts them.)
    const [item] = await stationsBehind(await actorFor("station.coord"), new Date("2020-03-31T12:00:00Z"));
    expect(item.title).toMatch(/(^健康社区校外辅导站本年已开展 \d 次活动|个辅导站本年活动进度落后).*按进度应达到 5 次/);
    expect(item.href).toBe("/activities/new");
    expect(item.action).toBe("登记活动");
  });

  it("says nothing in the first weeks of a year", async () => {
    expect(await stationsBehind(await actorFor("town.admin"), new Date("2019-01-10T12:00:00Z"))).toEqual([]);
  });
});

describe("home checklist: rules and outcomes", () => {
  it("tells the district which required meetings of the year it missed, as the strips count them", async () => {
    // On 2019-04-01 the seed has 2019-W06 (Spring Festival) and February's monthly meeting missing.
    const items = await rulesAndOutcomes(await actorFor("district.admin"), "2019-04-01");
    const meetings = items.find((i) => i.key === "meetings");
    expect(meetings?.title).toBe("本年有 2 次例会未按规定召开");
    expect(meetings?.detail).toBe("驻会成员周例会缺 1 次（最近：第6周）；常务副主任月例会缺 1 次（最近：2月）");
    expect(meetings?.href).toBe("/rules/meetings?year=2019");
  });

  it("counts unpaid subsidies past their due date, and the units that have not reported last year's 零犯罪 counts", async () => {
    const district = await rulesAndOutcomes(await actorFor("district.admin"), "2020-06-30");
    const unpaid = await db().subsidy.count({ where: { tenantId: units.district.tenantId, paidOn: null, dueOn: { lt: new Date("2020-06-30") } } });
    expect(unpaid).toBeGreaterThan(0);
    expect(district.find((i) => i.key === "subsidies")?.title).toBe(`${unpaid} 笔补贴已过发放期限仍未发放`);
    // Every village and school reported 2019, so in 2020 nobody is behind; in 2021 (no 2020 records) all are.
    expect(district.find((i) => i.key === "zero-crime")).toBeUndefined();
    const town = await rulesAndOutcomes(await actorFor("town.admin"), "2021-03-01");
    const reporting = await db().orgUnit.count({
      where: { path: { has: units.town.id }, level: { in: ["VILLAGE", "SCHOOL"] }, active: true, zeroCrimeRecords: { none: { year: 2020 } } },
    });
    expect(town.find((i) => i.key === "zero-crime")?.title).toBe(`${reporting} 个单位尚未上报2020年“零犯罪”情况`);
  });

  it("a leader, who fixes nothing, is told nothing", async () => {
    expect(await rulesAndOutcomes(await actorFor("leader"), "2020-06-30")).toEqual([]);
  });
});

