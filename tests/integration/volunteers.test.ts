/**
 * The 五老 volunteer team (DOMAIN §4.2) against real PostgreSQL: registering writes a
 * person, a volunteer and an audit row in one transaction; scope (404 outside it, and
 * nothing written); roles (403); keyset paging returns every row exactly once; phone
 * masking; onboarding attendance; recognition; publicity only with consent.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import type { Actor } from "@/lib/server/actor";
import { getVolunteer, listVolunteers, countVolunteers, decodeCursor } from "@/lib/server/people/read-volunteers";
import { registerVolunteer, setVolunteerStatus, updateVolunteer } from "@/lib/server/people/write-volunteers";
import { createTrainingSession, recordAttendance, getTrainingSession, attendanceCandidates } from "@/lib/server/people/training";
import { createRecognition, listRecognitions } from "@/lib/server/people/recognition";
import { createPublicity, listPublicity, NO_CONSENT_MESSAGE } from "@/lib/server/people/publicity";
import type { TVolunteerFilters } from "@/lib/schemas/volunteer";
import { actorFor } from "../support/actors";
import { demoUnits, expectAppError, type DemoUnits } from "../support/fixtures";

let units: DemoUnits;
const actors: Record<string, Actor> = {};

beforeAll(async () => {
  units = await demoUnits();
  for (const u of ["district.admin", "town.admin", "unit.admin", "station.coord", "leader", "huaiyin.admin"]) actors[u] = await actorFor(u);
});

/** A person name no other test uses (the database is shared by the whole run). */
const uniqueName = (prefix = "测") => `${prefix}${randomBytes(4).toString("hex")}`;

const input = (over: Record<string, unknown> = {}) => ({
  name: uniqueName(),
  gender: "MALE",
  birthYear: "1952",
  phone: "13812345678",
  category: "VETERAN_TEACHER",
  skills: "书法、革命传统宣讲",
  orgUnitId: units.village.id,
  joinedOn: "2019-10-12",
  retired: "on",
  ...over,
});

/** Neither a person of this name nor an audit row naming it exists. */
async function expectNothingWritten(name: string) {
  expect(await db().person.findMany({ where: { name } })).toEqual([]);
  expect(await db().auditLog.findMany({ where: { action: { startsWith: "volunteer." }, after: { path: ["person", "name"], equals: name } } })).toEqual([]);
}

describe("registerVolunteer", () => {
  it("writes the person, the volunteer and one audit row in one go", async () => {
    const raw = input({ skills: "书法, 法律咨询，书法", publicityConsent: "on" });
    const v = await registerVolunteer(actors["town.admin"], raw);
    expect(v).toMatchObject({
      name: raw.name,
      category: "VETERAN_TEACHER",
      orgUnitId: units.village.id,
      joinedOn: "2019-10-12",
      trainedOn: null,
      status: "ACTIVE",
      skills: ["书法", "法律咨询"],
      publicityConsent: true,
    });
    const row = await db().volunteer.findUniqueOrThrow({ where: { id: v.id }, include: { person: true } });
    expect(row.tenantId).toBe(actors["town.admin"].tenantId);
    expect(row.person).toMatchObject({ name: raw.name, orgUnitId: units.village.id, birthYear: 1952, phone: "13812345678", retired: true, gender: "MALE" });
    const audit = await db().auditLog.findMany({ where: { action: "volunteer.register", entityId: v.id } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorName: "town.admin", entity: "Volunteer", before: null });
    expect(audit[0].after).toMatchObject({ id: v.id, orgUnitId: units.village.id, person: { name: raw.name } });
    expect(JSON.stringify(audit[0].after)).not.toContain("13812345678");
  });

  it("a town admin cannot register into another town: NOT_FOUND, nothing written", async () => {
    const raw = input({ orgUnitId: units.villageOfSiblingTown.id });
    await expectAppError(registerVolunteer(actors["town.admin"], raw), "NOT_FOUND");
    await expectNothingWritten(raw.name);
    const other = input({ orgUnitId: units.huaiyinVillage.id });
    await expectAppError(registerVolunteer(actors["district.admin"], other), "NOT_FOUND");
    await expectNothingWritten(other.name);
  });

  it("a unit admin registers only into their own unit", async () => {
    const raw = input({ orgUnitId: units.siblingVillage.id });
    await expectAppError(registerVolunteer(actors["unit.admin"], raw), "NOT_FOUND");
    await expectNothingWritten(raw.name);
    expect(await registerVolunteer(actors["unit.admin"], input())).toMatchObject({ orgUnitId: units.village.id });
  });

  it.each([
    ["birthYear", { birthYear: "1850" }, "不能早于 1920"],
    ["birthYear", { birthYear: "2020" }, "年满 18"],
    ["birthYear", { birthYear: "abcd" }, "四位数"],
    ["joinedOn", { joinedOn: "2999-01-01" }, "不能晚于今天"],
    ["joinedOn", { joinedOn: "2019-02-30" }, "不是有效的日期"],
    ["category", { category: "VETERAN_ASTRONAUT" }, "请选择类别"],
    ["name", { name: "  " }, "请填写姓名"],
  ])("refuses a bad %s (%j) beside that field, writing nothing", async (path, over, message) => {
    const raw = input(over);
    // Counted, not looked up by name (a blank name cannot be looked up).
    const written = async () => [await db().person.count(), await db().volunteer.count(), await db().auditLog.count({ where: { action: "volunteer.register" } })];
    const before = await written();
    const e = await expectAppError(registerVolunteer(actors["town.admin"], raw), "INVALID");
    expect(e.issues).toContainEqual({ path, message: expect.stringContaining(message) });
    expect(await written()).toEqual(before);
  });

  it("roles without people.write are FORBIDDEN, nothing written", async () => {
    for (const who of ["leader", "station.coord"]) {
      const raw = input();
      await expectAppError(registerVolunteer(actors[who], raw), "FORBIDDEN");
      await expectNothingWritten(raw.name);
    }
  });
});

describe("edit and status", () => {
  it("edits the volunteer and the person; the audit row has before and after", async () => {
    const v = await registerVolunteer(actors["unit.admin"], input());
    const name = uniqueName("改");
    const after = await updateVolunteer(actors["unit.admin"], input({ id: v.id, name, category: "VETERAN_MODEL", phone: "", publicityConsent: "on" }));
    expect(after).toMatchObject({ name, category: "VETERAN_MODEL", publicityConsent: true });
    const row = await db().volunteer.findUniqueOrThrow({ where: { id: v.id }, include: { person: true } });
    expect(row.person.phone).toBeNull();
    const audit = await db().auditLog.findFirstOrThrow({ where: { action: "volunteer.update", entityId: v.id } });
    expect(audit.before).toMatchObject({ category: "VETERAN_TEACHER" });
    expect(audit.after).toMatchObject({ category: "VETERAN_MODEL", person: { name } });
  });

  it("someone who sees only the masked phone cannot change it", async () => {
    const v = await registerVolunteer(actors["unit.admin"], input({ phone: "13900001111" }));
    await updateVolunteer(actors["town.admin"], input({ id: v.id, phone: "" }));
    const row = await db().person.findFirstOrThrow({ where: { volunteer: { id: v.id } } });
    expect(row.phone).toBe("13900001111");
  });

  it("moving a volunteer to another home unit moves the person they were registered with", async () => {
    const v = await registerVolunteer(actors["town.admin"], input());
    await updateVolunteer(actors["town.admin"], input({ id: v.id, orgUnitId: units.siblingVillage.id }));
    const row = await db().volunteer.findUniqueOrThrow({ where: { id: v.id }, include: { person: true } });
    expect(row.orgUnitId).toBe(units.siblingVillage.id);
    expect(row.person.orgUnitId).toBe(units.siblingVillage.id);
    await expectAppError(updateVolunteer(actors["town.admin"], input({ id: v.id, orgUnitId: units.villageOfSiblingTown.id })), "NOT_FOUND");
  });

  it("pause, resume and leave; the same status again is refused; outside scope is NOT_FOUND", async () => {
    const v = await registerVolunteer(actors["unit.admin"], input());
    expect(await setVolunteerStatus(actors["unit.admin"], { id: v.id, status: "PAUSED" })).toMatchObject({ status: "PAUSED" });
    expect(await setVolunteerStatus(actors["unit.admin"], { id: v.id, status: "ACTIVE" })).toMatchObject({ status: "ACTIVE" });
    expect(await setVolunteerStatus(actors["unit.admin"], { id: v.id, status: "LEFT" })).toMatchObject({ status: "LEFT" });
    const same = await expectAppError(setVolunteerStatus(actors["unit.admin"], { id: v.id, status: "LEFT" }), "INVALID");
    expect(same.issues[0].message).toContain("已退出");
    await expectAppError(setVolunteerStatus(actors["huaiyin.admin"], { id: v.id, status: "ACTIVE" }), "NOT_FOUND");
    await expectAppError(setVolunteerStatus(actors.leader, { id: v.id, status: "ACTIVE" }), "FORBIDDEN");
    expect(await db().auditLog.count({ where: { action: "volunteer.set_status", entityId: v.id } })).toBe(3);
  });
});

describe("reading", () => {
  it("phone in full for the district admin and the person's own unit admins, masked for everyone else", async () => {
    const v = await registerVolunteer(actors["unit.admin"], input({ phone: "13855556666" }));
    const seen: Record<string, string | null> = {};
    for (const who of ["district.admin", "unit.admin", "town.admin", "leader", "station.coord"]) {
      const detail = await getVolunteer(actors[who], v.id);
      const page = await listVolunteers(actors[who], { q: v.name });
      expect(page.items.map((i) => i.phone)).toEqual([detail.person.phone]);
      seen[who] = detail.person.phone;
    }
    expect(seen).toEqual({
      "district.admin": "13855556666",
      "unit.admin": "13855556666",
      "town.admin": "138****6666",
      leader: "138****6666",
      "station.coord": "138****6666",
    });
  });

  it("a volunteer outside scope is NOT_FOUND, and so is a filter unit outside scope", async () => {
    const v = await registerVolunteer(actors["district.admin"], input({ orgUnitId: units.villageOfSiblingTown.id }));
    await expectAppError(getVolunteer(actors["town.admin"], v.id), "NOT_FOUND");
    await expectAppError(getVolunteer(actors["huaiyin.admin"], v.id), "NOT_FOUND");
    await expectAppError(getVolunteer(actors["town.admin"], "not-a-uuid"), "NOT_FOUND");
    await expectAppError(listVolunteers(actors["town.admin"], { unit: units.siblingTown.id }), "NOT_FOUND");
    await expectAppError(listVolunteers(actors["town.admin"], { unit: randomUUID() }), "NOT_FOUND");
    expect((await listVolunteers(actors["town.admin"], { q: v.name })).items).toEqual([]);
    expect((await listVolunteers(actors["district.admin"], { q: v.name })).items).toHaveLength(1);
  });

  describe("keyset paging", () => {
    const prefix = `页${randomBytes(3).toString("hex")}`;
    const ids = new Map<string, { category: string; trained: boolean; unit: string; status: string }>();
    const categories = ["VETERAN_CADRE", "VETERAN_SOLDIER", "VETERAN_EXPERT", "VETERAN_TEACHER", "VETERAN_MODEL"] as const;

    beforeAll(async () => {
      // 137 volunteers in three units of the town (plus 9 in another town), with many equal
      // createdAt values so the id tie-break is what keeps the order total.
      const admin = actors["district.admin"];
      const homes = [units.village.id, units.siblingVillage.id, units.town.id];
      const base = Date.now() - 86_400_000;
      const persons = [];
      const volunteers = [];
      for (let i = 0; i < 146; i++) {
        const personId = randomUUID();
        const id = randomUUID();
        const unit = i < 137 ? homes[i % 3] : units.villageOfSiblingTown.id;
        const category = categories[i % 5];
        const trained = i % 4 !== 0;
        const status = i % 7 === 0 ? "PAUSED" : "ACTIVE";
        persons.push({ id: personId, tenantId: admin.tenantId, orgUnitId: unit, name: `${prefix}${String(i).padStart(3, "0")}` });
        volunteers.push({
          id,
          tenantId: admin.tenantId,
          orgUnitId: unit,
          personId,
          category,
          joinedOn: new Date("2018-05-01"),
          trainedOn: trained ? new Date("2018-06-01") : null,
          status: status as "ACTIVE" | "PAUSED",
          createdAt: new Date(base + Math.floor(i / 10) * 1000), // ten at a time share a timestamp
        });
        if (i < 137) ids.set(id, { category, trained, unit, status });
      }
      await db().person.createMany({ data: persons });
      await db().volunteer.createMany({ data: volunteers });
    });

    async function all(actor: Actor, filters: TVolunteerFilters, pageSize?: number) {
      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await listVolunteers(actor, { ...filters, cursor }, { pageSize });
        seen.push(...page.items.map((i) => i.id));
        pages++;
        cursor = page.nextCursor ?? undefined;
        if (cursor) expect(page.items).toHaveLength(pageSize ?? 50);
      } while (cursor && pages < 100);
      return { seen, pages };
    }

    it("returns every row exactly once across pages, newest first", async () => {
      const { seen, pages } = await all(actors["town.admin"], { q: prefix });
      expect(pages).toBe(3);
      expect(seen).toHaveLength(137);
      expect(new Set(seen)).toEqual(new Set(ids.keys()));
      const rows = await db().volunteer.findMany({ where: { id: { in: seen } }, select: { id: true, createdAt: true } });
      const at = new Map(rows.map((r) => [r.id, r.createdAt.getTime()]));
      for (let i = 1; i < seen.length; i++) {
        const [a, b] = [at.get(seen[i - 1])!, at.get(seen[i])!];
        expect(a > b || (a === b && seen[i - 1] > seen[i])).toBe(true);
      }
      expect(await countVolunteers(actors["town.admin"], { q: prefix })).toBe(137);
      // The district admin also sees the nine in the other town.
      expect((await all(actors["district.admin"], { q: prefix })).seen).toHaveLength(146);
    });

    it.each([
      ["category", { category: "VETERAN_EXPERT" as const }, (r: { category: string }) => r.category === "VETERAN_EXPERT"],
      ["trained=no", { trained: "no" as const }, (r: { trained: boolean }) => !r.trained],
      ["trained=yes + status", { trained: "yes" as const, status: "PAUSED" as const }, (r: { trained: boolean; status: string }) => r.trained && r.status === "PAUSED"],
    ])("with filter %s: each matching row exactly once", async (_l, f, pred) => {
      const { seen } = await all(actors["town.admin"], { q: prefix, ...f }, 7);
      const expected = [...ids].filter(([, r]) => pred(r as never)).map(([id]) => id);
      expect(seen).toHaveLength(expected.length);
      expect(new Set(seen)).toEqual(new Set(expected));
    });

    it("unit filter covers the unit's whole subtree", async () => {
      const town = await all(actors["district.admin"], { q: prefix, unit: units.town.id }, 20);
      expect(new Set(town.seen)).toEqual(new Set(ids.keys()));
      const village = await all(actors["town.admin"], { q: prefix, unit: units.village.id, category: "VETERAN_CADRE" }, 4);
      const expected = [...ids].filter(([, r]) => r.unit === units.village.id && r.category === "VETERAN_CADRE").map(([id]) => id);
      expect(new Set(village.seen)).toEqual(new Set(expected));
      // A unit admin sees only their own unit, whatever they ask for.
      const own = await all(actors["unit.admin"], { q: prefix });
      expect(own.seen).toHaveLength([...ids.values()].filter((r) => r.unit === units.village.id).length);
    });

    it("a forged cursor is a field error, not a crash", async () => {
      const e = await expectAppError(listVolunteers(actors["town.admin"], { cursor: "bm9wZQ" }), "INVALID");
      expect(e.issues[0].path).toBe("cursor");
      expect(decodeCursor("not base64!")).toBeNull();
    });
  });
});

describe("training", () => {
  it("attending an 入门培训 sets trainedOn if empty (or later); other training does not", async () => {
    const ta = actors["town.admin"];
    const [a, b, c] = await Promise.all([
      registerVolunteer(ta, input()),
      registerVolunteer(ta, input({ orgUnitId: units.siblingVillage.id })),
      registerVolunteer(ta, input()),
    ]);
    const other = await createTrainingSession(ta, { title: "法律知识讲座", kind: "OTHER", heldOn: "2020-03-01", orgUnitId: units.town.id });
    await recordAttendance(ta, { sessionId: other.id, volunteerIds: [a.id] });
    expect((await db().volunteer.findUniqueOrThrow({ where: { id: a.id } })).trainedOn).toBeNull();

    const late = await createTrainingSession(ta, { title: "入门培训（秋季）", kind: "ONBOARDING", heldOn: "2020-09-10", orgUnitId: units.town.id, location: "街道会议室" });
    const r = await recordAttendance(ta, { sessionId: late.id, volunteerIds: [a.id, b.id, a.id] });
    expect(r).toMatchObject({ added: 2, trained: 2 });
    const early = await createTrainingSession(ta, { title: "入门培训（春季）", kind: "ONBOARDING", heldOn: "2020-04-02", orgUnitId: units.town.id });
    await recordAttendance(ta, { sessionId: early.id, volunteerIds: [a.id] });
    const day = async (id: string) => (await db().volunteer.findUniqueOrThrow({ where: { id } })).trainedOn?.toISOString().slice(0, 10) ?? null;
    expect(await day(a.id)).toBe("2020-04-02");
    expect(await day(b.id)).toBe("2020-09-10");
    expect(await day(c.id)).toBeNull();
    // Recording the same attendee again adds nothing and keeps the earliest day.
    expect(await recordAttendance(ta, { sessionId: late.id, volunteerIds: [a.id] })).toMatchObject({ added: 0, trained: 0 });
    expect(await day(a.id)).toBe("2020-04-02");

    const session = await getTrainingSession(ta, late.id);
    expect(session.attendees.map((x) => x.id).sort()).toEqual([a.id, b.id].sort());
    const candidates = await attendanceCandidates(ta, late.id, { q: (await getVolunteer(ta, c.id)).name });
    expect(candidates.map((x) => x.id)).toEqual([c.id]);
    expect((await getVolunteer(ta, a.id)).training.map((t) => t.title)).toEqual(["入门培训（秋季）", "入门培训（春季）", "法律知识讲座"]);
  });

  it("a volunteer outside scope makes the request NOT_FOUND and nothing is recorded", async () => {
    const mine = await registerVolunteer(actors["town.admin"], input());
    const theirs = await registerVolunteer(actors["district.admin"], input({ orgUnitId: units.villageOfSiblingTown.id }));
    const s = await createTrainingSession(actors["town.admin"], { title: "入门培训", kind: "ONBOARDING", heldOn: "2021-01-05", orgUnitId: units.town.id });
    await expectAppError(recordAttendance(actors["town.admin"], { sessionId: s.id, volunteerIds: [mine.id, theirs.id] }), "NOT_FOUND");
    expect(await db().trainingAttendance.count({ where: { sessionId: s.id } })).toBe(0);
    expect((await db().volunteer.findUniqueOrThrow({ where: { id: mine.id } })).trainedOn).toBeNull();
    await expectAppError(
      createTrainingSession(actors["town.admin"], { title: "x", kind: "OTHER", heldOn: "2021-01-05", orgUnitId: units.siblingTown.id }),
      "NOT_FOUND",
    );
    await expectAppError(recordAttendance(actors["huaiyin.admin"], { sessionId: s.id, volunteerIds: [mine.id] }), "NOT_FOUND");
  });

  it("attendance of a session that has not happened yet is refused", async () => {
    const v = await registerVolunteer(actors["unit.admin"], input());
    const next = `${new Date().getFullYear() + 1}-06-01`;
    const s = await createTrainingSession(actors["unit.admin"], { title: "明年入门培训", kind: "ONBOARDING", heldOn: next, orgUnitId: units.village.id });
    const e = await expectAppError(recordAttendance(actors["unit.admin"], { sessionId: s.id, volunteerIds: [v.id] }), "INVALID");
    expect(e.issues[0]).toMatchObject({ path: "volunteerIds" });
    const none = await expectAppError(recordAttendance(actors["unit.admin"], { sessionId: s.id, volunteerIds: [] }), "INVALID");
    expect(none.issues[0].message).toContain("至少勾选一位");
  });
});

describe("recognition and publicity", () => {
  it("recognition to a volunteer's person or to a unit, counted as person-times; outside scope NOT_FOUND", async () => {
    const ta = actors["town.admin"];
    const before = (await listRecognitions(ta)).personTimes;
    const v = await registerVolunteer(ta, input());
    const r1 = await createRecognition(ta, { recipient: "PERSON", volunteerId: v.id, title: "关心下一代工作先进个人", level: "CITY", awardedOn: "2019-12-20", issuer: "淮安市关工委" });
    expect(r1).toMatchObject({ orgUnitId: units.village.id, recipientUnitId: null, level: "CITY" });
    const r2 = await createRecognition(ta, { recipient: "UNIT", recipientUnitId: units.village.id, title: "五好关工委", level: "DISTRICT", awardedOn: "2019-12-20", issuer: "清江浦区关工委" });
    expect(r2).toMatchObject({ orgUnitId: units.village.id, personId: null, recipientUnitId: units.village.id });
    const list = await listRecognitions(ta);
    expect(list.personTimes).toBe(before + 2);
    expect((await getVolunteer(ta, v.id)).recognitions.map((r) => r.title)).toEqual(["关心下一代工作先进个人"]);

    await expectAppError(
      createRecognition(ta, { recipient: "UNIT", recipientUnitId: units.siblingTown.id, title: "x", level: "CITY", awardedOn: "2019-12-20", issuer: "y" }),
      "NOT_FOUND",
    );
    const missing = await expectAppError(createRecognition(ta, { recipient: "PERSON", title: "x", level: "STATE", awardedOn: "2999-01-01", issuer: "" }), "INVALID");
    expect(missing.issues.map((i) => i.path).sort()).toEqual(["awardedOn", "issuer", "level"]);
    const noOne = await expectAppError(createRecognition(ta, { recipient: "PERSON", title: "x", level: "CITY", awardedOn: "2019-12-20", issuer: "y" }), "INVALID");
    expect(noOne.issues).toEqual([{ path: "volunteerId", message: "请选择受表彰的志愿者" }]);
    await expectAppError(
      createRecognition(actors.leader, { recipient: "PERSON", volunteerId: v.id, title: "x", level: "CITY", awardedOn: "2019-12-20", issuer: "y" }),
      "FORBIDDEN",
    );
  });

  it("publicity is refused, with the reason, for a volunteer without consent", async () => {
    const ta = actors["town.admin"];
    const no = await registerVolunteer(ta, input());
    const e = await expectAppError(createPublicity(ta, { volunteerId: no.id, outlet: "淮安日报", publishedOn: "2020-01-08" }), "INVALID");
    expect(e.message).toBe(NO_CONSENT_MESSAGE);
    expect(e.issues).toEqual([{ path: "volunteerId", message: NO_CONSENT_MESSAGE }]);
    expect(await db().publicity.count({ where: { person: { volunteer: { id: no.id } } } })).toBe(0);

    const yes = await registerVolunteer(ta, input({ publicityConsent: "on" }));
    const p = await createPublicity(ta, { volunteerId: yes.id, outlet: "淮安日报", level: "CITY", publishedOn: "2020-01-08", link: "https://example.cn/a" });
    expect(p).toMatchObject({ outlet: "淮安日报", level: "CITY", orgUnitId: units.village.id });
    expect((await listPublicity(ta)).items.map((x) => x.id)).toContain(p.id);
    const bad = await expectAppError(createPublicity(ta, { volunteerId: yes.id, outlet: "x", publishedOn: "2020-01-08", link: "javascript:alert(1)" }), "INVALID");
    expect(bad.issues[0].path).toBe("link");
    await expectAppError(createPublicity(actors["huaiyin.admin"], { volunteerId: yes.id, outlet: "x", publishedOn: "2020-01-08" }), "NOT_FOUND");
  });
});
