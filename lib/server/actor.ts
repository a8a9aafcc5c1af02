import type { OrgLevel, Role } from "@/lib/generated/prisma/enums";

/** Who is acting, resolved from the user row on every request (never from the client). */
export interface Actor {
  userId: string;
  username: string;
  displayName: string;
  tenantId: string;
  role: Role;
  orgUnitId: string;
  orgUnitName: string;
  orgUnitLevel: OrgLevel;
  /** Ids from the district root down to the actor's unit: the units above them they may read shared records of. */
  orgUnitPath: string[];
  /** A demo district (演示数据): every page shows the banner. */
  tenantIsDemo: boolean;
  via: "session" | "token";
  ip: string | null;
  userAgent: string | null;
  /** The request's id (proxy.ts), stored with its audit entries. */
  requestId?: string | null;
}

export interface RequestMeta {
  ip: string | null;
  userAgent: string | null;
  requestId?: string | null;
}

/** The actor's user row (sessions and tokens read the same fields in one statement: lib/server/auth/user-row.ts; keep both alike). */
export const ACTOR_USER_SELECT = {
  id: true,
  username: true,
  displayName: true,
  tenantId: true,
  role: true,
  orgUnitId: true,
  sessionVersion: true,
  disabledAt: true,
  /** Someone else chose the password: no actor until the user has chosen their own. */
  mustChangePassword: true,
  /** Enrolled in 两步验证 (lib/server/auth/access.ts). */
  mfaEnabledAt: true,
  orgUnit: { select: { name: true, level: true, path: true, active: true } },
  /** A disabled district ends every session and token of its users at once. */
  tenant: { select: { disabledAt: true, isDemo: true } },
} as const;

export function actorFromUser(
  u: {
    id: string;
    username: string;
    displayName: string;
    tenantId: string | null;
    role: Role;
    orgUnitId: string | null;
    orgUnit: { name: string; level: OrgLevel; path: string[] } | null;
    tenant?: { isDemo: boolean } | null;
  },
  via: Actor["via"],
  meta: RequestMeta,
): Actor {
  // A platform admin belongs to no district: callers refuse them before this point.
  if (!u.tenantId || !u.orgUnitId || !u.orgUnit) throw new Error(`user ${u.username} belongs to no district`);
  return {
    userId: u.id,
    username: u.username,
    displayName: u.displayName,
    tenantId: u.tenantId,
    role: u.role,
    orgUnitId: u.orgUnitId,
    orgUnitName: u.orgUnit.name,
    orgUnitLevel: u.orgUnit.level,
    orgUnitPath: u.orgUnit.path,
    tenantIsDemo: u.tenant?.isDemo ?? false,
    via,
    ip: meta.ip,
    userAgent: meta.userAgent,
    requestId: meta.requestId ?? null,
  };
}
