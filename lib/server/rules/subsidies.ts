import "server-only";
/**
 * 补贴发放: 以奖代补 for 五老 and work allowances for station teachers (money in fen),
 * owed to a recipient of a unit in scope for a period, due on a day, paid on a day.
 * The list filters by year due, kind, town and status; overdue ones (unpaid, due day
 * passed) are totalled by town from ONE grouped query; the paid-on-time rate of a year
 * counts the subsidies due that year whose due day has passed, as the metric
 * `subsidyPaidOnTimeRate` does.
 */
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "../db";
import type { Actor } from "../actor";
import { AppError, invalid, notFound } from "../errors";
import { findUnitInScope, parseId, scope } from "../scope";
import { assertCan } from "../permissions";
import { unitsWithTowns } from "../org/read-units";
import { defineWrite, parseInput } from "../write";
import { dayDate, isoDay, todayInBeijing, yearRange } from "@/lib/schemas/dates";
import { formatDate } from "@/lib/format";
import {
  PAID_BEFORE_PERIOD,
  subsidyStatus,
  ZCreateSubsidy,
  ZMarkSubsidyPaid,
  ZSubsidyFilters,
  type SubsidyStatus,
  type TSubsidyFilters,
} from "@/lib/schemas/subsidy";

export const SUBSIDY_PAGE_SIZE = 50;

const SUBSIDY_SELECT = {
  id: true,
  orgUnitId: true,
  kind: true,
  personId: true,
  recipientName: true,
  amountFen: true,
  periodFrom: true,
  periodTo: true,
  dueOn: true,
  paidOn: true,
  note: true,
} as const satisfies Prisma.SubsidySelect;
type SubsidyRow = Prisma.SubsidyGetPayload<{ select: typeof SUBSIDY_SELECT }>;

/** The rows of one status, as a where-clause (paidOn compared with the row's own dueOn). */
function statusWhere(status: SubsidyStatus, today: string): Prisma.SubsidyWhereInput {
  const dueOn = db().subsidy.fields.dueOn;
  switch (status) {
    case "paid_on_time":
      return { paidOn: { lte: dueOn } };
    case "paid_late":
      return { paidOn: { gt: dueOn } };
    case "overdue":
      return { paidOn: null, dueOn: { lt: dayDate(today) } };
    case "not_due":
      return { paidOn: null, dueOn: { gte: dayDate(today) } };
  }
}

export function parseSubsidyFilters(raw: Record<string, string | undefined>): TSubsidyFilters {
  return parseInput(ZSubsidyFilters, raw);
}

type Filters = Pick<TSubsidyFilters, "year" | "kind" | "town" | "status">;

/** The filters as conditions, to AND with the scope (a town is a unit in scope: its subtree). */
async function filterClauses(actor: Actor, f: Filters, today: string): Promise<Prisma.SubsidyWhereInput[]> {
  const and: Prisma.SubsidyWhereInput[] = [];
  if (f.town) {
    const town = await findUnitInScope(db(), actor, f.town, { id: true });
    and.push({ orgUnit: { tenantId: actor.tenantId, path: { has: town.id } } });
  }
  if (f.year) and.push({ dueOn: yearRange(f.year) });
  if (f.kind) and.push({ kind: f.kind });
  if (f.status) and.push(statusWhere(f.status, today));
  return and;
}

/** One page of subsidies, latest due first, each with its status. */
export async function listSubsidies(actor: Actor, filters: TSubsidyFilters, today = todayInBeijing()) {
  assertCan(actor, "rules.read");
  const where: Prisma.SubsidyWhereInput = { ...scope.subsidies(actor), AND: await filterClauses(actor, filters, today) };
  const [rows, total, sum] = await Promise.all([
    db().subsidy.findMany({
      where,
      orderBy: [{ dueOn: "desc" }, { orgUnit: { code: "asc" } }, { recipientName: "asc" }, { id: "asc" }],
      skip: (filters.page - 1) * SUBSIDY_PAGE_SIZE,
      take: SUBSIDY_PAGE_SIZE,
      select: { ...SUBSIDY_SELECT, orgUnit: { select: { name: true } } },
    }),
    db().subsidy.count({ where }),
    db().subsidy.aggregate({ where, _sum: { amountFen: true } }),
  ]);
  return {
    items: rows.map((r) => ({ ...r, status: subsidyStatus(r, today) })),
    total,
    amountFen: sum._sum.amountFen ?? 0n,
    pages: Math.max(1, Math.ceil(total / SUBSIDY_PAGE_SIZE)),
  };
}
export type SubsidyListItem = Awaited<ReturnType<typeof listSubsidies>>["items"][number];

export interface OverdueTownRow {
  /** The town, or the unit itself when it lies under no town in scope (district level, or a village admin's own unit). */
  id: string;
  name: string;
  count: number;
  amountFen: bigint;
}

/**
 * 逾期未发 by town: subsidies unpaid with the due day before `today`, grouped in SQL by
 * unit and rolled up into the towns on the units' paths (one groupBy, one unit query).
 */
export async function overdueByTown(actor: Actor, today = todayInBeijing()): Promise<{ rows: OverdueTownRow[]; count: number; amountFen: bigint }> {
  assertCan(actor, "rules.read");
  const grouped = await db().subsidy.groupBy({
    by: ["orgUnitId"],
    where: { ...scope.subsidies(actor), ...statusWhere("overdue", today) },
    _count: { _all: true },
    _sum: { amountFen: true },
  });
  if (grouped.length === 0) return { rows: [], count: 0, amountFen: 0n };
  const units = await unitsWithTowns(actor, grouped.map((g) => g.orgUnitId));
  const towns = new Map<string, { code: string; row: OverdueTownRow }>();
  for (const g of grouped) {
    const u = units.unit(g.orgUnitId)!;
    const key = units.townOf(u.id) ?? { ...u, name: u.level === "DISTRICT" ? `${u.name}（区级）` : u.name };
    const t = towns.get(key.id) ?? { code: key.code, row: { id: key.id, name: key.name, count: 0, amountFen: 0n } };
    t.row.count += g._count._all;
    t.row.amountFen += g._sum.amountFen ?? 0n;
    towns.set(key.id, t);
  }
  const rows = [...towns.values()].sort((a, b) => a.code.localeCompare(b.code)).map((t) => t.row);
  return { rows, count: rows.reduce((n, r) => n + r.count, 0), amountFen: rows.reduce((n, r) => n + r.amountFen, 0n) };
}

/** 逾期未发 for the home checklist: how many, and the first `take` recipients (longest overdue first). */
export async function overdueSubsidies(actor: Actor, today = todayInBeijing(), take = 3): Promise<{ count: number; recipients: string[] }> {
  const where = { ...scope.subsidies(actor), ...statusWhere("overdue", today) };
  const [count, first] = await Promise.all([
    db().subsidy.count({ where }),
    db().subsidy.findMany({ where, orderBy: { dueOn: "asc" }, take, select: { recipientName: true } }),
  ]);
  return { count, recipients: first.map((r) => r.recipientName) };
}

export interface SubsidyYearSummary {
  year: number;
  /** Due in the year with the due day before today. */
  due: number;
  paidOnTime: number;
  paidLate: number;
  overdue: number;
  /** paidOnTime ÷ due to 4 decimals; null when nothing is due yet. */
  paidOnTimeRate: number | null;
}

/** The paid-on-time rate of a year (optionally one town's, one kind's): four counts, no rows read. */
export async function subsidySummary(
  actor: Actor,
  filters: Pick<TSubsidyFilters, "kind" | "town"> & { year: number },
  today = todayInBeijing(),
): Promise<SubsidyYearSummary> {
  assertCan(actor, "rules.read");
  const due = [...(await filterClauses(actor, filters, today)), { dueOn: { lt: dayDate(today) } }];
  const count = (...extra: Prisma.SubsidyWhereInput[]) => db().subsidy.count({ where: { ...scope.subsidies(actor), AND: [...due, ...extra] } });
  const [dueCount, paidOnTime, paidLate, overdue] = await Promise.all([
    count(),
    count(statusWhere("paid_on_time", today)),
    count(statusWhere("paid_late", today)),
    count({ paidOn: null }),
  ]);
  return {
    year: filters.year,
    due: dueCount,
    paidOnTime,
    paidLate,
    overdue,
    paidOnTimeRate: dueCount > 0 ? Math.round((paidOnTime / dueCount) * 10_000) / 10_000 : null,
  };
}

/** The latest year with a subsidy already due (the summary's year when none is chosen), or null. */
export async function latestDueYear(actor: Actor, today = todayInBeijing()): Promise<number | null> {
  assertCan(actor, "rules.read");
  const r = await db().subsidy.aggregate({ where: { ...scope.subsidies(actor), dueOn: { lt: dayDate(today) } }, _max: { dueOn: true } });
  return r._max.dueOn ? r._max.dueOn.getUTCFullYear() : null;
}

/** One subsidy in scope with its status, or NOT_FOUND. */
export async function getSubsidy(actor: Actor, id: unknown, today = todayInBeijing()) {
  assertCan(actor, "rules.read");
  const s = await db().subsidy.findFirst({
    where: { ...scope.subsidies(actor), id: parseId(id) },
    select: { ...SUBSIDY_SELECT, orgUnit: { select: { name: true } }, person: { select: { name: true } } },
  });
  if (!s) throw notFound();
  return { ...s, status: subsidyStatus(s, today) };
}
export type SubsidyDetail = Awaited<ReturnType<typeof getSubsidy>>;

/** Active 五老 volunteers in scope, for the form's recipient picker (filtered by unit in the browser). */
export async function subsidyVolunteerOptions(actor: Actor) {
  assertCan(actor, "subsidy.write");
  const rows = await db().volunteer.findMany({
    where: { ...scope.volunteers(actor), status: "ACTIVE" },
    orderBy: [{ person: { name: "asc" } }],
    select: { personId: true, orgUnitId: true, person: { select: { name: true } } },
  });
  return rows.map((r) => ({ id: r.personId, name: r.person.name, orgUnitId: r.orgUnitId }));
}

/** JSON-safe snapshot for the audit log (fen as text, days as YYYY-MM-DD). */
const auditShape = (s: SubsidyRow) => ({
  ...s,
  amountFen: s.amountFen.toString(),
  periodFrom: isoDay(s.periodFrom),
  periodTo: isoDay(s.periodTo),
  dueOn: isoDay(s.dueOn),
  paidOn: isoDay(s.paidOn),
});

export const createSubsidy = defineWrite({
  action: "subsidy.create",
  permission: "subsidy.write",
  input: ZCreateSubsidy,
  async run({ tx, actor, input }) {
    const unit = await findUnitInScope(tx, actor, input.orgUnitId, { id: true, level: true, active: true });
    if (unit.level === "CITY" || !unit.active) throw invalid([{ path: "orgUnitId", message: "请选择区、镇（街道）、村（社区）或学校" }]);
    let recipientName = input.recipientName;
    if (input.personId) {
      const person = await tx.person.findFirst({ where: { ...scope.persons(actor), id: input.personId }, select: { name: true } });
      if (!person) throw notFound();
      recipientName ??= person.name;
    }
    const row = await tx.subsidy.create({
      data: {
        tenantId: actor.tenantId,
        orgUnitId: unit.id,
        kind: input.kind,
        personId: input.personId ?? null,
        recipientName: recipientName!,
        amountFen: input.amount,
        periodFrom: input.periodFrom,
        periodTo: input.periodTo,
        dueOn: input.dueOn,
        paidOn: input.paidOn ?? null,
        note: input.note ?? null,
      },
      select: SUBSIDY_SELECT,
    });
    return { result: row, entity: "Subsidy", entityId: row.id, after: auditShape(row) };
  },
});

/** 登记发放: once, on a day not before the period began (nor in the future: the schema). */
export const markPaid = defineWrite({
  action: "subsidy.mark_paid",
  permission: "subsidy.write",
  input: ZMarkSubsidyPaid,
  async run({ tx, actor, input }) {
    const before = await tx.subsidy.findFirst({ where: { ...scope.subsidies(actor), id: input.id }, select: SUBSIDY_SELECT });
    if (!before) throw notFound();
    if (before.paidOn) throw new AppError("CONFLICT", `该补贴已于${formatDate(before.paidOn)}发放`);
    if (input.paidOn < before.periodFrom) {
      throw invalid([{ path: "paidOn", message: `${PAID_BEFORE_PERIOD}（${formatDate(before.periodFrom)}）` }]);
    }
    // Only while unpaid: a concurrent 登记发放 makes this a conflict, not a second payment day.
    const { count } = await tx.subsidy.updateMany({
      where: { ...scope.subsidies(actor), id: before.id, paidOn: null },
      data: { paidOn: input.paidOn },
    });
    if (count !== 1) throw new AppError("CONFLICT", "该补贴刚被他人登记发放，请刷新后查看");
    const after = { ...before, paidOn: input.paidOn };
    return { result: after, entity: "Subsidy", entityId: before.id, before: auditShape(before), after: auditShape(after) };
  },
});
