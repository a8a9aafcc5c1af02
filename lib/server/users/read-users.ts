import "server-only";
import { db } from "../db";
import type { Actor } from "../actor";
import { parseId, scope } from "../scope";
import { notFound } from "../errors";
import { assertCan } from "../permissions";

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
      orgUnit: { select: { id: true, name: true } },
    },
  });
  if (!user) throw notFound();
  return user;
}

export function listOwnTokens(actor: Actor) {
  return db().accessToken.findMany({
    where: scope.accessTokens(actor),
    orderBy: { createdAt: "desc" },
    select: { id: true, name: true, prefix: true, expiresAt: true, revokedAt: true, lastUsedAt: true, createdAt: true },
  });
}

export async function listAudit(actor: Actor, opts: { page?: number }) {
  assertCan(actor, "audit.read");
  const page = Math.max(1, opts.page ?? 1);
  const where = scope.auditLogs(actor);
  const [total, items] = await Promise.all([
    db().auditLog.count({ where }),
    db().auditLog.findMany({ where, orderBy: { id: "desc" }, skip: (page - 1) * PAGE, take: PAGE }),
  ]);
  return { total, items, page, pages: Math.max(1, Math.ceil(total / PAGE)) };
}
