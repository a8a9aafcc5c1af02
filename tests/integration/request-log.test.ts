/**
 * Issue 13 item 5: an /api/v1 request leaves one JSON log line (method, path, status,
 * duration, user, request id), an unexpected error one line with its stack, and the request
 * id reaches the audit entries the request wrote and the response of proxy.ts.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { GET as getMe } from "@/app/api/v1/me/route";
import { POST as postVolunteer } from "@/app/api/v1/volunteers/route";
import { apiRoute } from "@/lib/server/api";
import { db } from "@/lib/server/db";
import { setLogSink } from "@/lib/server/log";
import { proxy } from "@/proxy";
import { apiGet, demoUnits, routeCtx, tokenFor, type DemoUnits } from "../support/fixtures";

let lines: string[] = [];
let restore: () => void = () => {};
beforeEach(() => {
  lines = [];
  restore = setLogSink({ write: (s: string) => void lines.push(s) });
});
afterEach(() => restore());

let units: DemoUnits;
let token: string;
let userId: string;
beforeAll(async () => {
  units = await demoUnits();
  token = (await tokenFor("town.admin")).token;
  userId = (await db().user.findUniqueOrThrow({ where: { username: "town.admin" }, select: { id: true } })).id;
});

const parsed = () => lines.map((l) => JSON.parse(l) as Record<string, unknown>);

describe("request log", () => {
  it("one line per request with method, path, status, duration, user id and the caller's request id", async () => {
    const requestId = `itest-${randomBytes(6).toString("hex")}`;
    const res = await getMe(apiGet("/api/v1/me", token, { "x-request-id": requestId }), routeCtx({}));
    expect(res.status).toBe(200);
    const mine = parsed().filter((o) => o.requestId === requestId);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ level: "info", msg: "request", method: "GET", path: "/api/v1/me", status: 200, userId });
    expect(typeof mine[0].durationMs).toBe("number");
    expect(mine[0].durationMs as number).toBeGreaterThanOrEqual(0);
    expect(lines.join("")).not.toContain(token);
  });

  it("a 401 is logged without a user; an unsafe incoming id is replaced", async () => {
    const res = await getMe(apiGet("/api/v1/me", undefined, { "x-request-id": "bad id\u0001" }), routeCtx({}));
    expect(res.status).toBe(401);
    const all = parsed().filter((o) => o.msg === "request");
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({ status: 401, userId: null, method: "GET" });
    expect(all[0].requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("an unexpected error is one error line with its stack, then the request line", async () => {
    const requestId = `itest-${randomBytes(6).toString("hex")}`;
    const boom = apiRoute(async () => {
      throw new Error("kaputt in handler");
    });
    const res = await boom(apiGet("/api/v1/me", token, { "x-request-id": requestId }), routeCtx({}));
    expect(res.status).toBe(500);
    const mine = parsed().filter((o) => o.requestId === requestId);
    expect(mine.map((o) => o.level)).toEqual(["error", "info"]);
    const err = mine[0].err as { message: string; stack: string };
    expect(err.message).toBe("kaputt in handler");
    expect(err.stack).toContain("request-log.test.ts");
    expect(mine[1]).toMatchObject({ status: 500, userId });
  });

  it("the audit entry of a write carries the request id", async () => {
    const requestId = `itest-${randomBytes(6).toString("hex")}`;
    const name = `日志${randomBytes(4).toString("hex")}`;
    const req = new NextRequest(new URL("/api/v1/volunteers", "http://localhost:3000"), {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json", "user-agent": "vitest", "x-request-id": requestId },
      body: JSON.stringify({ name, category: "VETERAN_CADRE", orgUnitId: units.village.id, joinedOn: "2019-10-12" }),
    });
    const res = await postVolunteer(req, routeCtx({}));
    expect(res.status).toBe(201);
    const rows = await db().auditLog.findMany({ where: { requestId }, select: { actorId: true, action: true } });
    expect(rows.length).toBeGreaterThanOrEqual(1);
    expect(rows.every((r) => r.actorId === userId)).toBe(true);
    expect(parsed().filter((o) => o.requestId === requestId && o.status === 201)).toHaveLength(1);
  });
});

describe("proxy.ts request id", () => {
  const call = (path: string, headers: Record<string, string> = {}) => proxy(new NextRequest(`http://localhost:3000${path}`, { headers }));

  it("keeps a safe incoming id on the response and on the request passed to the API handler", async () => {
    const id = randomUUID();
    const res = await call("/api/v1/me", { "x-request-id": id });
    expect(res.headers.get("x-request-id")).toBe(id);
    expect(res.headers.get("x-middleware-request-x-request-id")).toBe(id);
  });

  it("replaces an unsafe or missing one with a fresh id, also on a redirect to sign-in", async () => {
    const res = await call("/api/v1/me", { "x-request-id": "x".repeat(65) });
    const id = res.headers.get("x-request-id");
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.headers.get("x-middleware-request-x-request-id")).toBe(id);
    const page = await call("/org");
    expect(page.status).toBe(307);
    expect(page.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });
});
