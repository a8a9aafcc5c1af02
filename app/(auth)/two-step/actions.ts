"use server";
// The code step of a sign-in and the required 两步验证 set-up: actions of a user without an Actor yet.
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { formFields } from "@/lib/server/actions";
import { currentClaims, currentSession, resolveSession, sessionRedirect } from "@/lib/server/auth/session";
import { metaFromHeaders } from "@/lib/server/auth/request-meta";
import { confirmEnrolment, verifySignInCode } from "@/lib/server/auth/mfa-self";
import { mfaStep, selfOfSessionUser, type MfaFormState } from "@/lib/server/auth/mfa-actions";
import { homeFor } from "@/lib/nav";

/** Where this session belongs now (read afresh: the step just taken changed it). */
async function onwards(): Promise<never> {
  const r = await resolveSession(await currentClaims(), metaFromHeaders(await headers()));
  redirect(r.kind === "actor" ? homeFor(r.actor.role) : sessionRedirect(r));
}

export async function verifyCodeAction(_prev: MfaFormState, fd: FormData): Promise<MfaFormState> {
  const s = await currentSession();
  if (s.kind !== "mfa_verify") return onwards();
  return mfaStep(
    () => verifySignInCode(selfOfSessionUser(s.user), formFields(fd)),
    (r) => (r.ok ? onwards() : { ok: false, message: r.message, fieldErrors: { code: r.message }, at: Date.now() }),
  );
}

export async function confirmRequiredEnrolmentAction(_prev: MfaFormState, fd: FormData): Promise<MfaFormState> {
  const s = await currentSession();
  if (s.kind !== "mfa_enrol") return onwards();
  // The recovery codes are shown once, on this page; its 继续 button then leads on.
  return mfaStep(
    () => confirmEnrolment(selfOfSessionUser(s.user), formFields(fd)),
    ({ recoveryCodes }) => ({ ok: true, recoveryCodes, at: Date.now() }),
  );
}
