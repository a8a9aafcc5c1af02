import "server-only";
/**
 * A user's own 两步验证: setting it up, the code step of a sign-in, new recovery codes, turning
 * it off. Like the first password choice (first-password.ts) these run for a signed-in user
 * who may have no Actor yet (the required set-up comes before any page), so each one checks
 * its input (zod), writes in one transaction and leaves its audit entry there.
 */
import { renderSVG } from "uqr";
import { z } from "zod";
import { db } from "../db";
import { writeAuthAudit } from "../audit";
import { AppError, invalid, notFound } from "../errors";
import { parseInput } from "../write";
import type { RequestMeta } from "../actor";
import { verifyPassword } from "./password";
import { mfaRequired } from "./access";
import {
  MfaKeyError,
  groupKey,
  hashRecoveryCode,
  matchTotpStep,
  mfaCleared,
  newRecoveryCodes,
  newTotpSecret,
  openSecret,
  otpauthUri,
  sealSecret,
} from "./mfa";
import { secondFactorAttempt, type SecondFactorAttempt } from "./sign-in";
import { markSessionVerified } from "./session";

/** The signed-in user acting on their own 两步验证, and this session. */
export interface MfaSelf extends RequestMeta {
  userId: string;
  sessionId: string;
  username: string;
}

/** A code as typed: six digits from the phone, or a recovery code. */
const ZCodeField = z.string({ error: "请输入验证码" }).trim().min(1, "请输入验证码").max(64, "验证码不正确");
const ZCode = z.object({ code: ZCodeField });
const ZConfirm = z.object({
  code: z
    .string({ error: "请输入 6 位验证码" })
    .transform((v) => v.replace(/[\s-]/g, ""))
    .pipe(z.string().regex(/^\d{6}$/, "请输入手机上显示的 6 位数字")),
});
export const ZPasswordAndCode = z.object({
  currentPassword: z.string({ error: "请输入当前密码" }).min(1, "请输入当前密码").max(256),
  code: ZCodeField,
});

export interface MfaStatus {
  enrolled: boolean;
  enabledAt: Date | null;
  /** The role requires it (district and platform admins outside demo districts). */
  required: boolean;
  recoveryCodesLeft: number;
}

export async function mfaStatus(userId: string): Promise<MfaStatus> {
  const u = await db().user.findUnique({
    where: { id: userId },
    select: { role: true, mfaEnabledAt: true, mfaRecoveryCodes: true, tenant: { select: { isDemo: true } } },
  });
  if (!u) throw notFound();
  return { enrolled: !!u.mfaEnabledAt, enabledAt: u.mfaEnabledAt, required: mfaRequired(u), recoveryCodesLeft: u.mfaRecoveryCodes?.length ?? 0 };
}

export interface EnrolmentKey {
  /** The key grouped by four, for typing into an app. */
  key: string;
  /** The QR code of the otpauth:// address, as an SVG data URL. */
  qr: string;
}

/**
 * The secret to set up, for the enrolment page: the one already waiting for this user, or a
 * new one (kept encrypted until confirmed, so a reload shows the same QR code). Null when
 * 两步验证 is already on.
 */
export async function enrolmentKey(userId: string): Promise<EnrolmentKey | null> {
  const read = () => db().user.findUnique({ where: { id: userId }, select: { username: true, mfaEnabledAt: true, mfaPendingSecret: true } });
  let u = await read();
  if (!u) throw notFound();
  if (u.mfaEnabledAt) return null;
  let base32: string | null = null;
  try {
    base32 = u.mfaPendingSecret ? openSecret(u.mfaPendingSecret, userId) : null;
  } catch (e) {
    if (!(e instanceof MfaKeyError)) throw e;
  }
  if (!base32) {
    // Only over what we read: of two pages opened at once, one secret wins and both show it.
    await db().user.updateMany({
      where: { id: userId, mfaEnabledAt: null, mfaPendingSecret: u.mfaPendingSecret },
      data: { mfaPendingSecret: sealSecret(newTotpSecret(), userId) },
    });
    u = await read();
    if (!u?.mfaPendingSecret || u.mfaEnabledAt) return null;
    base32 = openSecret(u.mfaPendingSecret, userId);
  }
  const uri = otpauthUri(base32, u.username);
  return { key: groupKey(base32), qr: `data:image/svg+xml;base64,${Buffer.from(renderSVG(uri, { border: 2 })).toString("base64")}` };
}

/**
 * Confirms the set-up with a current code: 两步验证 is on, this session counts as verified
 * (the user's other sessions now ask for a code), and ten recovery codes are returned — the
 * only time they exist outside their hashes.
 */
export async function confirmEnrolment(who: MfaSelf, raw: unknown): Promise<{ recoveryCodes: string[] }> {
  const { code } = parseInput(ZConfirm, raw);
  return db().$transaction(async (tx) => {
    const [u] = await tx.$queryRaw<{ tenantId: string | null; mfaEnabledAt: Date | null; mfaPendingSecret: string | null }[]>`
      SELECT "tenantId", "mfaEnabledAt", "mfaPendingSecret" FROM "User" WHERE id = ${who.userId}::uuid FOR UPDATE`;
    if (!u) throw notFound();
    if (u.mfaEnabledAt) throw invalid([{ path: "code", message: "两步验证已经开启，无需重复设置" }]);
    let base32: string | null = null;
    try {
      base32 = u.mfaPendingSecret ? openSecret(u.mfaPendingSecret, who.userId) : null;
    } catch (e) {
      if (!(e instanceof MfaKeyError)) throw e;
    }
    if (!base32) throw invalid([{ path: "code", message: "二维码已失效，请刷新页面后重新扫描" }]);
    const step = matchTotpStep(base32, code);
    if (step === null) {
      throw invalid([{ path: "code", message: "验证码不正确。请确认手机时间准确，并输入应用中当前显示的 6 位数字" }]);
    }
    const recoveryCodes = newRecoveryCodes();
    await tx.user.update({
      where: { id: who.userId },
      data: {
        mfaSecret: u.mfaPendingSecret,
        mfaEnabledAt: new Date(),
        mfaPendingSecret: null,
        mfaLastStep: BigInt(step), // the confirming code cannot be used again
        mfaRecoveryCodes: recoveryCodes.map((c) => hashRecoveryCode(who.userId, c)),
      },
    });
    await tx.session.updateMany({ where: { id: who.sessionId, userId: who.userId, revokedAt: null }, data: { mfaVerifiedAt: new Date() } });
    await writeAuthAudit(tx, {
      tenantId: u.tenantId,
      userId: who.userId,
      username: who.username,
      action: "user.mfa_enrolled",
      meta: who,
      detail: { recoveryCodes: recoveryCodes.length },
    });
    return { recoveryCodes };
  });
}

/**
 * The code step of a sign-in: a right code (or recovery code) makes this session usable.
 * Wrong codes count like wrong passwords (sign-in.ts).
 */
export async function verifySignInCode(who: MfaSelf, raw: unknown): Promise<SecondFactorAttempt> {
  const { code } = parseInput(ZCode, raw);
  const u = await db().user.findUnique({ where: { id: who.userId }, select: { id: true, username: true, tenantId: true } });
  if (!u) throw notFound();
  const r = await secondFactorAttempt(u, code, who, "sign_in");
  if (r.ok && !(await markSessionVerified(who.sessionId, who.userId))) return { ok: false, message: "登录已失效，请重新登录" };
  return r;
}

/**
 * The current password and a code, before 两步验证 is changed: whoever sits at an open
 * session must still know both. A wrong password is audited; a wrong code counts like a
 * wrong password at sign-in.
 */
async function provePasswordAndCode(who: MfaSelf, input: z.output<typeof ZPasswordAndCode>, purpose: "disable" | "recovery_codes") {
  const u = await db().user.findUnique({
    where: { id: who.userId },
    select: { id: true, username: true, tenantId: true, role: true, passwordHash: true, mfaEnabledAt: true, tenant: { select: { isDemo: true } } },
  });
  if (!u) throw notFound();
  if (!u.mfaEnabledAt) throw new AppError("INVALID", "您尚未开启两步验证", [{ path: "code", message: "您尚未开启两步验证" }]);
  if (purpose === "disable" && mfaRequired(u)) {
    throw new AppError("INVALID", "您的账号必须使用两步验证，不能关闭", [{ path: "code", message: "您的账号必须使用两步验证，不能关闭" }]);
  }
  if (!(await verifyPassword(u.passwordHash, input.currentPassword))) {
    await writeAuthAudit(db(), { tenantId: u.tenantId, userId: u.id, username: u.username, action: "user.mfa_change_refused", meta: who, detail: { purpose, reason: "wrong_password" } });
    throw invalid([{ path: "currentPassword", message: "当前密码不正确" }]);
  }
  const r = await secondFactorAttempt(u, input.code, who, purpose);
  if (!r.ok) throw invalid([{ path: "code", message: r.message }]);
  return u;
}

/** Ten new recovery codes replace the old ones (all of them, used or not). */
export async function renewRecoveryCodes(who: MfaSelf, raw: unknown): Promise<{ recoveryCodes: string[] }> {
  const input = parseInput(ZPasswordAndCode, raw);
  const u = await provePasswordAndCode(who, input, "recovery_codes");
  const recoveryCodes = newRecoveryCodes();
  await db().$transaction(async (tx) => {
    await tx.user.update({ where: { id: u.id }, data: { mfaRecoveryCodes: recoveryCodes.map((c) => hashRecoveryCode(u.id, c)) } });
    await writeAuthAudit(tx, { tenantId: u.tenantId, userId: u.id, username: u.username, action: "user.mfa_recovery_codes_renewed", meta: who, detail: { recoveryCodes: recoveryCodes.length } });
  });
  return { recoveryCodes };
}

/** Turns one's own 两步验证 off: only where the role does not require it. */
export async function disableOwnMfa(who: MfaSelf, raw: unknown): Promise<void> {
  const input = parseInput(ZPasswordAndCode, raw);
  const u = await provePasswordAndCode(who, input, "disable");
  await db().$transaction(async (tx) => {
    await tx.user.update({ where: { id: u.id }, data: mfaCleared() });
    await writeAuthAudit(tx, { tenantId: u.tenantId, userId: u.id, username: u.username, action: "user.mfa_disabled", meta: who, detail: { by: "self" } });
  });
}
