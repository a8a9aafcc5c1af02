/**
 * 两步验证 in tests: enrol a user through the product's own set-up (the secret the page shows,
 * confirmed with a code computed by the same TOTP library an authenticator app uses), and
 * codes for later steps.
 */
import { randomUUID } from "node:crypto";
import { db } from "@/lib/server/db";
import { confirmEnrolment, enrolmentKey } from "@/lib/server/auth/mfa-self";
import { TOTP_PERIOD_SECONDS, timeStep, totpCode } from "@/lib/server/auth/mfa";

export interface Enrolled {
  /** The base32 secret, as typed from the page's key (spaces removed). */
  secret: string;
  recoveryCodes: string[];
}

/**
 * Sets up 两步验证 for a user as the enrolment page would; `sessionId` (if given) is the
 * session that confirms it and so counts as past the code step.
 */
export async function enrol(userId: string, sessionId: string = randomUUID()): Promise<Enrolled> {
  const u = await db().user.findUniqueOrThrow({ where: { id: userId }, select: { username: true } });
  const key = await enrolmentKey(userId);
  if (!key) throw new Error(`${u.username} is already enrolled`);
  const secret = key.key.replace(/ /g, "");
  const { recoveryCodes } = await confirmEnrolment({ userId, sessionId, username: u.username, ip: "127.0.0.1", userAgent: "vitest" }, { code: totpCode(secret) });
  return { secret, recoveryCodes };
}

/**
 * A code the server will accept now: for the step after the last one this user used (codes
 * of one step either side of now are valid). Throws rather than wait when that step is no
 * longer within the window: a test that needs more codes lets time pass with `forgetUsedSteps`.
 */
export async function nextCode(userId: string, secret: string): Promise<string> {
  const { mfaLastStep } = await db().user.findUniqueOrThrow({ where: { id: userId }, select: { mfaLastStep: true } });
  const now = timeStep();
  const step = Math.max(now, mfaLastStep === null ? now : Number(mfaLastStep) + 1);
  if (step > now + 1) throw new Error("no unused step within the window: call forgetUsedSteps first");
  return totpCode(secret, step * TOTP_PERIOD_SECONDS * 1000 + 1000);
}

/** As if a minute had passed since the last accepted code (the replay mark moves back). */
export async function forgetUsedSteps(userId: string): Promise<void> {
  await db().user.update({ where: { id: userId }, data: { mfaLastStep: BigInt(timeStep() - 2) } });
}
