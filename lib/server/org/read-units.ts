import "server-only";
import { db } from "../db";
import type { Actor } from "../actor";
import { findUnitInScope, parseId, scope } from "../scope";
import type { OrgLevel } from "@/lib/generated/prisma/enums";
import { isoDay } from "@/lib/schemas/dates";
import { PARENT_LEVELS, type NewUnitLevel } from "@/lib/schemas/org";

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
  closedOn: true,
  mergedIntoId: true,
  isDemo: true,
} as const;

export interface UnitSummary {
  id: string;
  name: string;
  level: OrgLevel;
  kind: string;
  code: string;
  parentId: string | null;
  closedOn?: Date | null;
}

/** API.md shape of a unit; closedOn (YYYY-MM-DD) is set once the unit is closed (撤销/撤并). */
export function unitJson(u: UnitSummary) {
  return { id: u.id, name: u.name, level: u.level, kind: u.kind, code: u.code, parentId: u.parentId, closedOn: isoDay(u.closedOn) };
}

export function getUnit(actor: Actor, id: unknown) {
  return findUnitInScope(db(), actor, id, UNIT_SELECT);
}

/**
 * Children of a unit in scope, in display order; NOT_FOUND when the parent is outside
 * scope. Closed units (撤销/撤并) only when asked for: current lists show active ones.
 */
export async function listChildren(actor: Actor, parentId: unknown, opts: { includeClosed?: boolean } = {}) {
  const parent = await findUnitInScope(db(), actor, parentId, { id: true });
  return db().orgUnit.findMany({
    where: { ...scope.orgUnits(actor), parentId: parent.id, ...(opts.includeClosed ? {} : { active: true }) },
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
    // The unit's condition goes in AND: as a `path` key it would replace the scope's own.
    where: { ...scope.orgUnits(actor), AND: [{ path: { has: id } }], NOT: { id }, active: true },
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

/** The whole tree under the actor's unit, nested, from one query; closed units only when asked for. */
export async function scopeTree(actor: Actor, opts: { includeClosed?: boolean } = {}) {
  const rows = await db().orgUnit.findMany({
    where: { ...scope.orgUnits(actor), ...(opts.includeClosed ? {} : { active: true }) },
    orderBy: [{ depth: "asc" }, { level: "asc" }, { sortOrder: "asc" }, { code: "asc" }],
    select: { id: true, name: true, level: true, kind: true, parentId: true, committeeEstablishedOn: true, active: true, closedOn: true },
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

/** The current towns (镇/街道) in scope, for "filter by town" pickers. */
export function listTownsInScope(actor: Actor) {
  return db().orgUnit.findMany({
    where: { ...scope.orgUnits(actor), level: "TOWN", active: true },
    orderBy: [{ sortOrder: "asc" }, { code: "asc" }],
    select: { id: true, name: true },
  });
}

type PickerUnit = Awaited<ReturnType<typeof listUnitsForPicker>>[number];

/**
 * Where a unit may move to (移动到…): active units in scope of a level that may hold it,
 * outside its own subtree, not its present parent. Tree order, indented by depth.
 * Pass `picker` when the page already has listUnitsForPicker's rows: one query serves both pickers.
 */
export async function moveTargets(actor: Actor, unit: { id: string; level: OrgLevel; parentId: string | null }, picker?: PickerUnit[]) {
  const levels = PARENT_LEVELS[unit.level as NewUnitLevel];
  if (!levels || !unit.parentId) return [];
  const rows = picker ?? (await listUnitsForPicker(actor));
  // The picker is in tree order (parent before children), so one pass finds the unit's
  // active subtree; an active unit never sits under a closed one (closing needs no open children).
  const under = new Set([unit.id]);
  for (const u of rows) if (u.parentId && under.has(u.parentId)) under.add(u.id);
  return rows.filter((u) => levels.includes(u.level) && !under.has(u.id) && u.id !== unit.parentId);
}

/** Villages a village may merge into (撤并到…): the other active villages in scope, in tree order. */
export async function mergeTargets(actor: Actor, unit: { id: string }, picker?: PickerUnit[]) {
  const rows = picker ?? (await listUnitsForPicker(actor));
  return rows.filter((u) => u.level === "VILLAGE" && u.id !== unit.id);
}

/** The unit a closed unit was merged into, by name, if the actor may see it. */
export async function mergedIntoName(actor: Actor, mergedIntoId: string | null) {
  if (!mergedIntoId) return null;
  const u = await db().orgUnit.findFirst({ where: { ...scope.orgUnits(actor), id: mergedIntoId }, select: { id: true, name: true } });
  return u;
}
