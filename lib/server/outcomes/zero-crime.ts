import "server-only";
/**
 * 零犯罪创建 (DOMAIN §4.5): each village (村/社区) reports, per year, how many of its young
 * people (青少年) broke the law and how many of them were minors; each school reports its
 * students. The unit's or town's admin enters it (one record per unit and year, changed
 * until confirmed); the district confirms one record or a whole year, which locks it:
 * then only the district may change it, giving a reason that goes into the audit entry.
 * Counts only — the schema drops every other field, and no name is ever stored.
 */
import type { Prisma } from "@/lib/generated/prisma/client";
import type { OrgLevel } from "@/lib/generated/prisma/enums";
import { db, type Tx } from "../db";
import type { Actor } from "../actor";
import { defineWrite } from "../write";
import { AppError, invalid, notFound, type FieldIssue } from "../errors";
import { findUnitInScope, scope } from "../scope";
import { assertCan, can } from "../permissions";
import { listTownsInScope } from "../org/read-units";
import {
  COUNT_FIELDS,
  COUNT_LABELS,
  FIELDS_OF_LEVEL,
  isReportingLevel,
  LOCKED_MESSAGE,
  outcomeOf,
  REPORTING_LEVELS,
  ZConfirmZeroCrime,
  ZConfirmZeroCrimeYear,
  ZReportZeroCrime,
  type ReportingLevel,
  type TReportZeroCrime,
  type TZeroCrimeFilters,
  type ZeroCrimeCounts,
  type ZeroCrimeOutcome,
} from "@/lib/schemas/zero-crime";
import { currentYear } from "@/lib/schemas/dates";

const RECORD_SELECT = {
  id: true,
  orgUnitId: true,
  year: true,
  youthOffenders: true,
  minorOffenders: true,
  studentOffenders: true,
  status: true,
  reportedAt: true,
  confirmedAt: true,
} as const;
export type ZeroCrimeRecordRow = Prisma.ZeroCrimeRecordGetPayload<{ select: typeof RECORD_SELECT }>;

/** A village or school in scope, or NOT_FOUND / a field issue naming what reports instead. */
async function reportingUnit(client: Tx, actor: Actor, orgUnitId: unknown) {
  const unit = await findUnitInScope(client, actor, orgUnitId, { id: true, name: true, level: true });
  if (!isReportingLevel(unit.level)) {
    throw invalid([{ path: "orgUnitId", message: "零犯罪创建由村（社区）和学校上报，请选择村（社区）或学校" }]);
  }
  return { ...unit, level: unit.level as ReportingLevel };
}

/** The record of a unit (already found in scope) for a year, or null. */
function findRecord(client: Tx, actor: Actor, orgUnitId: string, year: number) {
  return client.zeroCrimeRecord.findFirst({ where: { ...scope.zeroCrimeRecords(actor), orgUnitId, year }, select: RECORD_SELECT });
}

/** The counts a unit of this level gives: all of its own, none of the other kind's. */
function countsFor(level: ReportingLevel, input: TReportZeroCrime): ZeroCrimeCounts {
  const own = FIELDS_OF_LEVEL[level];
  const issues: FieldIssue[] = [];
  for (const f of COUNT_FIELDS) {
    const given = input[f] !== undefined;
    if (own.includes(f) && !given) issues.push({ path: f, message: `请填写${COUNT_LABELS[f]}，没有请填 0` });
    if (!own.includes(f) && given) {
      issues.push({
        path: f,
        message: level === "SCHOOL" ? "学校只填在校学生违法犯罪人数，不填青少年和未成年人数" : "村（社区）填青少年和未成年人数，不填在校学生人数",
      });
    }
  }
  if (issues.length > 0) throw invalid(issues);
  return {
    youthOffenders: level === "VILLAGE" ? input.youthOffenders! : null,
    minorOffenders: level === "VILLAGE" ? input.minorOffenders! : null,
    studentOffenders: level === "SCHOOL" ? input.studentOffenders! : null,
  };
}

const sameCounts = (a: ZeroCrimeCounts, b: ZeroCrimeCounts) => COUNT_FIELDS.every((f) => a[f] === b[f]);

/** A record's facts for the audit log and the API (API.md's fields): counts and status, nothing else. */
const factsOf = (r: ZeroCrimeRecordRow) => ({
  orgUnitId: r.orgUnitId,
  year: r.year,
  youthOffenders: r.youthOffenders,
  minorOffenders: r.minorOffenders,
  studentOffenders: r.studentOffenders,
  status: r.status,
});

/**
 * Reports (or corrects) a unit's counts for a year: created when new, changed while
 * REPORTED; a CONFIRMED record refuses the unit and town ("已由区关工委确认") and takes the
 * district's change only with a reason. `created` tells the API 201 from 200.
 */
export const reportZeroCrime = defineWrite({
  action: "zero_crime.report",
  permission: "zerocrime.report",
  input: ZReportZeroCrime,
  conflictMessage: "该单位当年的记录刚被他人上报，请刷新后重试",
  async run({ tx, actor, input }) {
    const unit = await reportingUnit(tx, actor, input.orgUnitId);
    const counts = countsFor(unit.level, input);
    const before = await findRecord(tx, actor, unit.id, input.year);
    const amending = before?.status === "CONFIRMED";
    if (amending && !can(actor, "zerocrime.confirm")) throw new AppError("FORBIDDEN", LOCKED_MESSAGE);
    if (amending && !input.reason) {
      throw invalid([{ path: "reason", message: "该记录已确认，修改须填写修改原因" }], "该记录已确认，修改须填写修改原因");
    }
    if (before && sameCounts(before, counts)) return { result: { record: before, created: false }, unchanged: true };

    if (!before) {
      const row = await tx.zeroCrimeRecord.create({
        data: { tenantId: actor.tenantId, orgUnitId: unit.id, year: input.year, ...counts },
        select: RECORD_SELECT,
      });
      return { result: { record: row, created: true }, entity: "ZeroCrimeRecord", entityId: row.id, after: factsOf(row) };
    }
    // Only from the status read above: a confirmation in between makes this a conflict, not a silent change.
    const reportedAt = amending ? before.reportedAt : new Date();
    const { count } = await tx.zeroCrimeRecord.updateMany({
      where: { ...scope.zeroCrimeRecords(actor), id: before.id, status: before.status },
      data: { ...counts, reportedAt },
    });
    if (count !== 1) throw new AppError("CONFLICT", "该记录刚被他人修改或确认，请刷新后重试");
    const row = { ...before, ...counts, reportedAt };
    return {
      result: { record: row, created: false },
      entity: "ZeroCrimeRecord",
      entityId: row.id,
      before: factsOf(before),
      after: { ...factsOf(row), ...(amending ? { reason: input.reason } : {}) },
    };
  },
});

/** REPORTED → CONFIRMED for one unit's year: then locked for the unit and the town. */
export const confirmZeroCrime = defineWrite({
  action: "zero_crime.confirm",
  permission: "zerocrime.confirm",
  input: ZConfirmZeroCrime,
  async run({ tx, actor, input }) {
    const unit = await reportingUnit(tx, actor, input.orgUnitId);
    const before = await findRecord(tx, actor, unit.id, input.year);
    if (!before) throw new AppError("CONFLICT", `${unit.name}还没有上报 ${input.year} 年的情况，不能确认`);
    if (before.status === "CONFIRMED") throw new AppError("CONFLICT", `${unit.name} ${input.year} 年的记录已经确认`);
    const confirmedAt = new Date();
    const { count } = await tx.zeroCrimeRecord.updateMany({
      where: { ...scope.zeroCrimeRecords(actor), id: before.id, status: "REPORTED" },
      data: { status: "CONFIRMED", confirmedAt },
    });
    if (count !== 1) throw new AppError("CONFLICT", "该记录刚被他人修改或确认，请刷新后重试");
    const row = { ...before, status: "CONFIRMED" as const, confirmedAt };
    return { result: row, entity: "ZeroCrimeRecord", entityId: row.id, before: factsOf(before), after: factsOf(row) };
  },
});

/** Confirms every REPORTED record of a year in the actor's scope (or one town of it), in one statement and one audit entry. */
export const confirmZeroCrimeYear = defineWrite({
  action: "zero_crime.confirm_year",
  permission: "zerocrime.confirm",
  input: ZConfirmZeroCrimeYear,
  async run({ tx, actor, input }) {
    const within = input.orgUnitId ? await findUnitInScope(tx, actor, input.orgUnitId, { id: true }) : null;
    const confirmed = await tx.zeroCrimeRecord.updateManyAndReturn({
      where: {
        ...scope.zeroCrimeRecords(actor),
        year: input.year,
        status: "REPORTED",
        ...(within ? { AND: [{ orgUnit: { path: { has: within.id } } }] } : {}),
      },
      data: { status: "CONFIRMED", confirmedAt: new Date() },
      select: { id: true },
    });
    if (confirmed.length === 0) throw new AppError("CONFLICT", `${input.year} 年没有待确认的记录`);
    const result = { year: input.year, confirmed: confirmed.length };
    return {
      result,
      entity: "ZeroCrimeYear",
      entityId: String(input.year),
      after: { ...result, orgUnitId: within?.id ?? actor.orgUnitId, ids: confirmed.map((r) => r.id) },
    };
  },
});

// ── reads ────────────────────────────────────────────────────────────────────────────

/** What a viewer may do with a record: report, nothing (read-only role or locked), or change with a reason. */
export type ZeroCrimeMode = "open" | "locked" | "amend" | "readonly";

export function zeroCrimeMode(actor: Actor, record: { status: string } | null): ZeroCrimeMode {
  if (!can(actor, "zerocrime.report")) return "readonly";
  if (record?.status !== "CONFIRMED") return "open";
  return can(actor, "zerocrime.confirm") ? "amend" : "locked";
}

/** Villages and schools that report: the active ones, and any with a record of the year. */
const reportingUnits = (year: number) =>
  ({ level: { in: [...REPORTING_LEVELS] }, OR: [{ active: true }, { zeroCrimeRecords: { some: { year } } }] }) satisfies Prisma.OrgUnitWhereInput;

/** The first and last year with records in scope (for the year selector and its default). */
export async function zeroCrimeYearSpan(actor: Actor): Promise<{ first: number | null; last: number | null }> {
  assertCan(actor, "outcome.read");
  const agg = await db().zeroCrimeRecord.aggregate({ where: scope.zeroCrimeRecords(actor), _min: { year: true }, _max: { year: true } });
  return { first: agg._min.year, last: agg._max.year };
}

/** Active villages and schools in scope without a record of the year: how many, and the first `take` names (by code). */
export async function unreportedUnits(actor: Actor, year: number, take = 3): Promise<{ count: number; names: string[] }> {
  const where = {
    ...scope.orgUnits(actor),
    active: true,
    level: { in: [...REPORTING_LEVELS] },
    zeroCrimeRecords: { none: { year } },
  } satisfies Prisma.OrgUnitWhereInput;
  const [count, first] = await Promise.all([
    db().orgUnit.count({ where }),
    db().orgUnit.findMany({ where, orderBy: { code: "asc" }, take, select: { name: true } }),
  ]);
  return { count, names: first.map((u) => u.name) };
}

export interface ZeroCrimeRow {
  id: string;
  name: string;
  level: ReportingLevel;
  outcome: ZeroCrimeOutcome;
  record: ZeroCrimeRecordRow | null;
}

export interface ZeroCrimeSummary {
  villages: number;
  villagesReported: number;
  villagesZeroYouth: number;
  villagesZeroMinors: number;
  schools: number;
  schoolsReported: number;
  schoolsZeroStudents: number;
  unreported: number;
  /** Reported, not yet confirmed (what 确认全部 would confirm). */
  pending: number;
}

/**
 * A year in the actor's scope (optionally one town): the summary (as the dashboard's
 * rates count it: zero over reported) and every village and school grouped by town,
 * with the status filter applied to the rows only. Two queries, whatever the size.
 */
export async function zeroCrimeYearView(actor: Actor, year: number, filter: TZeroCrimeFilters = {}) {
  assertCan(actor, "outcome.read");
  const towns = await listTownsInScope(actor);
  const town = towns.find((t) => t.id === filter.town);
  const inTown = town ? { AND: [{ orgUnit: { path: { has: town.id } } }] } : {};
  const [units, records] = await Promise.all([
    db().orgUnit.findMany({
      where: { ...scope.orgUnits(actor), ...reportingUnits(year), ...(town ? { AND: [{ path: { has: town.id } }] } : {}) },
      orderBy: [{ parent: { sortOrder: "asc" } }, { parent: { code: "asc" } }, { level: "asc" }, { code: "asc" }],
      select: { id: true, name: true, level: true, parent: { select: { id: true, name: true, level: true } } },
    }),
    db().zeroCrimeRecord.findMany({ where: { ...scope.zeroCrimeRecords(actor), year, ...inTown }, select: RECORD_SELECT }),
  ]);
  const byUnit = new Map(records.map((r) => [r.orgUnitId, r]));
  const summary: ZeroCrimeSummary = {
    villages: 0,
    villagesReported: 0,
    villagesZeroYouth: 0,
    villagesZeroMinors: 0,
    schools: 0,
    schoolsReported: 0,
    schoolsZeroStudents: 0,
    unreported: 0,
    pending: 0,
  };
  const groups = new Map<string, { id: string; name: string; direct: boolean; rows: ZeroCrimeRow[] }>();
  for (const u of units) {
    const level = u.level as ReportingLevel;
    const record = byUnit.get(u.id) ?? null;
    const outcome = outcomeOf(level, record);
    tally(summary, level, record, outcome);
    if (!matches(filter.status, outcome, record)) continue;
    const parent = u.parent ?? { id: "", name: "", level: "DISTRICT" as OrgLevel };
    let group = groups.get(parent.id);
    if (!group) {
      // A school right under the district is no town's: its group says so.
      group = { id: parent.id, name: parent.level === "TOWN" ? parent.name : `${parent.name}直属`, direct: parent.level !== "TOWN", rows: [] };
      groups.set(parent.id, group);
    }
    group.rows.push({ id: u.id, name: u.name, level, outcome, record });
  }
  // Towns in the tree's order; units right under the district last.
  return { year, towns, town: town?.id, summary, groups: [...groups.values()].sort((a, b) => Number(a.direct) - Number(b.direct)) };
}

function tally(s: ZeroCrimeSummary, level: ReportingLevel, record: ZeroCrimeRecordRow | null, outcome: ZeroCrimeOutcome) {
  if (outcome === "unreported") s.unreported++;
  if (record?.status === "REPORTED") s.pending++;
  if (level === "VILLAGE") {
    s.villages++;
    if (record?.youthOffenders != null) s.villagesReported++;
    if (record?.youthOffenders === 0) s.villagesZeroYouth++;
    if (record?.minorOffenders === 0) s.villagesZeroMinors++;
  } else {
    s.schools++;
    if (record?.studentOffenders != null) s.schoolsReported++;
    if (record?.studentOffenders === 0) s.schoolsZeroStudents++;
  }
}

function matches(status: TZeroCrimeFilters["status"], outcome: ZeroCrimeOutcome, record: ZeroCrimeRecordRow | null): boolean {
  if (!status) return true;
  if (status === "pending") return record?.status === "REPORTED";
  if (status === "confirmed") return record?.status === "CONFIRMED";
  return outcome === status;
}

/** One unit's year for the report form: the unit, its record (if any) and what the viewer may do. */
export async function zeroCrimeForm(actor: Actor, unitId: unknown, year: number) {
  assertCan(actor, "outcome.read");
  const unit = await findUnitInScope(db(), actor, unitId, { id: true, name: true, level: true, parent: { select: { name: true } } });
  if (!isReportingLevel(unit.level)) throw notFound();
  const record = await findRecord(db(), actor, unit.id, year);
  return {
    unit: { id: unit.id, name: unit.name, level: unit.level as ReportingLevel, parent: unit.parent?.name ?? "" },
    year,
    record,
    outcome: outcomeOf(unit.level as ReportingLevel, record),
    mode: zeroCrimeMode(actor, record),
    canConfirm: can(actor, "zerocrime.confirm") && record?.status === "REPORTED",
  };
}

/** A village's or school's latest reported year, for its unit page; null for other levels or roles without 成效 access. */
export async function zeroCrimeForUnit(actor: Actor, unitId: unknown) {
  if (!can(actor, "outcome.read")) return null;
  const unit = await findUnitInScope(db(), actor, unitId, { id: true, level: true });
  if (!isReportingLevel(unit.level)) return null;
  const latest = await db().zeroCrimeRecord.findFirst({
    where: { ...scope.zeroCrimeRecords(actor), orgUnitId: unit.id },
    orderBy: { year: "desc" },
    select: RECORD_SELECT,
  });
  const level = unit.level as ReportingLevel;
  return { unitId: unit.id, level, latest, outcome: outcomeOf(level, latest), canReport: can(actor, "zerocrime.report"), thisYear: currentYear() };
}

/** Records of a unit's whole subtree, one year or all, for the API. */
export async function listZeroCrimeRecords(actor: Actor, q: { orgUnit?: string; year?: number }) {
  assertCan(actor, "outcome.read");
  const unit = await findUnitInScope(db(), actor, q.orgUnit ?? actor.orgUnitId, { id: true });
  return db().zeroCrimeRecord.findMany({
    where: {
      ...scope.zeroCrimeRecords(actor),
      ...(q.year !== undefined ? { year: q.year } : {}),
      AND: [{ orgUnit: { path: { has: unit.id } } }],
    },
    orderBy: [{ year: "desc" }, { orgUnit: { code: "asc" } }],
    select: RECORD_SELECT,
  });
}

/** The API's shape (API.md fields first). */
export function zeroCrimeJson(r: ZeroCrimeRecordRow) {
  return {
    ...factsOf(r),
    id: r.id,
    reportedAt: r.reportedAt.toISOString(),
    confirmedAt: r.confirmedAt?.toISOString() ?? null,
  };
}
