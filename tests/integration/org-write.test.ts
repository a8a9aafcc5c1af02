/**
 * The org tree, editable (issue 11 §3): add, edit, move (a whole subtree in one
 * statement, concurrent moves serialised), close, reopen, merge — level, kind and code
 * rules beside their fields, scope and roles, the API shapes, and metrics of earlier
 * years unchanged by 2020 merges, closes and moves.
 *
 * The suite's database is shared with every other file, so this file builds its own
 * tenant and never touches the demo districts: a region root (CITY) with two districts,
 * so that a town — and with it its villages and their users — can really move.
 */
import { randomInt, randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { POST as postUnit, GET as getChildren } from "@/app/api/v1/org-units/route";
import { PATCH as patchUnit } from "@/app/api/v1/org-units/[id]/route";
import { POST as postMerge } from "@/app/api/v1/org-units/[id]/merge/route";
import { GET as getMetrics } from "@/app/api/v1/metrics/route";
import { db } from "@/lib/server/db";
import type { Actor } from "@/lib/server/actor";
import { createUnit, mergeUnit, updateUnit } from "@/lib/server/org/write-units";
import { getUnit, listChildren, listUnitsForPicker, moveTargets } from "@/lib/server/org/read-units";
import type { OrgLevel, Role } from "@/lib/generated/prisma/enums";
import { actorFor } from "../support/actors";
import { apiGet, expectAppError, routeCtx, tokenFor, uniqueName } from "../support/fixtures";
import { enrol } from "../support/mfa";

interface Unit {
  id: string;
  code: string;
  path: string[];
  name: string;
}

let tenantId: string;
let region: Unit;
/** Two districts of the region: D is where most tests run. */
let D: Unit;
let D2: Unit;
let regionAdmin: Actor;
let admin: Actor;
let adminToken: string;
let regionToken: string;

async function rawUnit(parent: Unit | null, level: OrgLevel, code: string, name: string): Promise<Unit> {
  const id = randomUUID();
  return db().orgUnit.create({
    data: {
      id,
      tenantId,
      parentId: parent?.id ?? null,
      level,
      kind: level === "CITY" ? "市" : "区",
      name,
      code,
      path: [...(parent?.path ?? []), id],
      depth: parent ? parent.path.length : 0,
      committeeEstablishedOn: new Date("2006-06-01"),
    },
  });
}

async function newUserOn(unitId: string, role: Role) {
  const username = uniqueName("org");
  const u = await db().user.create({ data: { tenantId, orgUnitId: unitId, username, displayName: "测试", role, passwordHash: "x" } });
  // A real district's admin uses the app and its tokens only with 两步验证 set up.
  if (role === "DISTRICT_ADMIN") await enrol(u.id);
  return username;
}

let seq = 0;
/** The next 3-digit suffix: codes are unique in the tenant. */
const next3 = () => String(++seq).padStart(3, "0");

async function town(actor: Actor, district: Unit, extra: Record<string, unknown> = {}) {
  return createUnit(actor, { parentId: district.id, level: "TOWN", kind: "镇", name: `测试镇${seq + 1}`, code: district.code + next3(), ...extra });
}
async function village(actor: Actor, t: Unit, extra: Record<string, unknown> = {}) {
  return createUnit(actor, { parentId: t.id, level: "VILLAGE", kind: "村", name: `测试村${seq + 1}`, code: t.code + next3(), ...extra });
}

beforeAll(async () => {
  let code: string;
  do code = String(900000 + randomInt(99_999));
  while (await db().tenant.findUnique({ where: { code } }));
  tenantId = (await db().tenant.create({ data: { name: `测试市${code}`, code } })).id;
  region = await rawUnit(null, "CITY", code, `测试市${code}`);
  D = await rawUnit(region, "DISTRICT", String(Number(code) - 1).padStart(6, "0"), "测试一区");
  D2 = await rawUnit(region, "DISTRICT", String(Number(code) - 2).padStart(6, "0"), "测试二区");
  const regionName = await newUserOn(region.id, "DISTRICT_ADMIN");
  regionAdmin = await actorFor(regionName);
  regionToken = (await tokenFor(regionName)).token;
  const adminName = await newUserOn(D.id, "DISTRICT_ADMIN");
  admin = await actorFor(adminName);
  adminToken = (await tokenFor(adminName)).token;
});

/** Every unit of the tenant: path = parent's path + own id, depth = length - 1 (so no cycles). */
async function expectValidTree() {
  const rows = await db().orgUnit.findMany({ where: { tenantId }, select: { id: true, parentId: true, path: true, depth: true } });
  const byId = new Map(rows.map((r) => [r.id, r]));
  for (const r of rows) {
    const expected = r.parentId ? [...byId.get(r.parentId)!.path, r.id] : [r.id];
    expect(r.path, `path of ${r.id}`).toEqual(expected);
    expect(r.depth).toBe(r.path.length - 1);
    expect(new Set(r.path).size).toBe(r.path.length);
  }
  return rows.length;
}

describe("createUnit: level, kind and code rules beside their fields", () => {
  it("adds a town under the district and a village under it, paths and depth from the parent; audited", async () => {
    const t = await town(admin, D, { committeeEstablishedOn: "2010-05-04" });
    expect(t).toMatchObject({ parentId: D.id, level: "TOWN", path: [region.id, D.id, t.id], depth: 2, active: true, closedOn: null });
    expect(t.committeeEstablishedOn?.toISOString().slice(0, 10)).toBe("2010-05-04");
    const v = await village(admin, t);
    expect(v.path).toEqual([region.id, D.id, t.id, v.id]);
    const audit = await db().auditLog.findFirst({ where: { tenantId, action: "org.create_unit", entityId: v.id } });
    expect(audit).not.toBeNull();
    // Schools under the district or a town.
    const s1 = await createUnit(admin, { parentId: D.id, level: "SCHOOL", kind: "高中", name: "测试高中", code: `S${next3()}X1` });
    const s2 = await createUnit(admin, { parentId: t.id, level: "SCHOOL", kind: "小学", name: "测试小学", code: `320${next3()}1234` });
    expect([s1.parentId, s2.parentId]).toEqual([D.id, t.id]);
  });

  it("refuses a unit under a parent of the wrong level, beside level", async () => {
    const t = await town(admin, D);
    const v = await village(admin, t);
    const cases = [
      { parentId: D.id, level: "VILLAGE", kind: "村", code: D.code + "999001" },
      { parentId: t.id, level: "TOWN", kind: "镇", code: D.code + "998" },
      { parentId: v.id, level: "SCHOOL", kind: "小学", code: "X9981" },
    ];
    for (const c of cases) {
      const e = await expectAppError(createUnit(admin, { name: "错层级", ...c }), "INVALID");
      expect(e.issues.map((i) => i.path)).toEqual(["level"]);
    }
    expect(await db().orgUnit.count({ where: { tenantId, name: "错层级" } })).toBe(0);
  });

  it("refuses a kind of another level, bad codes and a duplicate code, each beside its field", async () => {
    const t = await town(admin, D);
    const bad = async (input: Record<string, unknown>, path: string, re?: RegExp) => {
      const e = await expectAppError(createUnit(admin, { parentId: t.id, level: "VILLAGE", kind: "社区", name: "坏单位", code: t.code + "777", ...input }), "INVALID");
      expect(e.issues.map((i) => i.path)).toContain(path);
      if (re) expect(e.issues.find((i) => i.path === path)!.message).toMatch(re);
    };
    await bad({ kind: "镇" }, "kind", /村（社区）的类型须为：村、社区/);
    await bad({ kind: "大学" }, "kind");
    await bad({ code: "12345" }, "code", /12 位/);
    await bad({ code: "999999999001" }, "code", new RegExp(`须以所属镇（街道）的代码 ${t.code} 开头`));
    await bad({ code: "12-34" }, "code");
    await bad({ name: "" }, "name");
    await bad({ committeeEstablishedOn: "2999-01-01" }, "committeeEstablishedOn");
    await bad({ parentId: "" }, "parentId");
    const e = await expectAppError(createUnit(admin, { parentId: D.id, level: "TOWN", kind: "街道", name: "坏街道", code: "111111001" }), "INVALID");
    expect(e.issues[0]).toMatchObject({ path: "code", message: `镇（街道）代码须以本区代码 ${D.code} 开头` });
    const first = await village(admin, t);
    const dup = await expectAppError(village(admin, t, { code: first.code }), "INVALID");
    expect(dup.issues[0].path).toBe("code");
    expect(dup.issues[0].message).toContain("已被");
    expect(await db().orgUnit.count({ where: { tenantId, name: { in: ["坏单位", "坏街道"] } } })).toBe(0);
  });

  it("a school may carry any code of letters and digits up to 20", async () => {
    const long = await expectAppError(createUnit(admin, { parentId: D.id, level: "SCHOOL", kind: "初中", name: "长代码", code: "1".repeat(21) }), "INVALID");
    expect(long.issues[0].path).toBe("code");
  });
});

describe("move: the subtree follows in one statement, users' scopes follow", () => {
  it("moves a town with its villages to the other district; a village user and the town admin keep their subtree", async () => {
    const t = await town(regionAdmin, D);
    const v1 = await village(regionAdmin, t);
    const v2 = await village(regionAdmin, t);
    const villageUser = await newUserOn(v1.id, "UNIT_ADMIN");
    const townUser = await newUserOn(t.id, "TOWN_ADMIN");
    const moved = await updateUnit(regionAdmin, { id: t.id, parentId: D2.id });
    expect(moved).toMatchObject({ parentId: D2.id, path: [region.id, D2.id, t.id], depth: 2 });
    for (const v of [v1, v2]) {
      const row = await db().orgUnit.findUniqueOrThrow({ where: { id: v.id } });
      expect(row.path).toEqual([region.id, D2.id, t.id, v.id]);
      expect(row.depth).toBe(3);
      expect(row.parentId).toBe(t.id);
    }
    const vu = await actorFor(villageUser);
    expect(vu.orgUnitPath).toEqual([region.id, D2.id, t.id, v1.id]);
    expect((await getUnit(vu, v1.id)).id).toBe(v1.id);
    const tu = await actorFor(townUser);
    expect((await listChildren(tu, t.id)).map((k) => k.id).sort()).toEqual([v1.id, v2.id].sort());
    // D's admin no longer sees the town; D2's subtree now holds it.
    await expectAppError(getUnit(admin, t.id), "NOT_FOUND");
    const audit = await db().auditLog.findFirst({ where: { tenantId, action: "org.update_unit", entityId: t.id }, orderBy: { id: "desc" } });
    expect(audit?.after).toMatchObject({ movedUnits: 3, parentId: D2.id });
    await expectValidTree();
  });

  it("a village moves to another town and keeps its code", async () => {
    const a = await town(admin, D);
    const b = await town(admin, D);
    const v = await village(admin, a);
    const moved = await updateUnit(admin, { id: v.id, parentId: b.id });
    expect(moved).toMatchObject({ parentId: b.id, code: v.code, path: [region.id, D.id, b.id, v.id] });
  });

  it("refuses a move under itself or its own descendant, to a wrong level, a closed parent, or the district itself — beside parentId", async () => {
    const t = await town(regionAdmin, D);
    const v = await village(regionAdmin, t);
    const school = await createUnit(regionAdmin, { parentId: t.id, level: "SCHOOL", kind: "小学", name: "搬校", code: `M${next3()}` });
    const refused = async (id: string, parentId: string, re: RegExp) => {
      const e = await expectAppError(updateUnit(regionAdmin, { id, parentId }), "INVALID");
      expect(e.issues[0].path).toBe("parentId");
      expect(e.issues[0].message).toMatch(re);
    };
    await refused(t.id, t.id, /它自己或它的下级/);
    await refused(t.id, v.id, /它自己或它的下级/);
    await refused(v.id, D.id, /村（社区）只能设在镇（街道）下/);
    await refused(school.id, v.id, /学校只能设在区或镇（街道）下/);
    await refused(D.id, D2.id, /区本级不能移动/);
    const closed = await town(regionAdmin, D);
    await updateUnit(regionAdmin, { id: closed.id, closedOn: "2020-01-01" });
    await refused(v.id, closed.id, /已撤销/);
    // A school may move up to the district.
    expect((await updateUnit(regionAdmin, { id: school.id, parentId: D.id })).path).toEqual([region.id, D.id, school.id]);
    const row = await db().orgUnit.findUniqueOrThrow({ where: { id: v.id } });
    expect(row.parentId).toBe(t.id);
  });

  it("offers only valid parents in the move picker", async () => {
    const t = await town(admin, D);
    const other = await town(admin, D);
    const v = await village(admin, t);
    const targets = await moveTargets(admin, { id: v.id, level: "VILLAGE", parentId: t.id });
    const ids = targets.map((x) => x.id);
    expect(ids).toContain(other.id);
    expect(ids).not.toContain(t.id);
    expect(targets.every((x) => x.level === "TOWN")).toBe(true);
  });

  it("rounds of 20 concurrent moves of overlapping subtrees leave a valid tree", async () => {
    const towns = [];
    for (let i = 0; i < 4; i++) towns.push(await town(regionAdmin, i % 2 ? D2 : D));
    const villages = [];
    for (const t of towns) for (let i = 0; i < 3; i++) villages.push(await village(regionAdmin, t));
    let ok = 0;
    for (let round = 0; round < 5; round++) {
      const moves: Promise<unknown>[] = [];
      for (let i = 0; i < 20; i++) {
        if (i % 5 === 4) {
          // A under B while B under A: both refused (a town never sits under a town), never a cycle.
          const [a, b] = [towns[i % 4], towns[(i + 1) % 4]];
          moves.push(updateUnit(regionAdmin, { id: a.id, parentId: b.id }), updateUnit(regionAdmin, { id: b.id, parentId: a.id }));
        } else if (i % 2 === 0) {
          // Towns change district while villages are moved into them.
          moves.push(updateUnit(regionAdmin, { id: towns[(i + round) % 4].id, parentId: (i + round) % 3 ? D2.id : D.id }));
        } else {
          const v = villages[(i * 7 + round) % villages.length];
          moves.push(updateUnit(regionAdmin, { id: v.id, parentId: towns[(i + round + 1) % 4].id }));
        }
      }
      const results = await Promise.allSettled(moves);
      // Only refusals a person can read (wrong level) — no deadlock, no crash.
      // The four "A under B while B under A" pairs are always refused: there are refusals to look at.
      expect(results.filter((r) => r.status === "rejected").length).toBeGreaterThanOrEqual(8);
      for (const r of results) if (r.status === "rejected") expect(r.reason?.code, String(r.reason)).toBe("INVALID");
      ok += results.filter((r) => r.status === "fulfilled").length;
      await expectValidTree();
    }
    expect(ok).toBeGreaterThanOrEqual(50);
  });
});

describe("close and reopen", () => {
  it("closes a village on a date: gone from current lists and pickers, kept with closedOn; reopens", async () => {
    const t = await town(admin, D);
    const v = await village(admin, t);
    const closed = await updateUnit(admin, { id: v.id, closedOn: "2020-06-01" });
    expect(closed).toMatchObject({ active: false, mergedIntoId: null });
    expect(closed.closedOn?.toISOString().slice(0, 10)).toBe("2020-06-01");
    expect((await listChildren(admin, t.id)).map((k) => k.id)).not.toContain(v.id);
    expect((await listChildren(admin, t.id, { includeClosed: true })).map((k) => k.id)).toContain(v.id);
    expect((await listUnitsForPicker(admin)).map((k) => k.id)).not.toContain(v.id);
    // Closed units refuse edits until reopened.
    const e = await expectAppError(updateUnit(admin, { id: v.id, name: "改名" }), "INVALID");
    expect(e.issues[0].path).toBe("name");
    const again = await updateUnit(admin, { id: v.id, reopen: true });
    expect(again).toMatchObject({ active: true, closedOn: null });
    expect((await listChildren(admin, t.id)).map((k) => k.id)).toContain(v.id);
  });

  it("refuses closing a unit with open children (naming them), a future date, the district; reopen under a closed parent", async () => {
    const t = await town(admin, D);
    const v = await village(admin, t, { name: "还开着村" });
    const e = await expectAppError(updateUnit(admin, { id: t.id, closedOn: "2020-01-01" }), "INVALID");
    expect(e.issues[0]).toMatchObject({ path: "closedOn" });
    expect(e.issues[0].message).toContain("还开着村");
    const future = await expectAppError(updateUnit(admin, { id: v.id, closedOn: "2999-01-01" }), "INVALID");
    expect(future.issues[0].path).toBe("closedOn");
    const root = await expectAppError(updateUnit(admin, { id: D.id, closedOn: "2020-01-01" }), "INVALID");
    expect(root.issues[0].message).toBe("区本级不能撤销");
    await updateUnit(admin, { id: v.id, closedOn: "2020-01-01" });
    await updateUnit(admin, { id: t.id, closedOn: "2020-02-01" });
    const reopen = await expectAppError(updateUnit(admin, { id: v.id, reopen: true }), "INVALID");
    expect(reopen.issues[0]).toMatchObject({ path: "reopen" });
    expect(reopen.issues[0].message).toContain("请先恢复上级单位");
    const empty = await expectAppError(updateUnit(admin, { id: v.id }), "INVALID");
    expect(empty.issues[0].path).toBe("_");
  });

  it("renames, re-kinds and re-codes (unique, beside code)", async () => {
    const t = await town(admin, D);
    const v = await village(admin, t);
    const w = await village(admin, t);
    const u = await updateUnit(admin, { id: v.id, name: "新名社区", kind: "社区", code: t.code + "901" });
    expect(u).toMatchObject({ name: "新名社区", kind: "社区", code: t.code + "901" });
    const dup = await expectAppError(updateUnit(admin, { id: w.id, code: t.code + "901" }), "INVALID");
    expect(dup.issues[0].path).toBe("code");
    const kind = await expectAppError(updateUnit(admin, { id: w.id, kind: "街道" }), "INVALID");
    expect(kind.issues[0].path).toBe("kind");
    expect((await db().orgUnit.findUniqueOrThrow({ where: { id: w.id } })).kind).toBe("村");
  });
});

describe("roles and scope", () => {
  let townA: Unit;
  let townB: Unit;
  let vB: Unit;
  let townAdmin: Actor;
  let townToken: string;
  beforeAll(async () => {
    townA = await town(admin, D);
    townB = await town(admin, D);
    await village(admin, townA);
    vB = await village(admin, townB);
    const name = await newUserOn(townA.id, "TOWN_ADMIN");
    townAdmin = await actorFor(name);
    townToken = (await tokenFor(name)).token;
  });

  it("a town admin adds and edits villages and schools under its own town only", async () => {
    const v = await village(townAdmin, townA);
    await updateUnit(townAdmin, { id: v.id, name: "镇管村" });
    await createUnit(townAdmin, { parentId: townA.id, level: "SCHOOL", kind: "初中", name: "镇管初中", code: `T${next3()}` });
    // Another town's village: not found.
    await expectAppError(updateUnit(townAdmin, { id: vB.id, name: "越权" }), "NOT_FOUND");
    await expectAppError(updateUnit(townAdmin, { id: v.id, parentId: townB.id }), "NOT_FOUND");
    await expectAppError(mergeUnit(townAdmin, { id: v.id, intoId: vB.id, on: "2020-01-01" }), "NOT_FOUND");
    // No town: the district is outside its scope, and a town cannot sit under a town.
    await expectAppError(town(townAdmin, D), "NOT_FOUND");
    const e = await expectAppError(createUnit(townAdmin, { parentId: townA.id, level: "TOWN", kind: "镇", name: "镇下镇", code: D.code + "990" }), "INVALID");
    expect(e.issues[0].path).toBe("level");
    // Not its own town.
    await expectAppError(updateUnit(townAdmin, { id: townA.id, name: "自改" }), "FORBIDDEN");
    await expectAppError(updateUnit(townAdmin, { id: townA.id, closedOn: "2020-01-01" }), "FORBIDDEN");
  });

  it("a village admin may not create, edit, move, close or merge units (403)", async () => {
    const v = await village(admin, townA);
    const unitAdmin = await actorFor(await newUserOn(v.id, "UNIT_ADMIN"));
    await expectAppError(village(unitAdmin, townA), "FORBIDDEN");
    await expectAppError(updateUnit(unitAdmin, { id: v.id, name: "自改" }), "FORBIDDEN");
    await expectAppError(updateUnit(unitAdmin, { id: v.id, closedOn: "2020-01-01" }), "FORBIDDEN");
    await expectAppError(mergeUnit(unitAdmin, { id: v.id, intoId: vB.id, on: "2020-01-01" }), "FORBIDDEN");
  });

  it("API: POST 201, PATCH 200, merge 200; 400 with issues, 404 outside scope or a bad id, 403 by role", async () => {
    const json = (method: string, path: string, token: string, body: unknown) =>
      new NextRequest(new URL(path, "http://localhost:3000"), {
        method,
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json", "user-agent": "vitest" },
        body: JSON.stringify(body),
      });
    const code = townA.code + next3();
    const created = await postUnit(json("POST", "/api/v1/org-units", adminToken, { parentId: townA.id, level: "VILLAGE", kind: "村", name: "接口村", code }), routeCtx({}));
    expect(created.status).toBe(201);
    const unit = await created.json();
    expect(unit).toEqual({ id: expect.any(String), name: "接口村", level: "VILLAGE", kind: "村", code, parentId: townA.id, closedOn: null });

    const dup = await postUnit(json("POST", "/api/v1/org-units", adminToken, { parentId: townA.id, level: "VILLAGE", kind: "村", name: "重复", code }), routeCtx({}));
    expect(dup.status).toBe(400);
    const dupBody = await dup.json();
    expect(dupBody.error).toBe("invalid");
    expect(dupBody.issues[0].path).toBe("code");

    const patched = await patchUnit(json("PATCH", `/api/v1/org-units/${unit.id}`, adminToken, { name: "接口社区", kind: "社区", id: vB.id }), routeCtx({ id: unit.id }));
    expect(patched.status).toBe(200);
    expect(await patched.json()).toMatchObject({ id: unit.id, name: "接口社区", kind: "社区", active: true, closedOn: null });
    expect((await db().orgUnit.findUniqueOrThrow({ where: { id: vB.id } })).name).not.toBe("接口社区");

    const outside = await patchUnit(json("PATCH", `/api/v1/org-units/${vB.id}`, townToken, { name: "越权" }), routeCtx({ id: vB.id }));
    expect(outside.status).toBe(404);
    const badId = await patchUnit(json("PATCH", "/api/v1/org-units/nope", adminToken, { name: "x" }), routeCtx({ id: "nope" }));
    expect(badId.status).toBe(404);
    const noTown = await postUnit(json("POST", "/api/v1/org-units", townToken, { parentId: townA.id, level: "TOWN", kind: "镇", name: "镇", code: D.code + "991" }), routeCtx({}));
    expect(noTown.status).toBe(400);
    const unitAdminToken = (await tokenFor(await newUserOn(unit.id, "UNIT_ADMIN"))).token;
    const forbidden = await patchUnit(json("PATCH", `/api/v1/org-units/${unit.id}`, unitAdminToken, { name: "自改" }), routeCtx({ id: unit.id }));
    expect(forbidden.status).toBe(403);

    const merged = await postMerge(json("POST", `/api/v1/org-units/${unit.id}/merge`, adminToken, { intoId: vB.id, on: "2021-03-01" }), routeCtx({ id: unit.id }));
    expect(merged.status).toBe(200);
    expect(await merged.json()).toMatchObject({
      id: unit.id,
      active: false,
      closedOn: "2021-03-01",
      mergedIntoId: vB.id,
      mergedInto: { id: vB.id },
      moved: { positions: 0, persons: 0, volunteers: 0, stations: 0 },
    });
    const badMerge = await postMerge(json("POST", `/api/v1/org-units/${vB.id}/merge`, adminToken, { intoId: vB.id, on: "2021-13-01" }), routeCtx({ id: vB.id }));
    expect(badMerge.status).toBe(400);
    expect((await badMerge.json()).issues.map((i: { path: string }) => i.path)).toEqual(["on"]);

    const kids = await getChildren(apiGet(`/api/v1/org-units?parent=${townA.id}`, adminToken), routeCtx({}));
    expect((await kids.json()).items.map((k: { id: string }) => k.id)).not.toContain(unit.id);
    const all = await getChildren(apiGet(`/api/v1/org-units?parent=${townA.id}&closed=1`, adminToken), routeCtx({}));
    expect((await all.json()).items.find((k: { id: string }) => k.id === unit.id)).toMatchObject({ closedOn: "2021-03-01" });
  });
});

describe("merge (撤并) and metrics of earlier years", () => {
  const day = (s: string) => new Date(`${s}T00:00:00Z`);
  let T: Unit;
  let T2: Unit;
  let A: Unit;
  let B: Unit;
  let C: Unit;
  let stationA: string;

  async function person(unitId: string, name: string, extra: Record<string, unknown> = {}) {
    return db().person.create({ data: { tenantId, orgUnitId: unitId, name, ...extra } });
  }
  async function position(unitId: string, personId: string, role: "DIRECTOR" | "EXEC_DEPUTY" | "DEPUTY" | "ASSISTANT" | "MEMBER", startedOn: string, endedOn?: string) {
    const single = (role === "DIRECTOR" || role === "EXEC_DEPUTY") && !endedOn;
    return db().rosterPosition.create({
      data: { tenantId, orgUnitId: unitId, personId, role, concurrent: role === "DIRECTOR", startedOn: day(startedOn), endedOn: endedOn ? day(endedOn) : null, currentSlot: single ? role : null },
    });
  }
  /** A village with a full 2019 record: committee, compliant roster, volunteers, a station with 24 activities, 零犯罪. */
  async function villageWith2019(t: Unit, label: string) {
    const v = await village(admin, t, { name: label, committeeEstablishedOn: "2015-03-01" });
    const dir = await person(v.id, `${label}主任`, { retired: false });
    const dep = await person(v.id, `${label}常务`, { retired: true, cadreRank: "SECTION_OR_ABOVE" });
    const young = await person(v.id, `${label}年轻`, { birthYear: 1990 });
    await position(v.id, dir.id, "DIRECTOR", "2018-01-01");
    await position(v.id, dep.id, "EXEC_DEPUTY", "2018-01-01");
    await position(v.id, young.id, "ASSISTANT", "2018-01-01");
    for (const [i, status] of (["ACTIVE", "PAUSED", "LEFT"] as const).entries()) {
      const p = await person(v.id, `${label}志愿者${i}`);
      await db().volunteer.create({ data: { tenantId, orgUnitId: v.id, personId: p.id, category: "VETERAN_CADRE", joinedOn: day("2018-05-01"), status } });
    }
    const station = await db().station.create({ data: { tenantId, orgUnitId: v.id, name: `${label}辅导站`, eReadingRoom: true, eReadingRoomUpToStandard: true } });
    await db().activity.createMany({
      data: Array.from({ length: 24 }, (_, i) => ({
        id: randomUUID(),
        tenantId,
        orgUnitId: v.id,
        stationId: station.id,
        date: day(`2019-${String((i % 12) + 1).padStart(2, "0")}-${i < 12 ? "05" : "20"}`),
        kind: "LECTURE" as const,
        title: "讲座",
        youthParticipants: 20 + i,
      })),
    });
    await db().zeroCrimeRecord.create({ data: { tenantId, orgUnitId: v.id, year: 2019, youthOffenders: 1, minorOffenders: 0 } });
    await db().funding.create({ data: { tenantId, orgUnitId: v.id, stationId: station.id, amountFen: BigInt(123_400), receivedOn: day("2019-04-01"), source: "测试" } });
    return { v, station: station.id, dir, dep };
  }

  async function metrics(unitId: string, year: number, token = adminToken) {
    const res = await getMetrics(apiGet(`/api/v1/metrics?orgUnit=${unitId}&year=${year}`, token), routeCtx({}));
    expect(res.status).toBe(200);
    return res.json();
  }
  /**
   * The district's whole answer (its towns included) and the towns' own figures. A town's
   * per-village split may shift: stations and volunteers are counted where they are now.
   */
  const snapshot = async () => ({
    D: await metrics(D.id, 2019),
    T: (await metrics(T.id, 2019)).metrics,
    T2: (await metrics(T2.id, 2019)).metrics,
    R: (await metrics(region.id, 2019, regionToken)).metrics,
  });

  beforeAll(async () => {
    T = await town(admin, D, { committeeEstablishedOn: "2010-01-01" });
    T2 = await town(admin, D, { committeeEstablishedOn: "2010-01-01" });
    const a = await villageWith2019(T, "甲村");
    A = a.v;
    stationA = a.station;
    B = (await villageWith2019(T, "乙村")).v;
    C = (await villageWith2019(T, "丙村")).v;
    // Direct inserts leave no audit entry: move the metric cache's version by hand.
    await db().tenant.update({ where: { id: tenantId }, data: { dataVersion: { increment: 1 } } });
  });

  it("the 2019 figures have something to lose", async () => {
    const m = (await metrics(T.id, 2019)).metrics;
    expect(m.villageLeadershipCompliance).toMatchObject({ numerator: 3, denominator: 3 });
    expect(m.activitySessions.value).toBe(72);
    expect(m.stationActivityCompliance).toMatchObject({ numerator: 3, denominator: 3 });
    expect(m.volunteers.value).toBe(6);
    expect(m.youthZeroCrimeRate.denominator).toBe(3);
    expect(m.committeeCoverage.denominator).toBe(4);
  });

  it("merges 甲村 into 乙村 in 2020: roster, volunteers and stations move, history stays; 2019 unchanged", async () => {
    const before = await snapshot();
    const res = await mergeUnit(admin, { id: A.id, intoId: B.id, on: "2020-03-01" });
    expect(res.moved).toEqual({ positions: 3, persons: 5, volunteers: 2, stations: 1 });
    expect(res.unit).toMatchObject({ active: false, mergedIntoId: B.id });
    expect(res.unit.closedOn?.toISOString().slice(0, 10)).toBe("2020-03-01");

    // A's positions ended on the day; B got them from the day. B already had a 主任 and 常务副主任, so A's join as 副主任.
    const aCurrent = await db().rosterPosition.count({ where: { orgUnitId: A.id, endedOn: null } });
    expect(aCurrent).toBe(0);
    const atB = await db().rosterPosition.findMany({ where: { orgUnitId: B.id, startedOn: day("2020-03-01") }, include: { person: true } });
    expect(atB.map((p) => [p.person.name, p.role]).sort()).toEqual([
      ["甲村主任", "DEPUTY"],
      ["甲村常务", "DEPUTY"],
      ["甲村年轻", "ASSISTANT"],
    ]);
    expect(await db().rosterPosition.count({ where: { orgUnitId: B.id, currentSlot: { not: null } } })).toBe(2);
    // Volunteers not LEFT and their persons moved; the LEFT one stays.
    expect(await db().volunteer.count({ where: { orgUnitId: B.id, person: { name: { startsWith: "甲村" } } } })).toBe(2);
    expect(await db().person.count({ where: { orgUnitId: B.id, name: { startsWith: "甲村" } } })).toBe(5);
    expect(await db().volunteer.count({ where: { orgUnitId: A.id, status: "LEFT" } })).toBe(1);
    expect((await db().station.findUniqueOrThrow({ where: { id: stationA } })).orgUnitId).toBe(B.id);
    // History stays A's.
    expect(await db().activity.count({ where: { orgUnitId: A.id } })).toBe(24);
    expect(await db().zeroCrimeRecord.count({ where: { orgUnitId: A.id, year: 2019 } })).toBe(1);
    expect(await db().funding.count({ where: { orgUnitId: A.id } })).toBe(1);
    const audit = await db().auditLog.findFirst({ where: { tenantId, action: "org.merge_unit", entityId: A.id } });
    expect(audit?.after).toMatchObject({ mergedIntoId: B.id, moved: { positions: 3, volunteers: 2, stations: 1 } });

    expect(await snapshot()).toEqual(before);
    // And after: the closed village is not counted in later years.
    const later = (await metrics(T.id, 2021)).metrics;
    expect(later.committeeCoverage.denominator).toBe(3);
    expect(later.villageLeadershipCompliance.denominator).toBe(2);
  });

  it("refuses merging into itself, into a closed unit or a town, or a closed village; before a current member started", async () => {
    const e1 = await expectAppError(mergeUnit(admin, { id: B.id, intoId: B.id, on: "2020-05-01" }), "INVALID");
    expect(e1.issues[0].path).toBe("intoId");
    const e2 = await expectAppError(mergeUnit(admin, { id: B.id, intoId: A.id, on: "2020-05-01" }), "INVALID");
    expect(e2.issues[0]).toMatchObject({ path: "intoId" });
    const e3 = await expectAppError(mergeUnit(admin, { id: B.id, intoId: T2.id, on: "2020-05-01" }), "INVALID");
    expect(e3.issues[0].path).toBe("intoId");
    const e4 = await expectAppError(mergeUnit(admin, { id: A.id, intoId: B.id, on: "2020-05-01" }), "INVALID");
    expect(e4.issues[0].path).toBe("on");
    const e5 = await expectAppError(mergeUnit(admin, { id: C.id, intoId: B.id, on: "2017-05-01" }), "INVALID");
    expect(e5.issues[0].path).toBe("on");
    expect((await db().orgUnit.findUniqueOrThrow({ where: { id: C.id } })).active).toBe(true);
  });

  it("closing 丙村 in 2020 leaves 2019 unchanged (the town's villages too); it is gone from 2021", async () => {
    const before = { ...(await snapshot()), Tfull: await metrics(T.id, 2019) };
    await updateUnit(admin, { id: C.id, closedOn: "2020-06-01" });
    expect({ ...(await snapshot()), Tfull: await metrics(T.id, 2019) }).toEqual(before);
    const later = (await metrics(T.id, 2021)).metrics;
    expect(later.committeeCoverage.denominator).toBe(2);
  });

  it("moving 乙村 to another town keeps the district's and the region's 2019 figures", async () => {
    const before = { D: await metrics(D.id, 2019), R: await metrics(region.id, 2019, regionToken) };
    await updateUnit(admin, { id: B.id, parentId: T2.id });
    const after = { D: await metrics(D.id, 2019), R: await metrics(region.id, 2019, regionToken) };
    expect(after.D.metrics).toEqual(before.D.metrics);
    expect(after.R.metrics).toEqual(before.R.metrics);
    // The towns' shares shift with the village (they are judged by today's tree).
    expect((await metrics(T2.id, 2019)).metrics.villageLeadershipCompliance.denominator).toBe(1);
  });
});
