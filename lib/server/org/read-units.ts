import "server-only";
import { db } from "../db";
import type { Actor } from "../actor";
import { findUnitInScope, parseId, scope } from "../scope";
import type { OrgLevel } from "@/lib/generated/prisma/enums";

export const UNIT_SELECT = {
  id: true,
  name: true,
  level: true,
  kind: true,
  code: true,
  parentId: true,
  path: true,
  committeeEstablishedOn: true,
  active: true,
  isDemo: true,
} as const;

export interface UnitSummary {
  id: string;
  name: string;
  level: OrgLevel;
  kind: string;
  code: string;
  parentId: string | null;
}

/** API.md shape of a unit. */
export function unitJson(u: UnitSummary) {
  return { id: u.id, name: u.name, level: u.level, kind: u.kind, code: u.code, parentId: u.parentId };
}

export function getUnit(actor: Actor, id: unknown) {
  return findUnitInScope(db(), actor, id, UNIT_SELECT);
}

/** Children of a unit in scope, in display order; NOT_FOUND when the parent is outside scope. */
export async function listChildren(actor: Actor, parentId: unknown) {
  const parent = await findUnitInScope(db(), actor, parentId, { id: true });
  return db().orgUnit.findMany({
    where: { ...scope.orgUnits(actor), parentId: parent.id },
    orderBy: [{ level: "asc" }, { sortOrder: "asc" }, { code: "asc" }],
    select: { ...UNIT_SELECT, _count: { select: { children: true } } },
  });
}

/**
 * The unit's ancestors that the actor may see (for the breadcrumb), root first. A
 * town admin's breadcrumb starts at their town: the district is above their scope.
 */
export async function visibleAncestors(actor: Actor, unit: { path: string[] }) {
  const rows = await db().orgUnit.findMany({
    where: { ...scope.orgUnits(actor), id: { in: unit.path } },
    select: { id: true, name: true, level: true },
  });
  const byId = new Map(rows.map((r) => [r.id, r]));
  return unit.path.map((id) => byId.get(id)).filter((r) => r !== undefined);
}

/** Counts of units by level in the subtree of a unit (one grouped query). */
export async function subtreeCounts(actor: Actor, unitId: string) {
  const id = parseId(unitId);
  const rows = await db().orgUnit.groupBy({
    by: ["level"],
    where: { ...scope.orgUnits(actor), path: { has: id }, NOT: { id } },
    _count: { _all: true },
  });
  return Object.fromEntries(rows.map((r) => [r.level, r._count._all])) as Partial<Record<OrgLevel, number>>;
}

/** Every active unit in scope in tree order (parent before its children), for pickers. */
export async function listUnitsForPicker(actor: Actor) {
  const rows = await db().orgUnit.findMany({
    where: { ...scope.orgUnits(actor), active: true },
    orderBy: [{ level: "asc" }, { sortOrder: "asc" }, { code: "asc" }],
    select: { id: true, name: true, level: true, parentId: true, depth: true },
  });
  const kids = new Map<string | null, typeof rows>();
  for (const r of rows) kids.set(r.parentId, [...(kids.get(r.parentId) ?? []), r]);
  const out: typeof rows = [];
  const visit = (r: (typeof rows)[number]) => {
    out.push(r);
    for (const c of kids.get(r.id) ?? []) visit(c);
  };
  const root = rows.find((r) => r.id === actor.orgUnitId);
  if (root) visit(root);
  return out;
}

/** The whole tree under the actor's unit, nested, from one query. */
export async function scopeTree(actor: Actor) {
  const rows = await db().orgUnit.findMany({
    where: scope.orgUnits(actor),
    orderBy: [{ depth: "asc" }, { level: "asc" }, { sortOrder: "asc" }, { code: "asc" }],
    select: { id: true, name: true, level: true, kind: true, parentId: true, committeeEstablishedOn: true, active: true },
  });
  type Node = (typeof rows)[number] & { children: Node[] };
  const nodes = new Map<string, Node>(rows.map((r) => [r.id, { ...r, children: [] }]));
  for (const n of nodes.values()) if (n.parentId) nodes.get(n.parentId)?.children.push(n);
  return nodes.get(actor.orgUnitId)!;
}

/**
 * For rolling rows up by town: the units `ids` and every town in scope (one query), and
 * the town a unit lies in — itself, or the town on its path; undefined above any town.
 */
export async function unitsWithTowns(actor: Actor, ids: string[]) {
  const units = await db().orgUnit.findMany({
    where: { ...scope.orgUnits(actor), OR: [{ id: { in: ids } }, { level: "TOWN" }] },
    select: { id: true, name: true, level: true, path: true, code: true },
  });
  const byId = new Map(units.map((u) => [u.id, u]));
  return {
    unit: (id: string) => byId.get(id),
    townOf(id: string) {
      const u = byId.get(id);
      if (!u || u.level === "TOWN") return u;
      return u.path.map((p) => byId.get(p)).find((x) => x?.level === "TOWN");
    },
  };
}

/** The towns (镇/街道) in scope, for "filter by town" pickers. */
export function listTownsInScope(actor: Actor) {
  return db().orgUnit.findMany({
    where: { ...scope.orgUnits(actor), level: "TOWN" },
    orderBy: [{ sortOrder: "asc" }, { code: "asc" }],
    select: { id: true, name: true },
  });
}
