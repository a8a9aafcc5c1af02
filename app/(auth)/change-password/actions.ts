"use server";
// The first sign-in's password choice: the one action a user without an Actor may run.
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { encode } from "next-auth/jwt";
import { formFields, type FormState } from "@/lib/server/actions";
import { AppError } from "@/lib/server/errors";
import { chooseOwnPassword } from "@/lib/server/auth/first-password";
import { currentClaims, currentSession, sessionRedirect } from "@/lib/server/auth/session";
import { authSecret } from "@/lib/server/auth/secret";
import { sessionCookieName, sessionCookieOptions } from "@/lib/server/auth/cookie";
import { SESSION_MAX_SECONDS, nowSeconds } from "@/lib/server/auth/session-policy";
import { PLATFORM_HOME } from "@/lib/server/auth/access";
import { homeFor } from "@/lib/nav";

export async function chooseOwnPasswordAction(_prev: FormState, fd: FormData): Promise<FormState> {
  const s = await currentSession();
  if (s.kind === "actor") redirect(homeFor(s.actor.role));
  if (s.kind !== "must_change") redirect(sessionRedirect(s));
  let sessionVersion: number;
  try {
    ({ sessionVersion } = await chooseOwnPassword(s.user, formFields(fd)));
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    return { ok: false, message: e.message, fieldErrors: Object.fromEntries(e.issues.map((i) => [i.path, i.message])), at: Date.now() };
  }
  // The change ends every other session; this one carries on under the new version,
  // keeping its sign-in time (the 12-hour limit still counts from the sign-in).
  const claims = (await currentClaims())!;
  const now = nowSeconds();
  const maxAge = Math.max(1, SESSION_MAX_SECONDS - (now - claims.authTime!));
  const token = await encode({ token: { ...claims, sv: sessionVersion, lastActive: now }, secret: authSecret(), maxAge });
  const h = await headers();
  (await cookies()).set(sessionCookieName(h), token, sessionCookieOptions(h, maxAge));
  redirect(s.user.role === "PLATFORM_ADMIN" ? PLATFORM_HOME : homeFor(s.user.role));
}
