/**
 * 校站结合 summer plans against real PostgreSQL: a plan is made with the school paired
 * with the committee's station; status only moves forward (草稿 → 已商定 → 已完成) with
 * clear Chinese refusals; activities link to a plan of their own committee; and the list
 * of committees with a paired school but no plan agreed by 1 July.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import type { Actor } from "@/lib/server/actor";
import { createStation } from "@/lib/server/stations/write-stations";
import { advanceSummerPlan, createSummerPlan, getSummerPlan, linkActivityToPlan, missingAgreedPlans } from "@/lib/server/stations/summer-plans";
import { actorFor } from "../support/actors";
import { demoUnits, expectAppError, type DemoUnits } from "../support/fixtures";
import { ownDistrict } from "../support/own-district";

let units: DemoUnits;
const actors: Record<string, Actor> = {};
// A year the demo seed plans nothing in (its plans are for 2019), so these committees start clean.
const YEAR = 2017;
/** Villages of the demo district with no plan of YEAR yet (the demo seed may have planned the others). */
let freeVillages: { id: string; name: string }[];

beforeAll(async () => {
  units = await demoUnits();
  for (const u of ["district.admin", "town.admin", "unit.admin", "leader", "huaiyin.admin"]) actors[u] = await actorFor(u);
  freeVillages = await db().orgUnit.findMany({
    where: { tenantId: units.district.tenantId, level: "VILLAGE", active: true, summerPlans: { none: { year: YEAR } }, NOT: { id: units.village.id } },
    orderBy: { code: "asc" },
    take: 6,
    select: { id: true, name: true },
  });
});

/** A station with a paired school for a committee, through the real write. */
async function pairedStation(orgUnitId: string, schoolId = units.townSchool.id) {
  return createStation(actors["district.admin"], { orgUnitId, name: `暑期站${randomBytes(3).toString("hex")}`, pairedSchoolId: schoolId });
}

const plan = (orgUnitId: string, over: Record<string, unknown> = {}) => ({
  orgUnitId,
  year: String(YEAR),
  startsOn: `${YEAR}-07-10`,
  endsOn: `${YEAR}-08-25`,
  plannedActivities: "暑期读书会、安全教育讲座、红色故事会",
  // The demo seed's station of the committee may be paired with another school too.
  schoolId: units.townSchool.id,
  ...over,
});

async function planFor(village: { id: string }) {
  await pairedStation(village.id);
  return createSummerPlan(actors["district.admin"], plan(village.id));
}

describe("createSummerPlan", () => {
  it("needs a paired school; takes the one paired with the committee's station; duplicates are refused beside the year", async () => {
    // Every demo village has a paired station: a district of the test's own has a village without one.
    const own = await ownDistrict("暑期计划测试区");
    const ownAdmin = await actorFor(await own.user("DISTRICT_ADMIN", own.district.id));
    const none = await expectAppError(createSummerPlan(ownAdmin, plan(own.villageOfSiblingTown.id, { schoolId: "" })), "INVALID");
    expect(none.issues[0]).toMatchObject({ path: "orgUnitId", message: expect.stringContaining("挂钩学校") });
    const [v] = freeVillages;
    await pairedStation(v.id);
    const p = await createSummerPlan(actors["district.admin"], plan(v.id));
    expect(p).toMatchObject({ orgUnitId: v.id, schoolId: units.townSchool.id, year: YEAR, status: "DRAFT", agreedOn: null });
    const dup = await expectAppError(createSummerPlan(actors["district.admin"], plan(v.id)), "INVALID");
    expect(dup.issues[0]).toMatchObject({ path: "year", message: expect.stringContaining("已经登记过") });
    expect(await db().summerPlan.count({ where: { orgUnitId: v.id, year: YEAR } })).toBe(1);
  });

  it("field errors: end before start, a school not paired with the committee; scope and roles", async () => {
    const v = freeVillages[1];
    await pairedStation(v.id);
    const dates = await expectAppError(createSummerPlan(actors["district.admin"], plan(v.id, { endsOn: `${YEAR}-06-01` })), "INVALID");
    expect(dates.issues.map((i) => i.path)).toEqual(["endsOn"]);
    const school = await expectAppError(createSummerPlan(actors["district.admin"], plan(v.id, { schoolId: units.districtSchool.id })), "INVALID");
    expect(school.issues.map((i) => i.path)).toEqual(["schoolId"]);
    await expectAppError(createSummerPlan(actors.leader, plan(v.id)), "FORBIDDEN");
    await expectAppError(createSummerPlan(actors["huaiyin.admin"], plan(v.id)), "NOT_FOUND");
    await expectAppError(createSummerPlan(actors["town.admin"], plan(units.villageOfSiblingTown.id)), "NOT_FOUND");
    expect(await db().summerPlan.count({ where: { orgUnitId: v.id, year: YEAR } })).toBe(0);
  });
});

describe("advanceSummerPlan", () => {
  it("moves forward only: DRAFT → AGREED (records agreedOn) → DONE; every other move is refused in Chinese", async () => {
    const p = await planFor(freeVillages[2]);
    const skip = await expectAppError(advanceSummerPlan(actors["district.admin"], { id: p.id, status: "DONE" }), "INVALID");
    expect(skip.message).toContain("须先与学校商定");
    await expectAppError(advanceSummerPlan(actors.leader, { id: p.id, status: "AGREED" }), "FORBIDDEN");

    const agreed = await advanceSummerPlan(actors["district.admin"], { id: p.id, status: "AGREED", agreedOn: `${YEAR}-06-20` });
    expect(agreed).toMatchObject({ status: "AGREED", agreedOn: new Date(`${YEAR}-06-20T00:00:00Z`) });
    const back = await expectAppError(advanceSummerPlan(actors["district.admin"], { id: p.id, status: "DRAFT" }), "INVALID");
    expect(back.message).toBe("暑期计划只能向前推进（草稿 → 已商定 → 已完成），不能从“已商定”改回“草稿”");
    expect(back.issues).toEqual([{ path: "status", message: back.message }]);
    const again = await expectAppError(advanceSummerPlan(actors["district.admin"], { id: p.id, status: "AGREED" }), "INVALID");
    expect(again.message).toContain("已经是“已商定”");

    const done = await advanceSummerPlan(actors["district.admin"], { id: p.id, status: "DONE" });
    expect(done).toMatchObject({ status: "DONE", agreedOn: new Date(`${YEAR}-06-20T00:00:00Z`) });
    for (const to of ["DRAFT", "AGREED"]) {
      const e = await expectAppError(advanceSummerPlan(actors["district.admin"], { id: p.id, status: to }), "INVALID");
      expect(e.message).toBe("计划已完成，状态不能再修改");
    }
    const row = await db().summerPlan.findUniqueOrThrow({ where: { id: p.id } });
    expect(row.status).toBe("DONE");
    expect(await db().auditLog.count({ where: { action: "summer_plan.advance", entityId: p.id } })).toBe(2);
    await expectAppError(advanceSummerPlan(actors["huaiyin.admin"], { id: p.id, status: "DONE" }), "NOT_FOUND");
  });
});

describe("截至7月1日未商定暑期计划", () => {
  it("lists committees with a paired school but no plan agreed by 1 July (agreed on 7-05 counts as missing)", async () => {
    const [inTime, late, draft, nothing] = freeVillages.slice(3, 6).concat([units.siblingVillage]);
    const a = await planFor(inTime);
    await advanceSummerPlan(actors["district.admin"], { id: a.id, status: "AGREED", agreedOn: `${YEAR}-07-01` });
    const b = await planFor(late);
    await advanceSummerPlan(actors["district.admin"], { id: b.id, status: "AGREED", agreedOn: `${YEAR}-07-05` });
    await advanceSummerPlan(actors["district.admin"], { id: b.id, status: "DONE" });
    await planFor(draft);
    await pairedStation(nothing.id);

    const { committees, missing } = await missingAgreedPlans(actors["district.admin"], YEAR);
    const byId = new Map(missing.map((m) => [m.orgUnitId, m]));
    expect(byId.has(inTime.id)).toBe(false);
    expect(byId.get(late.id)?.reason).toBe(`${YEAR}-07-05 才商定（晚于7月1日）`);
    expect(byId.get(draft.id)?.reason).toBe("计划仍是草稿，未商定");
    // siblingVillage may have a seeded plan; if not, it is listed as having none.
    const seeded = await db().summerPlan.count({ where: { orgUnitId: nothing.id, year: YEAR, status: { not: "DRAFT" }, agreedOn: { lte: new Date(`${YEAR}-07-01T00:00:00Z`) } } });
    if (seeded === 0) expect(byId.get(nothing.id)?.schools).toContain(units.townSchool.name);
    else expect(byId.has(nothing.id)).toBe(false);
    expect(committees).toBeGreaterThanOrEqual(4);
    // Committees without a paired school are not asked for a plan.
    const paired = new Set(
      (await db().station.findMany({ where: { tenantId: units.district.tenantId, active: true, pairedSchoolId: { not: null } }, select: { orgUnitId: true } })).map((s) => s.orgUnitId),
    );
    expect(missing.length).toBeGreaterThan(0);
    expect(missing.every((m) => paired.has(m.orgUnitId))).toBe(true);
    // A town admin sees only their town's committees.
    const mine = await missingAgreedPlans(actors["town.admin"], YEAR);
    const townVillages = new Set((await db().orgUnit.findMany({ where: { path: { has: units.town.id } }, select: { id: true } })).map((u) => u.id));
    expect(mine.missing.length).toBeGreaterThan(0);
    expect(mine.missing.every((m) => townVillages.has(m.orgUnitId))).toBe(true);
  });
});

describe("linkActivityToPlan", () => {
  it("links an activity of the committee's station in the plan's year; refuses others", async () => {
    const station = await pairedStation(units.village.id);
    const existing = await db().summerPlan.findFirst({ where: { orgUnitId: units.village.id, year: 2018 } });
    const p = existing ?? (await createSummerPlan(actors["town.admin"], plan(units.village.id, { year: "2018", startsOn: "2018-07-10", endsOn: "2018-08-25", schoolId: units.townSchool.id })));
    const other = await pairedStation(units.siblingVillage.id);
    const act = async (stationId: string, orgUnitId: string, date: string) => {
      const id = randomUUID();
      await db().activity.create({
        data: { id, tenantId: units.district.tenantId, orgUnitId, stationId, date: new Date(`${date}T00:00:00Z`), kind: "SUMMER", title: "暑期读书会", youthParticipants: 30 },
      });
      return id;
    };
    const good = await act(station.id, units.village.id, "2018-07-15");
    const wrongYear = await act(station.id, units.village.id, "2019-07-15");
    const wrongUnit = await act(other.id, units.siblingVillage.id, "2018-07-15");

    expect(await linkActivityToPlan(actors["unit.admin"], { activityId: good, planId: p.id })).toEqual({ activityId: good, planId: p.id });
    expect((await db().activity.findUniqueOrThrow({ where: { id: good } })).summerPlanId).toBe(p.id);
    const y = await expectAppError(linkActivityToPlan(actors["town.admin"], { activityId: wrongYear, planId: p.id }), "INVALID");
    expect(y.issues[0].path).toBe("activityId");
    const u = await expectAppError(linkActivityToPlan(actors["town.admin"], { activityId: wrongUnit, planId: p.id }), "INVALID");
    expect(u.issues[0].message).toContain("不是本计划所属单位");
    // unit.admin cannot see the sibling village's activity at all.
    await expectAppError(linkActivityToPlan(actors["unit.admin"], { activityId: wrongUnit, planId: p.id }), "NOT_FOUND");
    await expectAppError(linkActivityToPlan(actors.leader, { activityId: good, planId: p.id }), "FORBIDDEN");
    expect((await db().activity.findUniqueOrThrow({ where: { id: wrongUnit } })).summerPlanId).toBeNull();

    const detail = await getSummerPlan(actors["unit.admin"], p.id);
    expect(detail.linked.map((a) => a.id)).toContain(good);
    expect(detail.candidates.map((a) => a.id)).not.toContain(good);
  });
});
