import crypto from "node:crypto";
import type { Tx } from "../db";

/** Personal access tokens: `qm_` + 32 random bytes. Only the sha256 is stored. */
export const TOKEN_PREFIX = "qm_";
/** ASVS asks tokens to end: 90 days at most (the settings form's schema says the same). */
export const MAX_TOKEN_DAYS = 90;

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

