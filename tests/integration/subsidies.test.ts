/**
 * 补贴发放 against real PostgreSQL: recording a subsidy for a unit in scope (404 outside
 * it, FORBIDDEN for readers, field errors that write nothing), 登记发放 once and not
 * before the period began, audit entries, the status filters, overdue subsidies by
 * town (one grouped query) and the paid-on-time rate of a year.
 * Rows use due years the demo seed does not (its subsidies fall due in 2019–2020) and
 * unique recipient names; counts that include seeded rows are compared before/after.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import type { Actor } from "@/lib/server/actor";
import { createSubsidy, getSubsidy, listSubsidies, markPaid, overdueByTown, subsidySummary } from "@/lib/server/rules/subsidies";
import { computeMetrics } from "@/lib/server/metrics/engine";
import { todayInBeijing } from "@/lib/schemas/dates";
import { actorFor } from "../support/actors";
import { demoUnits, expectAppError, uniqueName, type DemoUnits } from "../support/fixtures";

let units: DemoUnits;
const actors: Record<string, Actor> = {};

beforeAll(async () => {
  units = await demoUnits();
  for (const u of ["district.admin", "town.admin", "unit.admin", "leader", "station.coord", "huaiyin.admin"]) actors[u] = await actorFor(u);
});

const recipient = () => uniqueName("领取人");
const input = (over: Record<string, unknown> = {}) => ({
  orgUnitId: units.village.id,
  kind: "TEACHER_ALLOWANCE",
  recipientName: recipient(),
  amount: "1200",
  periodFrom: "2025-01-01",
  periodTo: "2025-06-30",
  dueOn: "2025-07-31",
  ...over,
});

async function expectNoSubsidy(name: string) {
  expect(await db().subsidy.count({ where: { recipientName: name } })).toBe(0);
  expect(await db().auditLog.count({ where: { action: "subsidy.create", after: { path: ["recipientName"], equals: name } } })).toBe(0);
}

describe("createSubsidy", () => {
  it("a town admin records a subsidy for a village of their town, in fen, audited", async () => {
    const raw = input({ amount: "1,234.56", note: "上半年" });
    const s = await createSubsidy(actors["town.admin"], raw);
    expect(s).toMatchObject({ orgUnitId: units.village.id, kind: "TEACHER_ALLOWANCE", recipientName: raw.recipientName, amountFen: 123_456n, paidOn: null, note: "上半年" });
    const audit = await db().auditLog.findMany({ where: { action: "subsidy.create", entityId: s.id } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorName: "town.admin", entity: "Subsidy" });
    expect(audit[0].after).toMatchObject({ amountFen: "123456", dueOn: "2025-07-31", paidOn: null });
  });

  it("a volunteer in scope as recipient: the name comes from the person when left empty", async () => {
    const v = await db().volunteer.findFirstOrThrow({ where: { orgUnitId: units.village.id }, select: { personId: true, person: { select: { name: true } } } });
    const s = await createSubsidy(actors["town.admin"], input({ kind: "VOLUNTEER_REWARD", personId: v.personId, recipientName: "", amount: "600" }));
    expect(s).toMatchObject({ personId: v.personId, recipientName: v.person.name, amountFen: 60_000n });
  });

  it("a unit or a person of another town is NOT_FOUND for a town admin, nothing written", async () => {
    const raw = input({ orgUnitId: units.villageOfSiblingTown.id });
    await expectAppError(createSubsidy(actors["town.admin"], raw), "NOT_FOUND");
    await expectNoSubsidy(raw.recipientName);
    const other = await db().volunteer.findFirstOrThrow({ where: { orgUnitId: units.villageOfSiblingTown.id }, select: { personId: true } });
    const raw2 = input({ kind: "VOLUNTEER_REWARD", personId: other.personId });
    await expectAppError(createSubsidy(actors["town.admin"], raw2), "NOT_FOUND");
    await expectNoSubsidy(raw2.recipientName);
    const raw3 = input({ orgUnitId: units.huaiyinVillage.id });
    await expectAppError(createSubsidy(actors["district.admin"], raw3), "NOT_FOUND");
    await expectNoSubsidy(raw3.recipientName);
  });

  it("the leader, a village admin and a station coordinator are FORBIDDEN, nothing written", async () => {
    for (const who of ["leader", "unit.admin", "station.coord"]) {
      const raw = input();
      await expectAppError(createSubsidy(actors[who], raw), "FORBIDDEN");
      await expectNoSubsidy(raw.recipientName);
    }
  });

  it.each([
    ["amount", { amount: "0" }, "金额须大于 0"],
    ["amount", { amount: "-5" }, "金额须为以元为单位的数字"],
    ["amount", { amount: "12.345" }, "最多两位小数"],
    ["periodTo", { periodFrom: "2025-07-01", periodTo: "2025-06-30" }, "补贴期间的结束日期不能早于开始日期"],
    ["dueOn", { dueOn: "2024-12-31" }, "应发放日期不能早于补贴期间的开始日期"],
    ["paidOn", { paidOn: "2024-12-31" }, "发放日期不能早于补贴期间的开始日期"],
    ["paidOn", { paidOn: "2999-01-01" }, "发放日期不能晚于今天"],
    ["recipientName", { recipientName: "" }, "请填写领取人姓名"],
    ["kind", { kind: "BONUS" }, "请选择补贴类别"],
  ])("refuses a bad %s (%j) beside that field, writing nothing", async (path, over, message) => {
    const raw = input(over);
    // Counted, not looked up by name (a blank name cannot be looked up).
    const written = async () => [await db().subsidy.count(), await db().auditLog.count({ where: { action: "subsidy.create" } })];
    const before = await written();
    const e = await expectAppError(createSubsidy(actors["town.admin"], raw), "INVALID");
    expect(e.issues).toContainEqual({ path, message: expect.stringContaining(message) });
    expect(await written()).toEqual(before);
  });
});

describe("reading and 登记发放", () => {
  it("a town admin neither reads nor pays a subsidy of another town (404); the leader reads it", async () => {
    const s = await createSubsidy(actors["district.admin"], input({ orgUnitId: units.villageOfSiblingTown.id }));
    await expectAppError(getSubsidy(actors["town.admin"], s.id), "NOT_FOUND");
    await expectAppError(markPaid(actors["town.admin"], { id: s.id, paidOn: "2025-08-01" }), "NOT_FOUND");
    await expectAppError(getSubsidy(actors["huaiyin.admin"], s.id), "NOT_FOUND");
    const mine = await listSubsidies(actors["town.admin"], { year: 2025, page: 1 });
    expect(mine.items.map((x) => x.id)).not.toContain(s.id);
    expect((await getSubsidy(actors.leader, s.id)).status).toBe("overdue");
    await expectAppError(markPaid(actors.leader, { id: s.id, paidOn: "2025-08-01" }), "FORBIDDEN");
    expect((await db().subsidy.findUniqueOrThrow({ where: { id: s.id } })).paidOn).toBeNull();
  });

  it("records the day paid once, audited; paid after the due day reads 逾期发放", async () => {
    const s = await createSubsidy(actors["town.admin"], input());
    await markPaid(actors["town.admin"], { id: s.id, paidOn: "2025-08-15" });
    expect((await getSubsidy(actors["town.admin"], s.id)).status).toBe("paid_late");
    const audit = await db().auditLog.findMany({ where: { action: "subsidy.mark_paid", entityId: s.id } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ entity: "Subsidy", before: expect.objectContaining({ paidOn: null }), after: expect.objectContaining({ paidOn: "2025-08-15" }) });
    const e = await expectAppError(markPaid(actors["town.admin"], { id: s.id, paidOn: "2025-08-20" }), "CONFLICT");
    expect(e.message).toContain("2025年8月15日");
  });

  it("a day paid before the period began is INVALID on paidOn, nothing written", async () => {
    const s = await createSubsidy(actors["town.admin"], input());
    const e = await expectAppError(markPaid(actors["town.admin"], { id: s.id, paidOn: "2024-12-31" }), "INVALID");
    expect(e.issues).toEqual([{ path: "paidOn", message: "发放日期不能早于补贴期间的开始日期（2025年1月1日）" }]);
    expect((await db().subsidy.findUniqueOrThrow({ where: { id: s.id } })).paidOn).toBeNull();
    expect(await db().auditLog.count({ where: { action: "subsidy.mark_paid", entityId: s.id } })).toBe(0);
  });
});

describe("overdueByTown", () => {
  it("groups unpaid past-due subsidies by town with count and amount; paid and not-yet-due ones are left out", async () => {
    const admin = actors["district.admin"];
    const today = todayInBeijing();
    const future = `${Number(today.slice(0, 4)) + 1}-06-30`;
    const before = await overdueByTown(admin, today);
    const rowOf = (r: Awaited<ReturnType<typeof overdueByTown>>, id: string) => r.rows.find((x) => x.id === id) ?? { count: 0, amountFen: 0n };

    await createSubsidy(admin, input({ amount: "600" }));
    await createSubsidy(admin, input({ orgUnitId: units.siblingVillage.id, amount: "1200.50" }));
    await createSubsidy(admin, input({ orgUnitId: units.town.id, amount: "100" }));
    await createSubsidy(admin, input({ orgUnitId: units.villageOfSiblingTown.id, amount: "300" }));
    await createSubsidy(admin, input({ amount: "999", paidOn: "2025-08-01" })); // paid (late): not overdue
    await createSubsidy(admin, input({ amount: "999", dueOn: future })); // not yet due

    const after = await overdueByTown(admin, today);
    expect(rowOf(after, units.town.id).count - rowOf(before, units.town.id).count).toBe(3);
    expect(rowOf(after, units.town.id).amountFen - rowOf(before, units.town.id).amountFen).toBe(190_050n);
    expect(rowOf(after, units.siblingTown.id).count - rowOf(before, units.siblingTown.id).count).toBe(1);
    expect(rowOf(after, units.siblingTown.id).amountFen - rowOf(before, units.siblingTown.id).amountFen).toBe(30_000n);
    expect(after.count - before.count).toBe(4);
    expect(after.amountFen - before.amountFen).toBe(220_050n);
    expect(after.rows.find((r) => r.id === units.town.id)?.name).toBe(units.town.name);

    // A town admin sees only their own town's row.
    const town = await overdueByTown(actors["town.admin"], today);
    expect(town.rows.map((r) => r.id)).toEqual([units.town.id]);
    expect(town.rows[0]).toEqual(after.rows.find((r) => r.id === units.town.id));
  });
});

describe("status filters and the paid-on-time rate", () => {
  it("counts the subsidies due in a year and already due; paid on or before the due day are on time", async () => {
    // 2024: used by no seed and no other test here.
    const admin = actors["district.admin"];
    const y = (over: Record<string, unknown>) => input({ periodFrom: "2024-01-01", periodTo: "2024-06-30", dueOn: "2024-07-31", ...over });
    await createSubsidy(admin, y({ paidOn: "2024-07-31" })); // on time (the due day itself)
    await createSubsidy(admin, y({ orgUnitId: units.villageOfSiblingTown.id, paidOn: "2024-07-01" })); // on time
    await createSubsidy(admin, y({ paidOn: "2024-08-01" })); // late
    await createSubsidy(admin, y({})); // overdue
    await createSubsidy(admin, y({ periodTo: "2024-12-31", dueOn: "2024-12-31", paidOn: "2024-12-20", kind: "VOLUNTEER_REWARD" })); // on time, due later

    expect(await subsidySummary(actors.leader, { year: 2024 })).toEqual({ year: 2024, due: 5, paidOnTime: 3, paidLate: 1, overdue: 1, paidOnTimeRate: 0.6 });
    // The dashboard's metric counts the same rows.
    const m = await computeMetrics(actors.leader, { orgUnitId: units.district.id, year: 2024, keys: ["subsidyPaidOnTimeRate"] });
    expect(m.metrics.subsidyPaidOnTimeRate).toEqual({ numerator: 3, denominator: 5, value: 0.6 });
    // On 15 Nov 2024 the December one was not yet due: it is not counted.
    expect(await subsidySummary(actors.leader, { year: 2024 }, "2024-11-15")).toMatchObject({ due: 4, paidOnTime: 2, paidOnTimeRate: 0.5 });
    expect(await subsidySummary(actors.leader, { year: 2024, kind: "VOLUNTEER_REWARD" })).toMatchObject({ due: 1, paidOnTime: 1, paidOnTimeRate: 1 });
    expect(await subsidySummary(actors.leader, { year: 2024, town: units.siblingTown.id })).toMatchObject({ due: 1, paidOnTime: 1 });
    expect(await subsidySummary(actors["town.admin"], { year: 2024 })).toMatchObject({ due: 4, paidOnTime: 2, paidLate: 1, overdue: 1, paidOnTimeRate: 0.5 });
    expect(await subsidySummary(actors.leader, { year: 2001 })).toMatchObject({ due: 0, paidOnTimeRate: null });

    const count = async (status: "paid_on_time" | "paid_late" | "overdue" | "not_due") => {
      const page = await listSubsidies(actors.leader, { year: 2024, status, page: 1 });
      expect(page.items.every((s) => s.status === status)).toBe(true);
      return page.total;
    };
    expect([await count("paid_on_time"), await count("paid_late"), await count("overdue"), await count("not_due")]).toEqual([3, 1, 1, 0]);
    const all = await listSubsidies(actors.leader, { year: 2024, page: 1 });
    expect(all.total).toBe(5);
    expect(all.amountFen).toBe(600_000n);
  });

  it("a town filter outside scope is NOT_FOUND", async () => {
    await expectAppError(listSubsidies(actors["town.admin"], { town: units.siblingTown.id, page: 1 }), "NOT_FOUND");
  });
});
