/**
 * The session cookie named per request (lib/server/auth/cookie.ts): over https (X-Forwarded-Proto
 * from the TLS proxy, NEXTAUTH_URL unset or http) next-auth writes `__Secure-next-auth.session-token`
 * with Secure, and every reader looks for that name only, so a plain-named cookie planted for an
 * https site (cookie tossing) is never taken for a session. tests/e2e/mfa.spec.ts signs in through
 * next-auth itself this way.
 */
import { describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { encode } from "next-auth/jwt";
import { db } from "@/lib/server/db";
import { proxy } from "@/proxy";
import { authOptions } from "@/lib/server/auth/options";
import { authSecret } from "@/lib/server/auth/secret";
import { sessionCookieName } from "@/lib/server/auth/cookie";
import { startSession } from "@/lib/server/auth/session";
import { nowSeconds } from "@/lib/server/auth/session-policy";
import { GET as getMe } from "@/app/api/v1/me/route";
import { routeCtx } from "../support/fixtures";

const SECURE = "__Secure-next-auth.session-token";
const PLAIN = "next-auth.session-token";

/** A live session of district.admin (demo: password only), as its JWT. */
async function liveJwt(lastActiveAgo = 1) {
  const u = await db().user.findUniqueOrThrow({ where: { username: "district.admin" } });
  const sid = await startSession(u.id, { ip: "127.0.0.1", userAgent: "vitest" });
  const t = nowSeconds();
  return encode({ token: { sub: u.id, sid, sv: u.sessionVersion, authTime: t - 10, lastActive: t - lastActiveAgo }, secret: authSecret() });
}

function request(path: string, cookie: string, https: boolean) {
  return new NextRequest(`http://localhost:3000${path}`, { headers: { cookie, ...(https ? { "x-forwarded-proto": "https" } : {}), "user-agent": "vitest" } });
}

describe("the session cookie's name follows the request", () => {
  it("next-auth is configured per request: secure cookies for an https request, plain ones otherwise", () => {
    expect(process.env.NEXTAUTH_URL ?? "").not.toMatch(/^https:/);
    expect(authOptions(new Headers({ "x-forwarded-proto": "https" })).useSecureCookies).toBe(true);
    expect(authOptions(new Headers()).useSecureCookies).toBe(false);
    expect(authOptions(new Headers({ "x-forwarded-proto": "http" })).useSecureCookies).toBe(false);
  });

  it("the API reads the __Secure- cookie on an https request, and refuses a plain-named one there", async () => {
    const jwt = await liveJwt();
    expect((await getMe(request("/api/v1/me", `${SECURE}=${jwt}`, true), routeCtx({}))).status).toBe(200);
    expect((await getMe(request("/api/v1/me", `${PLAIN}=${jwt}`, true), routeCtx({}))).status).toBe(401);
    // Over plain http only the plain name counts.
    expect((await getMe(request("/api/v1/me", `${PLAIN}=${jwt}`, false), routeCtx({}))).status).toBe(200);
    expect((await getMe(request("/api/v1/me", `${SECURE}=${jwt}`, false), routeCtx({}))).status).toBe(401);
  });

  it("the proxy: a plain-named cookie on an https page request is no session (off to sign-in); the __Secure- one is re-issued Secure under its own name", async () => {
    const jwt = await liveJwt(5 * 60);
    const tossed = await proxy(request("/org", `${PLAIN}=${jwt}`, true));
    expect(tossed.status).toBe(307);
    expect(new URL(tossed.headers.get("location")!).pathname).toBe("/login");

    const ok = await proxy(request("/org", `${SECURE}=${jwt}`, true));
    expect(ok.headers.get("location")).toBeNull();
    const set = ok.headers.get("set-cookie") ?? "";
    expect(set).toMatch(new RegExp(`^${SECURE}=`));
    expect(set).toMatch(/;\s*Secure/i);
    expect(set).toMatch(/;\s*HttpOnly/i);
  });

  it("clearing an idle __Secure- cookie sends the same name with Secure (a browser ignores the deletion otherwise)", async () => {
    const jwt = await liveJwt(31 * 60);
    const res = await proxy(request("/org", `${SECURE}=${jwt}`, true));
    expect(new URL(res.headers.get("location")!).searchParams.get("reason")).toBe("idle");
    const set = res.headers.get("set-cookie") ?? "";
    expect(set).toMatch(new RegExp(`^${SECURE}=;`));
    expect(set).toMatch(/;\s*Secure/i);
    expect(sessionCookieName(new Headers({ "x-forwarded-proto": "https" }))).toBe(SECURE);
  });
});
