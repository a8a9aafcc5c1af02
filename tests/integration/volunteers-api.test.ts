/**
 * GET/POST /api/v1/volunteers as API.md fixes them: shapes, 400 issues naming the fields
 * with nothing written, 403 for read-only roles, 404 outside scope, cursor paging.
 */
import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { GET, POST } from "@/app/api/v1/volunteers/route";
import { db } from "@/lib/server/db";
import { registerVolunteer } from "@/lib/server/people/write-volunteers";
import { actorFor } from "../support/actors";
import { apiGet, demoUnits, routeCtx, tokenFor, type DemoUnits } from "../support/fixtures";

const USERS = ["district.admin", "town.admin", "unit.admin", "station.coord", "leader", "huaiyin.admin"];
const tokens: Record<string, string> = {};
let units: DemoUnits;

beforeAll(async () => {
  units = await demoUnits();
  for (const u of USERS) tokens[u] = (await tokenFor(u)).token;
});

const name = () => `接口${randomBytes(4).toString("hex")}`;

function post(token: string, body: unknown) {
  const req = new NextRequest(new URL("/api/v1/volunteers", "http://localhost:3000"), {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json", "user-agent": "vitest" },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  return POST(req, routeCtx({}));
}
const get = (token: string | undefined, query = "") => GET(apiGet(`/api/v1/volunteers${query}`, token), routeCtx({}));

const body = (over: Record<string, unknown> = {}) => ({
  name: name(),
  category: "VETERAN_CADRE",
  orgUnitId: units.village.id,
  joinedOn: "2019-10-12",
  ...over,
});

async function expectNoPerson(n: string) {
  expect(await db().person.count({ where: { name: n } })).toBe(0);
}

describe("POST /api/v1/volunteers", () => {
  it("201 with the volunteer; the person and an audit row exist", async () => {
    const b = body({ birthYear: 1950, phone: "13712345678", skills: ["象棋", "宣讲"], publicityConsent: true, unknownField: 1 });
    const res = await post(tokens["town.admin"], b);
    expect(res.status).toBe(201);
    const json = await res.json();
    expect(json).toMatchObject({
      name: b.name,
      category: "VETERAN_CADRE",
      orgUnitId: units.village.id,
      joinedOn: "2019-10-12",
      trainedOn: null,
      status: "ACTIVE",
      skills: ["象棋", "宣讲"],
      publicityConsent: true,
    });
    expect(json.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(await db().person.count({ where: { name: b.name, birthYear: 1950 } })).toBe(1);
    const audit = await db().auditLog.findFirstOrThrow({ where: { action: "volunteer.register", entityId: json.id } });
    expect(audit).toMatchObject({ actorName: "town.admin", via: "token" });
  });

  it("400 naming every bad field (birth year, future joinedOn, unknown category), nothing written", async () => {
    const b = body({ birthYear: 1850, joinedOn: "2999-01-01", category: "VETERAN_ASTRONAUT" });
    const res = await post(tokens["town.admin"], b);
    expect(res.status).toBe(400);
    const json = await res.json();
    expect(json.error).toBe("invalid");
    expect(json.issues.map((i: { path: string }) => i.path).sort()).toEqual(["birthYear", "category", "joinedOn"]);
    for (const i of json.issues) expect(i.message).toMatch(/[\u4e00-\u9fff]/);
    await expectNoPerson(b.name);
  });

  it.each([
    ["birthYear", { birthYear: 2020 }],
    ["birthYear", { birthYear: "19五六" }],
    ["joinedOn", { joinedOn: "12/10/2019" }],
    ["category", { category: "" }],
    ["orgUnitId", { orgUnitId: undefined }],
    ["name", { name: 42 }],
    ["skills", { skills: [1, 2] }],
  ])("400 for a bad %s (%j), nothing written", async (path, over) => {
    const b = body(over);
    // Counted, not looked up by name (a name that is no string cannot be looked up).
    const written = async () => [await db().person.count(), await db().volunteer.count()];
    const before = await written();
    const res = await post(tokens["district.admin"], b);
    expect(res.status).toBe(400);
    const json = await res.json();
    expect(json.issues.map((i: { path: string }) => i.path.split(".")[0])).toContain(path);
    expect(await written()).toEqual(before);
  });

  it("400 for malformed JSON", async () => {
    const res = await post(tokens["district.admin"], "{nope");
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: "invalid" });
  });

  it("403 for LEADER and STATION_COORDINATOR, nothing written", async () => {
    for (const who of ["leader", "station.coord"]) {
      const b = body();
      const res = await post(tokens[who], b);
      expect(res.status).toBe(403);
      expect(await res.json()).toMatchObject({ error: "forbidden" });
      await expectNoPerson(b.name);
    }
  });

  it("404 for a unit outside scope (another town, another district, unknown), nothing written", async () => {
    for (const [who, unit] of [
      ["town.admin", units.villageOfSiblingTown.id],
      ["unit.admin", units.siblingVillage.id],
      ["district.admin", units.huaiyinVillage.id],
      ["district.admin", "00000000-0000-4000-8000-000000000000"],
    ]) {
      const b = body({ orgUnitId: unit });
      const res = await post(tokens[who], b);
      expect(res.status).toBe(404);
      expect(await res.json()).toMatchObject({ error: "not_found" });
      await expectNoPerson(b.name);
    }
  });

  it("401 without a token", async () => {
    const req = new NextRequest(new URL("/api/v1/volunteers", "http://localhost:3000"), { method: "POST", body: JSON.stringify(body()) });
    expect((await POST(req, routeCtx({}))).status).toBe(401);
  });
});

describe("GET /api/v1/volunteers", () => {
  const tag = `查${randomBytes(3).toString("hex")}`;
  beforeAll(async () => {
    const admin = await actorFor("district.admin");
    for (let i = 0; i < 55; i++) {
      await registerVolunteer(admin, {
        name: `${tag}${i}`,
        category: i % 2 ? "VETERAN_SOLDIER" : "VETERAN_EXPERT",
        orgUnitId: i < 52 ? units.village.id : units.villageOfSiblingTown.id,
        joinedOn: "2020-01-01",
      });
    }
  });

  it("items in the API.md shape, whole subtree, paged with nextCursor", async () => {
    const first = await get(tokens["district.admin"], `?orgUnit=${units.district.id}&q=${encodeURIComponent(tag)}`);
    expect(first.status).toBe(200);
    const p1 = await first.json();
    expect(p1.items).toHaveLength(50);
    expect(Object.keys(p1.items[0]).sort()).toEqual(["category", "id", "joinedOn", "name", "orgUnitId", "status", "trainedOn"]);
    expect(p1.items[0]).toMatchObject({ joinedOn: "2020-01-01", trainedOn: null, status: "ACTIVE" });
    expect(typeof p1.nextCursor).toBe("string");
    const p2 = await (await get(tokens["district.admin"], `?orgUnit=${units.district.id}&q=${encodeURIComponent(tag)}&cursor=${p1.nextCursor}`)).json();
    expect(p2.items).toHaveLength(5);
    expect(p2.nextCursor).toBeNull();
    const ids = [...p1.items, ...p2.items].map((i: { id: string }) => i.id);
    expect(new Set(ids).size).toBe(55);
  });

  it("no orgUnit = the caller's own unit; category filter; empty parameters mean no filter", async () => {
    const own = await (await get(tokens["town.admin"], `?q=${encodeURIComponent(tag)}&category=&cursor=`)).json();
    const town = await (await get(tokens["town.admin"], `?orgUnit=${units.town.id}&q=${encodeURIComponent(tag)}`)).json();
    expect(own.items.length).toBe(50);
    expect(own.items.map((i: { id: string }) => i.id)).toEqual(town.items.map((i: { id: string }) => i.id));
    const soldiers = await (await get(tokens["unit.admin"], `?q=${encodeURIComponent(tag)}&category=VETERAN_SOLDIER`)).json();
    expect(soldiers.items).toHaveLength(26);
    expect(soldiers.items.every((i: { category: string; orgUnitId: string }) => i.category === "VETERAN_SOLDIER" && i.orgUnitId === units.village.id)).toBe(true);
    expect(soldiers.nextCursor).toBeNull();
  });

  it("LEADER and STATION_COORDINATOR may read", async () => {
    expect((await get(tokens.leader, `?q=${encodeURIComponent(tag)}`)).status).toBe(200);
    const sc = await (await get(tokens["station.coord"], `?q=${encodeURIComponent(tag)}`)).json();
    expect(sc.items.length).toBeGreaterThan(0);
  });

  it("404 for an orgUnit outside scope or unknown; 400 for a bad category or cursor; 401 without token", async () => {
    for (const [who, unit] of [
      ["town.admin", units.siblingTown.id],
      ["town.admin", units.district.id],
      ["huaiyin.admin", units.district.id],
      ["district.admin", "00000000-0000-4000-8000-000000000000"],
      ["district.admin", "junk"],
    ]) {
      const res = await get(tokens[who], `?orgUnit=${unit}`);
      expect(res.status).toBe(404);
      expect(await res.json()).toMatchObject({ error: "not_found" });
    }
    const badCat = await get(tokens["district.admin"], "?category=VETERAN_ASTRONAUT");
    expect(badCat.status).toBe(400);
    expect((await badCat.json()).issues[0].path).toBe("category");
    const badCursor = await get(tokens["district.admin"], "?cursor=abc");
    expect(badCursor.status).toBe(400);
    expect((await badCursor.json()).issues[0].path).toBe("cursor");
    expect((await get(undefined)).status).toBe(401);
  });
});
