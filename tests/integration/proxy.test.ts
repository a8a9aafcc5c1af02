/**
 * proxy.ts in front of every page: people without a live session go to the sign-in
 * page (with the reason), and activity keeps the 30-minute idle clock running by
 * re-issuing the cookie.
 */
import { describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { decode, encode } from "next-auth/jwt";
import { proxy } from "@/proxy";
import { authSecret } from "@/lib/server/auth/secret";
import { SESSION_COOKIE } from "@/lib/server/auth/cookie";
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
