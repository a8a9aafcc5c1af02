import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { authSecret } from "./secret";
import { SIGN_IN_MESSAGES, signIn } from "./sign-in";
import { isDatabaseUnavailable, logLine } from "../unavailable";
import { SESSION_MAX_SECONDS, nowSeconds } from "./session-policy";
import { metaFromHeaders } from "./request-meta";
import { secureCookiesFor } from "./cookie";
import { endSession, startSession, type LiveClaims } from "./session";


/** The request's address inside next-auth's route handler (events get no request). */
async function handlerMeta() {
  try {
    const { headers } = await import("next/headers");
    return metaFromHeaders(await headers());
  } catch {
    return { ip: null, userAgent: null };
  }
}

/**
 * next-auth (credentials, JWT sessions). The JWT says who signed in, when, and which
 * server-side Session row (`sid`) it belongs to; every request re-reads the user row and
 * that Session row (session.ts), so disabling a user, changing a password
 * (sessionVersion) or signing out ends the session at once, copied cookies included.
 *
 * Cookies are named and flagged per request (cookie.ts): `__Secure-` and Secure when this
 * request came over https, so the route handler passes the request's headers (without them,
 * as in tests of the callbacks: the deployment-wide choice, NEXTAUTH_URL).
 */
export function authOptions(requestHeaders: Headers = new Headers()): NextAuthOptions {
  return {
    secret: authSecret(),
    useSecureCookies: secureCookiesFor(requestHeaders),
    session: { strategy: "jwt", maxAge: SESSION_MAX_SECONDS },
    jwt: { maxAge: SESSION_MAX_SECONDS },
    pages: { signIn: "/login", error: "/login" },
    providers: [
      CredentialsProvider({
        name: "password",
        credentials: { username: { type: "text" }, password: { type: "password" } },
        async authorize(credentials, req) {
          const meta = metaFromHeaders(req?.headers ?? {});
          let outcome: { ok: true; user: { id: string; name: string; sv: number; sid: string } } | { ok: false; message: string };
          try {
            const result = await signIn(credentials, meta);
            outcome = result.ok
              ? { ok: true, user: { id: result.user.id, name: result.user.username, sv: result.user.sessionVersion, sid: await startSession(result.user.id, meta) } }
              : result;
          } catch (e) {
            // next-auth would hand the raw text (a driver's, naming the database's host and port) to the page.
            console.error("[auth] sign-in failed:", logLine(e));
            outcome = { ok: false, message: isDatabaseUnavailable(e) ? SIGN_IN_MESSAGES.unavailable : SIGN_IN_MESSAGES.failed };
          }
          // next-auth hands the message to the sign-in page as `error`.
          if (!outcome.ok) throw new Error(outcome.message);
          return outcome.user;
        },
      }),
    ],
    events: {
      // Sign-out revokes the session row: the cookie and every copy of it end here.
      async signOut({ token }) {
        await endSession((token ?? null) as LiveClaims | null, await handlerMeta());
      },
    },
    callbacks: {
      jwt({ token, user }) {
        if (user) {
          const now = nowSeconds();
          token.sv = (user as { sv?: number }).sv ?? 0;
          token.sid = (user as { sid?: string }).sid;
          token.authTime = now;
          token.lastActive = now;
        }
        return token;
      },
      session({ session, token }) {
        session.user = { name: token.name ?? null };
        return session;
      },
    },
  };
}
