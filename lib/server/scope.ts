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
 * AND), or filter by `orgUnitId`.
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
  // Tenant tables owned by an org unit: the unit must lie in the actor's subtree. A station
  // coordinator sits on their station's host unit, so for them this is "their station(s)".
  persons: unitOwned,
  rosterPositions: unitOwned,
  volunteers: unitOwned,
  trainingSessions: unitOwned,
  recognitions: unitOwned,
  publicity: unitOwned,
  stations: unitOwned,
  fundings: unitOwned,
  purchases: unitOwned,
  activities: unitOwned,
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
