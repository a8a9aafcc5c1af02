/**
 * GET/POST /api/v1/activities as API.md fixes them: 201 then 200 for the same id (also
 * concurrently), one row and one audit entry; 400 naming each bad field with nothing
 * written; 413 for bodies over 1 MiB; 403 for LEADER; 404 outside scope; paging.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { GET, POST } from "@/app/api/v1/activities/route";
import { db } from "@/lib/server/db";
import { assignCoordinator } from "@/lib/server/stations/coordinators";
import { actorFor } from "../support/actors";
import { apiGet, demoUnits, routeCtx, tokenFor, type DemoUnits } from "../support/fixtures";

const USERS = ["district.admin", "town.admin", "unit.admin", "station.coord", "leader", "huaiyin.admin"];
const tokens: Record<string, string> = {};
let units: DemoUnits;
let own: string;
let sibling: string;
let foreign: string;

beforeAll(async () => {
  units = await demoUnits();
  for (const u of USERS) tokens[u] = (await tokenFor(u)).token;
  const mk = (orgUnitId: string, tenantId: string) =>
    db().station.create({ data: { tenantId, orgUnitId, name: `接口辅导站${randomBytes(3).toString("hex")}` } }).then((s) => s.id);
  own = await mk(units.village.id, units.district.tenantId);
  sibling = await mk(units.siblingVillage.id, units.district.tenantId);
  foreign = await mk(units.huaiyinVillage.id, units.huaiyin.tenantId);
  // A coordinator logs only for stations assigned to them (coordinators.test.ts).
  await assignCoordinator(await actorFor("unit.admin"), { stationId: own, userId: (await actorFor("station.coord")).userId });
});

function post(token: string, body: unknown) {
  const req = new NextRequest(new URL("/api/v1/activities", "http://localhost:3000"), {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json", "user-agent": "vitest" },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  return POST(req, routeCtx({}));
}
const get = (token: string | undefined, query = "") => GET(apiGet(`/api/v1/activities${query}`, token), routeCtx({}));

const body = (over: Record<string, unknown> = {}) => ({
  id: randomUUID(),
  stationId: own,
  date: "2019-10-12",
  kind: "LECTURE",
  title: `接口活动${randomBytes(4).toString("hex")}`,
  youthParticipants: 42,
  ...over,
});

async function expectNothingWritten(id: string) {
  expect(await db().activity.count({ where: { id } })).toBe(0);
  expect(await db().auditLog.count({ where: { entity: "Activity", entityId: id } })).toBe(0);
}

describe("POST /api/v1/activities", () => {
  it("201 with the activity; the same id again 200 with the stored row and nothing created", async () => {
    const b = body({ volunteerIds: [], unknownField: "ignored" });
    const res = await post(tokens["station.coord"], b);
    expect(res.status).toBe(201);
    const json = await res.json();
    expect(json).toMatchObject({ id: b.id, stationId: own, date: "2019-10-12", kind: "LECTURE", title: b.title, youthParticipants: 42, volunteerIds: [] });
    expect(json).not.toHaveProperty("unknownField");
    expect(json).not.toHaveProperty("created");
    const again = await post(tokens["station.coord"], { ...b, title: "重试时改了标题" });
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual(json);
    expect(await db().activity.count({ where: { id: b.id } })).toBe(1);
    expect(await db().auditLog.count({ where: { entity: "Activity", entityId: b.id } })).toBe(1);
  });

  it("five concurrent posts of one id: one 201, four 200, one row, one audit entry", async () => {
    const b = body();
    const statuses = (await Promise.all(Array.from({ length: 5 }, () => post(tokens["station.coord"], b)))).map((r) => r.status).sort();
    expect(statuses).toEqual([200, 200, 200, 200, 201]);
    expect(await db().activity.count({ where: { id: b.id } })).toBe(1);
    expect(await db().auditLog.count({ where: { entity: "Activity", entityId: b.id } })).toBe(1);
  });

  it("404 for a station outside scope (another village, another district, unknown), nothing written", async () => {
    for (const [who, stationId] of [
      ["station.coord", sibling],
      ["unit.admin", sibling],
      ["district.admin", foreign],
      ["district.admin", randomUUID()],
    ]) {
      const b = body({ stationId });
      const res = await post(tokens[who], b);
      expect(res.status).toBe(404);
      expect(await res.json()).toMatchObject({ error: "not_found" });
      await expectNothingWritten(b.id);
    }
  });

  it("403 for LEADER, nothing written", async () => {
    const b = body();
    const res = await post(tokens.leader, b);
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ error: "forbidden" });
    await expectNothingWritten(b.id);
  });

  it.each([
    ["youthParticipants", { youthParticipants: -1 }],
    ["youthParticipants", { youthParticipants: 10001 }],
    ["youthParticipants", { youthParticipants: 1.5 }],
    ["youthParticipants", { youthParticipants: "12" }],
    ["youthParticipants", { youthParticipants: null }],
    ["date", { date: "2019-13-01" }],
    ["date", { date: "12/10/2019" }],
    ["date", { date: "2999-01-01" }],
    ["stationId", { stationId: undefined }],
    ["stationId", { stationId: "abc" }],
    ["kind", { kind: "PARTY" }],
    ["title", { title: 42 }],
    ["title", { title: "长".repeat(300_000) }],
    ["volunteerIds", { volunteerIds: "abc" }],
    ["id", { id: "not-a-uuid" }],
  ])("400 naming %s for %j, nothing written", async (path, over) => {
    const b = body(over);
    // Counted, not looked up by id: a bad id cannot be looked up.
    const [activities, auditMark] = [await db().activity.count(), (await db().auditLog.aggregate({ _max: { id: true } }))._max.id ?? BigInt(0)];
    const res = await post(tokens["station.coord"], b);
    expect(res.status).toBe(400);
    const json = await res.json();
    expect(json.error).toBe("invalid");
    expect(json.issues.map((i: { path: string }) => i.path.split(".")[0])).toContain(path);
    for (const i of json.issues) expect(i.message).toMatch(/[\u4e00-\u9fff]/);
    expect(await db().activity.count()).toBe(activities);
    expect(await db().auditLog.count({ where: { entity: "Activity", id: { gt: auditMark } } })).toBe(0);
  });

  it("400 naming every bad field at once", async () => {
    const b = body({ youthParticipants: -5, date: "2999-01-01", kind: "" });
    const json = await (await post(tokens["unit.admin"], b)).json();
    expect(json.issues.map((i: { path: string }) => i.path).sort()).toEqual(["date", "kind", "youthParticipants"]);
    await expectNothingWritten(b.id);
  });

  it("413 for a 1 MiB title, nothing written; 400 for malformed JSON; 401 without a token", async () => {
    const b = body({ title: "x".repeat(1024 * 1024) });
    const res = await post(tokens["station.coord"], b);
    expect(res.status).toBe(413);
    await expectNothingWritten(b.id);
    expect((await post(tokens["station.coord"], "{nope")).status).toBe(400);
    const anon = new NextRequest(new URL("/api/v1/activities", "http://localhost:3000"), { method: "POST", body: JSON.stringify(body()) });
    expect((await POST(anon, routeCtx({}))).status).toBe(401);
  });
});

describe("GET /api/v1/activities", () => {
  let station: string;
  beforeAll(async () => {
    station = (await db().station.create({ data: { tenantId: units.district.tenantId, orgUnitId: units.village.id, name: "接口分页站" } })).id;
    await assignCoordinator(await actorFor("unit.admin"), { stationId: station, userId: (await actorFor("station.coord")).userId });
    for (let i = 0; i < 55; i++) {
      const res = await post(tokens["unit.admin"], body({ stationId: station, date: `2019-0${1 + (i % 9)}-15` }));
      expect(res.status).toBe(201);
    }
  });

  it("items in the API.md shape, paged with nextCursor, period filter", async () => {
    const first = await get(tokens["station.coord"], `?station=${station}`);
    expect(first.status).toBe(200);
    const p1 = await first.json();
    expect(p1.items).toHaveLength(50);
    for (const k of ["id", "stationId", "date", "kind", "title", "youthParticipants", "volunteerIds"]) expect(p1.items[0]).toHaveProperty(k);
    expect(p1.items[0].date).toBe("2019-09-15");
    const p2 = await (await get(tokens["station.coord"], `?station=${station}&cursor=${p1.nextCursor}`)).json();
    expect(p2.items).toHaveLength(5);
    expect(p2.nextCursor).toBeNull();
    expect(new Set([...p1.items, ...p2.items].map((i: { id: string }) => i.id)).size).toBe(55);
    const march = await (await get(tokens["station.coord"], `?station=${station}&from=2019-03-01&to=2019-03-31`)).json();
    expect(march.items).toHaveLength(6);
    expect(march.items.every((i: { date: string }) => i.date === "2019-03-15")).toBe(true);
  });

  it("no station: everything in the caller's scope; LEADER may read", async () => {
    const mine = await (await get(tokens["station.coord"], "?from=2019-01-01&to=2019-12-31")).json();
    expect(mine.items.length).toBeGreaterThan(0);
    expect((await get(tokens.leader, `?station=${station}`)).status).toBe(200);
    const foreignView = await (await get(tokens["huaiyin.admin"], "?from=2019-01-01&to=2019-12-31")).json();
    expect(foreignView.items.every((i: { stationId: string }) => i.stationId !== station)).toBe(true);
  });

  it("404 for a station outside scope; 400 for bad dates or cursor; 401 without token", async () => {
    for (const [who, s] of [
      ["station.coord", sibling],
      ["huaiyin.admin", station],
      ["district.admin", "junk"],
    ]) {
      const res = await get(tokens[who], `?station=${s}`);
      expect(res.status).toBe(404);
    }
    const bad = await get(tokens["district.admin"], "?from=2019-02-30");
    expect(bad.status).toBe(400);
    expect((await bad.json()).issues[0].path).toBe("from");
    expect((await get(tokens["district.admin"], "?cursor=abc")).status).toBe(400);
    expect((await get(undefined)).status).toBe(401);
  });
});
