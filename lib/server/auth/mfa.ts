/**
 * 两步验证 (TOTP, RFC 6238): the secret, its encryption at rest, codes, replay and recovery
 * codes. No `server-only`: the token CLI (scripts/token.ts) checks codes with its own Prisma
 * client, so every function here takes the client it should use.
 *
 * - The secret (20 random bytes, base32 as authenticator apps expect) is stored AES-256-GCM
 *   encrypted under a key derived (HKDF) from AUTH_SECRET, bound to the user's id; it is never
 *   logged or audited. Rotating AUTH_SECRET makes enrolled secrets unreadable: those users
 *   sign in with a recovery code or have an administrator reset 两步验证.
 * - A code is accepted for the current 30-second step or one step either side (clock drift),
 *   and only if its step is later than the last step this user had accepted: one conditional
 *   UPDATE, so of two concurrent submissions of one code exactly one wins.
 * - Recovery codes: ten codes of 16 characters (80 random bits each), shown once; only
 *   sha256(userId:code) is stored. 80 bits cannot be searched even with a fast hash, so a
 *   slow one (argon2, ~50 ms per code, ten per attempt) would add cost and no safety; the
 *   user id in the hash keeps one search from covering every user at once. Using one removes
 *   its hash in one statement, so it works once.
 */
import crypto from "node:crypto";
import { Secret, TOTP } from "otpauth";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Tx } from "../db";
import { authSecret } from "./secret";

export type MfaClient = PrismaClient | Tx;

export const MFA_ISSUER = "青苗";
export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
/** Steps accepted either side of now: ±30 seconds of clock drift between phone and server. */
export const TOTP_WINDOW = 1;
export const RECOVERY_CODE_COUNT = 10;

// ── the secret, encrypted at rest ───────────────────────────────────────────────────

/** Thrown when a stored secret cannot be opened (AUTH_SECRET changed, or the row was tampered with). */
export class MfaKeyError extends Error {}

function secretKey(): Buffer {
  return Buffer.from(crypto.hkdfSync("sha256", authSecret(), "qingmiao", "mfa-totp-secret-v1", 32));
}

const b64 = (b: Buffer) => b.toString("base64url");

/** Seals a base32 secret for `userId`: "v1.<iv>.<ciphertext>.<tag>". */
export function sealSecret(base32: string, userId: string): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", secretKey(), iv);
  cipher.setAAD(Buffer.from(`user:${userId}`));
  const ct = Buffer.concat([cipher.update(base32, "utf8"), cipher.final()]);
  return ["v1", b64(iv), b64(ct), b64(cipher.getAuthTag())].join(".");
}

export function openSecret(sealed: string, userId: string): string {
  const [v, iv, ct, tag] = sealed.split(".");
  if (v !== "v1" || !iv || !ct || !tag) throw new MfaKeyError("unknown secret format");
  try {
    const decipher = crypto.createDecipheriv("aes-256-gcm", secretKey(), Buffer.from(iv, "base64url"));
    decipher.setAAD(Buffer.from(`user:${userId}`));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(ct, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    throw new MfaKeyError("the secret cannot be opened with this AUTH_SECRET");
  }
}

// ── TOTP ───────────────────────────────────────────────────────────────────────────

/** A new secret: 160 bits (RFC 4226's recommended length for SHA-1), base32. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

function totp(base32: string, username = ""): TOTP {
  return new TOTP({
    issuer: MFA_ISSUER,
    label: username,
    secret: Secret.fromBase32(base32),
    algorithm: "SHA1", // what every authenticator app supports
    digits: TOTP_DIGITS,
    period: TOTP_PERIOD_SECONDS,
  });
}

/** The otpauth:// address the QR code carries. */
export function otpauthUri(base32: string, username: string): string {
  return totp(base32, username).toString();
}

/** The key in groups of four, for typing it into an app by hand. */
export function groupKey(base32: string): string {
  return base32.match(/.{1,4}/g)?.join(" ") ?? base32;
}

/** The code an authenticator app shows at `at` (tests and the e2e suite compute codes this way too). */
export function totpCode(base32: string, at = Date.now()): string {
  return totp(base32).generate({ timestamp: at });
}

export const timeStep = (at = Date.now()) => Math.floor(at / 1000 / TOTP_PERIOD_SECONDS);

/** A typed code with spaces and dashes taken out. */
export const normalizeCode = (typed: string) => typed.replace(/[\s-]/g, "");

export const looksLikeTotp = (typed: string) => new RegExp(`^\\d{${TOTP_DIGITS}}$`).test(normalizeCode(typed));

/** The time step whose code this is, within ±TOTP_WINDOW of `at`; null for a wrong code. */
export function matchTotpStep(base32: string, typed: string, at = Date.now()): number | null {
  const token = normalizeCode(typed);
  if (!looksLikeTotp(token)) return null;
  const delta = totp(base32).validate({ token, timestamp: at, window: TOTP_WINDOW });
  return delta === null ? null : timeStep(at) + delta;
}

/**
 * Records `step` as used, only if it is later than every step this user had accepted: one
 * conditional UPDATE, so a replayed code (same or earlier step) is refused, and of two
 * concurrent submissions of one code the second waits for the first's row lock and then
 * finds the step taken.
 */
export async function consumeStep(client: MfaClient, userId: string, step: number): Promise<boolean> {
  const n = await client.$executeRaw`
    UPDATE "User" SET "mfaLastStep" = ${BigInt(step)}
     WHERE id = ${userId}::uuid AND "mfaEnabledAt" IS NOT NULL
       AND ("mfaLastStep" IS NULL OR "mfaLastStep" < ${BigInt(step)})`;
  return n === 1;
}

// ── recovery codes ─────────────────────────────────────────────────────────────────

// Crockford's base32: no i, l, o, u; what is typed is read leniently (o → 0, i and l → 1).
const RECOVERY_ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";
const RECOVERY_LENGTH = 16;

function normalizeRecovery(typed: string): string {
  return normalizeCode(typed).toLowerCase().replace(/o/g, "0").replace(/[il]/g, "1");
}

/** Ten new recovery codes, "xxxx-xxxx-xxxx-xxxx" (80 random bits each). */
export function newRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  return Array.from({ length: count }, () => {
    const bytes = crypto.randomBytes(10); // 80 bits = 16 characters of 5 bits
    let bits = 0n;
    for (const b of bytes) bits = (bits << 8n) | BigInt(b);
    let s = "";
    for (let i = 0; i < RECOVERY_LENGTH; i++) s = RECOVERY_ALPHABET[Number((bits >> BigInt(5 * i)) & 31n)] + s;
    return s.match(/.{4}/g)!.join("-");
  });
}

export function hashRecoveryCode(userId: string, typed: string): string {
  return crypto.createHash("sha256").update(`${userId}:${normalizeRecovery(typed)}`).digest("hex");
}

export const looksLikeRecoveryCode = (typed: string) =>
  new RegExp(`^[${RECOVERY_ALPHABET}]{${RECOVERY_LENGTH}}$`).test(normalizeRecovery(typed));

/** Uses one recovery code: removed from the user's list in one statement; null when it is not there. */
export async function consumeRecoveryCode(client: MfaClient, userId: string, typed: string): Promise<{ remaining: number } | null> {
  const h = hashRecoveryCode(userId, typed);
  const rows = await client.$queryRaw<{ remaining: number }[]>`
    UPDATE "User" SET "mfaRecoveryCodes" = array_remove("mfaRecoveryCodes", ${h})
     WHERE id = ${userId}::uuid AND "mfaEnabledAt" IS NOT NULL AND ${h} = ANY("mfaRecoveryCodes")
 RETURNING cardinality("mfaRecoveryCodes")::int AS remaining`;
  return rows[0] ?? null;
}

// ── one check for every place that asks for a code ─────────────────────────────────

export type SecondFactorResult =
  | { ok: true; method: "totp" }
  | { ok: true; method: "recovery"; remaining: number }
  | { ok: false; reason: "not_enrolled" | "wrong_code" | "replayed" | "unreadable_secret" };

/**
 * Checks (and uses up) a code typed by an enrolled user: an authenticator code, or one of their
 * recovery codes. Never says which part was wrong beyond the audit's reason.
 */
export async function checkSecondFactor(client: MfaClient, userId: string, typed: string, at = Date.now()): Promise<SecondFactorResult> {
  const u = await client.user.findUnique({ where: { id: userId }, select: { mfaSecret: true, mfaEnabledAt: true } });
  if (!u?.mfaSecret || !u.mfaEnabledAt) return { ok: false, reason: "not_enrolled" };
  if (looksLikeTotp(typed)) {
    let base32: string;
    try {
      base32 = openSecret(u.mfaSecret, userId);
    } catch (e) {
      if (!(e instanceof MfaKeyError)) throw e;
      // Recovery codes still work (they do not depend on AUTH_SECRET); an administrator can reset.
      console.error(`[mfa] the 两步验证 secret of user ${userId} cannot be opened: was AUTH_SECRET changed?`);
      return { ok: false, reason: "unreadable_secret" };
    }
    const step = matchTotpStep(base32, typed, at);
    if (step === null) return { ok: false, reason: "wrong_code" };
    return (await consumeStep(client, userId, step)) ? { ok: true, method: "totp" } : { ok: false, reason: "replayed" };
  }
  if (!looksLikeRecoveryCode(typed)) return { ok: false, reason: "wrong_code" };
  const used = await consumeRecoveryCode(client, userId, typed);
  return used ? { ok: true, method: "recovery", remaining: used.remaining } : { ok: false, reason: "wrong_code" };
}

/** What clears 两步验证 from a user row (disable, an administrator's reset). */
export function mfaCleared() {
  return { mfaEnabledAt: null, mfaSecret: null, mfaPendingSecret: null, mfaLastStep: null, mfaRecoveryCodes: [] as string[] };
}

/**
 * An administrator's reset (a lost phone, no recovery code left): 两步验证 is cleared, the account
 * unlocked, and every session ends; where the role requires it, the user sets it up again at
 * the next sign-in. Tokens stay: each was minted with a code.
 */
export async function resetMfa(tx: Tx, userId: string): Promise<{ sessionsEnded: number }> {
  await tx.user.update({ where: { id: userId }, data: { ...mfaCleared(), sessionVersion: { increment: 1 }, failedLogins: 0, lockedUntil: null } });
  const sessions = await tx.session.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: new Date() } });
  return { sessionsEnded: sessions.count };
}
