import type { Role } from "@/lib/generated/prisma/enums";

/**
 * What a user row allows right now, for sessions and tokens alike (re-read on every
 * request, so a change takes effect at once):
 * - "ended": user disabled, district disabled, or unit closed: nothing at all;
 * - "must_change": someone else chose the password (CLI, admin create/reset, import):
 *   only the change-password page, no page, no action, no API call, no token;
 * - "platform": a platform admin (no district): only /platform;
 * - "district": a district user with an Actor.
 */
export type UserAccess = "ended" | "tenant_disabled" | "must_change" | "platform" | "district";

export interface AccessRow {
  role: Role;
  tenantId: string | null;
  disabledAt: Date | null;
  mustChangePassword: boolean;
  orgUnit: { active: boolean } | null;
  tenant: { disabledAt: Date | null } | null;
}

export function userAccess(u: AccessRow): UserAccess {
  if (u.disabledAt) return "ended";
  if (u.role === "PLATFORM_ADMIN" || !u.tenantId) {
    if (u.role !== "PLATFORM_ADMIN") return "ended"; // the schema's CHECK makes this impossible
    return u.mustChangePassword ? "must_change" : "platform";
  }
  if (u.tenant?.disabledAt) return "tenant_disabled";
  if (!u.orgUnit?.active) return "ended";
  return u.mustChangePassword ? "must_change" : "district";
}

/** The 401 message of /api/v1 for a user who has not yet chosen their own password. */
export const MUST_CHANGE_API_MESSAGE = "请先登录网页修改初始密码";
/** The sign-in page's message for a user of a disabled district. */
export const TENANT_DISABLED_MESSAGE = "该区已停用，无法登录。如有疑问请联系系统管理员。";

/** Where the change-password page sends a user once done. */
export const CHANGE_PASSWORD_PATH = "/change-password";
export const PLATFORM_HOME = "/platform";
