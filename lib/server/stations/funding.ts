import "server-only";
/**
 * Money raised (筹集资金, in fen) and equipment bought (购置设备) for stations, and their
 * totals by station, by town and for a period — every total is a SQL aggregate
 * (aggregate / groupBy); JS only rolls the grouped rows of villages up into their towns.
 */
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "../db";
import type { Actor } from "../actor";
import { defineWrite, parseInput } from "../write";
import { invalid, notFound } from "../errors";
import { findUnitInScope, scope } from "../scope";
import { assertCan } from "../permissions";
import { unitsWithTowns } from "../org/read-units";
import type { Tx } from "../db";
import { ZCreateFunding, ZCreatePurchase, ZMoneyFilters, type PurchaseItem, type TMoneyFilters } from "@/lib/schemas/station";

/** A station in scope and active, else NOT_FOUND / a field error. */
async function stationInScope(tx: Tx, actor: Actor, id: string) {
  const s = await tx.station.findFirst({ where: { ...scope.stations(actor), id }, select: { id: true, orgUnitId: true, active: true } });
  if (!s) throw notFound();
  if (!s.active) throw invalid([{ path: "stationId", message: "该辅导站已停用" }]);
  return s;
}

const FUNDING_SELECT = { id: true, orgUnitId: true, stationId: true, amountFen: true, source: true, receivedOn: true, note: true } as const;
const PURCHASE_SELECT = { id: true, orgUnitId: true, stationId: true, item: true, itemName: true, quantity: true, costFen: true, purchasedOn: true } as const;

export const createFunding = defineWrite({
  action: "funding.create",
  permission: "station.write",
  input: ZCreateFunding,
  async run({ tx, actor, input }) {
    let orgUnitId: string;
    let stationId: string | null = null;
    if (input.stationId) {
      // Money for a station is kept with its host unit, whatever unit the form also named.
      const s = await stationInScope(tx, actor, input.stationId);
      orgUnitId = s.orgUnitId;
      stationId = s.id;
    } else {
      const unit = await findUnitInScope(tx, actor, input.orgUnitId, { id: true, level: true });
      if (unit.level === "SCHOOL" || unit.level === "CITY") {
        throw invalid([{ path: "orgUnitId", message: "筹资单位须为区、镇（街道）或村（社区）" }]);
      }
      orgUnitId = unit.id;
    }
    const row = await tx.funding.create({
      data: {
        tenantId: actor.tenantId,
        orgUnitId,
        stationId,
        amountFen: input.amount,
        source: input.source,
        receivedOn: input.receivedOn,
        note: input.note ?? null,
      },
      select: FUNDING_SELECT,
    });
    return { result: row, entity: "Funding", entityId: row.id, after: row };
  },
});

export const createPurchase = defineWrite({
  action: "purchase.create",
  permission: "station.write",
  input: ZCreatePurchase,
  async run({ tx, actor, input }) {
    const s = await stationInScope(tx, actor, input.stationId);
    const row = await tx.purchase.create({
      data: {
        tenantId: actor.tenantId,
        orgUnitId: s.orgUnitId,
        stationId: s.id,
        item: input.item,
        itemName: input.itemName ?? null,
        quantity: input.quantity,
        costFen: input.cost,
        purchasedOn: input.purchasedOn,
      },
      select: PURCHASE_SELECT,
    });
    return { result: row, entity: "Purchase", entityId: row.id, after: row };
  },
});

// ── totals ───────────────────────────────────────────────────────────────────────────

export function parseMoneyFilters(raw: Record<string, string | undefined>): TMoneyFilters {
  return parseInput(ZMoneyFilters, raw);
}

const dayRange = (f: TMoneyFilters) =>
  f.from || f.to ? { ...(f.from ? { gte: f.from } : {}), ...(f.to ? { lte: f.to } : {}) } : undefined;

export interface ItemTotal {
  item: PurchaseItem;
  quantity: number;
  costFen: bigint;
}
export interface MoneyRow {
  id: string;
  name: string;
  fundingFen: bigint;
  purchaseFen: bigint;
  items: Partial<Record<PurchaseItem, number>>;
}

/**
 * Funding and purchases in scope (optionally one town's subtree, optionally a period):
 * grand totals, purchases by item, and rows by town and by station.
 */
export async function moneyTotals(actor: Actor, filters: TMoneyFilters) {
  assertCan(actor, "station.read");
  const town = filters.town ? await findUnitInScope(db(), actor, filters.town, { id: true, name: true }) : null;
  const under: Prisma.OrgUnitWhereInput | undefined = town ? { tenantId: actor.tenantId, path: { has: town.id } } : undefined;
  const range = dayRange(filters);
  const fWhere: Prisma.FundingWhereInput = { ...scope.fundings(actor), ...(range ? { receivedOn: range } : {}), ...(under ? { AND: [{ orgUnit: under }] } : {}) };
  const pWhere: Prisma.PurchaseWhereInput = { ...scope.purchases(actor), ...(range ? { purchasedOn: range } : {}), ...(under ? { AND: [{ orgUnit: under }] } : {}) };

  const [fSum, pSum, byItem, fByUnit, pByUnit, fByStation, pByStationItem] = await Promise.all([
    db().funding.aggregate({ where: fWhere, _sum: { amountFen: true }, _count: { _all: true } }),
    db().purchase.aggregate({ where: pWhere, _sum: { costFen: true, quantity: true }, _count: { _all: true } }),
    db().purchase.groupBy({ by: ["item"], where: pWhere, _sum: { quantity: true, costFen: true }, orderBy: { item: "asc" } }),
    db().funding.groupBy({ by: ["orgUnitId"], where: fWhere, _sum: { amountFen: true } }),
    db().purchase.groupBy({ by: ["orgUnitId", "item"], where: pWhere, _sum: { quantity: true, costFen: true } }),
    db().funding.groupBy({ by: ["stationId"], where: { ...fWhere, stationId: { not: null } }, _sum: { amountFen: true } }),
    db().purchase.groupBy({ by: ["stationId", "item"], where: pWhere, _sum: { quantity: true, costFen: true } }),
  ]);

  const unitIds = [...new Set([...fByUnit.map((r) => r.orgUnitId), ...pByUnit.map((r) => r.orgUnitId)])];
  const stationIds = [...new Set([...fByStation.map((r) => r.stationId!), ...pByStationItem.map((r) => r.stationId)])];
  const [units, stations] = await Promise.all([
    unitsWithTowns(actor, unitIds),
    db().station.findMany({
      where: { ...scope.stations(actor), id: { in: stationIds } },
      select: { id: true, name: true, orgUnit: { select: { name: true, level: true, code: true } } },
    }),
  ]);
  // The town a unit belongs to; district-level money has its own row.
  const townOf = (unitId: string) => {
    const u = units.unit(unitId);
    if (!u) return { id: unitId, name: "—", code: "" };
    return units.townOf(unitId) ?? { id: u.id, name: `${u.name}（区级）`, code: "" };
  };

  const byTown = new Map<string, MoneyRow & { code: string }>();
  const townRow = (unitId: string) => {
    const t = townOf(unitId);
    let row = byTown.get(t.id);
    if (!row) byTown.set(t.id, (row = { id: t.id, name: t.name, code: t.code, fundingFen: 0n, purchaseFen: 0n, items: {} }));
    return row;
  };
  for (const r of fByUnit) townRow(r.orgUnitId).fundingFen += r._sum.amountFen ?? 0n;
  for (const r of pByUnit) {
    const row = townRow(r.orgUnitId);
    row.purchaseFen += r._sum.costFen ?? 0n;
    row.items[r.item] = (row.items[r.item] ?? 0) + (r._sum.quantity ?? 0);
  }

  const stationById = new Map(stations.map((s) => [s.id, s]));
  const byStation = new Map<string, MoneyRow & { code: string; level: string; hostName: string }>();
  const stationRow = (id: string) => {
    let row = byStation.get(id);
    const s = stationById.get(id);
    if (!row) {
      byStation.set(
        id,
        (row = { id, name: s?.name ?? "—", hostName: s?.orgUnit.name ?? "", code: s?.orgUnit.code ?? "", level: s?.orgUnit.level ?? "", fundingFen: 0n, purchaseFen: 0n, items: {} }),
      );
    }
    return row;
  };
  for (const r of fByStation) stationRow(r.stationId!).fundingFen += r._sum.amountFen ?? 0n;
  for (const r of pByStationItem) {
    const row = stationRow(r.stationId);
    row.purchaseFen += r._sum.costFen ?? 0n;
    row.items[r.item] = (row.items[r.item] ?? 0) + (r._sum.quantity ?? 0);
  }
  const byCode = (a: { code: string; name: string }, b: { code: string; name: string }) => a.code.localeCompare(b.code) || a.name.localeCompare(b.name);
  const stationRows = [...byStation.values()].sort(byCode);

  return {
    town,
    fundingFen: fSum._sum.amountFen ?? 0n,
    fundingCount: fSum._count._all,
    purchaseFen: pSum._sum.costFen ?? 0n,
    purchaseCount: pSum._count._all,
    items: byItem.map((r): ItemTotal => ({ item: r.item as PurchaseItem, quantity: r._sum.quantity ?? 0, costFen: r._sum.costFen ?? 0n })),
    byTown: [...byTown.values()].sort(byCode),
    byStation: stationRows,
    /** Stations that received equipment, by host level ("9 个镇、36 个村" in the source). */
    equippedStations: {
      town: stationRows.filter((s) => s.level === "TOWN" && Object.keys(s.items).length > 0).length,
      village: stationRows.filter((s) => s.level === "VILLAGE" && Object.keys(s.items).length > 0).length,
    },
  };
}
export type MoneyTotals = Awaited<ReturnType<typeof moneyTotals>>;

/** The latest records (newest first) for the funding page. */
export async function recentMoneyRecords(actor: Actor, take = 20) {
  assertCan(actor, "station.read");
  const [fundings, purchases] = await Promise.all([
    db().funding.findMany({
      where: scope.fundings(actor),
      orderBy: [{ receivedOn: "desc" }, { createdAt: "desc" }],
      take,
      select: { ...FUNDING_SELECT, orgUnit: { select: { name: true } }, station: { select: { name: true } } },
    }),
    db().purchase.findMany({
      where: scope.purchases(actor),
      orderBy: [{ purchasedOn: "desc" }, { createdAt: "desc" }],
      take,
      select: { ...PURCHASE_SELECT, station: { select: { name: true } } },
    }),
  ]);
  return { fundings, purchases };
}
