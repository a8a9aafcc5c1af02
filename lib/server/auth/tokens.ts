import "server-only";
import { db } from "../db";
import { ACTOR_USER_SELECT, actorFromUser, type Actor, type RequestMeta } from "../actor";
import { TOKEN_PREFIX, hashToken } from "./token-issue";

export { issueToken, MAX_TOKEN_DAYS } from "./token-issue";

/** The actor behind `Authorization: Bearer <token>`, or null (unknown, expired, revoked, user disabled). */
export async function actorFromBearer(authorization: string | null, meta: RequestMeta): Promise<Actor | null> {
  const m = authorization?.match(/^Bearer\s+(\S+)$/i);
  if (!m || !m[1].startsWith(TOKEN_PREFIX)) return null;
  const found = await db().accessToken.findUnique({
    where: { tokenHash: hashToken(m[1]) },
    select: { id: true, expiresAt: true, revokedAt: true, lastUsedAt: true, user: { select: ACTOR_USER_SELECT } },
  });
  const now = new Date();
  if (!found || found.revokedAt || found.expiresAt <= now) return null;
  const { user } = found;
  if (user.disabledAt || !user.orgUnit?.active) return null;
  // Record use at most once a minute: enough to show "last used", no write per call.
  if (!found.lastUsedAt || now.getTime() - found.lastUsedAt.getTime() > 60_000) {
    await db().accessToken.update({ where: { id: found.id }, data: { lastUsedAt: now } });
  }
  return actorFromUser(user, "token", meta);
}
