/**
 * In front of every request but static files:
 * - security headers: a Content-Security-Policy with a fresh nonce (Next puts it on its own
 *   scripts when it finds the policy on the request), and HSTS when served over https. The
 *   headers that never change come from next.config.ts, which also covers the static files.
 * - a request id (lib/server/request-id.ts) on the request passed on and on the response
 *   (X-Request-Id): the API's log lines and the audit entries carry it.
 * - pages: a convenience that sends people without a live session to the sign-in page, and
 *   records activity for the 30-minute idle timeout by re-issuing the session cookie (at most
 *   once a minute). The real check is on the server: lib/server/auth/session.ts re-reads the
 *   user row on every request.
 */
import { NextResponse, type NextRequest } from "next/server";
import { decode, encode } from "next-auth/jwt";
import { authSecret } from "@/lib/server/auth/secret";
import { clearedSessionCookie, sessionCookieName, sessionCookieOptions } from "@/lib/server/auth/cookie";
import {
  ACTIVITY_REFRESH_SECONDS,
  SESSION_MAX_SECONDS,
  nowSeconds,
  sessionState,
  type SessionClaims,
} from "@/lib/server/auth/session-policy";
import { PAGE_PATH_HEADER } from "@/lib/server/page-path";
import { HSTS_VALUE, newNonce, pageCsp, servedOverHttps } from "@/lib/security-headers";
import { REQUEST_ID_HEADER, requestIdFrom } from "@/lib/server/request-id";

export async function proxy(req: NextRequest) {
  const nonce = newNonce();
  const https = servedOverHttps(req.headers);
  const csp = pageCsp(nonce, { https, dev: process.env.NODE_ENV === "development" });
  const requestId = requestIdFrom(req.headers.get(REQUEST_ID_HEADER));
  const res = await route(req, { csp, nonce, requestId });
  res.headers.set("Content-Security-Policy", csp);
  res.headers.set("X-Request-Id", requestId);
  if (https) res.headers.set("Strict-Transport-Security", HSTS_VALUE);
  return res;
}

interface PassOn {
  csp: string;
  nonce: string;
  requestId: string;
}

/** Passes the request on with the policy and the request id, so the page render and the API handler can read them. */
function pass(req: NextRequest, { csp, nonce, requestId }: PassOn): NextResponse {
  const headers = new Headers(req.headers);
  headers.set("x-nonce", nonce);
  headers.set(REQUEST_ID_HEADER, requestId);
  headers.set(PAGE_PATH_HEADER, req.nextUrl.pathname);
  headers.set("Content-Security-Policy", csp);
  return NextResponse.next({ request: { headers } });
}

async function route(req: NextRequest, on: PassOn): Promise<NextResponse> {
  const path = req.nextUrl.pathname;
  // Sign-in and next-auth's own routes are open to everyone.
  if (path === "/login" || path.startsWith("/login/") || path.startsWith("/api/auth/")) return pass(req, on);
  const isApi = path.startsWith("/api/");

  // Only this request's name: on https the __Secure- one, so a planted plain-named cookie is ignored.
  const cookieName = sessionCookieName(req.headers);
  const raw = req.cookies.get(cookieName)?.value;
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
    if (isApi) return pass(req, on); // the handler answers 401 (or accepts a Bearer token)
    const login = new URL("/login", req.url);
    const back = req.nextUrl.pathname + req.nextUrl.search;
    if (back !== "/") login.searchParams.set("callbackUrl", back);
    if (raw) login.searchParams.set("reason", state === "idle" ? "idle" : "expired");
    const res = NextResponse.redirect(login);
    if (raw) res.cookies.set(clearedSessionCookie(req.headers));
    return res;
  }

  const res = pass(req, on);
  if (now - claims!.lastActive! >= ACTIVITY_REFRESH_SECONDS) {
    const token = await encode({
      token: { ...claims, lastActive: now },
      secret: authSecret(),
      maxAge: SESSION_MAX_SECONDS - (now - claims!.authTime!),
    });
    res.cookies.set(cookieName, token, sessionCookieOptions(req.headers, SESSION_MAX_SECONDS - (now - claims!.authTime!)));
  }
  return res;
}

export const config = {
  // Everything but the build's static files (next.config.ts gives those their headers).
  matcher: ["/((?!_next/static|_next/image|favicon.ico|robots.txt).*)"],
};
