/**
 * A convenience in front of every page: sends people without a live session to the
 * sign-in page, and records activity for the 30-minute idle timeout by re-issuing
 * the session cookie (at most once a minute). The real check is on the server:
 * lib/server/auth/session.ts re-reads the user row on every request.
 */
import { NextResponse, type NextRequest } from "next/server";
import { decode, encode } from "next-auth/jwt";
import { authSecret } from "@/lib/server/auth/secret";
import { SESSION_COOKIE, useSecureCookies } from "@/lib/server/auth/cookie";
import {
  ACTIVITY_REFRESH_SECONDS,
  SESSION_MAX_SECONDS,
  nowSeconds,
  sessionState,
  type SessionClaims,
} from "@/lib/server/auth/session-policy";

export async function proxy(req: NextRequest) {
  const isApi = req.nextUrl.pathname.startsWith("/api/");
  const raw = req.cookies.get(SESSION_COOKIE)?.value;
  let claims: SessionClaims | null = null;
  if (raw) {
    try {
      claims = (await decode({ token: raw, secret: authSecret() })) as SessionClaims | null;
    } catch {
      claims = null;
    }
  }
  const now = nowSeconds();
  const state = sessionState(claims, now);

  if (state !== "active") {
    if (isApi) return NextResponse.next(); // the handler answers 401 (or accepts a Bearer token)
    const login = new URL("/login", req.url);
    const back = req.nextUrl.pathname + req.nextUrl.search;
    if (back !== "/") login.searchParams.set("callbackUrl", back);
    if (raw) login.searchParams.set("reason", state === "idle" ? "idle" : "expired");
    const res = NextResponse.redirect(login);
    if (raw) res.cookies.delete(SESSION_COOKIE);
    return res;
  }

  const res = NextResponse.next();
  if (now - claims!.lastActive! >= ACTIVITY_REFRESH_SECONDS) {
    const token = await encode({
      token: { ...claims, lastActive: now },
      secret: authSecret(),
      maxAge: SESSION_MAX_SECONDS - (now - claims!.authTime!),
    });
    res.cookies.set(SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: "lax",
      path: "/",
      secure: useSecureCookies,
      maxAge: SESSION_MAX_SECONDS - (now - claims!.authTime!),
    });
  }
  return res;
}

export const config = {
  // Everything but sign-in, next-auth's own routes and static files.
  matcher: ["/((?!login|api/auth|_next/static|_next/image|favicon.ico|robots.txt|.*\\.(?:png|svg|ico|css|js)$).*)"],
};
