import "server-only";
import { db } from "../db";
import type { Actor } from "../actor";
import { parseId, scope } from "../scope";
import { notFound } from "../errors";
import { assertCan } from "../permissions";
import { SESSION_IDLE_SECONDS, SESSION_MAX_SECONDS } from "../auth/session-policy";

const PAGE = 50;

export async function listUsers(actor: Actor, opts: { q?: string; page?: number }) {
  assertCan(actor, "user.manage");
  const q = opts.q?.trim();
  const where = {
    ...scope.users(actor),
    ...(q ? { OR: [{ username: { contains: q, mode: "insensitive" as const } }, { displayName: { contains: q } }] } : {}),
  };
  const page = Math.max(1, opts.page ?? 1);
  const [total, items] = await Promise.all([
    db().user.count({ where }),
    db().user.findMany({
      where,
      orderBy: [{ role: "asc" }, { username: "asc" }],
      skip: (page - 1) * PAGE,
      take: PAGE,
      select: {
        id: true,
        username: true,
        displayName: true,
        role: true,
        disabledAt: true,
        lockedUntil: true,
        lastLoginAt: true,
        orgUnit: { select: { id: true, name: true } },
      },
    }),
  ]);
  return { total, items, page, pages: Math.max(1, Math.ceil(total / PAGE)) };
}

export async function getUser(actor: Actor, id: unknown) {
  assertCan(actor, "user.manage");
  const user = await db().user.findFirst({
    where: { ...scope.users(actor), id: parseId(id) },
    select: {
      id: true,
      username: true,
      displayName: true,
      role: true,
      orgUnitId: true,
      disabledAt: true,
      lockedUntil: true,
      lastLoginAt: true,
      createdAt: true,
      mfaEnabledAt: true,
      orgUnit: { select: { id: true, name: true } },
    },
  });
  if (!user) throw notFound();
  return user;
}

const TOKEN_LIST_SELECT = {
  id: true,
  name: true,
  prefix: true,
  expiresAt: true,
  revokedAt: true,
  lastUsedAt: true,
  lastUsedIp: true,
  createdAt: true,
} as const;

export function listOwnTokens(actor: Actor) {
  return db().accessToken.findMany({
    where: scope.accessTokens(actor),
    orderBy: { createdAt: "desc" },
    select: TOKEN_LIST_SELECT,
  });
}

/** An administrator's view of a user's tokens: only users in the admin's scope (else NOT_FOUND). */
export async function listUserTokens(actor: Actor, userId: unknown) {
  const user = await getUser(actor, userId);
  return db().accessToken.findMany({
    where: { tenantId: actor.tenantId, userId: user.id },
    orderBy: { createdAt: "desc" },
    select: TOKEN_LIST_SELECT,
  });
}

/**
 * One's own signed-in browsers that can still be used: not revoked, seen within the idle
 * limit and begun within the 12-hour limit (older rows end by time, not by revocation).
 */
export function listOwnSessions(actor: Actor) {
  const now = Date.now();
  return db().session.findMany({
    where: {
      userId: actor.userId,
      tenantId: actor.tenantId,
      revokedAt: null,
      lastSeenAt: { gt: new Date(now - SESSION_IDLE_SECONDS * 1000) },
      createdAt: { gt: new Date(now - SESSION_MAX_SECONDS * 1000) },
    },
    orderBy: { lastSeenAt: "desc" },
    select: { id: true, createdAt: true, lastSeenAt: true, ip: true, userAgent: true },
  });
}

/** 操作日志 moved to lib/server/audit-log/read-audit.ts (filters, export); kept here for existing callers. */
export { listAudit } from "../audit-log/read-audit";
