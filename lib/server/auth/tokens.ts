import "server-only";
import { db } from "../db";
import { actorFromUser, type Actor, type RequestMeta } from "../actor";
import { TOKEN_PREFIX, hashToken } from "./token-issue";
import { AppError } from "../errors";
import { MFA_ENROL_API_MESSAGE, userAccess } from "./access";
import { ACTOR_USER_COLUMNS, ACTOR_USER_JOINS, actorUserFromRow, type ActorUserRow } from "./user-row";

export { issueToken, MAX_TOKEN_DAYS } from "./token-issue";

/**
 * What `Authorization: Bearer <token>` stands for: a district actor; "must_change" while
 * its user has not yet chosen their own password (the API says so); otherwise nothing
 * (unknown, expired, revoked, user or district disabled). While the user's role requires
 * 两步验证 and it is not set up, the token is refused with a 401 that says so (an AppError,
 * which apiRoute answers). A token counts as past the code step: minting one asks for a code
 * where the user is enrolled (token-issue.ts).
 */
export type BearerResolution = { kind: "none" } | { kind: "must_change" } | { kind: "actor"; actor: Actor };

export async function resolveBearer(authorization: string | null, meta: RequestMeta): Promise<BearerResolution> {
  const m = authorization?.match(/^Bearer\s+(\S+)$/i);
  if (!m || !m[1].startsWith(TOKEN_PREFIX)) return { kind: "none" };
  // The token with its user, unit and district in one statement (this runs on every API call).
  const [found] = await db().$queryRaw<(ActorUserRow & { tokenId: string; expiresAt: Date; revokedAt: Date | null; lastUsedAt: Date | null })[]>`
    SELECT k."id" AS "tokenId", k."expiresAt", k."revokedAt", k."lastUsedAt", ${ACTOR_USER_COLUMNS}
      FROM "AccessToken" k
      JOIN "User" u ON u."id" = k."userId"
      ${ACTOR_USER_JOINS}
     WHERE k."tokenHash" = ${hashToken(m[1])}`;
  const now = new Date();
  if (!found || found.revokedAt || found.expiresAt <= now) return { kind: "none" };
  const user = actorUserFromRow(found);
  const access = userAccess(user, true);
  if (access === "must_change") return { kind: "must_change" };
  if (access === "mfa_enrol") throw new AppError("UNAUTHORIZED", MFA_ENROL_API_MESSAGE);
  if (access !== "district") return { kind: "none" };
  // Record use (when and from where) at most once a minute: enough to show "last used", no write per call.
  if (!found.lastUsedAt || now.getTime() - found.lastUsedAt.getTime() > 60_000) {
    await db().accessToken.update({ where: { id: found.tokenId }, data: { lastUsedAt: now, lastUsedIp: meta.ip } });
  }
  return { kind: "actor", actor: actorFromUser(user, "token", meta) };
}

/** The actor behind `Authorization: Bearer <token>`, or null. */
export async function actorFromBearer(authorization: string | null, meta: RequestMeta): Promise<Actor | null> {
  const r = await resolveBearer(authorization, meta);
  return r.kind === "actor" ? r.actor : null;
}
