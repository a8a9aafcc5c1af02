import "server-only";
import { z } from "zod";
import { db } from "../db";
import { writeAuthAudit } from "../audit";
import type { RequestMeta } from "../actor";
import { burnVerifyTime, verifyPassword } from "./password";
import { TENANT_DISABLED_MESSAGE } from "./access";

export const MAX_FAILED_SIGN_INS = 5;
export const LOCK_MINUTES = 30;

export const SIGN_IN_MESSAGES = {
  wrong: "用户名或密码错误",
  disabled: "该账号已停用，请联系区关工委管理员",
  tenantDisabled: TENANT_DISABLED_MESSAGE,
  locked: (until: Date) =>
    `密码连续输错 ${MAX_FAILED_SIGN_INS} 次，账号已锁定，请于 ${until.toLocaleTimeString("zh-CN", {
      hour: "2-digit",
      minute: "2-digit",
      timeZone: "Asia/Shanghai",
    })} 后再试`,
};

const ZCredentials = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
});

export type SignInResult =
  | { ok: true; user: { id: string; username: string; sessionVersion: number } }
  | { ok: false; message: string };

/**
 * Checks a username and password. Five wrong passwords in a row lock the account for
 * 30 minutes (counted in one UPDATE, so parallel attempts cannot slip past the limit).
 * Every outcome is audited.
 */
export async function signIn(raw: unknown, meta: RequestMeta): Promise<SignInResult> {
  const parsed = ZCredentials.safeParse(raw);
  if (!parsed.success) return { ok: false, message: SIGN_IN_MESSAGES.wrong };
  const { username, password } = parsed.data;
  const user = await db().user.findUnique({ where: { username }, include: { tenant: { select: { disabledAt: true } } } });
  if (!user) {
    await burnVerifyTime(password);
    await writeAuthAudit(db(), { tenantId: null, userId: null, username, action: "auth.sign_in_failed", meta, detail: { reason: "unknown_user" } });
    return { ok: false, message: SIGN_IN_MESSAGES.wrong };
  }
  const audit = (action: string, detail?: unknown) =>
    writeAuthAudit(db(), { tenantId: user.tenantId, userId: user.id, username, action, meta, detail });

  if (user.disabledAt) {
    await audit("auth.sign_in_failed", { reason: "disabled" });
    return { ok: false, message: SIGN_IN_MESSAGES.disabled };
  }
  if (user.lockedUntil && user.lockedUntil > new Date()) {
    await audit("auth.sign_in_failed", { reason: "locked" });
    return { ok: false, message: SIGN_IN_MESSAGES.locked(user.lockedUntil) };
  }
  if (!(await verifyPassword(user.passwordHash, password))) {
    const [row] = await db().$queryRaw<{ failedLogins: number; lockedUntil: Date | null }[]>`
      UPDATE "User"
         SET "failedLogins" = CASE WHEN "failedLogins" + 1 >= ${MAX_FAILED_SIGN_INS} THEN 0 ELSE "failedLogins" + 1 END,
             "lockedUntil"  = CASE WHEN "failedLogins" + 1 >= ${MAX_FAILED_SIGN_INS}
                                   THEN now() + make_interval(mins => ${LOCK_MINUTES}) ELSE "lockedUntil" END,
             "updatedAt" = now()
       WHERE id = ${user.id}::uuid
   RETURNING "failedLogins", "lockedUntil"`;
    const lockedNow = row?.lockedUntil && row.lockedUntil > new Date();
    await audit(lockedNow ? "auth.locked" : "auth.sign_in_failed", { reason: "wrong_password" });
    return { ok: false, message: lockedNow ? SIGN_IN_MESSAGES.locked(row.lockedUntil!) : SIGN_IN_MESSAGES.wrong };
  }
  // Said only to someone who knows the password: a stranger learns nothing about the district.
  if (user.tenant?.disabledAt) {
    await audit("auth.sign_in_failed", { reason: "tenant_disabled" });
    return { ok: false, message: SIGN_IN_MESSAGES.tenantDisabled };
  }
  await db().user.update({
    where: { id: user.id },
    data: { failedLogins: 0, lockedUntil: null, lastLoginAt: new Date() },
  });
  await audit("auth.sign_in");
  return { ok: true, user: { id: user.id, username: user.username, sessionVersion: user.sessionVersion } };
}
