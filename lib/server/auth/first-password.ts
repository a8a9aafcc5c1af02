import "server-only";
import { z } from "zod";
import { ZPassword } from "@/lib/schemas/password";
import { db } from "../db";
import { AppError, invalid } from "../errors";
import { parseInput } from "../write";
import { PUBLISHED_DEMO_PASSWORD_MESSAGE, hashPassword, isPublishedDemoPassword, verifyPassword } from "./password";
import type { SessionUser } from "./session";

export const ZChooseOwnPassword = z
  .object({ password: ZPassword, confirm: z.string() })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], message: "两次输入的新密码不一致" });

/**
 * The first sign-in after someone else chose the password (CLI, an admin's create or
 * reset, an import): the user picks their own. This is the one write a user without an
 * Actor may make, so it is checked, done in a transaction and audited here. Returns the
 * new session version: every other session (someone who also knew the one-time
 * password) ends, and the caller re-issues this one.
 */
export async function chooseOwnPassword(who: SessionUser, raw: unknown): Promise<{ sessionVersion: number }> {
  const input = parseInput(ZChooseOwnPassword, raw);
  return db().$transaction(async (tx) => {
    const me = await tx.user.findUnique({
      where: { id: who.userId },
      select: { id: true, tenantId: true, passwordHash: true, mustChangePassword: true },
    });
    if (!me || !me.mustChangePassword) throw new AppError("INVALID", "您的密码无需在此修改，请到个人设置中修改", [{ path: "password", message: "您的密码无需在此修改" }]);
    if (isPublishedDemoPassword(input.password)) throw invalid([{ path: "password", message: PUBLISHED_DEMO_PASSWORD_MESSAGE }]);
    if (await verifyPassword(me.passwordHash, input.password)) {
      throw invalid([{ path: "password", message: "新密码不能与当前密码相同" }]);
    }
    const after = await tx.user.update({
      where: { id: me.id },
      data: {
        passwordHash: await hashPassword(input.password),
        passwordChangedAt: new Date(),
        mustChangePassword: false,
        sessionVersion: { increment: 1 },
      },
      select: { sessionVersion: true },
    });
    // Whoever else knew the one-time password loses every session and token made with it;
    // this browser carries on (the caller re-issues its cookie under the new version).
    const now = new Date();
    const sessions = await tx.session.updateMany({ where: { userId: me.id, revokedAt: null, id: { not: who.sessionId } }, data: { revokedAt: now } });
    const tokens = await tx.accessToken.updateMany({ where: { userId: me.id, revokedAt: null }, data: { revokedAt: now } });
    await tx.auditLog.create({
      data: {
        tenantId: me.tenantId,
        actorId: me.id,
        actorName: who.username,
        action: "user.choose_own_password",
        entity: "User",
        entityId: me.id,
        after: { passwordChanged: true, firstSignIn: true, sessionsEnded: sessions.count, tokensRevoked: tokens.count },
        ip: who.ip,
        userAgent: who.userAgent?.slice(0, 500) ?? null,
        via: "session",
      },
    });
    return { sessionVersion: after.sessionVersion };
  });
}
