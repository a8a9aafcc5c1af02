import "server-only";
/**
 * Leadership rosters (班子): one unit's current roster, history and compliance, and the
 * compliance of every unit in scope (two queries, evaluated in memory: no per-unit loop
 * of queries). Every read goes through scope.ts; a unit outside scope is NOT_FOUND.
 */
import { db } from "../db";
import type { Actor } from "../actor";
import { findUnitInScope, scope } from "../scope";
import { assertCan } from "../permissions";
import { PERSON_SELECT, phoneFor } from "./persons";
import { evaluateRoster, type ComplianceResult, type ComplianceStatus, type PositionFacts, type RuleId } from "./compliance";
import { ROSTER_ROLES } from "@/lib/schemas/roster";
import type { CadreRank, Gender, OrgLevel, RosterRole } from "@/lib/generated/prisma/enums";

/** What facts the rule engine needs of a current position. */
const FACTS_SELECT = {
  orgUnitId: true,
  role: true,
  concurrent: true,
  exceptionReason: true,
  person: { select: { name: true, retired: true, cadreRank: true, birthYear: true } },
} as const;

export interface RosterEntry {
  id: string;
  role: RosterRole;
  concurrent: boolean;
  startedOn: Date;
  endedOn: Date | null;
  exceptionReason: string | null;
  person: {
    id: string;
    name: string;
    gender: Gender | null;
    birthYear: number | null;
    /** Masked unless the actor may see it (persons.ts phoneFor). */
    phone: string | null;
    politicalStatus: string | null;
    formerPost: string | null;
    cadreRank: CadreRank;
    retired: boolean;
  };
}

const roleOrder = (r: RosterRole) => ROSTER_ROLES.indexOf(r);

/** A unit's roster: current positions (by post), history (latest first) and compliance. */
export async function getUnitRoster(actor: Actor, unitId: unknown, referenceDate: Date = new Date()) {
  assertCan(actor, "people.read");
  const unit = await findUnitInScope(db(), actor, unitId, {
    id: true,
    name: true,
    level: true,
    committeeEstablishedOn: true,
  });
  const rows = await db().rosterPosition.findMany({
    where: { ...scope.rosterPositions(actor), orgUnitId: unit.id },
    orderBy: [{ startedOn: "desc" }, { createdAt: "desc" }],
    select: {
      id: true,
      role: true,
      concurrent: true,
      startedOn: true,
      endedOn: true,
      exceptionReason: true,
      person: { select: PERSON_SELECT },
    },
  });
  const entries: RosterEntry[] = rows.map(({ person, ...p }) => ({
    ...p,
    person: {
      id: person.id,
      name: person.name,
      gender: person.gender,
      birthYear: person.birthYear,
      phone: phoneFor(actor, person),
      politicalStatus: person.politicalStatus,
      formerPost: person.formerPost,
      cadreRank: person.cadreRank,
      retired: person.retired,
    },
  }));
  const current = entries
    .filter((e) => !e.endedOn)
    .sort((a, b) => roleOrder(a.role) - roleOrder(b.role) || a.startedOn.getTime() - b.startedOn.getTime());
  const history = entries
    .filter((e) => e.endedOn)
    .sort((a, b) => b.endedOn!.getTime() - a.endedOn!.getTime() || b.startedOn.getTime() - a.startedOn.getTime());
  const compliance = evaluateRoster(
    { level: unit.level, committeeEstablishedOn: unit.committeeEstablishedOn, positions: current },
    referenceDate,
  );
  return { unit, current, history, compliance };
}
export type UnitRoster = Awaited<ReturnType<typeof getUnitRoster>>;

/** API.md shape of `GET /api/v1/org-units/<id>/roster`. */
export function rosterJson(r: UnitRoster) {
  return {
    items: r.current.map((e) => ({
      role: e.role,
      personId: e.person.id,
      name: e.person.name,
      inOffice: !e.person.retired,
      retired: e.person.retired,
      rank: e.person.cadreRank,
      concurrent: e.concurrent,
      since: e.startedOn.toISOString().slice(0, 10),
      // additions (API.md allows new fields)
      id: e.id,
      phone: e.person.phone,
      exceptionReason: e.exceptionReason,
    })),
    compliance: { status: r.compliance.status, reasons: r.compliance.reasons, failedRules: r.compliance.failedRules },
  };
}

/** Persons registered at a unit in scope, to pick from when appointing (e.g. moving a 委员 up). */
export async function listUnitPersons(actor: Actor, unitId: string) {
  assertCan(actor, "people.read");
  return db().person.findMany({
    where: { ...scope.persons(actor), orgUnitId: unitId },
    orderBy: [{ name: "asc" }],
    select: { id: true, name: true, birthYear: true, retired: true, cadreRank: true },
    take: 500,
  });
}

export interface UnitCompliance {
  unit: { id: string; name: string; level: OrgLevel; kind: string; code: string };
  /** The town (镇/街道) the unit belongs to, or is; null for the district and its schools. */
  town: { id: string; name: string } | null;
  compliance: ComplianceResult;
}

/**
 * Compliance of every active unit in scope: one query of units, one of current
 * positions, then the pure rule engine per unit. Tree order (district, then each town
 * followed by its villages and schools).
 */
export async function complianceInScope(actor: Actor, referenceDate: Date = new Date()): Promise<UnitCompliance[]> {
  assertCan(actor, "people.read");
  const [units, positions] = await Promise.all([
    db().orgUnit.findMany({
      where: { ...scope.orgUnits(actor), active: true },
      orderBy: [{ depth: "asc" }, { sortOrder: "asc" }, { code: "asc" }],
      select: { id: true, name: true, level: true, kind: true, code: true, path: true, committeeEstablishedOn: true },
    }),
    db().rosterPosition.findMany({
      where: { ...scope.rosterPositions(actor), endedOn: null },
      select: FACTS_SELECT,
    }),
  ]);
  const byUnit = new Map<string, PositionFacts[]>();
  for (const { orgUnitId, ...p } of positions) byUnit.set(orgUnitId, [...(byUnit.get(orgUnitId) ?? []), p]);
  const towns = new Map(units.filter((u) => u.level === "TOWN").map((u) => [u.id, { id: u.id, name: u.name }]));
  const rows = units.map((u) => ({
    unit: { id: u.id, name: u.name, level: u.level, kind: u.kind, code: u.code },
    town: u.path.map((id) => towns.get(id)).find((t) => t !== undefined) ?? null,
    compliance: evaluateRoster(
      { level: u.level, committeeEstablishedOn: u.committeeEstablishedOn, positions: byUnit.get(u.id) ?? [] },
      referenceDate,
    ),
  }));
  // Codes sort a town's villages and schools right after it; the district first.
  return rows.sort((a, b) => a.unit.code.localeCompare(b.unit.code));
}

export interface RosterListFilter {
  townId?: string;
  rule?: RuleId;
  status?: Exclude<ComplianceStatus, "COMPLIANT">;
}

/** The 班子队伍 page: units that need attention (NON_COMPLIANT, EXCEPTION), filtered, with counts. */
export async function listRosterIssues(actor: Actor, filter: RosterListFilter, referenceDate: Date = new Date()) {
  const all = await complianceInScope(actor, referenceDate);
  const inTown = filter.townId ? all.filter((r) => r.town?.id === filter.townId) : all;
  const counts: Record<ComplianceStatus, number> = { COMPLIANT: 0, EXCEPTION: 0, NON_COMPLIANT: 0 };
  for (const r of inTown) counts[r.compliance.status]++;
  const items = inTown.filter(
    (r) =>
      r.compliance.status !== "COMPLIANT" &&
      (!filter.status || r.compliance.status === filter.status) &&
      (!filter.rule || r.compliance.failedRules.includes(filter.rule)),
  );
  const towns = [...new Map(all.filter((r) => r.unit.level === "TOWN").map((r) => [r.unit.id, r.unit.name])).entries()].map(
    ([id, name]) => ({ id, name }),
  );
  return { items, counts, total: inTown.length, towns };
}
