import "server-only";
import { createHmac } from "node:crypto";
import { z } from "zod";
import { db } from "../db";
import { writeAuthAudit } from "../audit";
import type { RequestMeta } from "../actor";
import { burnVerifyTime, verifyPassword } from "./password";
import { TENANT_DISABLED_MESSAGE } from "./access";
import { authSecret } from "./secret";
import { checkSecondFactor } from "./mfa";

export const MAX_FAILED_SIGN_INS = 5;
export const LOCK_MINUTES = 30;

/**
 * Failed sign-ins counted in PostgreSQL (table SignInThrottle), so every app instance
 * shares them. Only failures count: a whole office behind one address signing in all
 * day never reaches the IP limit, while a guesser does within minutes.
 * - per client IP: 30 failed attempts in 15 minutes (many usernames from one address;
 *   a person mistyping does not fail 30 times in a quarter of an hour);
 * - per typed username: 50 failed attempts in 24 hours, on top of the 5-strike lock
 *   (which alone would allow 240 guesses a day), and for unknown names too, so they
 *   behave like known ones.
 */
export const SIGN_IN_LIMITS = {
  ip: { max: 30, windowMinutes: 15 },
  username: { max: 50, windowMinutes: 24 * 60 },
} as const;

/**
 * One answer for every failure (ASVS: a stranger must not learn whether a username
 * exists, is disabled or is locked). Only someone who typed the right password hears
 * that the account or its district is disabled. A locked account is never told apart:
 * its real password is not even checked while locked; the sign-in page says that
 * repeated wrong passwords lock an account for 30 minutes.
 */
export const SIGN_IN_MESSAGES = {
  wrong: "用户名或密码错误",
  disabled: "该账号已停用，请联系区关工委管理员",
  tenantDisabled: TENANT_DISABLED_MESSAGE,
  // Throttles apply to an address or a typed name whether or not the user exists: no leak.
  throttled: "登录尝试次数过多，请稍后再试",
  // The database is out of reach (lib/server/unavailable.ts): never the driver's text, host or port.
  unavailable: "系统暂时无法使用，请稍后再试",
  // Any other unexpected failure: logged on the server, not shown.
  failed: "登录未能完成，请稍后再试；如果一直出错，请联系管理员",
};

const ZCredentials = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
});

export type SignInResult =
  | { ok: true; user: { id: string; username: string; sessionVersion: number } }
  | { ok: false; message: string };

/**
 * What the audit log keeps of a username that matches no account: it is often a
 * password typed into the wrong box, so only its first character and length.
 */
export function maskUsername(typed: string): string {
  return `${Array.from(typed)[0] ?? ""}…(${typed.length})`;
}

/** The throttle row of a typed name: a keyed hash, so the table never holds what was typed. */
function usernameKey(username: string): string {
  return `user:${createHmac("sha256", authSecret()).update(username.toLowerCase()).digest("base64url")}`;
}

/**
 * Counts one failed attempt against a key before the password is checked, in one
 * statement (so parallel attempts cannot pass the limit together); refuses once the
 * window's count has reached the limit. A success gives the attempt back (refund).
 */
async function reserveThrottle(key: string, limit: { max: number; windowMinutes: number }): Promise<boolean> {
  const rows = await db().$queryRaw<{ count: number }[]>`
    INSERT INTO "SignInThrottle" AS t ("key", "windowStart", "count") VALUES (${key}, now(), 1)
    ON CONFLICT ("key") DO UPDATE
       SET "count" = CASE WHEN t."windowStart" <= now() - make_interval(mins => ${limit.windowMinutes}) THEN 1 ELSE t."count" + 1 END,
           "windowStart" = CASE WHEN t."windowStart" <= now() - make_interval(mins => ${limit.windowMinutes}) THEN now() ELSE t."windowStart" END
     WHERE t."windowStart" <= now() - make_interval(mins => ${limit.windowMinutes}) OR t."count" < ${limit.max}
 RETURNING "count"`;
  return rows.length > 0;
}

/**
 * Rows whose window has long ended say nothing: drop them now and then (one sign-in in a
 * hundred) so the table stays small without a scheduled job.
 */
export async function pruneThrottle(chance = 0.01): Promise<void> {
  if (Math.random() >= chance) return;
  const longest = Math.max(SIGN_IN_LIMITS.ip.windowMinutes, SIGN_IN_LIMITS.username.windowMinutes);
  await db().$executeRaw`DELETE FROM "SignInThrottle" WHERE "windowStart" < now() - make_interval(mins => ${longest})`;
}

async function refundThrottle(keys: string[]): Promise<void> {
  await db().$executeRaw`UPDATE "SignInThrottle" SET "count" = GREATEST("count" - 1, 0) WHERE "key" = ANY(${keys})`;
}

/**
 * Reserves one of the user's remaining attempts before argon2 runs, in one conditional
 * UPDATE: refused while locked; the attempt that uses up the last one locks the account
 * at once (before its own check), so at most MAX_FAILED_SIGN_INS passwords are ever
 * verified per lock period, however many arrive in parallel. If that last attempt turns
 * out right, it lifts its own lock.
 */
async function reserveAttempt(userId: string): Promise<{ locking: boolean } | null> {
  const [row] = await db().$queryRaw<{ locking: boolean }[]>`
    UPDATE "User"
       SET "failedLogins" = CASE WHEN "failedLogins" + 1 >= ${MAX_FAILED_SIGN_INS} THEN 0 ELSE "failedLogins" + 1 END,
           "lockedUntil"  = CASE WHEN "failedLogins" + 1 >= ${MAX_FAILED_SIGN_INS}
                                 THEN now() + make_interval(mins => ${LOCK_MINUTES}) ELSE NULL END,
           "updatedAt" = now()
     WHERE id = ${userId}::uuid AND ("lockedUntil" IS NULL OR "lockedUntil" <= now())
 RETURNING "lockedUntil" IS NOT NULL AS locking`;
  return row ?? null;
}

/**
 * A right password: clears the count (and the lock this attempt set itself), unless
 * another attempt locked the account meanwhile; then the right password is refused too.
 */
async function settleSuccess(userId: string, ownsLock: boolean, entering: boolean): Promise<boolean> {
  const n = await db().$executeRaw`
    UPDATE "User" SET "failedLogins" = 0, "lockedUntil" = NULL, "updatedAt" = now(),
           "lastLoginAt" = CASE WHEN ${entering} THEN now() ELSE "lastLoginAt" END
     WHERE id = ${userId}::uuid AND ("lockedUntil" IS NULL OR "lockedUntil" <= now() OR ${ownsLock})`;
  return n === 1;
}

/**
 * Checks a username and password. Five wrong passwords in a row lock the account for
 * 30 minutes; failed attempts are also throttled per IP and per typed username. Every
 * path spends one argon2 verification (the real one or burnVerifyTime), so timing does
 * not tell a stranger which failure it was. Every outcome is audited: a known user's
 * under their district, an unknown name masked.
 */
export async function signIn(raw: unknown, meta: RequestMeta): Promise<SignInResult> {
  const parsed = ZCredentials.safeParse(raw);
  if (!parsed.success) return { ok: false, message: SIGN_IN_MESSAGES.wrong };
  const { username, password } = parsed.data;
  const user = await db().user.findUnique({ where: { username }, include: { tenant: { select: { disabledAt: true } } } });
  const audit = (action: string, detail: Record<string, unknown> | undefined) =>
    user
      ? writeAuthAudit(db(), { tenantId: user.tenantId, userId: user.id, username, action, meta, detail })
      : writeAuthAudit(db(), { tenantId: null, userId: null, username: maskUsername(username), action, meta, detail });

  await pruneThrottle();
  const throttleKeys = [usernameKey(username), ...(meta.ip ? [`ip:${meta.ip}`] : [])];
  const ipOk = meta.ip ? await reserveThrottle(`ip:${meta.ip}`, SIGN_IN_LIMITS.ip) : true;
  const nameOk = ipOk && (await reserveThrottle(throttleKeys[0], SIGN_IN_LIMITS.username));
  if (!ipOk || !nameOk) {
    await burnVerifyTime(password);
    await audit("auth.sign_in_failed", { reason: ipOk ? "throttled_username" : "throttled_ip" });
    return { ok: false, message: SIGN_IN_MESSAGES.throttled };
  }

  if (!user) {
    await burnVerifyTime(password);
    await audit("auth.sign_in_failed", { reason: "unknown_user" });
    return { ok: false, message: SIGN_IN_MESSAGES.wrong };
  }

  const attempt = await reserveAttempt(user.id);
  if (!attempt) {
    await burnVerifyTime(password);
    await audit("auth.sign_in_failed", { reason: "locked" });
    return { ok: false, message: SIGN_IN_MESSAGES.wrong };
  }
  if (!(await verifyPassword(user.passwordHash, password))) {
    await audit(attempt.locking ? "auth.locked" : "auth.sign_in_failed", { reason: "wrong_password" });
    return { ok: false, message: SIGN_IN_MESSAGES.wrong };
  }
  const entering = !user.disabledAt && !user.tenant?.disabledAt;
  if (!(await settleSuccess(user.id, attempt.locking, entering))) {
    await audit("auth.sign_in_failed", { reason: "locked" });
    return { ok: false, message: SIGN_IN_MESSAGES.wrong };
  }
  await refundThrottle(throttleKeys);
  // Said only to someone who knows the password: a stranger learns nothing about the account or district.
  if (user.disabledAt) {
    await audit("auth.sign_in_failed", { reason: "disabled" });
    return { ok: false, message: SIGN_IN_MESSAGES.disabled };
  }
  if (user.tenant?.disabledAt) {
    await audit("auth.sign_in_failed", { reason: "tenant_disabled" });
    return { ok: false, message: SIGN_IN_MESSAGES.tenantDisabled };
  }
  await audit("auth.sign_in", undefined);
  return { ok: true, user: { id: user.id, username: user.username, sessionVersion: user.sessionVersion } };
}

/** What the code step (两步验证) says; the user has already given the right password. */
export const SECOND_FACTOR_MESSAGES = {
  wrong: "验证码不正确，请重新输入。验证码每 30 秒更换一次，请输入手机上当前显示的 6 位数字，或一个恢复码",
  locked: `错误次数过多，账号已锁定 ${LOCK_MINUTES} 分钟，请稍后再试`,
  throttled: SIGN_IN_MESSAGES.throttled,
};

export type SecondFactorAttempt =
  | { ok: true; method: "totp" | "recovery" }
  | { ok: false; message: string };

/**
 * One code typed by a signed-in user (the code step of a sign-in, turning 两步验证 off): it
 * counts exactly like a password attempt — the same per-IP and per-username throttles and
 * the same five-strike lock — so codes cannot be guessed faster than passwords. A code is
 * used up when accepted (lib/server/auth/mfa.ts: replay refused, recovery codes once).
 * Audited: a wrong code as "auth.mfa_failed" (the fifth as "auth.locked"), an authenticator
 * code as "auth.mfa_verified", a recovery code as "auth.mfa_recovery_used" (with how many are left).
 */
export async function secondFactorAttempt(
  user: { id: string; username: string; tenantId: string | null },
  code: string,
  meta: RequestMeta,
  purpose: "sign_in" | "disable" | "recovery_codes" | "token",
): Promise<SecondFactorAttempt> {
  const audit = (action: string, detail: Record<string, unknown>) =>
    writeAuthAudit(db(), { tenantId: user.tenantId, userId: user.id, username: user.username, action, meta, detail: { purpose, ...detail } });
  const typed = code.trim().slice(0, 64);
  await pruneThrottle();
  const throttleKeys = [usernameKey(user.username), ...(meta.ip ? [`ip:${meta.ip}`] : [])];
  const ipOk = meta.ip ? await reserveThrottle(`ip:${meta.ip}`, SIGN_IN_LIMITS.ip) : true;
  const nameOk = ipOk && (await reserveThrottle(throttleKeys[0], SIGN_IN_LIMITS.username));
  if (!ipOk || !nameOk) {
    await audit("auth.mfa_failed", { reason: ipOk ? "throttled_username" : "throttled_ip" });
    return { ok: false, message: SECOND_FACTOR_MESSAGES.throttled };
  }
  const attempt = await reserveAttempt(user.id);
  if (!attempt) {
    await audit("auth.mfa_failed", { reason: "locked" });
    return { ok: false, message: SECOND_FACTOR_MESSAGES.locked };
  }
  const checked = typed ? await checkSecondFactor(db(), user.id, typed) : ({ ok: false, reason: "wrong_code" } as const);
  if (!checked.ok) {
    await audit(attempt.locking ? "auth.locked" : "auth.mfa_failed", { reason: checked.reason });
    return { ok: false, message: attempt.locking ? SECOND_FACTOR_MESSAGES.locked : SECOND_FACTOR_MESSAGES.wrong };
  }
  if (!(await settleSuccess(user.id, attempt.locking, false))) {
    await audit("auth.mfa_failed", { reason: "locked" });
    return { ok: false, message: SECOND_FACTOR_MESSAGES.locked };
  }
  await refundThrottle(throttleKeys);
  if (checked.method === "recovery") await audit("auth.mfa_recovery_used", { remaining: checked.remaining });
  else await audit("auth.mfa_verified", { method: "totp" });
  return { ok: true, method: checked.method };
}
