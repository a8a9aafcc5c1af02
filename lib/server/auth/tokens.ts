import "server-only";
import crypto from "node:crypto";
import { db, type Tx } from "../db";
import { ACTOR_USER_SELECT, actorFromUser, type Actor, type RequestMeta } from "../actor";

/** Personal access tokens: `qm_` + 32 random bytes. Only the sha256 is stored. */
const TOKEN_PREFIX = "qm_";
export const MAX_TOKEN_DAYS = 365;

export const hashToken = (token: string) => crypto.createHash("sha256").update(token).digest("hex");

export async function issueToken(
  client: Tx,
  user: { id: string; tenantId: string },
  opts: { name: string; days: number },
) {
  const token = TOKEN_PREFIX + crypto.randomBytes(32).toString("base64url");
  const row = await client.accessToken.create({
    data: {
      tenantId: user.tenantId,
      userId: user.id,
      name: opts.name,
      prefix: token.slice(0, 10),
      tokenHash: hashToken(token),
      expiresAt: new Date(Date.now() + opts.days * 86_400_000),
    },
    select: { id: true, name: true, prefix: true, expiresAt: true, createdAt: true },
  });
  return { token, row };
}

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
  if (user.disabledAt || !user.orgUnit.active) return null;
  // Record use at most once a minute: enough to show "last used", no write per call.
  if (!found.lastUsedAt || now.getTime() - found.lastUsedAt.getTime() > 60_000) {
    await db().accessToken.update({ where: { id: found.id }, data: { lastUsedAt: now } });
  }
  return actorFromUser(user, "token", meta);
}
