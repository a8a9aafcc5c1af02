/**
 * The database out of reach (issue 13, "database stopped"): the app's Prisma client is
 * pointed at a closed port. The API answers 503 {"error":"unavailable"} with Retry-After and
 * never the driver's text (which names the host and port); signing in says the system is
 * unavailable; /api/health/ready says 503, /api/health/live still 200. Then, with the real
 * database back: ready is 200, and 503 again while a migration folder is not applied.
 */
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { GET as getMe } from "@/app/api/v1/me/route";
import { GET as live } from "@/app/api/health/live/route";
import { GET as ready } from "@/app/api/health/ready/route";
import { encode } from "next-auth/jwt";
import { authOptions } from "@/lib/server/auth/options";
import { SESSION_COOKIE } from "@/lib/server/auth/cookie";
import { authSecret } from "@/lib/server/auth/secret";
import { nowSeconds } from "@/lib/server/auth/session-policy";
import { SIGN_IN_MESSAGES } from "@/lib/server/auth/sign-in";
import { db } from "@/lib/server/db";
import { apiGet, routeCtx } from "../support/fixtures";

const holder = globalThis as unknown as { __qingmiaoPrisma?: { $disconnect(): Promise<void> } };
const realUrl = process.env.DATABASE_URL!;
/** Port 1 on loopback: nothing listens, every connection is refused at once. */
const DEAD_URL = "postgresql://qingmiao_app:secret@127.0.0.1:1/qingmiao";

/** Points db() at `url` (the client is made lazily from DATABASE_URL). */
async function useDatabase(url: string) {
  await holder.__qingmiaoPrisma?.$disconnect().catch(() => {});
  delete holder.__qingmiaoPrisma;
  process.env.DATABASE_URL = url;
}

/** The user-visible text of a response must not say where the database is. */
function expectNoAddress(text: string) {
  expect(text).not.toMatch(/127\.0\.0\.1|localhost|:1\b|qingmiao_app|Prisma|ECONNREFUSED|reach database/i);
}

type Authorize = (credentials: Record<string, string>, req: { headers: Record<string, string> }) => Promise<unknown>;
const authorize = () => (authOptions().providers[0] as unknown as { options: { authorize: Authorize } }).options.authorize;

describe("the database is stopped", () => {
  beforeAll(() => useDatabase(DEAD_URL));
  afterAll(() => useDatabase(realUrl));

  it("the API answers 503 unavailable with Retry-After, without the database's address", async () => {
    const res = await getMe(apiGet("/api/v1/me", "qm_any-token-at-all"), routeCtx({}));
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("30");
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({ error: "unavailable", message: "系统暂时无法连接数据库，请稍后再试" });
    expectNoAddress(text);
  });

  it("a signed-in browser (session cookie) gets the same 503, not a 500", async () => {
    const now = nowSeconds();
    const token = await encode({
      token: { sub: randomUUID(), sid: randomUUID(), sv: 0, authTime: now, lastActive: now },
      secret: authSecret(),
    });
    const res = await getMe(apiGet("/api/v1/me", undefined, { cookie: `${SESSION_COOKIE}=${token}` }), routeCtx({}));
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("30");
    expect(await res.json()).toMatchObject({ error: "unavailable" });
  });

  it("signing in says the system is unavailable, never the driver's text", async () => {
    const spy = vi.spyOn(console, "error").mockImplementation(() => {});
    let caught: unknown;
    try {
      await authorize()({ username: "district.admin", password: "Whatever-123" }, { headers: {} });
    } catch (e) {
      caught = e;
    } finally {
      spy.mockRestore();
    }
    expect(caught).toBeInstanceOf(Error);
    expect((caught as Error).message).toBe(SIGN_IN_MESSAGES.unavailable);
    expect(SIGN_IN_MESSAGES.unavailable).toBe("系统暂时无法使用，请稍后再试");
    expectNoAddress((caught as Error).message);
  });

  it("/api/health/ready is 503 {status: unavailable}, not cached; /api/health/live is 200", async () => {
    const spy = vi.spyOn(console, "error").mockImplementation(() => {});
    const r = await ready().finally(() => spy.mockRestore());
    expect(r.status).toBe(503);
    expect(r.headers.get("cache-control")).toBe("no-store");
    const text = await r.text();
    expect(JSON.parse(text)).toEqual({ status: "unavailable" });
    expectNoAddress(text);

    const l = live();
    expect(l.status).toBe(200);
    expect(l.headers.get("cache-control")).toBe("no-store");
    expect(await l.json()).toEqual({ status: "ok" });
  });
});

describe("the database is up", () => {
  let tmp: string | undefined;
  afterEach(() => {
    vi.restoreAllMocks();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
    tmp = undefined;
  });

  it("/api/health/ready is 200 when every migration is applied, as the app role", async () => {
    // The suite's app connects as the restricted role (no rights on _prisma_migrations).
    const [{ user }] = await db().$queryRaw<{ user: string }[]>`SELECT current_user AS user`;
    expect(user).toBeTruthy();
    const r = await ready();
    expect(r.status).toBe(200);
    expect(r.headers.get("cache-control")).toBe("no-store");
    expect(await r.json()).toEqual({ status: "ok" });
  });

  it("/api/health/ready is 503 while a migration folder of this build is not applied", async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "qm-ready-"));
    const migrations = path.join(tmp, "prisma", "migrations");
    fs.cpSync(path.join(process.cwd(), "prisma", "migrations"), migrations, { recursive: true });
    fs.mkdirSync(path.join(migrations, "29991231000000_not_yet"));
    fs.writeFileSync(path.join(migrations, "29991231000000_not_yet", "migration.sql"), "SELECT 1;\n");
    vi.spyOn(process, "cwd").mockReturnValue(tmp);
    vi.spyOn(console, "error").mockImplementation(() => {});
    const r = await ready();
    expect(r.status).toBe(503);
    expect(await r.json()).toEqual({ status: "unavailable" });
  });
});
