/**
 * CSRF on /api/v1 (issue 12): a mutating request carried by the session cookie alone is
 * accepted only as JSON from our own origin; a Bearer token needs neither (it is no ambient
 * credential); the import uploads send a file body, so they show a custom header instead.
 */
import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { encode } from "next-auth/jwt";
import { POST } from "@/app/api/v1/volunteers/route";
import { POST as importPost } from "@/app/api/v1/imports/[kind]/route";
import { db } from "@/lib/server/db";
import { authSecret } from "@/lib/server/auth/secret";
import { SESSION_COOKIE } from "@/lib/server/auth/cookie";
import { nowSeconds } from "@/lib/server/auth/session-policy";
import * as sessionModule from "@/lib/server/auth/session";
import { demoUnits, routeCtx, tokenFor, type DemoUnits } from "../support/fixtures";

const ORIGIN = "http://localhost:3000";
let units: DemoUnits;
let cookie = "";
let token = "";

/** A live session cookie of town.admin, as sign-in issues it (with its server-side session row where there is one). */
async function sessionCookie(username: string): Promise<string> {
  const u = await db().user.findUniqueOrThrow({ where: { username } });
  const start = (sessionModule as Record<string, unknown>).startSession as
    | ((userId: string, meta: { ip: string | null; userAgent: string | null }) => Promise<string>)
    | undefined;
  const sid = start ? await start(u.id, { ip: "127.0.0.1", userAgent: "vitest" }) : undefined;
  const t = nowSeconds();
  return encode({ token: { sub: u.id, sv: u.sessionVersion, authTime: t - 10, lastActive: t - 1, ...(sid ? { sid } : {}) }, secret: authSecret() });
}

beforeAll(async () => {
  units = await demoUnits();
  cookie = await sessionCookie("town.admin");
  token = (await tokenFor("town.admin")).token;
});

const name = () => `跨站${randomBytes(4).toString("hex")}`;
const body = (n: string) => JSON.stringify({ name: n, category: "VETERAN_CADRE", orgUnitId: units.village.id, joinedOn: "2019-10-12" });

function post(headers: Record<string, string>, payload: string) {
  const req = new NextRequest(new URL("/api/v1/volunteers", ORIGIN), {
    method: "POST",
    headers: { "user-agent": "vitest", host: "localhost:3000", ...headers },
    body: payload,
  });
  return POST(req, routeCtx({}));
}
const withCookie = (h: Record<string, string> = {}) => ({ cookie: `${SESSION_COOKIE}=${cookie}`, ...h });
const personCount = (n: string) => db().person.count({ where: { name: n } });

describe("mutating /api/v1 with the session cookie", () => {
  it("a text/plain POST (what a cross-site form can send) is refused with 403 and writes nothing", async () => {
    const n = name();
    const res = await post(withCookie({ "content-type": "text/plain", origin: ORIGIN }), body(n));
    expect(res.status).toBe(403);
    const json = await res.json();
    expect(json.error).toBe("forbidden");
    expect(json.message).toMatch(/[\u4e00-\u9fa5]/);
    expect(await personCount(n)).toBe(0);
  });

  it("a refused cross-site request is in the audit log under the user it tried to act as", async () => {
    const since = new Date();
    const res = await post(withCookie({ "content-type": "text/plain", origin: "https://evil.example" }), body(name()));
    expect(res.status).toBe(403);
    const rows = await db().auditLog.findMany({ where: { action: "authz.denied", actorName: "town.admin", at: { gte: since } } });
    expect(rows).toHaveLength(1);
    expect(rows[0].after).toMatchObject({ code: "FORBIDDEN", reason: "csrf", method: "POST", path: "/api/v1/volunteers" });
    expect(rows[0].tenantId).not.toBeNull();
  });

  it("a JSON POST from another origin is refused, and one without any Origin too", async () => {
    for (const origin of ["https://evil.example", "http://localhost:3000.evil.example", "null", undefined]) {
      const n = name();
      const res = await post(withCookie({ "content-type": "application/json", ...(origin ? { origin } : {}) }), body(n));
      expect(res.status, String(origin)).toBe(403);
      expect(await personCount(n)).toBe(0);
    }
  });

  it("a JSON POST from our own origin is accepted", async () => {
    const n = name();
    const res = await post(withCookie({ "content-type": "application/json; charset=utf-8", origin: ORIGIN }), body(n));
    expect(res.status).toBe(201);
    expect(await personCount(n)).toBe(1);
  });

  it("the import upload needs its custom header besides our origin", async () => {
    const csv = "x";
    const upload = (h: Record<string, string>) =>
      importPost(
        new NextRequest(new URL("/api/v1/imports/volunteers?fileName=a.csv&dryRun=1", ORIGIN), {
          method: "POST",
          headers: { "user-agent": "vitest", host: "localhost:3000", "content-type": "application/octet-stream", ...withCookie(h) },
          body: csv,
        }),
        routeCtx({ kind: "volunteers" }),
      );
    expect((await upload({ origin: ORIGIN })).status).toBe(403);
    expect((await upload({ origin: "https://evil.example", "x-qingmiao-upload": "1" })).status).toBe(403);
    expect((await upload({ origin: ORIGIN, "x-qingmiao-upload": "1" })).status).not.toBe(403);
  });
});

describe("mutating /api/v1 with a Bearer token", () => {
  it("is accepted whatever the content type and origin: a token is no ambient credential", async () => {
    const n = name();
    const res = await post({ authorization: `Bearer ${token}`, "content-type": "text/plain", origin: "https://elsewhere.example" }, body(n));
    expect(res.status).toBe(201);
    expect(await personCount(n)).toBe(1);
  });
});

describe("without any credential", () => {
  it("is still 401, not a CSRF refusal", async () => {
    const res = await post({ "content-type": "text/plain" }, body(name()));
    expect(res.status).toBe(401);
  });
});
