/**
 * Leadership rosters (班子) against real PostgreSQL: the one-current-主任 rule held by the
 * database under concurrent appoints, scope on every read and write (nothing written
 * outside it), phone masking by role, compliance for all units in scope, and the
 * /api/v1/org-units/<id>/roster contract.
 *
 * The tests work in units of their own (a new town with a village, and one new village
 * under each of 城南街道 and 清江街道), removed again afterwards, so they neither depend
 * on nor disturb the demo rosters that other suites count.
 */
import { randomInt, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { db } from "@/lib/server/db";
import { AppError } from "@/lib/server/errors";
import type { Actor } from "@/lib/server/actor";
import type { OrgLevel } from "@/lib/generated/prisma/enums";
import { appointPosition, changePosition, endPosition } from "@/lib/server/people/write-roster";
import { complianceInScope, getUnitRoster, listRosterIssues } from "@/lib/server/people/read-roster";
import { GET as getRoster, POST as postRoster } from "@/app/api/v1/org-units/[id]/roster/route";
import { actorFor } from "../support/actors";
import { apiGet, demoUnits, expectAppError, newUser, routeCtx, tokenFor, uniqueName, type DemoUnits } from "../support/fixtures";

type Unit = Awaited<ReturnType<typeof makeUnit>>;
let units: DemoUnits;
let admin: Actor;
let townAdmin: Actor;
/** A new town (街道) with one new community under it. */
let T: Unit;
let TV: Unit;
/** A new community under 城南街道 (town.admin's town) and one under 清江街道 (another town). */
let CV: Unit;
let QV: Unit;
let cvAdmin: Actor;
const created: string[] = [];

async function makeUnit(parent: { id: string; tenantId: string; path: string[]; depth: number }, level: OrgLevel, kind: string) {
  const id = randomUUID();
  const unit = await db().orgUnit.create({
    data: {
      id,
      tenantId: parent.tenantId,
      parentId: parent.id,
      level,
      kind,
      name: uniqueName(`测试${kind}`),
      code: `99${String(randomInt(1e9)).padStart(10, "0")}`,
      path: [...parent.path, id],
      depth: parent.depth + 1,
      sortOrder: 999,
      committeeEstablishedOn: new Date("2012-03-01T00:00:00Z"),
    },
  });
  created.push(unit.id);
  return unit;
}

beforeAll(async () => {
  units = await demoUnits();
  admin = await actorFor("district.admin");
  townAdmin = await actorFor("town.admin");
  T = await makeUnit(units.district, "TOWN", "街道");
  TV = await makeUnit(T, "VILLAGE", "社区");
  CV = await makeUnit(units.town, "VILLAGE", "社区");
  QV = await makeUnit(units.siblingTown, "VILLAGE", "社区");
  const u = await newUser({ role: "UNIT_ADMIN", orgUnitId: CV.id, prefix: "cvadm" });
  cvAdmin = await actorFor(u.username);
});

afterAll(async () => {
  const where = { orgUnitId: { in: created } };
  await db().rosterPosition.deleteMany({ where });
  await db().person.deleteMany({ where });
  await db().user.deleteMany({ where });
  await db().orgUnit.deleteMany({ where: { id: { in: created }, level: "VILLAGE" } });
  await db().orgUnit.deleteMany({ where: { id: { in: created } } });
});

const newPerson = (over: Record<string, unknown> = {}) => ({
  name: uniqueName("人"),
  retired: false,
  cadreRank: "NONE",
  ...over,
});
const appointInput = (unitId: string, over: Record<string, unknown> = {}) => ({
  orgUnitId: unitId,
  role: "DIRECTOR",
  concurrent: true,
  startedOn: "2019-10-12",
  person: newPerson(),
  ...over,
});

const currentHolders = (orgUnitId: string, role: "DIRECTOR" | "EXEC_DEPUTY") =>
  db().rosterPosition.findMany({ where: { orgUnitId, role, endedOn: null } });
const appointAudits = (orgUnitId: string) =>
  db().auditLog.findMany({ where: { action: "roster.appoint", after: { path: ["orgUnitId"], equals: orgUnitId } } });

/** Ends every current position of a unit (through the real write), so a test starts from a vacancy. */
async function vacate(orgUnitId: string) {
  for (const p of await db().rosterPosition.findMany({ where: { orgUnitId, endedOn: null } })) {
    await endPosition(admin, { id: p.id, endedOn: "2020-01-01" });
  }
}

describe("appoint: one current 主任 and one current 常务副主任, held by the database", () => {
  it("two simultaneous appoints of a 主任 (no replace): exactly one current, the other a typed error, nothing else written", async () => {
    const codes: string[] = [];
    for (let round = 0; round < 5; round++) {
      await vacate(CV.id);
      const inputs = [appointInput(CV.id), appointInput(CV.id)];
      const results = await Promise.allSettled(inputs.map((i) => appointPosition(townAdmin, i)));
      const won = results.filter((r) => r.status === "fulfilled");
      expect(won).toHaveLength(1);
      for (const r of results) {
        if (r.status === "fulfilled") continue;
        const reason = r.reason as AppError;
        expect(reason, String(reason)).toBeInstanceOf(AppError);
        expect(["CONFLICT", "INVALID"]).toContain(reason.code);
        expect(reason.message).toMatch(/现任|他人任命/);
        codes.push(reason.code);
      }
      const holders = await currentHolders(CV.id, "DIRECTOR");
      expect(holders).toHaveLength(1);
      expect(holders[0].currentSlot).toBe("DIRECTOR");
      // The loser's new person and audit row were rolled back with it.
      const names = inputs.map((i) => i.person.name);
      expect(await db().person.count({ where: { name: { in: names } } })).toBe(1);
      const audits = (await appointAudits(CV.id)).filter((a) => names.includes((a.after as { person: { name: string } }).person.name));
      expect(audits).toHaveLength(1);
    }
    // Usually both read "vacant" and the unique index decides (CONFLICT); either way it is typed.
    console.info(`[roster] concurrent appoint losers: ${codes.join(", ")}`);
  });

  it("the database itself refuses a second current 主任 and a slot marker on an ended position", async () => {
    await vacate(CV.id);
    const first = await appointPosition(townAdmin, appointInput(CV.id));
    const data = { tenantId: admin.tenantId, orgUnitId: CV.id, personId: first.personId, role: "DIRECTOR" as const, startedOn: new Date("2020-01-01") };
    await expect(db().rosterPosition.create({ data: { ...data, currentSlot: "DIRECTOR" } })).rejects.toMatchObject({ code: "P2002" });
    await expect(
      db().rosterPosition.create({ data: { ...data, currentSlot: "DIRECTOR", endedOn: new Date("2020-02-01"), orgUnitId: TV.id } }),
    ).rejects.toThrow();
    expect(await currentHolders(CV.id, "DIRECTOR")).toHaveLength(1);
  });

  it("two simultaneous replacements of the same 常务副主任: one wins, the old one is ended once", async () => {
    await vacate(CV.id);
    const old = await appointPosition(admin, appointInput(CV.id, { role: "EXEC_DEPUTY", concurrent: false, startedOn: "2015-01-01" }));
    // Both admins saw `old` as current (the form sends its id): the slower one must not end the winner.
    const results = await Promise.allSettled(
      [0, 1].map(() =>
        appointPosition(
          townAdmin,
          appointInput(CV.id, { role: "EXEC_DEPUTY", replaceCurrent: true, replacesId: old.id, startedOn: "2019-10-12" }),
        ),
      ),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const lost = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(lost.reason).toBeInstanceOf(AppError);
    expect(["CONFLICT", "INVALID"]).toContain((lost.reason as AppError).code);
    expect(await currentHolders(CV.id, "EXEC_DEPUTY")).toHaveLength(1);
    const ended = await db().rosterPosition.findUniqueOrThrow({ where: { id: old.id } });
    expect(ended.endedOn?.toISOString().slice(0, 10)).toBe("2019-10-12");
    expect(ended.currentSlot).toBeNull();
  });

  it("a second 主任 without replace is refused, naming the current one, beside the role field", async () => {
    await vacate(CV.id);
    const first = await appointPosition(townAdmin, appointInput(CV.id));
    const second = appointInput(CV.id);
    const err = await expectAppError(appointPosition(townAdmin, second), "INVALID");
    expect(err.issues).toEqual([
      { path: "role", message: expect.stringContaining(`该单位已有现任主任${first.person.name}，请先办理其离任`) },
    ]);
    expect(await db().person.count({ where: { name: second.person.name } })).toBe(0);
    expect(await currentHolders(CV.id, "DIRECTOR")).toHaveLength(1);
  });

  it("with replaceCurrent, the current one ends on the new start date and moves to the history", async () => {
    await vacate(CV.id);
    const first = await appointPosition(townAdmin, appointInput(CV.id, { startedOn: "2016-05-01" }));
    const next = await appointPosition(townAdmin, appointInput(CV.id, { startedOn: "2019-10-12", replaceCurrent: "on" }));
    const roster = await getUnitRoster(townAdmin, CV.id);
    expect(roster.current.filter((e) => e.role === "DIRECTOR").map((e) => e.id)).toEqual([next.id]);
    const h = roster.history.find((e) => e.id === first.id)!;
    expect(h.endedOn?.toISOString().slice(0, 10)).toBe("2019-10-12");
    const audit = await db().auditLog.findFirstOrThrow({ where: { action: "roster.appoint", entityId: next.id } });
    expect(audit.before).toMatchObject({ replaced: { id: first.id, endedOn: "2019-10-12" } });
  });

  it("a replacement made on a stale screen (the holder has changed since) is refused", async () => {
    await vacate(CV.id);
    const a = await appointPosition(townAdmin, appointInput(CV.id, { startedOn: "2015-01-01" }));
    const b = await appointPosition(admin, appointInput(CV.id, { startedOn: "2018-01-01", replaceCurrent: true, replacesId: a.id }));
    const err = await expectAppError(
      appointPosition(townAdmin, appointInput(CV.id, { startedOn: "2019-10-12", replaceCurrent: true, replacesId: a.id })),
      "INVALID",
    );
    expect(err.issues[0]).toMatchObject({ path: "replaceCurrent", message: expect.stringContaining(`已变更为${b.person.name}`) });
    expect((await currentHolders(CV.id, "DIRECTOR")).map((p) => p.id)).toEqual([b.id]);
  });

  it("a replacement may not start before the current holder did", async () => {
    await vacate(CV.id);
    await appointPosition(townAdmin, appointInput(CV.id, { startedOn: "2019-10-12" }));
    const err = await expectAppError(
      appointPosition(townAdmin, appointInput(CV.id, { startedOn: "2018-01-01", replaceCurrent: true })),
      "INVALID",
    );
    expect(err.issues[0]).toMatchObject({ path: "startedOn" });
    expect(await currentHolders(CV.id, "DIRECTOR")).toHaveLength(1);
  });

  it("many deputies, members and assistants may be current at once", async () => {
    for (const role of ["DEPUTY", "DEPUTY", "MEMBER", "ASSISTANT", "ASSISTANT"]) {
      await appointPosition(townAdmin, appointInput(CV.id, { role, concurrent: false }));
    }
    const roster = await getUnitRoster(townAdmin, CV.id);
    expect(roster.current.filter((e) => e.role === "DEPUTY").length).toBeGreaterThanOrEqual(2);
    expect(roster.current.filter((e) => e.role === "ASSISTANT").length).toBeGreaterThanOrEqual(2);
    const rows = await db().rosterPosition.findMany({ where: { orgUnitId: CV.id, role: { in: ["DEPUTY", "MEMBER", "ASSISTANT"] } } });
    expect(rows.every((r) => r.currentSlot === null)).toBe(true);
  });

  it("an existing person of the unit can be appointed by id; the same current post twice is refused", async () => {
    const p = await appointPosition(townAdmin, appointInput(CV.id, { role: "MEMBER", concurrent: false }));
    const again = await appointPosition(townAdmin, { orgUnitId: CV.id, role: "DEPUTY", startedOn: "2020-01-01", personId: p.personId });
    expect(again.personId).toBe(p.personId);
    const err = await expectAppError(
      appointPosition(townAdmin, { orgUnitId: CV.id, role: "MEMBER", startedOn: "2020-01-01", personId: p.personId }),
      "INVALID",
    );
    expect(err.issues[0].path).toBe("personId");
  });

  it.each([
    ["a future start date", { startedOn: "2999-01-01" }, "startedOn", "不能晚于今天"],
    ["a malformed date", { startedOn: "2019/10/12" }, "startedOn", "例如 2019-10-12"],
    ["an unknown role", { role: "CHAIR" }, "role", "请选择职务"],
    ["no person at all", { person: undefined }, "person.name", "请填写姓名"],
    ["a new person without a name", { person: newPerson({ name: " " }) }, "person.name", "请填写姓名"],
    ["a bad birth year", { person: newPerson({ birthYear: "56" }) }, "person.birthYear", "出生年份"],
    ["a bad phone", { person: newPerson({ phone: "12345" }) }, "person.phone", "手机号"],
  ])("rejects %s with INVALID on that field; nothing is written", async (_l, over, path, words) => {
    const before = await db().rosterPosition.count({ where: { orgUnitId: CV.id } });
    const err = await expectAppError(appointPosition(townAdmin, appointInput(CV.id, over)), "INVALID");
    const issue = err.issues.find((i) => i.path === path);
    expect(issue, JSON.stringify(err.issues)).toBeDefined();
    expect(issue!.message).toContain(words);
    expect(await db().rosterPosition.count({ where: { orgUnitId: CV.id } })).toBe(before);
  });
});

describe("scope and permission on writes", () => {
  it("a town admin cannot appoint into another town: NOT_FOUND; no position, no person, no audit row", async () => {
    const input = appointInput(QV.id, { role: "EXEC_DEPUTY" });
    await expectAppError(appointPosition(townAdmin, input), "NOT_FOUND");
    expect(await db().rosterPosition.count({ where: { orgUnitId: QV.id } })).toBe(0);
    expect(await db().person.count({ where: { name: input.person.name } })).toBe(0);
    expect(await appointAudits(QV.id)).toEqual([]);
    // nor into another district's unit, nor with another town's person
    await expectAppError(appointPosition(townAdmin, appointInput(units.huaiyinVillage.id)), "NOT_FOUND");
    const theirs = await appointPosition(admin, appointInput(QV.id, { role: "MEMBER" }));
    await expectAppError(
      appointPosition(townAdmin, { orgUnitId: CV.id, role: "MEMBER", startedOn: "2019-10-12", personId: theirs.personId }),
      "NOT_FOUND",
    );
  });

  it("a town admin cannot change or end another town's position (NOT_FOUND, unchanged)", async () => {
    const theirs = await appointPosition(admin, appointInput(QV.id, { role: "MEMBER" }));
    await expectAppError(changePosition(townAdmin, { id: theirs.id, concurrent: "on", exceptionReason: "x" }), "NOT_FOUND");
    await expectAppError(endPosition(townAdmin, { id: theirs.id, endedOn: "2020-01-01" }), "NOT_FOUND");
    const row = await db().rosterPosition.findUniqueOrThrow({ where: { id: theirs.id } });
    expect(row).toMatchObject({ endedOn: null, exceptionReason: null });
  });

  it("a unit admin writes only in their own unit; leader and station coordinator are FORBIDDEN", async () => {
    const mine = await appointPosition(cvAdmin, appointInput(CV.id, { role: "MEMBER" }));
    expect(mine.orgUnitId).toBe(CV.id);
    await expectAppError(appointPosition(cvAdmin, appointInput(units.village.id, { role: "MEMBER" })), "NOT_FOUND");
    for (const who of ["leader", "station.coord"]) {
      const input = appointInput(CV.id, { role: "MEMBER" });
      await expectAppError(appointPosition(await actorFor(who), input), "FORBIDDEN");
      expect(await db().person.count({ where: { name: input.person.name } })).toBe(0);
    }
  });
});

describe("change and end", () => {
  it("end sets endedOn, frees the slot, keeps the row as history; not before the start; not twice", async () => {
    await vacate(CV.id);
    const p = await appointPosition(townAdmin, appointInput(CV.id, { startedOn: "2019-10-12" }));
    const early = await expectAppError(endPosition(townAdmin, { id: p.id, endedOn: "2019-10-11" }), "INVALID");
    expect(early.issues[0]).toMatchObject({ path: "endedOn", message: expect.stringContaining("不能早于任职日期") });
    await expectAppError(endPosition(townAdmin, { id: p.id, endedOn: "2999-01-01" }), "INVALID");
    const ended = await endPosition(townAdmin, { id: p.id, endedOn: "2019-10-12" });
    expect(ended).toMatchObject({ currentSlot: null });
    expect(ended.endedOn?.toISOString().slice(0, 10)).toBe("2019-10-12");
    await expectAppError(endPosition(townAdmin, { id: p.id, endedOn: "2020-01-01" }), "INVALID");
    await expectAppError(changePosition(townAdmin, { id: p.id, concurrent: "on" }), "INVALID");
    // the slot is free again
    await appointPosition(townAdmin, appointInput(CV.id, { startedOn: "2019-10-13" }));
    const audit = await db().auditLog.findFirstOrThrow({ where: { action: "roster.end", entityId: p.id } });
    expect(audit.before).toMatchObject({ endedOn: null, currentSlot: "DIRECTOR" });
    expect(audit.after).toMatchObject({ endedOn: "2019-10-12T00:00:00.000Z", currentSlot: null });
  });

  it("change records 兼任 and the exception; the town turns from NON_COMPLIANT to EXCEPTION", async () => {
    await appointPosition(admin, appointInput(T.id, { role: "DIRECTOR", concurrent: true }));
    const deputy = await appointPosition(
      admin,
      appointInput(T.id, { role: "EXEC_DEPUTY", concurrent: false, person: newPerson({ retired: "on", cadreRank: "NONE" }) }),
    );
    expect((await getUnitRoster(admin, T.id)).compliance).toMatchObject({
      status: "NON_COMPLIANT",
      failedRules: ["townExecDeputyRetiredSection"],
    });
    await expectAppError(changePosition(townAdmin, { id: deputy.id, exceptionReason: "x" }), "NOT_FOUND"); // not town.admin's town
    await changePosition(admin, { id: deputy.id, concurrent: "", exceptionReason: "由退休社区党总支书记担任，已备案" });
    const { compliance } = await getUnitRoster(admin, T.id);
    expect(compliance.status).toBe("EXCEPTION");
    expect(compliance.reasons[0]).toContain("由退休社区党总支书记担任，已备案");
  });
});

describe("reads: scope and phone masking", () => {
  let personName: string;
  beforeAll(async () => {
    personName = uniqueName("电话");
    await appointPosition(admin, appointInput(CV.id, { role: "MEMBER", person: newPerson({ name: personName, phone: "13812345678" }) }));
  });
  const phoneSeenBy = async (actor: Actor) =>
    (await getUnitRoster(actor, CV.id)).current.find((e) => e.person.name === personName)!.person.phone;

  it("full phone for the district admin and for the admin of the person's own unit", async () => {
    expect(await phoneSeenBy(admin)).toBe("13812345678");
    expect(await phoneSeenBy(cvAdmin)).toBe("13812345678");
  });

  it("masked for the leader, the station coordinator and a town admin looking at a village person", async () => {
    for (const a of [await actorFor("leader"), await actorFor("station.coord"), townAdmin]) {
      if (a.role === "STATION_COORDINATOR" && !(await db().orgUnit.count({ where: { id: CV.id, path: { has: a.orgUnitId } } }))) {
        await expectAppError(getUnitRoster(a, CV.id), "NOT_FOUND");
        continue;
      }
      expect(await phoneSeenBy(a)).toBe("138****5678");
    }
  });

  it("a unit outside scope is NOT_FOUND, whoever asks", async () => {
    await expectAppError(getUnitRoster(townAdmin, QV.id), "NOT_FOUND");
    await expectAppError(getUnitRoster(await actorFor("unit.admin"), CV.id), "NOT_FOUND");
    await expectAppError(getUnitRoster(await actorFor("huaiyin.admin"), CV.id), "NOT_FOUND");
    await expectAppError(getUnitRoster(admin, "not-a-uuid"), "NOT_FOUND");
  });
});

describe("compliance of every unit in scope", () => {
  it("the demo district reproduces DOMAIN §5: 14 of 16 town rosters compliant, 2 recorded exceptions, 110 of 110 villages", async () => {
    const demo = new Set(created);
    const rows = (await complianceInScope(admin)).filter((r) => !demo.has(r.unit.id));
    const tally = (level: string) => {
      const t: Record<string, number> = {};
      for (const r of rows.filter((x) => x.unit.level === level)) t[r.compliance.status] = (t[r.compliance.status] ?? 0) + 1;
      return t;
    };
    console.info("[roster] demo compliance", JSON.stringify({ TOWN: tally("TOWN"), VILLAGE: tally("VILLAGE"), SCHOOL: tally("SCHOOL"), DISTRICT: tally("DISTRICT") }));
    expect(tally("TOWN")).toEqual({ COMPLIANT: 14, EXCEPTION: 2 });
    expect(tally("VILLAGE")).toEqual({ COMPLIANT: 110 });
    const exceptions = rows.filter((r) => r.unit.level === "TOWN" && r.compliance.status === "EXCEPTION");
    expect(exceptions.every((r) => r.unit.kind === "街道" && r.compliance.reasons.length === 1)).toBe(true);
  });


  it("covers every active unit in scope once, from two queries, with the town each belongs to", async () => {
    const rows = await complianceInScope(townAdmin);
    const inScope = await db().orgUnit.count({ where: { path: { has: townAdmin.orgUnitId }, active: true } });
    expect(rows).toHaveLength(inScope);
    expect(new Set(rows.map((r) => r.unit.id)).size).toBe(inScope);
    expect(rows.map((r) => r.unit.id)).not.toContain(QV.id);
    const cv = rows.find((r) => r.unit.id === CV.id)!;
    expect(cv.town).toEqual({ id: units.town.id, name: units.town.name });
    // the same answer as the single-unit read
    expect(cv.compliance).toEqual((await getUnitRoster(townAdmin, CV.id)).compliance);
  });

  it("lists NON_COMPLIANT and EXCEPTION units, filtered by town, rule and status, with counts", async () => {
    const all = await listRosterIssues(admin, { townId: T.id });
    expect(all.total).toBe(2);
    const byId = new Map(all.items.map((r) => [r.unit.id, r]));
    expect(byId.get(T.id)?.compliance.status).toBe("EXCEPTION");
    expect(byId.get(TV.id)?.compliance.failedRules).toEqual(["director", "execDeputy", "villageYoungAssistant"]);
    expect(all.counts).toEqual({ COMPLIANT: 0, EXCEPTION: 1, NON_COMPLIANT: 1 });
    expect((await listRosterIssues(admin, { townId: T.id, rule: "villageYoungAssistant" })).items.map((r) => r.unit.id)).toEqual([TV.id]);
    expect((await listRosterIssues(admin, { townId: T.id, status: "EXCEPTION" })).items.map((r) => r.unit.id)).toEqual([T.id]);
    expect((await listRosterIssues(admin, { townId: T.id, rule: "townDirectorInOffice" })).items).toEqual([]);
    // a town filter naming a town outside scope finds nothing
    expect((await listRosterIssues(townAdmin, { townId: T.id })).items).toEqual([]);
    expect(all.towns.map((t) => t.id)).toContain(T.id);
  });
});

describe("GET/POST /api/v1/org-units/<id>/roster", () => {
  const get = (token: string, id: string) => getRoster(apiGet(`/api/v1/org-units/${id}/roster`, token), routeCtx({ id }));
  const post = (token: string, id: string, body: unknown) =>
    postRoster(
      new NextRequest(new URL(`/api/v1/org-units/${id}/roster`, "http://localhost:3000"), {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json", "user-agent": "vitest" },
        body: JSON.stringify(body),
      }),
      routeCtx({ id }),
    );

  it("answers the API.md shape: current positions and the compliance", async () => {
    const { token } = await tokenFor("town.admin");
    const res = await get(token, CV.id);
    expect(res.status).toBe(200);
    const body = await res.json();
    const roster = await getUnitRoster(townAdmin, CV.id);
    expect(body.items).toHaveLength(roster.current.length);
    for (const item of body.items) {
      expect(item).toEqual(
        expect.objectContaining({
          role: expect.stringMatching(/^(DIRECTOR|EXEC_DEPUTY|DEPUTY|ASSISTANT|MEMBER)$/),
          personId: expect.any(String),
          name: expect.any(String),
          inOffice: expect.any(Boolean),
          retired: expect.any(Boolean),
          rank: expect.stringMatching(/^(SECTION_OR_ABOVE|BELOW_SECTION|NONE)$/),
          concurrent: expect.any(Boolean),
          since: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
        }),
      );
      expect(item.inOffice).toBe(!item.retired);
    }
    expect(body.compliance).toEqual(expect.objectContaining({ status: roster.compliance.status, reasons: roster.compliance.reasons }));
    // masked phones stay masked in the API too
    expect(JSON.stringify(body)).not.toContain("13812345678");
  });

  it("404 outside scope, for another district and for a non-uuid id; 401 without a token", async () => {
    const { token } = await tokenFor("town.admin");
    for (const id of [QV.id, units.huaiyinVillage.id, "nope", randomUUID()]) {
      const res = await get(token, id);
      expect(res.status).toBe(404);
      expect(await res.json()).toMatchObject({ error: "not_found" });
    }
    expect((await getRoster(apiGet(`/api/v1/org-units/${CV.id}/roster`), routeCtx({ id: CV.id }))).status).toBe(401);
  });

  it("POST appoints (201); 400 with issues; 403 for the leader; 404 outside scope; nothing written when refused", async () => {
    const { token } = await tokenFor("town.admin");
    const name = uniqueName("接口");
    const ok = await post(token, CV.id, { role: "MEMBER", startedOn: "2019-10-12", person: { name, retired: true, cadreRank: "SECTION_OR_ABOVE" }, tenantId: units.huaiyin.tenantId });
    expect(ok.status).toBe(201);
    expect(await ok.json()).toMatchObject({ orgUnitId: CV.id, role: "MEMBER", name, since: "2019-10-12" });
    expect((await db().person.findFirstOrThrow({ where: { name } })).tenantId).toBe(admin.tenantId);

    const bad = await post(token, CV.id, { role: "MEMBER", startedOn: "2999-01-01", person: { name: "" } });
    expect(bad.status).toBe(400);
    const badBody = await bad.json();
    expect(badBody.error).toBe("invalid");
    expect(badBody.issues.map((i: { path: string }) => i.path).sort()).toEqual(["person.name", "startedOn"]);

    const { token: leaderToken } = await tokenFor("leader");
    const refusedName = uniqueName("接口");
    const forbidden = await post(leaderToken, CV.id, { role: "MEMBER", startedOn: "2019-10-12", person: { name: refusedName } });
    expect(forbidden.status).toBe(403);
    expect(await forbidden.json()).toMatchObject({ error: "forbidden" });

    const outside = await post(token, QV.id, { role: "MEMBER", startedOn: "2019-10-12", person: { name: refusedName } });
    expect(outside.status).toBe(404);
    expect(await db().person.count({ where: { name: refusedName } })).toBe(0);

    expect((await post(token, CV.id, [1, 2])).status).toBe(400);
  });
});
