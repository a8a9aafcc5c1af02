import "server-only";
import { cache } from "react";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { decode } from "next-auth/jwt";
import type { Role } from "@/lib/generated/prisma/enums";
import { db } from "../db";
import { writeAuthAudit } from "../audit";
import { actorFromUser, type Actor, type RequestMeta } from "../actor";
import { authSecret } from "./secret";
import { sessionCookieName } from "./cookie";
import { nowSeconds, sessionState, type SessionClaims } from "./session-policy";
import { metaFromHeaders } from "./request-meta";
import { ACTOR_USER_COLUMNS, ACTOR_USER_JOINS, actorUserFromRow, type ActorUserRow } from "./user-row";
import { CHANGE_PASSWORD_PATH, MFA_ENROL_PATH, MFA_VERIFY_PATH, PLATFORM_HOME, userAccess } from "./access";

/** The session cookie's claims: who, when, and which server-side Session row (`sid`). */
export interface LiveClaims extends SessionClaims {
  sid?: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** lastSeenAt is written at most this often, so a busy page does not write on every request. */
export const SESSION_SEEN_REFRESH_MS = 60_000;

/** Decodes the session cookie; null when absent or not ours. */
export async function decodeSessionCookie(value: string | undefined): Promise<LiveClaims | null> {
  if (!value) return null;
  try {
    return (await decode({ token: value, secret: authSecret() })) as LiveClaims | null;
  } catch {
    return null;
  }
}

/** The signed-in person without a district Actor (platform admin, or anyone with a step to take first: code, password, 两步验证). */
export interface SessionUser {
  userId: string;
  /** The server-side Session row this cookie stands for. */
  sessionId: string;
  username: string;
  displayName: string;
  role: Role;
  ip: string | null;
  userAgent: string | null;
}

/**
 * What a session cookie stands for, re-checked against the user row on every request:
 * - none: no live session (ended, expired, user disabled; `tenantDisabled` when the district was switched off);
 * - mfa_verify: the password was right; the 两步验证 code is still to come (only the code page);
 * - must_change: signed in, but must choose a new password before anything else;
 * - mfa_enrol: signed in, but must set up 两步验证 before anything else (required for the role);
 * - platform: a platform admin (系统管理), who has no district Actor;
 * - actor: a district user.
 */
export type SessionResolution =
  | { kind: "none"; tenantDisabled?: boolean }
  | { kind: "mfa_verify"; user: SessionUser }
  | { kind: "must_change"; user: SessionUser }
  | { kind: "mfa_enrol"; user: SessionUser }
  | { kind: "platform"; user: SessionUser }
  | { kind: "actor"; actor: Actor };

/**
 * The live Session row with its user, unit and district: what every request needs, in
 * one statement. Null when the session is not live or not this user's.
 */
async function loadSessionUser(userId: string, sid: string) {
  const [r] = await db().$queryRaw<(ActorUserRow & { lastSeenAt: Date; mfaVerifiedAt: Date | null })[]>`
    SELECT ${ACTOR_USER_COLUMNS}, s."lastSeenAt", s."mfaVerifiedAt"
      FROM "Session" s
      JOIN "User" u ON u."id" = s."userId"
      ${ACTOR_USER_JOINS}
     WHERE s."id" = ${sid}::uuid AND s."revokedAt" IS NULL AND u."id" = ${userId}::uuid`;
  return r ? { user: actorUserFromRow(r), lastSeenAt: r.lastSeenAt, mfaVerified: r.mfaVerifiedAt !== null } : null;
}

export async function resolveSession(claims: LiveClaims | null, meta: RequestMeta): Promise<SessionResolution> {
  if (sessionState(claims, nowSeconds()) !== "active") return { kind: "none" };
  const sid = claims!.sid;
  // A cookie without a live Session row (signed out, revoked, or minted before sessions
  // were stored) stands for nothing, however valid its signature.
  if (typeof sid !== "string" || !UUID.test(sid) || !UUID.test(claims!.sub!)) return { kind: "none" };
  const found = await loadSessionUser(claims!.sub!, sid);
  if (!found || found.user.sessionVersion !== claims!.sv) return { kind: "none" };
  const { user, lastSeenAt, mfaVerified } = found;
  if (Date.now() - lastSeenAt.getTime() >= SESSION_SEEN_REFRESH_MS) {
    await db().session.updateMany({ where: { id: sid, revokedAt: null }, data: { lastSeenAt: new Date(), ...(meta.ip ? { ip: meta.ip } : {}) } });
  }
  const access = userAccess(user, mfaVerified);
  const who: SessionUser = { userId: user.id, sessionId: sid, username: user.username, displayName: user.displayName, role: user.role, ...meta };
  switch (access) {
    case "ended":
      return { kind: "none" };
    case "tenant_disabled":
      return { kind: "none", tenantDisabled: true };
    case "mfa_verify":
      return { kind: "mfa_verify", user: who };
    case "must_change":
      return { kind: "must_change", user: who };
    case "mfa_enrol":
      return { kind: "mfa_enrol", user: who };
    case "platform":
      return { kind: "platform", user: who };
    case "district":
      return { kind: "actor", actor: actorFromUser(user, "session", meta) };
  }
}

/** The district actor of a session, or null (ended, platform admin, or password still to be changed). */
export async function actorFromSession(claims: LiveClaims | null, meta: RequestMeta): Promise<Actor | null> {
  const r = await resolveSession(claims, meta);
  return r.kind === "actor" ? r.actor : null;
}

/** The session claims of this request (the change-password page re-issues the cookie from them). */
export async function currentClaims(): Promise<LiveClaims | null> {
  const [jar, h] = await Promise.all([cookies(), headers()]);
  return decodeSessionCookie(jar.get(sessionCookieName(h))?.value);
}

/** What this request's session stands for (pages, server actions). */
export const currentSession = cache(async (): Promise<SessionResolution> => {
  return resolveSession(await currentClaims(), metaFromHeaders(await headers()));
});

/** The signed-in district actor for this request (pages, server actions), or null. */
export const currentActor = cache(async (): Promise<Actor | null> => {
  const r = await currentSession();
  return r.kind === "actor" ? r.actor : null;
});

/** Where a session that is not a district actor belongs. */
export function sessionRedirect(r: Exclude<SessionResolution, { kind: "actor" }>): string {
  if (r.kind === "mfa_verify") return MFA_VERIFY_PATH;
  if (r.kind === "must_change") return CHANGE_PASSWORD_PATH;
  if (r.kind === "mfa_enrol") return MFA_ENROL_PATH;
  if (r.kind === "platform") return PLATFORM_HOME;
  return r.tenantDisabled ? "/login?reason=tenant" : "/login?reason=session";
}

/**
 * For signed-in district pages: the actor, or off to where this session belongs (sign-in,
 * the code step, the change-password page, 两步验证 setup, or 系统管理 for a platform admin).
 */
export async function requireActor(): Promise<Actor> {
  const r = await currentSession();
  if (r.kind === "actor") return r.actor;
  redirect(sessionRedirect(r));
}

/** Starts the server-side session of a successful sign-in; its id goes into the cookie as `sid`. */
export async function startSession(userId: string, meta: RequestMeta): Promise<string> {
  const user = await db().user.findUniqueOrThrow({ where: { id: userId }, select: { tenantId: true } });
  const row = await db().session.create({
    data: { userId, tenantId: user.tenantId, ip: meta.ip, userAgent: meta.userAgent?.slice(0, 500) ?? null },
    select: { id: true },
  });
  return row.id;
}

/**
 * Sign-out: the session row is revoked, so the cookie (and any copy of it) stops working
 * at once. Audited as "auth.sign_out" under the user's district.
 */
export async function endSession(claims: LiveClaims | null, meta: RequestMeta): Promise<boolean> {
  const sid = claims?.sid;
  if (typeof sid !== "string" || !UUID.test(sid)) return false;
  const row = await db().session.findUnique({
    where: { id: sid },
    select: { id: true, userId: true, tenantId: true, revokedAt: true, user: { select: { username: true } } },
  });
  if (!row || row.revokedAt || row.userId !== claims?.sub) return false;
  await db().$transaction(async (tx) => {
    await tx.session.update({ where: { id: row.id }, data: { revokedAt: new Date() } });
    await writeAuthAudit(tx, { tenantId: row.tenantId, userId: row.userId, username: row.user.username, action: "auth.sign_out", meta, detail: { sessionId: row.id } });
  });
  return true;
}

/**
 * The code step passed: this session may be used. Only the session's own user, and only
 * while it is live.
 */
export async function markSessionVerified(sessionId: string, userId: string): Promise<boolean> {
  const n = await db().session.updateMany({ where: { id: sessionId, userId, revokedAt: null }, data: { mfaVerifiedAt: new Date() } });
  return n.count === 1;
}
