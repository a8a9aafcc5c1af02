import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import type { OrgLevel, Role } from "@/lib/generated/prisma/enums";

/**
 * The fields of ACTOR_USER_SELECT (lib/server/actor.ts) read in one SQL statement, for the
 * per-request lookups of sessions and tokens: Prisma's nested select of user, unit and
 * district takes a round trip for each. Use with the user aliased `u`, followed by
 * ACTOR_USER_JOINS.
 */
export const ACTOR_USER_COLUMNS = Prisma.sql`
  u."id", u."username", u."displayName", u."tenantId", u."role"::text AS "role", u."orgUnitId",
  u."sessionVersion", u."disabledAt", u."mustChangePassword", u."mfaEnabledAt" IS NOT NULL AS "mfaEnabled",
  o."name" AS "unitName", o."level"::text AS "unitLevel", o."path"::text[] AS "unitPath", o."active" AS "unitActive",
  t."disabledAt" AS "tenantDisabledAt", t."isDemo" AS "tenantIsDemo"`;

export const ACTOR_USER_JOINS = Prisma.sql`
  LEFT JOIN "OrgUnit" o ON o."id" = u."orgUnitId"
  LEFT JOIN "Tenant" t ON t."id" = u."tenantId"`;

export interface ActorUserRow {
  id: string;
  username: string;
  displayName: string;
  tenantId: string | null;
  role: Role;
  orgUnitId: string | null;
  sessionVersion: number;
  disabledAt: Date | null;
  mustChangePassword: boolean;
  mfaEnabled: boolean;
  unitName: string | null;
  unitLevel: OrgLevel | null;
  unitPath: string[] | null;
  unitActive: boolean | null;
  tenantDisabledAt: Date | null;
  tenantIsDemo: boolean | null;
}

/** The row in the shape ACTOR_USER_SELECT gives, for userAccess and actorFromUser. */
export function actorUserFromRow(r: ActorUserRow) {
  return {
    id: r.id,
    username: r.username,
    displayName: r.displayName,
    tenantId: r.tenantId,
    role: r.role,
    orgUnitId: r.orgUnitId,
    sessionVersion: r.sessionVersion,
    disabledAt: r.disabledAt,
    mustChangePassword: r.mustChangePassword,
    mfaEnabled: r.mfaEnabled,
    orgUnit: r.unitLevel ? { name: r.unitName!, level: r.unitLevel, path: r.unitPath!, active: r.unitActive! } : null,
    tenant: r.tenantId ? { disabledAt: r.tenantDisabledAt, isDemo: r.tenantIsDemo! } : null,
  };
}
