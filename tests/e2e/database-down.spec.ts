/**
 * The database stopped (issue 13): a second `next start` on the build the e2e server made,
 * with a DATABASE_URL whose port nobody listens on. Pages show the calm Chinese 503 message
 * with 重试, /login still renders (even for a browser with a session cookie) and signing in
 * says the system is unavailable, the API answers 503 with Retry-After, the health checks say
 * live 200 / ready 503. Nothing the user sees names the database's host or port.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import net from "node:net";
import { expect, test } from "@playwright/test";
import { encode } from "next-auth/jwt";

const SECRET = "e2e-only-secret-0123456789abcdef";
const DEAD_URL = "postgresql://qingmiao_app:secret@127.0.0.1:1/qingmiao";
const COOKIE = "next-auth.session-token";
const UNAVAILABLE = "系统暂时无法连接数据库，请稍后再试";

let server: ChildProcess;
let base: string;
let output = "";

async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((resolve) => s.listen(0, "127.0.0.1", resolve));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise((resolve) => s.close(resolve));
  return port;
}

/** A validly signed session cookie: it passes proxy.ts, and the server must then ask the database. */
async function sessionCookie(): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return encode({ token: { sub: randomUUID(), sid: randomUUID(), sv: 0, authTime: now, lastActive: now }, secret: SECRET });
}

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  const port = await freePort();
  base = `http://localhost:${port}`;
  server = spawn("node_modules/.bin/next", ["start", "-p", String(port)], {
    env: {
      ...process.env,
      DATABASE_URL: DEAD_URL,
      MIGRATE_DATABASE_URL: "",
      AUTH_SECRET: SECRET,
      NEXTAUTH_SECRET: "",
      NEXTAUTH_URL: "",
      AUTH_TRUST_HOST: "true",
      NEXT_TELEMETRY_DISABLED: "1",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  server.stdout!.on("data", (d) => (output += d));
  server.stderr!.on("data", (d) => (output += d));
  const deadline = Date.now() + 60_000;
  for (;;) {
    const ok = await fetch(`${base}/api/health/live`).then((r) => r.ok, () => false);
    if (ok) break;
    if (Date.now() > deadline || server.exitCode !== null) throw new Error(`next start did not come up:\n${output}`);
    await new Promise((r) => setTimeout(r, 250));
  }
});

test.afterAll(async () => {
  if (server && server.exitCode === null) {
    const exited = new Promise((resolve) => server.once("exit", resolve));
    server.kill("SIGTERM");
    await exited;
  }
});

test("the e2e server itself (database up, migrations applied): ready 200", async ({ request }) => {
  // baseURL: the server of playwright.config.ts, on the same build, with its database running.
  const ready = await request.get("/api/health/ready");
  expect(ready.status()).toBe(200);
  expect(await ready.json()).toEqual({ status: "ok" });
});

const noAddress = (text: string) => expect(text).not.toMatch(/127\.0\.0\.1:1\b|qingmiao_app|Can't reach database|ECONNREFUSED/);

test("health: live 200, ready 503; the API: 503 unavailable with Retry-After", async ({ request }) => {
  const live = await request.get(`${base}/api/health/live`);
  expect(live.status()).toBe(200);
  expect(await live.json()).toEqual({ status: "ok" });

  const ready = await request.get(`${base}/api/health/ready`);
  expect(ready.status()).toBe(503);
  expect(ready.headers()["cache-control"]).toContain("no-store");
  expect(await ready.json()).toEqual({ status: "unavailable" });

  const api = await request.get(`${base}/api/v1/me`, { headers: { authorization: "Bearer qm_whatever" } });
  expect(api.status()).toBe(503);
  expect(api.headers()["retry-after"]).toBe("30");
  const text = await api.text();
  expect(JSON.parse(text)).toEqual({ error: "unavailable", message: UNAVAILABLE });
  noAddress(text);
});

test("/login renders (200, the Chinese form) for a browser with a session cookie", async ({ request }) => {
  const res = await request.get(`${base}/login`, { headers: { cookie: `${COOKIE}=${await sessionCookie()}` }, maxRedirects: 0 });
  expect(res.status()).toBe(200);
  const html = await res.text();
  expect(html).toContain("请使用单位分配的账号登录");
  expect(html).toContain(UNAVAILABLE);
  noAddress(html);
});

test("signing in says the system is unavailable; a page shows the calm message with 重试", async ({ page, context }) => {
  await page.goto(`${base}/login`);
  await page.getByLabel("用户名").fill("district.admin");
  await page.getByLabel("密码").fill("Demo@2026");
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page.getByTestId("login-error")).toHaveText("系统暂时无法使用，请稍后再试");
  noAddress(await page.content());

  await context.addCookies([{ name: COOKIE, value: await sessionCookie(), url: base }]);
  await page.goto(`${base}/`);
  const panel = page.getByTestId("error-panel");
  await expect(panel).toHaveAttribute("data-kind", "unavailable");
  await expect(page.getByRole("heading", { level: 1, name: UNAVAILABLE })).toBeVisible();
  await expect(page.getByRole("button", { name: "重试" })).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.lang)).toBe("zh-CN");
  noAddress(await page.content());
});
