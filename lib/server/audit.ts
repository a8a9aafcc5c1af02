import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Actor, RequestMeta } from "./actor";
import { db, type Tx } from "./db";
import type { AppError } from "./errors";
import { logger } from "./log";

export interface AuditEntry {
  action: string;
  entity: string;
  entityId?: string | null;
  before?: unknown;
  after?: unknown;
}

/** JSON-safe copy for the audit columns; never records password hashes or token hashes. */
function snapshot(value: unknown): Prisma.InputJsonValue | undefined {
  if (value === undefined || value === null) return undefined;
  return JSON.parse(
    JSON.stringify(value, (key, v) =>
      key === "passwordHash" || key === "tokenHash" ? "[redacted]" : typeof v === "bigint" ? v.toString() : v,
    ),
  );
}

export async function writeAudit(client: Tx, actor: Actor, entry: AuditEntry): Promise<void> {
  await client.auditLog.create({
    data: {
      tenantId: actor.tenantId,
      actorId: actor.userId,
      actorName: actor.username,
      action: entry.action,
      entity: entry.entity,
      entityId: entry.entityId ?? null,
      before: snapshot(entry.before),
      after: snapshot(entry.after),
      ip: actor.ip,
      userAgent: actor.userAgent?.slice(0, 500) ?? null,
      via: actor.via,
      requestId: actor.requestId ?? null,
    },
  });
}

/** Sign-in events happen before there is an actor. */
export async function writeAuthAudit(
  client: Tx,
  e: { tenantId: string | null; userId: string | null; username: string; action: string; meta: RequestMeta; detail?: unknown },
): Promise<void> {
  await client.auditLog.create({
    data: {
      tenantId: e.tenantId,
      actorId: e.userId,
      actorName: e.username.slice(0, 100),
      action: e.action,
      entity: "User",
      entityId: e.userId,
      after: snapshot(e.detail),
      ip: e.meta.ip,
      userAgent: e.meta.userAgent?.slice(0, 500) ?? null,
      via: "session",
      requestId: e.meta.requestId ?? null,
    },
  });
}

/** Refusals already recorded (an error from defineWrite passes through apiRoute too). */
const recordedRefusals = new WeakSet<AppError>();

/**
 * A refused authorization: FORBIDDEN (the role may not) or NOT_FOUND (outside the caller's
 * scope, or no such row — the two are one answer on purpose). Written with its own insert,
 * outside any transaction, because the refused write's transaction is rolled back. One insert
 * per refusal and no other work, so a flood costs what the requests themselves cost; a failed
 * insert is logged and never turns the refusal into a 500.
 */
export async function auditDenied(
  actor: Actor,
  error: AppError,
  detail: { action?: string; permission?: string; method?: string; path?: string; reason?: "csrf" | "page" },
): Promise<void> {
  if ((error.code !== "FORBIDDEN" && error.code !== "NOT_FOUND") || recordedRefusals.has(error)) return;
  recordedRefusals.add(error);
  try {
    await db().auditLog.create({
      data: {
        tenantId: actor.tenantId,
        actorId: actor.userId,
        actorName: actor.username,
        action: "authz.denied",
        entity: "Authorization",
        after: snapshot({ code: error.code, ...detail, path: detail.path?.slice(0, 500) }),
        ip: actor.ip,
        userAgent: actor.userAgent?.slice(0, 500) ?? null,
        via: actor.via,
        requestId: actor.requestId ?? null,
      },
    });
  } catch (e) {
    logger.error({ err: e, requestId: actor.requestId }, "could not record a refused authorization");
  }
}
