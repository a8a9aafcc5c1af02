import "server-only";
import { defineWrite } from "../write";
import { AppError, invalid, notFound } from "../errors";
import { findUnitInScope, scope } from "../scope";
import { ROLE_UNIT_LEVELS } from "../permissions";
import { PUBLISHED_DEMO_PASSWORD_MESSAGE, hashPassword, isPublishedDemoPassword, verifyPassword } from "../auth/password";
import { issueToken } from "../auth/tokens";
import type { Tx } from "../db";
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
    return { result: before, entity: "User", entityId: before.id, after: { passwordReset: true, unlocked: true } };
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
    return { result: true, entity: "User", entityId: me.id, after: { passwordChanged: true } };
  },
});

export const createToken = defineWrite({
  action: "token.create",
  permission: "token.own",
  input: ZCreateToken,
  async run({ tx, actor, input }) {
    const { token, row } = await issueToken(tx, { id: actor.userId, tenantId: actor.tenantId }, input);
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
