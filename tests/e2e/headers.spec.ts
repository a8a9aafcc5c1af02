/**
 * Security headers on every kind of response (issue 12), and the app still working under the
 * nonce CSP in a real browser: no "Content Security Policy" console error on pages with charts,
 * forms and client components, and every script in a page's HTML carries that request's nonce.
 */
import { expect, test, type APIResponse, type Page } from "@playwright/test";
import { loginAs, signIn } from "./fixtures";

function expectCommonHeaders(res: APIResponse, what: string) {
  const h = res.headers();
  expect(h["x-frame-options"], what).toBe("DENY");
  expect(h["x-content-type-options"], what).toBe("nosniff");
  expect(h["referrer-policy"], what).toBe("strict-origin-when-cross-origin");
  expect(h["permissions-policy"], what).toContain("camera=()");
  expect(h["content-security-policy"], what).toContain("frame-ancestors 'none'");
  // Served over plain http here: no HSTS (it would pin a name that has no https).
  expect(h["strict-transport-security"], what).toBeUndefined();
}

test("headers on sign-in, next-auth, the API, pages and static files", async ({ request }) => {
  const login = await request.get("/login");
  expect(login.status()).toBe(200);
  expectCommonHeaders(login, "/login");
  expect(login.headers()["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);

  const html = await login.text();
  const asset = /<script[^>]+src="(\/_next\/static\/[^"]+\.js)"/.exec(html)?.[1];
  expect(asset, "a static script in the sign-in page").toBeTruthy();
  const stat = await request.get(asset!);
  expect(stat.status()).toBe(200);
  expectCommonHeaders(stat, asset!);

  const api = await request.get("/api/v1/me");
  expect(api.status()).toBe(401);
  expectCommonHeaders(api, "/api/v1/me");

  expectCommonHeaders(await request.get("/api/auth/csrf"), "/api/auth/csrf");

  const page = await request.get("/org", { maxRedirects: 0 });
  expect(page.status()).toBe(307);
  expectCommonHeaders(page, "redirect to sign-in");

  // Behind a TLS proxy the same app sends HSTS.
  const tls = await request.get("/login", { headers: { "x-forwarded-proto": "https" } });
  expect(tls.headers()["strict-transport-security"]).toMatch(/^max-age=\d{8,}/);
});

function watchCsp(page: Page): string[] {
  const violations: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy|Content-Security-Policy/i.test(m.text())) violations.push(m.text());
  });
  page.on("pageerror", (e) => violations.push(`pageerror: ${e.message}`));
  return violations;
}

test("the app works under the CSP: pages render and hydrate, every script carries the nonce", async ({ page }) => {
  const violations = watchCsp(page);
  await signIn(page, "nobody-here", "wrong-password-1"); // the sign-in form's client code runs (error shown)
  await expect(page.getByTestId("login-error")).toBeVisible();
  await loginAs(page, "district.admin");

  for (const path of ["/dashboard", "/volunteers", "/org", "/imports", "/admin/users", "/settings"]) {
    const res = await page.goto(path);
    expect(res?.status(), path).toBe(200);
    await expect(page.getByRole("heading", { level: 1 }).first()).toBeVisible();
    const nonce = /'nonce-([^']+)'/.exec(res!.headers()["content-security-policy"] ?? "")?.[1];
    expect(nonce, path).toBeTruthy();
    const html = await res!.text();
    const tags = html.match(/<script\b[^>]*>/g) ?? [];
    expect(tags.length, path).toBeGreaterThan(0);
    for (const tag of tags) expect(tag, path).toContain(`nonce="${nonce}"`);
  }
  // Client components still run: the navigation's menu links work after hydration.
  await page.getByRole("link", { name: "数据导入" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "数据导入" })).toBeVisible();
  expect(violations).toEqual([]);
});

test("an address that matches no page: the 404 page runs under the CSP too", async ({ page }) => {
  const violations = watchCsp(page);
  await loginAs(page, "district.admin");
  const res = await page.goto("/no-such-page-here");
  expect(res?.status()).toBe(404);
  await expect(page.getByTestId("not-found")).toBeVisible();
  await page.getByRole("link", { name: "返回首页" }).click();
  await expect(page.getByTestId("whoami")).toBeVisible();
  expect(violations).toEqual([]);
});
