import type { Role } from "@/lib/generated/prisma/enums";

/**
 * What a user row allows right now, for sessions and tokens alike (re-read on every
 * request, so a change takes effect at once):
 * - "ended": user disabled, district disabled, or unit closed: nothing at all;
 * - "mfa_verify": enrolled in 两步验证, and this session has not yet passed the code step
 *   (sign-in is password first, then a code): only the code page;
 * - "must_change": someone else chose the password (CLI, admin create/reset, import):
 *   only the change-password page, no page, no action, no API call, no token;
 * - "mfa_enrol": 两步验证 is required for the role (district and platform admins, demo
 *   districts exempt) and not set up yet: only the enrolment page, no page, no action, no
 *   API call, no token;
 * - "platform": a platform admin (no district): only /platform;
 * - "district": a district user with an Actor.
 * The code step comes before the password choice: a one-time password someone else knows
 * does not pass the second factor.
 */
export type UserAccess = "ended" | "tenant_disabled" | "mfa_verify" | "must_change" | "mfa_enrol" | "platform" | "district";

export interface AccessRow {
  role: Role;
  tenantId: string | null;
  disabledAt: Date | null;
  mustChangePassword: boolean;
  /** Enrolled in 两步验证. */
  mfaEnabled: boolean;
  orgUnit: { active: boolean } | null;
  tenant: { disabledAt: Date | null; isDemo: boolean } | null;
}

/**
 * 两步验证 is required of district admins and platform admins. Demo districts are exempt, so
 * the demo stays two commands away (their users may still enrol).
 */
export function mfaRequired(u: { role: Role; tenant: { isDemo: boolean } | null }): boolean {
  if (u.role === "PLATFORM_ADMIN") return true;
  return u.role === "DISTRICT_ADMIN" && !u.tenant?.isDemo;
}

/**
 * `mfaVerified`: whether this request passed the code step — a session that did (its
 * Session row says so), or a token (minted with a code where the user was enrolled).
 */
export function userAccess(u: AccessRow, mfaVerified: boolean): UserAccess {
  if (u.disabledAt) return "ended";
  const platform = u.role === "PLATFORM_ADMIN" || !u.tenantId;
  if (platform && u.role !== "PLATFORM_ADMIN") return "ended"; // the schema's CHECK makes this impossible
  if (!platform) {
    if (u.tenant?.disabledAt) return "tenant_disabled";
    if (!u.orgUnit?.active) return "ended";
  }
  if (u.mfaEnabled && !mfaVerified) return "mfa_verify";
  if (u.mustChangePassword) return "must_change";
  if (!u.mfaEnabled && mfaRequired(u)) return "mfa_enrol";
  return platform ? "platform" : "district";
}

/** The 401 message of /api/v1 for a user who has not yet chosen their own password. */
export const MUST_CHANGE_API_MESSAGE = "请先登录网页修改初始密码";
/** The sign-in page's message for a user of a disabled district. */
export const TENANT_DISABLED_MESSAGE = "该区已停用，无法登录。如有疑问请联系系统管理员。";

/** The 401 message of /api/v1 for a user who must set up 两步验证 first. */
export const MFA_ENROL_API_MESSAGE = "请先登录网页设置两步验证";

/** Where the change-password page sends a user once done. */
export const CHANGE_PASSWORD_PATH = "/change-password";
/** The code step of a sign-in (两步验证). */
export const MFA_VERIFY_PATH = "/two-step";
/** Setting up 两步验证 when the role requires it. */
export const MFA_ENROL_PATH = "/two-step/setup";
export const PLATFORM_HOME = "/platform";
