import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD } from "./fixtures";

/**
 * Behind a TLS proxy (X-Forwarded-Proto: https; the e2e server has no NEXTAUTH_URL), the real
 * next-auth sign-in writes the session cookie as `__Secure-next-auth.session-token` with Secure,
 * and the server reads it back under that name only: the same token under the plain name — a
 * cookie planted by a sibling site or over http (cookie tossing) — opens nothing. Plain fetch with
 * cookies handled by hand, so nothing depends on how a browser treats Secure cookies on localhost.
 */
const HTTPS = { "x-forwarded-proto": "https" };

/** name=value of each Set-Cookie, and the whole header by name. */
function setCookies(res: Response): Map<string, { pair: string; header: string }> {
  const out = new Map<string, { pair: string; header: string }>();
  for (const h of res.headers.getSetCookie()) {
    const pair = h.split(";")[0];
    out.set(pair.slice(0, pair.indexOf("=")), { pair, header: h });
  }
  return out;
}

test("over https the session cookie is __Secure- and Secure, it works, and a plain-named copy does not", async ({ baseURL }) => {
  const csrfRes = await fetch(`${baseURL}/api/auth/csrf`, { headers: HTTPS });
  expect(csrfRes.status).toBe(200);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const csrfCookie = setCookies(csrfRes).get("__Host-next-auth.csrf-token");
  expect(csrfCookie?.header).toMatch(/;\s*Secure/i);

  const signIn = await fetch(`${baseURL}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { ...HTTPS, "content-type": "application/x-www-form-urlencoded", cookie: csrfCookie!.pair },
    body: new URLSearchParams({ csrfToken, username: "district.admin", password: DEMO_PASSWORD, json: "true" }),
  });
  expect(signIn.status).toBe(200);
  const cookies = setCookies(signIn);
  expect(cookies.has("next-auth.session-token")).toBe(false);
  const session = cookies.get("__Secure-next-auth.session-token");
  expect(session, [...cookies.keys()].join(", ")).toBeDefined();
  expect(session!.header).toMatch(/;\s*Secure/i);
  expect(session!.header).toMatch(/;\s*HttpOnly/i);
  const token = session!.pair.slice(session!.pair.indexOf("=") + 1);

  // Read back under its own name: the API and a page.
  const me = await fetch(`${baseURL}/api/v1/me`, { headers: { ...HTTPS, cookie: `__Secure-next-auth.session-token=${token}` } });
  expect(me.status).toBe(200);
  expect(((await me.json()) as { username: string }).username).toBe("district.admin");
  const page = await fetch(`${baseURL}/settings`, { redirect: "manual", headers: { ...HTTPS, cookie: `__Secure-next-auth.session-token=${token}` } });
  expect(page.status).toBe(200);

  // The same token under the plain name, on an https request: no session.
  const tossedApi = await fetch(`${baseURL}/api/v1/me`, { headers: { ...HTTPS, cookie: `next-auth.session-token=${token}` } });
  expect(tossedApi.status).toBe(401);
  const tossedPage = await fetch(`${baseURL}/settings`, { redirect: "manual", headers: { ...HTTPS, cookie: `next-auth.session-token=${token}` } });
  expect(tossedPage.status).toBe(307);
  expect(new URL(tossedPage.headers.get("location")!, baseURL).pathname).toBe("/login");
});
