import "server-only";
/**
 * Reading 校外辅导站: the list (filters by town and e-reading room, this year's activity
 * count per station from ONE grouped query), one station with its progress towards 24,
 * recent activities, equipment and funding, the API shape, and the form's pickers.
 * Every query goes through scope.ts; a station or unit outside scope is NOT_FOUND.
 */
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "../db";
import type { Actor } from "../actor";
import { findUnitInScope, parseId, scope } from "../scope";
import { notFound } from "../errors";
import { assertCan } from "../permissions";
import { parseInput } from "../write";
import { listUnitsForPicker } from "../org/read-units";
import { currentYear, isoDay, yearRange } from "@/lib/schemas/dates";
import { ZStationFilters, type PurchaseItem, type TStationFilters } from "@/lib/schemas/station";

export const STATION_PAGE_SIZE = 50;

/** Pages and tests take this year from here too. */
export { currentYear };

/**
 * Activities per station in a year, for every station matching `stations`: one grouped
 * query (no per-station loop). Stations without activities are simply absent (→ 0).
 */
export async function stationYearCounts(actor: Actor, stations: Prisma.StationWhereInput, year: number): Promise<Map<string, number>> {
  const rows = await db().activity.groupBy({
    by: ["stationId"],
    where: { ...scope.activities(actor), date: yearRange(year), station: { ...scope.stations(actor), AND: [stations] } },
    _count: { _all: true },
  });
  return new Map(rows.map((r) => [r.stationId, r._count._all]));
}

// ── list ─────────────────────────────────────────────────────────────────────────────

export function parseStationFilters(raw: Record<string, string | undefined>): TStationFilters {
  return parseInput(ZStationFilters, raw);
}

const LIST_SELECT = {
  id: true,
  name: true,
  orgUnitId: true,
  address: true,
  pairedSchoolId: true,
  tutors: true,
  eReadingRoom: true,
  eReadingRoomUpToStandard: true,
  eReadingRoomCheckedOn: true,
  orgUnit: { select: { name: true, level: true } },
  pairedSchool: { select: { name: true } },
} satisfies Prisma.StationSelect;

async function stationWhere(actor: Actor, f: Pick<TStationFilters, "town" | "reading">): Promise<Prisma.StationWhereInput> {
  const and: Prisma.StationWhereInput[] = [];
  if (f.town) {
    const town = await findUnitInScope(db(), actor, f.town, { id: true });
    and.push({ orgUnit: { tenantId: actor.tenantId, path: { has: town.id } } });
  }
  if (f.reading === "none") and.push({ eReadingRoom: false });
  if (f.reading === "present") and.push({ eReadingRoom: true });
  if (f.reading === "standard") and.push({ eReadingRoomUpToStandard: true });
  if (f.reading === "substandard") and.push({ eReadingRoom: true, eReadingRoomUpToStandard: false });
  return { ...scope.stations(actor), active: true, AND: and };
}

/** One page of stations in tree order, each with this year's activity count. */
export async function listStations(actor: Actor, filters: TStationFilters, year = currentYear()) {
  assertCan(actor, "station.read");
  const where = await stationWhere(actor, filters);
  const [rows, total, upToStandard] = await Promise.all([
    db().station.findMany({
      where,
      orderBy: [{ orgUnit: { code: "asc" } }, { name: "asc" }, { id: "asc" }],
      skip: (filters.page - 1) * STATION_PAGE_SIZE,
      take: STATION_PAGE_SIZE,
      select: LIST_SELECT,
    }),
    db().station.count({ where }),
    db().station.count({ where: { ...where, eReadingRoomUpToStandard: true } }),
  ]);
  const counts = await stationYearCounts(actor, { id: { in: rows.map((r) => r.id) } }, year);
  return {
    items: rows.map((r) => ({ ...r, yearActivities: counts.get(r.id) ?? 0 })),
    total,
    upToStandard,
    pages: Math.max(1, Math.ceil(total / STATION_PAGE_SIZE)),
    year,
  };
}
export type StationListItem = Awaited<ReturnType<typeof listStations>>["items"][number];

/** API.md shape of a station (id, name, orgUnitId fixed; the rest added). */
export function stationJson(s: {
  id: string;
  name: string;
  orgUnitId: string;
  address: string | null;
  pairedSchoolId: string | null;
  tutors: string[];
  eReadingRoom: boolean;
  eReadingRoomUpToStandard: boolean;
  eReadingRoomCheckedOn: Date | null;
  yearActivities: number;
}) {
  return {
    id: s.id,
    name: s.name,
    orgUnitId: s.orgUnitId,
    address: s.address,
    pairedSchoolId: s.pairedSchoolId,
    tutors: s.tutors,
    eReadingRoom: s.eReadingRoom,
    eReadingRoomUpToStandard: s.eReadingRoomUpToStandard,
    eReadingRoomCheckedOn: isoDay(s.eReadingRoomCheckedOn),
    yearActivities: s.yearActivities,
  };
}

/** Every active station in the subtree of a unit in scope (API: no paging, ≤ a few hundred). */
export async function stationsOfSubtree(actor: Actor, unitId: unknown, year = currentYear()) {
  assertCan(actor, "station.read");
  const unit = await findUnitInScope(db(), actor, unitId, { id: true });
  const where: Prisma.StationWhereInput = {
    ...scope.stations(actor),
    active: true,
    AND: [{ orgUnit: { tenantId: actor.tenantId, path: { has: unit.id } } }],
  };
  const [rows, counts] = await Promise.all([
    db().station.findMany({ where, orderBy: [{ orgUnit: { code: "asc" } }, { name: "asc" }, { id: "asc" }], select: LIST_SELECT }),
    stationYearCounts(actor, { orgUnit: { tenantId: actor.tenantId, path: { has: unit.id } } }, year),
  ]);
  return rows.map((r) => ({ ...r, yearActivities: counts.get(r.id) ?? 0 }));
}

// ── one station ──────────────────────────────────────────────────────────────────────

/** A station in scope with this year's count, latest 10 activities, equipment and funding; else NOT_FOUND. */
export async function getStation(actor: Actor, id: unknown, year = currentYear()) {
  assertCan(actor, "station.read");
  const stationId = parseId(id);
  const s = await db().station.findFirst({
    where: { ...scope.stations(actor), id: stationId },
    select: { ...LIST_SELECT, active: true, updatedAt: true, orgUnit: { select: { name: true, level: true, parentId: true } } },
  });
  if (!s) throw notFound();
  const [counts, recent, equipment, funding, purchaseTotal] = await Promise.all([
    stationYearCounts(actor, { id: s.id }, year),
    db().activity.findMany({
      where: { ...scope.activities(actor), stationId: s.id },
      orderBy: [{ date: "desc" }, { createdAt: "desc" }],
      take: 10,
      select: { id: true, date: true, kind: true, title: true, youthParticipants: true },
    }),
    db().purchase.groupBy({
      by: ["item"],
      where: { ...scope.purchases(actor), stationId: s.id },
      _sum: { quantity: true, costFen: true },
      orderBy: { item: "asc" },
    }),
    db().funding.aggregate({ where: { ...scope.fundings(actor), stationId: s.id }, _sum: { amountFen: true }, _count: { _all: true } }),
    db().purchase.aggregate({ where: { ...scope.purchases(actor), stationId: s.id }, _sum: { costFen: true, quantity: true } }),
  ]);
  return {
    ...s,
    year,
    yearActivities: counts.get(s.id) ?? 0,
    recentActivities: recent,
    equipment: equipment.map((e) => ({ item: e.item as PurchaseItem, quantity: e._sum.quantity ?? 0, costFen: e._sum.costFen ?? 0n })),
    equipmentQuantity: purchaseTotal._sum.quantity ?? 0,
    equipmentCostFen: purchaseTotal._sum.costFen ?? 0n,
    fundingFen: funding._sum.amountFen ?? 0n,
    fundingCount: funding._count._all,
  };
}
export type StationDetail = Awaited<ReturnType<typeof getStation>>;

// ── pickers ──────────────────────────────────────────────────────────────────────────

/** Towns and villages in scope that may host a station, in tree order. */
export async function stationHostOptions(actor: Actor) {
  const units = (await listUnitsForPicker(actor)).filter((u) => u.level === "TOWN" || u.level === "VILLAGE");
  const base = units[0]?.depth ?? 0;
  return units.map((u) => ({ id: u.id, name: u.name, depth: Math.max(0, u.depth - base) }));
}

/** Stations in scope for pickers (funding, purchases), in tree order. */
export async function stationOptions(actor: Actor) {
  assertCan(actor, "station.read");
  const rows = await db().station.findMany({
    where: { ...scope.stations(actor), active: true },
    orderBy: [{ orgUnit: { code: "asc" } }, { name: "asc" }],
    select: { id: true, name: true },
  });
  return rows.map((r) => ({ id: r.id, name: r.name, depth: 0 }));
}

export async function schoolOptions(actor: Actor) {
  let townId: string | null = null;
  if (actor.orgUnitLevel === "VILLAGE") {
    const own = await findUnitInScope(db(), actor, actor.orgUnitId, { parentId: true });
    townId = own.parentId;
  }
  const rows = await db().orgUnit.findMany({
    where: scope.pairableSchools(actor, townId),
    orderBy: [{ sortOrder: "asc" }, { code: "asc" }],
    select: { id: true, name: true },
  });
  return rows.map((r) => ({ id: r.id, name: r.name, depth: 0 }));
}
