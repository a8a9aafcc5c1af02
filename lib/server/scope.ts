import "server-only";
/**
 * The only door to tenant data. From the actor it builds the where-clause for each
 * table; callers spread it into their query (`where: { ...scope.orgUnits(actor), id }`),
 * so the check and the read can never drift apart. Rows outside scope simply are
 * not found: callers answer 404, never 403, so ids leak nothing.
 *
 * A user sees their own unit's subtree (OrgUnit.path contains their unit), inside
 * their own tenant. Roles narrow what they may do (permissions.ts), not what exists.
 *
 * Careful when adding conditions: the clauses below carry `tenantId` and `orgUnit`
 * keys, so `{ ...scope.stations(actor), orgUnit: {...} }` silently REPLACES the
 * subtree limit. Put extra relation conditions in `AND: [...]` (no clause here uses
 * AND), or filter by `orgUnitId`. For a station coordinator, stations also carry a
 * `coordinators` key and activities a `station` key (their assigned stations): an
 * activity query that filters by station must nest `scope.stations(actor)` in it.
 */
import { z } from "zod";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "./actor";
import { notFound } from "./errors";
import type { Tx } from "./db";

export const scope = {
  orgUnits(actor: Actor) {
    return { tenantId: actor.tenantId, path: { has: actor.orgUnitId } } satisfies Prisma.OrgUnitWhereInput;
  },
  users: unitOwned,
  /** Personal tokens: only one's own. */
  accessTokens(actor: Actor) {
    return { tenantId: actor.tenantId, userId: actor.userId } satisfies Prisma.AccessTokenWhereInput;
  },
  auditLogs(actor: Actor) {
    return { tenantId: actor.tenantId } satisfies Prisma.AuditLogWhereInput;
  },
  // Tenant tables owned by an org unit: the unit must lie in the actor's subtree.
  persons: unitOwned,
  rosterPositions: unitOwned,
  volunteers: unitOwned,
  trainingSessions: unitOwned,
  recognitions: unitOwned,
  publicity: unitOwned,
  /**
   * A station coordinator logs for the stations assigned to them (StationCoordinator),
   * not for every station of the unit they sit on: placed on a town, the subtree alone
   * would reach all its stations. Without an assignment they see no station at all.
   */
  stations(actor: Actor) {
    return { ...unitOwned(actor), ...assignedStations(actor) } satisfies Prisma.StationWhereInput;
  },
  fundings: unitOwned,
  purchases: unitOwned,
  /** Activities of the stations in scope (for a coordinator: their assigned stations). */
  activities(actor: Actor) {
    const assigned = assignedStations(actor);
    return { ...unitOwned(actor), ...("coordinators" in assigned ? { station: assigned } : {}) } satisfies Prisma.ActivityWhereInput;
  },
  summerPlans: unitOwned,
  meetings: unitOwned,
  meetingDecisions: unitOwned,
  /** A year's 五好 criteria are the district's, published to every unit of the tenant. */
  assessmentRounds(actor: Actor) {
    return { tenantId: actor.tenantId } satisfies Prisma.AssessmentRoundWhereInput;
  },
  /** A result belongs to the committee assessed. */
  assessmentResults: unitOwned,
  partyRequests: unitOwned,
  subsidies: unitOwned,
  zeroCrimeRecords: unitOwned,
  /** Surveys and documents of a unit are read by everyone below it too (a district policy reaches every village). */
  surveys: sharedDownward,
  surveyFindings: sharedDownward,
  policyDocuments: sharedDownward,
  /** For changing such shared rows: only their own unit's subtree may (a town cannot edit a district document). */
  editable: unitOwned,
  /**
   * Schools a station may pair with (挂钩): active schools in the subtree, plus those right
   * under the host's town (a village admin pairs with a school of their town, which lies
   * outside their subtree). Names only: pairing grants no data access. Uses `OR`.
   */
  pairableSchools(actor: Actor, townId: string | null) {
    return {
      tenantId: actor.tenantId,
      level: "SCHOOL",
      active: true,
      OR: [{ path: { has: actor.orgUnitId } }, ...(townId ? [{ parentId: townId }] : [])],
    } satisfies Prisma.OrgUnitWhereInput;
  },
};

/** Rows owned by a unit in the actor's subtree (through the row's (tenantId, orgUnitId) key). */
function unitOwned(actor: Actor) {
  return { tenantId: actor.tenantId, orgUnit: { tenantId: actor.tenantId, path: { has: actor.orgUnitId } } } satisfies Prisma.PersonWhereInput;
}

/** For a station coordinator: only stations assigned to them. Nothing more for anyone else. */
function assignedStations(actor: Actor): { coordinators?: Prisma.StationCoordinatorListRelationFilter } {
  if (actor.role !== "STATION_COORDINATOR") return {};
  return { coordinators: { some: { tenantId: actor.tenantId, userId: actor.userId } } };
}

/**
 * Rows of a unit in the actor's subtree, or of one of the actor's ancestors. Uses `OR`:
 * put further alternatives inside `AND: [{ OR: [...] }]`, never a second `OR` key.
 */
function sharedDownward(actor: Actor) {
  return {
    tenantId: actor.tenantId,
    OR: [{ orgUnit: { tenantId: actor.tenantId, path: { has: actor.orgUnitId } } }, { orgUnitId: { in: actor.orgUnitPath } }],
  } satisfies Prisma.PolicyDocumentWhereInput;
}

const Uuid = z.uuid();

/** Ids from URLs and bodies are untrusted: anything that is not a uuid is simply not found. */
export function parseId(raw: unknown): string {
  const r = Uuid.safeParse(raw);
  if (!r.success) throw notFound();
  return r.data;
}

/** A unit inside the actor's scope, or NOT_FOUND. */
export async function findUnitInScope<S extends Prisma.OrgUnitSelect>(
  client: Tx,
  actor: Actor,
  id: unknown,
  select: S,
) {
  const unit = await client.orgUnit.findFirst({ where: { ...scope.orgUnits(actor), id: parseId(id) }, select });
  if (!unit) throw notFound();
  return unit;
}

/** All of these units inside the actor's scope, or NOT_FOUND for the whole request. */
export async function assertUnitsInScope(client: Tx, actor: Actor, ids: string[]): Promise<void> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return;
  const found = await client.orgUnit.count({ where: { ...scope.orgUnits(actor), id: { in: unique } } });
  if (found !== unique.length) throw notFound();
}
