/**
 * proxy.ts in front of every page: people without a live session go to the sign-in
 * page (with the reason), and activity keeps the 30-minute idle clock running by
 * re-issuing the cookie.
 */
import { describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { decode, encode } from "next-auth/jwt";
import { config, proxy } from "@/proxy";
import { authSecret } from "@/lib/server/auth/secret";
import { SESSION_COOKIE, secureCookiesFor, sessionCookieName } from "@/lib/server/auth/cookie";
import { nowSeconds } from "@/lib/server/auth/session-policy";

async function cookieFor(ages: { authTime: number; lastActive: number }) {
  const now = nowSeconds();
  return encode({
    token: { sub: "00000000-0000-4000-8000-000000000001", sv: 0, authTime: now - ages.authTime, lastActive: now - ages.lastActive },
    secret: authSecret(),
  });
}

function request(path: string, cookie?: string) {
  return new NextRequest(`http://localhost:3000${path}`, {
    headers: cookie ? { cookie: `${SESSION_COOKIE}=${cookie}` } : {},
  });
}

describe("proxy", () => {
  it("sends a visitor without a session to the sign-in page, remembering where they were going", async () => {
    const res = await proxy(request("/org?x=1"));
    expect(res.status).toBe(307);
    const to = new URL(res.headers.get("location")!);
    expect(to.pathname).toBe("/login");
    expect(to.searchParams.get("callbackUrl")).toBe("/org?x=1");
    expect(to.searchParams.get("reason")).toBeNull();
  });

  it("after 30 idle minutes: back to sign-in with reason=idle, and the cookie is cleared", async () => {
    const res = await proxy(request("/", await cookieFor({ authTime: 3600, lastActive: 31 * 60 })));
    expect(new URL(res.headers.get("location")!).searchParams.get("reason")).toBe("idle");
    expect(res.headers.get("set-cookie")).toContain(`${SESSION_COOKIE}=;`);
  });

  it("after 12 hours, even when active: reason=expired", async () => {
    const res = await proxy(request("/", await cookieFor({ authTime: 12 * 3600 + 60, lastActive: 10 })));
    expect(new URL(res.headers.get("location")!).searchParams.get("reason")).toBe("expired");
  });

  it("activity re-issues the cookie with a fresh activity time, never extending the 12-hour limit", async () => {
    const res = await proxy(request("/org", await cookieFor({ authTime: 3600, lastActive: 5 * 60 })));
    expect(res.headers.get("location")).toBeNull();
    const set = res.cookies.get(SESSION_COOKIE);
    expect(set?.value).toBeTruthy();
    const claims = (await decode({ token: set!.value, secret: authSecret() })) as { lastActive: number; authTime: number };
    expect(nowSeconds() - claims.lastActive).toBeLessThan(5);
    expect(nowSeconds() - claims.authTime).toBeGreaterThanOrEqual(3600);
    expect(set!.maxAge).toBeLessThanOrEqual(11 * 3600);
  });

  it("a request within the same minute leaves the cookie alone", async () => {
    const res = await proxy(request("/org", await cookieFor({ authTime: 3600, lastActive: 10 })));
    expect(res.cookies.get(SESSION_COOKIE)).toBeUndefined();
    expect(res.headers.get("location")).toBeNull();
  });

  it("lets API calls through to their handler, which answers 401 itself", async () => {
    const res = await proxy(request("/api/v1/me"));
    expect(res.headers.get("location")).toBeNull();
    expect(res.headers.get("x-middleware-next")).toBe("1");
  });
});

describe("proxy: security headers (issue 12)", () => {
  const cspOf = (res: Response) => res.headers.get("content-security-policy") ?? "";
  const nonceOf = (csp: string) => /'nonce-([A-Za-z0-9+/=]+)'/.exec(csp)?.[1];

  it("a page gets a CSP with a fresh nonce, no inline scripts, no framing; the render sees the same policy", async () => {
    const cookie = await cookieFor({ authTime: 60, lastActive: 10 });
    const a = await proxy(request("/org", cookie));
    const b = await proxy(request("/org", cookie));
    const csp = cspOf(a);
    const scriptSrc = csp.split(";").find((d) => d.trim().startsWith("script-src"))!;
    expect(scriptSrc).toContain("'strict-dynamic'");
    expect(scriptSrc).not.toContain("unsafe-inline");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    const nonce = nonceOf(csp);
    expect(nonce).toBeTruthy();
    expect(nonceOf(cspOf(b))).not.toBe(nonce);
    // Next reads the policy from the forwarded request to put the nonce on its scripts.
    expect(a.headers.get("x-middleware-request-content-security-policy")).toBe(csp);
    expect(a.headers.get("x-middleware-request-x-nonce")).toBe(nonce);
  });

  it("sign-in, next-auth, the API and the redirect to sign-in all carry the policy", async () => {
    for (const path of ["/login?callbackUrl=%2Forg", "/api/auth/session", "/api/v1/me", "/org"]) {
      const res = await proxy(request(path));
      expect(cspOf(res), path).toContain("frame-ancestors 'none'");
    }
  });

  it("HSTS and Secure cookies only over https (NEXTAUTH_URL, or X-Forwarded-Proto from our TLS proxy)", async () => {
    const cookie = await cookieFor({ authTime: 3600, lastActive: 5 * 60 });
    const plain = await proxy(request("/org", cookie));
    expect(plain.headers.get("strict-transport-security")).toBeNull();
    expect(plain.headers.get("set-cookie")).not.toMatch(/;\s*secure/i);
    expect(cspOf(plain)).not.toContain("upgrade-insecure-requests");

    const viaTls = await proxy(
      new NextRequest("http://localhost:3000/org", { headers: { cookie: `__Secure-next-auth.session-token=${cookie}`, "x-forwarded-proto": "https" } }),
    );
    expect(viaTls.headers.get("strict-transport-security")).toMatch(/^max-age=\d{8,}/);
    expect(viaTls.headers.get("set-cookie")).toMatch(/;\s*secure/i);
    expect(cspOf(viaTls)).toContain("upgrade-insecure-requests");
  });

  it("cookies are Secure (and named __Secure-) when the request is https, whoever says so", () => {
    const via = (proto?: string) => new Headers(proto ? { "x-forwarded-proto": proto } : {});
    expect(secureCookiesFor(via("https"))).toBe(true);
    expect(secureCookiesFor(via("https, http"))).toBe(true);
    expect(secureCookiesFor(via("http"))).toBe(false);
    expect(secureCookiesFor(via())).toBe(false);
    expect(sessionCookieName(via("https"))).toBe("__Secure-next-auth.session-token");
    expect(sessionCookieName(via())).toBe("next-auth.session-token");
  });

  it("the matcher runs for sign-in, next-auth and the API, and leaves only the build's static files to next.config.ts", () => {
    const re = new RegExp(`^${config.matcher[0]}$`);
    for (const p of ["/", "/org", "/login", "/api/auth/session", "/api/v1/me", "/admin/users"]) expect(re.test(p), p).toBe(true);
    for (const p of ["/_next/static/chunks/main.js", "/_next/image", "/favicon.ico"]) expect(re.test(p), p).toBe(false);
  });
});
