"use server";
// Server actions of the personal settings page.
import { revalidatePath } from "next/cache";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { clearedSessionCookie } from "@/lib/server/auth/cookie";
import { runFormAction, type FormState } from "@/lib/server/actions";
import { currentActor, currentClaims } from "@/lib/server/auth/session";
import { confirmEnrolment, disableOwnMfa, renewRecoveryCodes } from "@/lib/server/auth/mfa-self";
import { mfaStep, selfOfActor, type MfaFormState } from "@/lib/server/auth/mfa-actions";
import { changeOwnPassword, createToken, endOwnSessions, revokeToken } from "@/lib/server/users/write-users";

export async function changePasswordAction(_prev: FormState, fd: FormData): Promise<FormState> {
  // The change ends every session, this one included: sign in again with the new password.
  return runFormAction(changeOwnPassword, fd, { after: () => redirect("/login?reason=password") });
}

export async function createTokenAction(_prev: FormState, fd: FormData): Promise<FormState> {
  return runFormAction(createToken, fd, {
    toInput: (f) => ({ name: f.get("name"), days: f.get("days"), currentPassword: f.get("tokenPassword") ?? "", code: f.get("tokenCode") ?? undefined }),
    after: (t) => {
      revalidatePath("/settings");
      return { ok: true, message: t.token, at: Date.now() };
    },
  });
}

export async function revokeTokenAction(_prev: FormState, fd: FormData): Promise<FormState> {
  return runFormAction(revokeToken, fd, {
    after: () => {
      revalidatePath("/settings");
      return { ok: true, message: "令牌已撤销", at: Date.now() };
    },
  });
}

/** 退出其他设备: every session but this browser's. Which one is "this" comes from the cookie, never the form. */
export async function endOtherSessionsAction(_prev: FormState, fd: FormData): Promise<FormState> {
  const sid = (await currentClaims())?.sid;
  return runFormAction(endOwnSessions, fd, {
    toInput: () => ({ keepSessionId: sid }),
    after: ({ sessionsEnded }) => {
      revalidatePath("/settings");
      return { ok: true, message: sessionsEnded > 0 ? `已退出其他 ${sessionsEnded} 台设备` : "没有其他设备在登录", at: Date.now() };
    },
  });
}

/** 在所有设备上退出: this browser too, so off to the sign-in page. */
export async function endAllSessionsAction(_prev: FormState, fd: FormData): Promise<FormState> {
  return runFormAction(endOwnSessions, fd, {
    toInput: () => ({}),
    after: async () => {
      (await cookies()).set(clearedSessionCookie(await headers()));
      redirect("/login?reason=signedout");
    },
  });
}

// ── 两步验证 (the page /settings/two-step) ────────────────────────────────────────

/** This browser's signed-in district user, as the one changing their own 两步验证. */
async function me() {
  const [actor, claims] = await Promise.all([currentActor(), currentClaims()]);
  if (!actor || !claims?.sid) redirect("/login?reason=session");
  return selfOfActor(actor, claims.sid);
}

export async function confirmEnrolmentAction(_prev: MfaFormState, fd: FormData): Promise<MfaFormState> {
  const who = await me();
  return mfaStep(
    () => confirmEnrolment(who, { code: fd.get("code") }),
    ({ recoveryCodes }) => ({ ok: true, recoveryCodes, at: Date.now() }),
  );
}

export async function renewRecoveryCodesAction(_prev: MfaFormState, fd: FormData): Promise<MfaFormState> {
  const who = await me();
  return mfaStep(
    () => renewRecoveryCodes(who, { currentPassword: fd.get("renewPassword"), code: fd.get("renewCode") }),
    ({ recoveryCodes }) => ({ ok: true, recoveryCodes, at: Date.now() }),
  );
}

export async function disableMfaAction(_prev: MfaFormState, fd: FormData): Promise<MfaFormState> {
  const who = await me();
  return mfaStep(
    () => disableOwnMfa(who, { currentPassword: fd.get("disablePassword"), code: fd.get("disableCode") }),
    () => {
      revalidatePath("/settings");
      redirect("/settings?mfa=off");
    },
  );
}
