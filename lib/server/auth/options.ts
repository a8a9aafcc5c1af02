import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { authSecret } from "./secret";
import { signIn } from "./sign-in";
import { SESSION_MAX_SECONDS, nowSeconds } from "./session-policy";
import { metaFromHeaders } from "./request-meta";
import { useSecureCookies } from "./cookie";


/**
 * next-auth (credentials, JWT sessions). The JWT only says who signed in and when;
 * every request re-reads the user row (session.ts), so disabling a user or changing
 * a password (sessionVersion) ends old sessions at once.
 */
export function authOptions(): NextAuthOptions {
  return {
    secret: authSecret(),
    useSecureCookies,
    session: { strategy: "jwt", maxAge: SESSION_MAX_SECONDS },
    jwt: { maxAge: SESSION_MAX_SECONDS },
    pages: { signIn: "/login", error: "/login" },
    providers: [
      CredentialsProvider({
        name: "password",
        credentials: { username: { type: "text" }, password: { type: "password" } },
        async authorize(credentials, req) {
          const result = await signIn(credentials, metaFromHeaders(req?.headers ?? {}));
          // next-auth hands the message to the sign-in page as `error`.
          if (!result.ok) throw new Error(result.message);
          return { id: result.user.id, name: result.user.username, sv: result.user.sessionVersion };
        },
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user) {
          const now = nowSeconds();
          token.sv = (user as { sv?: number }).sv ?? 0;
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
