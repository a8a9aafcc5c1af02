import crypto from "node:crypto";
import type { Role } from "@/lib/generated/prisma/enums";
import type { Tx } from "../db";
import { mfaRequired } from "./access";

/** Personal access tokens: `qm_` + 32 random bytes. Only the sha256 is stored. */
export const TOKEN_PREFIX = "qm_";
/** ASVS asks tokens to end: 90 days at most (the settings form's schema says the same). */
export const MAX_TOKEN_DAYS = 90;

/**
 * What minting a token asks besides the password (settings, scripts/token.ts): a token
 * outlives every session, so where the user is enrolled in 两步验证 it takes a current code;
 * where the role requires 两步验证 and it is not set up, none is issued until it is (a token
 * could not be used before then anyway: tokens.ts).
 */
export function tokenMfaGate(u: { role: Role; tenant: { isDemo: boolean } | null; mfaEnabledAt: Date | null }): "enrol_first" | "code" | "none" {
  if (u.mfaEnabledAt) return "code";
  return mfaRequired(u) ? "enrol_first" : "none";
}

export const TOKEN_MFA_MESSAGES = {
  enrolFirst: "请先登录网页设置两步验证，然后再生成访问令牌",
  missingCode: "请输入两步验证码（手机上显示的 6 位数字）",
};

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

