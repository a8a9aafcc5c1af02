import "server-only";
import { z } from "zod";
import { defineWrite } from "../write";
import { AppError, invalid, notFound } from "../errors";
import { findUnitInScope, scope } from "../scope";
import { ROLE_UNIT_LEVELS } from "../permissions";
import { PUBLISHED_DEMO_PASSWORD_MESSAGE, hashPassword, isPublishedDemoPassword, verifyPassword } from "../auth/password";
import { issueToken } from "../auth/tokens";
import { TOKEN_MFA_MESSAGES, tokenMfaGate } from "../auth/token-issue";
import { secondFactorAttempt } from "../auth/sign-in";
import { db, type Tx } from "../db";
import { writeAudit } from "../audit";
import type { Actor } from "../actor";
import type { Role } from "@/lib/generated/prisma/enums";
import {
  ZChangeOwnPassword,
  ZCreateToken,
  ZCreateUser,
  ZResetPassword,
  ZRevokeToken,
  ZSetDisabled,
  ZUpdateUser,
} from "@/lib/schemas/user";

/** What the audit trail and the admin list show of a user (never the hash). */
const USER_AUDIT_SELECT = {
  id: true,
  username: true,
  displayName: true,
  role: true,
  orgUnitId: true,
  disabledAt: true,
} as const;

const LEVEL_WORDS: Record<string, string> = { DISTRICT: "区", TOWN: "镇（街道）", VILLAGE: "村（社区）", SCHOOL: "学校" };

async function unitForRole(tx: Tx, actor: Actor, orgUnitId: string, role: Role) {
  const unit = await findUnitInScope(tx, actor, orgUnitId, { id: true, level: true, active: true });
  if (!ROLE_UNIT_LEVELS[role].includes(unit.level)) {
    const allowed = ROLE_UNIT_LEVELS[role].map((l) => LEVEL_WORDS[l]).join("或");
    throw invalid([{ path: "orgUnitId", message: `该角色只能分配到${allowed}单位` }]);
  }
  if (!unit.active) throw invalid([{ path: "orgUnitId", message: "该单位已停用，不能再分配用户" }]);
  return unit;
}

/**
 * Ends what someone signed in with: their server-side sessions (all, or all but `keep`)
 * and, with `tokens`, every access token, so a password that leaked takes its tokens
 * with it. Returns how many of each were ended, for the audit entry.
 */
export async function endUserAccess(tx: Tx, userId: string, opts: { tokens: boolean; keepSessionId?: string }) {
  const now = new Date();
  const sessions = await tx.session.updateMany({
    where: { userId, revokedAt: null, ...(opts.keepSessionId ? { id: { not: opts.keepSessionId } } : {}) },
    data: { revokedAt: now },
  });
  const tokens = opts.tokens ? await tx.accessToken.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: now } }) : { count: 0 };
  return { sessionsEnded: sessions.count, tokensRevoked: tokens.count };
}

async function userInScope(tx: Tx, actor: Actor, id: string) {
  const user = await tx.user.findFirst({ where: { ...scope.users(actor), id }, select: USER_AUDIT_SELECT });
  if (!user) throw notFound();
  return user;
}

export const createUser = defineWrite({
  action: "user.create",
  permission: "user.manage",
  input: ZCreateUser,
  conflictMessage: "该用户名已被使用，请换一个",
  conflictField: "username",
  async run({ tx, actor, input }) {
    const unit = await unitForRole(tx, actor, input.orgUnitId, input.role);
    if (await tx.user.findUnique({ where: { username: input.username }, select: { id: true } })) {
      throw invalid([{ path: "username", message: "该用户名已被使用，请换一个" }]);
    }
    const user = await tx.user.create({
      data: {
        tenantId: actor.tenantId,
        orgUnitId: unit.id,
        username: input.username,
        displayName: input.displayName,
        role: input.role,
        passwordHash: await hashPassword(input.password),
        // The admin chose this password: the user picks their own at the first sign-in.
        mustChangePassword: true,
      },
      select: USER_AUDIT_SELECT,
    });
    return { result: user, entity: "User", entityId: user.id, after: user };
  },
});

export const updateUser = defineWrite({
  action: "user.update",
  permission: "user.manage",
  input: ZUpdateUser,
  async run({ tx, actor, input }) {
    const before = await userInScope(tx, actor, input.id);
    if (before.id === actor.userId && (input.role !== before.role || input.orgUnitId !== before.orgUnitId)) {
      throw invalid([{ path: "role", message: "不能修改自己的角色或单位，请由另一位管理员操作" }]);
    }
    await unitForRole(tx, actor, input.orgUnitId, input.role);
    const accessChanged = input.role !== before.role || input.orgUnitId !== before.orgUnitId;
    const after = await tx.user.update({
      where: { id: before.id },
      data: {
        displayName: input.displayName,
        role: input.role,
        orgUnitId: input.orgUnitId,
        // New role or unit: sessions signed in under the old one end now.
        ...(accessChanged ? { sessionVersion: { increment: 1 } } : {}),
      },
      select: USER_AUDIT_SELECT,
    });
    if (accessChanged) await endUserAccess(tx, before.id, { tokens: false });
    return { result: after, entity: "User", entityId: after.id, before, after };
  },
});

export const resetPassword = defineWrite({
  action: "user.reset_password",
  permission: "user.manage",
  input: ZResetPassword,
  async run({ tx, actor, input }) {
    const before = await userInScope(tx, actor, input.id);
    await tx.user.update({
      where: { id: before.id },
      data: {
        passwordHash: await hashPassword(input.password),
        passwordChangedAt: new Date(),
        // Someone else knows this password now: the user picks their own at the next sign-in.
        mustChangePassword: true,
        sessionVersion: { increment: 1 },
        failedLogins: 0,
        lockedUntil: null,
      },
    });
    const ended = await endUserAccess(tx, before.id, { tokens: true });
    return { result: before, entity: "User", entityId: before.id, after: { passwordReset: true, unlocked: true, ...ended } };
  },
});

export const setUserDisabled = defineWrite({
  action: "user.set_disabled",
  permission: "user.manage",
  input: ZSetDisabled,
  async run({ tx, actor, input }) {
    const before = await userInScope(tx, actor, input.id);
    if (before.id === actor.userId) throw new AppError("INVALID", "不能停用自己的账号", [{ path: "disabled", message: "不能停用自己的账号" }]);
    const after = await tx.user.update({
      where: { id: before.id },
      data: input.disabled
        ? { disabledAt: before.disabledAt ?? new Date(), sessionVersion: { increment: 1 } }
        : { disabledAt: null, failedLogins: 0, lockedUntil: null },
      select: USER_AUDIT_SELECT,
    });
    if (input.disabled) await endUserAccess(tx, before.id, { tokens: false });
    return { result: after, entity: "User", entityId: after.id, before, after };
  },
});

export const changeOwnPassword = defineWrite({
  action: "user.change_own_password",
  permission: "token.own",
  input: ZChangeOwnPassword,
  async run({ tx, actor, input }) {
    const me = await tx.user.findFirst({ where: { ...scope.users(actor), id: actor.userId } });
    if (!me) throw notFound();
    if (!(await verifyPassword(me.passwordHash, input.currentPassword))) {
      throw invalid([{ path: "currentPassword", message: "当前密码不正确" }]);
    }
    if (await verifyPassword(me.passwordHash, input.password)) {
      throw invalid([{ path: "password", message: "新密码不能与当前密码相同" }]);
    }
    // A demo user may keep the published password, but nobody may choose it anew.
    if (isPublishedDemoPassword(input.password)) {
      throw invalid([{ path: "password", message: PUBLISHED_DEMO_PASSWORD_MESSAGE }]);
    }
    await tx.user.update({
      where: { id: me.id },
      data: { passwordHash: await hashPassword(input.password), passwordChangedAt: new Date(), mustChangePassword: false, sessionVersion: { increment: 1 } },
    });
    // Every device signs in again, and tokens made under the old password end with it.
    const ended = await endUserAccess(tx, me.id, { tokens: true });
    return { result: true, entity: "User", entityId: me.id, after: { passwordChanged: true, ...ended } };
  },
});

export const createToken = defineWrite({
  action: "token.create",
  permission: "token.own",
  input: ZCreateToken,
  async run({ tx, actor, input }) {
    // A token outlives the browser session, so minting one asks for the password again.
    const me = await tx.user.findFirst({
      where: { ...scope.users(actor), id: actor.userId },
      select: { passwordHash: true, role: true, mfaEnabledAt: true, tenant: { select: { isDemo: true } } },
    });
    if (!me) throw notFound();
    if (!(await verifyPassword(me.passwordHash, input.currentPassword))) {
      // The transaction rolls back: the refusal is recorded outside it.
      await writeAudit(db(), actor, { action: "token.create_refused", entity: "User", entityId: actor.userId, after: { reason: "wrong_password" } });
      throw invalid([{ path: "currentPassword", message: "当前密码不正确" }]);
    }
    // …and, where the user is enrolled, a current 两步验证 code (counted like a sign-in attempt;
    // it runs outside this transaction, which has taken no lock on the user row).
    const gate = tokenMfaGate(me);
    if (gate === "enrol_first") throw invalid([{ path: "code", message: TOKEN_MFA_MESSAGES.enrolFirst }]);
    if (gate === "code") {
      if (!input.code) throw invalid([{ path: "code", message: TOKEN_MFA_MESSAGES.missingCode }]);
      const r = await secondFactorAttempt({ id: actor.userId, username: actor.username, tenantId: actor.tenantId }, input.code, actor, "token");
      if (!r.ok) {
        await writeAudit(db(), actor, { action: "token.create_refused", entity: "User", entityId: actor.userId, after: { reason: "wrong_code" } });
        throw invalid([{ path: "code", message: r.message }]);
      }
    }
    const { token, row } = await issueToken(tx, { id: actor.userId, tenantId: actor.tenantId }, { name: input.name, days: input.days });
    return { result: { token, ...row }, entity: "AccessToken", entityId: row.id, after: row };
  },
});

export const revokeToken = defineWrite({
  action: "token.revoke",
  permission: "token.own",
  input: ZRevokeToken,
  async run({ tx, actor, input }) {
    const before = await tx.accessToken.findFirst({
      where: { ...scope.accessTokens(actor), id: input.id },
      select: { id: true, name: true, prefix: true, revokedAt: true },
    });
    if (!before) throw notFound();
    const after = await tx.accessToken.update({
      where: { id: before.id },
      data: { revokedAt: before.revokedAt ?? new Date() },
      select: { id: true, name: true, prefix: true, revokedAt: true },
    });
    return { result: after, entity: "AccessToken", entityId: after.id, before, after };
  },
});

/** An administrator revokes a token of a user in their scope (a lost laptop, a person leaving). */
export const revokeUserToken = defineWrite({
  action: "token.revoke_by_admin",
  permission: "user.manage",
  input: ZRevokeToken,
  async run({ tx, actor, input }) {
    const before = await tx.accessToken.findFirst({
      where: { tenantId: actor.tenantId, id: input.id, user: scope.users(actor) },
      select: { id: true, userId: true, name: true, prefix: true, revokedAt: true },
    });
    if (!before) throw notFound();
    const after = await tx.accessToken.update({
      where: { id: before.id },
      data: { revokedAt: before.revokedAt ?? new Date() },
      select: { id: true, userId: true, name: true, prefix: true, revokedAt: true },
    });
    return { result: after, entity: "AccessToken", entityId: after.id, before, after };
  },
});

const ZEndSessions = z.object({
  /** The session to keep ("sign out other devices"); absent = sign out everywhere. Set by the server, never the form. */
  keepSessionId: z.uuid().optional(),
});

/** 退出其他设备 / 在所有设备上退出: revokes one's own session rows. */
export const endOwnSessions = defineWrite({
  action: "session.end_own",
  permission: "token.own",
  input: ZEndSessions,
  async run({ tx, actor, input }) {
    const { sessionsEnded } = await endUserAccess(tx, actor.userId, { tokens: false, keepSessionId: input.keepSessionId });
    return {
      result: { sessionsEnded },
      entity: "User",
      entityId: actor.userId,
      after: { sessionsEnded, keptCurrent: Boolean(input.keepSessionId) },
    };
  },
});
