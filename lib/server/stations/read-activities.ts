import "server-only";
/**
 * Reading station activities: the filtered list (station, town subtree, kind, period)
 * with keyset paging over (date desc, id desc), the month calendar (one grouped query),
 * a station's count for a year (the "n/24"), and what the phone form offers. Every
 * query goes through scope.ts; a station or unit outside scope is NOT_FOUND.
 */
import type { Prisma } from "@/lib/generated/prisma/client";
import { db, type Tx } from "../db";
import type { Actor } from "../actor";
import { findUnitInScope, parseId, scope } from "../scope";
import { invalid, notFound } from "../errors";
import { assertCan } from "../permissions";
import { parseInput } from "../write";
import { dayDate, isoDay, yearRange } from "@/lib/schemas/dates";
import { decodeDayCursor, encodeDayCursor } from "../cursor";
import { ZActivityFilters, ZMonth, type ActivityKind, type TActivityFilters } from "@/lib/schemas/activity";

export const ACTIVITY_PAGE_SIZE = 50;

// ── shapes ───────────────────────────────────────────────────────────────────────────

export const ACTIVITY_SELECT = {
  id: true,
  stationId: true,
  orgUnitId: true,
  date: true,
  kind: true,
  title: true,
  youthParticipants: true,
  notes: true,
  createdById: true,
  createdAt: true,
  volunteers: { select: { volunteerId: true }, orderBy: { volunteerId: "asc" } },
} satisfies Prisma.ActivitySelect;
export type ActivityRow = Prisma.ActivityGetPayload<{ select: typeof ACTIVITY_SELECT }>;

/** API.md shape of an activity: the date as YYYY-MM-DD, volunteers as ids. */
export function activityJson(a: ActivityRow) {
  return {
    id: a.id,
    stationId: a.stationId,
    orgUnitId: a.orgUnitId,
    date: isoDay(a.date)!,
    kind: a.kind,
    title: a.title,
    youthParticipants: a.youthParticipants,
    volunteerIds: a.volunteers.map((v) => v.volunteerId),
    notes: a.notes,
  };
}
export type ActivityJson = ReturnType<typeof activityJson>;

/** An activity in the actor's scope, or null (never an unscoped lookup). */
export function findActivityInScope(client: Tx, actor: Actor, id: string) {
  return client.activity.findFirst({ where: { ...scope.activities(actor), id }, select: ACTIVITY_SELECT });
}

// ── keyset cursor ────────────────────────────────────────────────────────────────────

// The shared day cursor (cursor.ts), under the names the activity tests know.
export { decodeDayCursor as decodeActivityCursor, encodeDayCursor as encodeActivityCursor };

// ── list ─────────────────────────────────────────────────────────────────────────────

export function parseActivityFilters(raw: Record<string, string | undefined>): TActivityFilters {
  return parseInput(ZActivityFilters, raw);
}

/** The where-clause of the filters (period and cursor aside), always inside the actor's scope. */
async function filterWhere(actor: Actor, f: Omit<TActivityFilters, "from" | "to" | "cursor">): Promise<Prisma.ActivityWhereInput[]> {
  const and: Prisma.ActivityWhereInput[] = [scope.activities(actor)];
  if (f.station) {
    const station = await db().station.findFirst({ where: { ...scope.stations(actor), id: parseId(f.station) }, select: { id: true } });
    if (!station) throw notFound();
    and.push({ stationId: station.id });
  }
  if (f.town) {
    const unit = await findUnitInScope(db(), actor, f.town, { id: true });
    and.push({ orgUnit: { tenantId: actor.tenantId, path: { has: unit.id } } });
  }
  if (f.kind) and.push({ kind: f.kind });
  return and;
}

export interface ActivityListItem extends ActivityJson {
  stationName: string;
  orgUnitName: string;
  createdById: string | null;
  createdAt: Date;
}

/**
 * One page of activities, latest first. `nextCursor` is null on the last page. Keyset
 * paging: (date, id) < cursor, served by Activity(tenantId, date) and its peers.
 */
export async function listActivities(
  actor: Actor,
  filters: TActivityFilters,
  opts: { pageSize?: number } = {},
): Promise<{ items: ActivityListItem[]; nextCursor: string | null }> {
  assertCan(actor, "station.read");
  const take = opts.pageSize ?? ACTIVITY_PAGE_SIZE;
  const and = await filterWhere(actor, filters);
  if (filters.from) and.push({ date: { gte: dayDate(filters.from) } });
  if (filters.to) and.push({ date: { lte: dayDate(filters.to) } });
  if (filters.cursor) {
    const c = decodeDayCursor(filters.cursor);
    if (!c) throw invalid([{ path: "cursor", message: "翻页参数无效，请回到第一页重新浏览" }]);
    // The redundant `lte` bounds the index scan, so a late page starts where the last one ended.
    and.push({ date: { lte: dayDate(c.date) } }, { OR: [{ date: { lt: dayDate(c.date) } }, { date: dayDate(c.date), id: { lt: c.id } }] });
  }
  const rows = await db().activity.findMany({
    where: { AND: and },
    orderBy: [{ date: "desc" }, { id: "desc" }],
    take: take + 1,
    select: { ...ACTIVITY_SELECT, station: { select: { name: true } }, orgUnit: { select: { name: true } } },
  });
  const page = rows.slice(0, take);
  const last = page.at(-1);
  return {
    items: page.map((a) => ({
      ...activityJson(a),
      stationName: a.station.name,
      orgUnitName: a.orgUnit.name,
      createdById: a.createdById,
      createdAt: a.createdAt,
    })),
    nextCursor: rows.length > take && last ? encodeDayCursor({ date: isoDay(last.date)!, id: last.id }) : null,
  };
}

/** Sessions and participant-times matching the filters (the list header), one aggregate. */
export async function activityTotals(actor: Actor, filters: TActivityFilters) {
  assertCan(actor, "station.read");
  const and = await filterWhere(actor, filters);
  if (filters.from) and.push({ date: { gte: dayDate(filters.from) } });
  if (filters.to) and.push({ date: { lte: dayDate(filters.to) } });
  const r = await db().activity.aggregate({ where: { AND: and }, _count: { _all: true }, _sum: { youthParticipants: true } });
  return { sessions: r._count._all, participants: r._sum.youthParticipants ?? 0 };
}

// ── one activity ─────────────────────────────────────────────────────────────────────

/** An activity in scope with its station and volunteers' names; else NOT_FOUND. */
export async function getActivity(actor: Actor, id: unknown) {
  assertCan(actor, "station.read");
  const a = await db().activity.findFirst({
    where: { ...scope.activities(actor), id: parseId(id) },
    select: {
      ...ACTIVITY_SELECT,
      updatedAt: true,
      station: { select: { name: true, orgUnitId: true } },
      createdBy: { select: { displayName: true } },
    },
  });
  if (!a) throw notFound();
  const volunteers = await db().volunteer.findMany({
    where: { ...scope.volunteers(actor), id: { in: a.volunteers.map((v) => v.volunteerId) } },
    select: { id: true, person: { select: { name: true } } },
  });
  return {
    ...activityJson(a),
    stationName: a.station.name,
    createdById: a.createdById,
    createdByName: a.createdBy?.displayName ?? null,
    createdAt: a.createdAt,
    updatedAt: a.updatedAt,
    volunteerNames: volunteers.map((v) => v.person.name),
  };
}
export type ActivityDetail = Awaited<ReturnType<typeof getActivity>>;

// ── calendar and yearly count ────────────────────────────────────────────────────────

export interface CalendarDay {
  date: string;
  sessions: number;
  participants: number;
}

/** Sessions and participants per day of a month ("2019-07"), filtered like the list: one grouped query. */
export async function activityCalendar(
  actor: Actor,
  month: string,
  filters: { station?: string; town?: string; kind?: ActivityKind } = {},
): Promise<CalendarDay[]> {
  assertCan(actor, "station.read");
  const m = parseInput(ZMonth, month);
  const start = dayDate(`${m}-01`);
  const end = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1));
  const and = await filterWhere(actor, filters);
  and.push({ date: { gte: start, lt: end } });
  const groups = await db().activity.groupBy({
    by: ["date"],
    where: { AND: and },
    _count: { _all: true },
    _sum: { youthParticipants: true },
    orderBy: { date: "asc" },
  });
  return groups.map((g) => ({ date: isoDay(g.date)!, sessions: g._count._all, participants: g._sum.youthParticipants ?? 0 }));
}

/** How many activities a station in scope held in a calendar year (for "n / 24"); NOT_FOUND outside scope. */
export async function stationYearCount(actor: Actor, stationId: unknown, year: number): Promise<number> {
  assertCan(actor, "station.read");
  const station = await db().station.findFirst({ where: { ...scope.stations(actor), id: parseId(stationId) }, select: { id: true } });
  if (!station) throw notFound();
  return db().activity.count({
    where: {
      ...scope.activities(actor),
      stationId: station.id,
      date: yearRange(year),
    },
  });
}

// ── what the form offers ─────────────────────────────────────────────────────────────

export interface StationOption {
  id: string;
  name: string;
  orgUnitId: string;
  orgUnitName: string;
}

/** Active stations the actor may log for, in code order (a coordinator: their own). */
export async function stationOptions(actor: Actor): Promise<StationOption[]> {
  assertCan(actor, "station.read");
  const rows = await db().station.findMany({
    where: { ...scope.stations(actor), active: true },
    orderBy: [{ orgUnit: { depth: "asc" } }, { orgUnit: { code: "asc" } }, { name: "asc" }],
    select: { id: true, name: true, orgUnitId: true, orgUnit: { select: { name: true } } },
  });
  return rows.map((s) => ({ id: s.id, name: s.name, orgUnitId: s.orgUnitId, orgUnitName: s.orgUnit.name }));
}

/** Volunteers of a station's host unit who may lead an activity (active ones, plus any already chosen). */
export async function volunteerOptionsForStation(actor: Actor, stationId: string, alsoIds: string[] = []) {
  const station = await db().station.findFirst({ where: { ...scope.stations(actor), id: parseId(stationId) }, select: { orgUnitId: true } });
  if (!station) throw notFound();
  const rows = await db().volunteer.findMany({
    where: {
      ...scope.volunteers(actor),
      OR: [{ orgUnitId: station.orgUnitId, status: "ACTIVE" }, { id: { in: alsoIds } }],
    },
    orderBy: [{ person: { name: "asc" } }, { id: "asc" }],
    take: 200,
    select: { id: true, trainedOn: true, person: { select: { name: true } } },
  });
  return rows.map((v) => ({ id: v.id, name: v.person.name, trained: v.trainedOn !== null }));
}
export type VolunteerOption = Awaited<ReturnType<typeof volunteerOptionsForStation>>[number];

/** Towns and villages in scope, for the list's "单位" filter. */
export async function activityUnitOptions(actor: Actor) {
  const units = await db().orgUnit.findMany({
    where: { ...scope.orgUnits(actor), level: { in: ["TOWN", "VILLAGE"] }, active: true },
    orderBy: [{ depth: "asc" }, { sortOrder: "asc" }, { code: "asc" }],
    select: { id: true, name: true, level: true, parentId: true, depth: true },
  });
  // Towns, each followed by its villages.
  const towns = units.filter((u) => u.level === "TOWN");
  const out: { id: string; name: string; depth: number }[] = [];
  for (const t of towns) {
    out.push({ id: t.id, name: t.name, depth: 0 });
    for (const v of units) if (v.parentId === t.id) out.push({ id: v.id, name: v.name, depth: 1 });
  }
  if (towns.length === 0) for (const v of units) out.push({ id: v.id, name: v.name, depth: 0 });
  return out;
}
