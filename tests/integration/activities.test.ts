/**
 * Station activities (DOMAIN §4.4) against real PostgreSQL: logging is idempotent by the
 * client's id (sequential and concurrent retries store one row and one audit entry);
 * scope (404 outside it, nothing written); roles (403); the coordinator's 30-day edit
 * window; keyset paging returns every row exactly once; the calendar and the yearly count.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import type { Actor } from "@/lib/server/actor";
import { createActivity, updateActivity } from "@/lib/server/stations/write-activities";
import {
  activityCalendar,
  decodeActivityCursor,
  getActivity,
  listActivities,
  stationOptions,
  stationYearCount,
  volunteerOptionsForStation,
} from "@/lib/server/stations/read-activities";
import { registerVolunteer } from "@/lib/server/people/write-volunteers";
import { assignCoordinator } from "@/lib/server/stations/coordinators";
import { actorFor } from "../support/actors";
import { demoUnits, expectAppError, newUser, type DemoUnits } from "../support/fixtures";

let units: DemoUnits;
const actors: Record<string, Actor> = {};
/** Stations made here (the station-writing code belongs to another capability). */
const st = {} as Record<"own" | "sibling" | "otherTown" | "otherTenant", { id: string; orgUnitId: string }>;

async function makeStation(orgUnitId: string, tenantId: string) {
  return db().station.create({
    data: { tenantId, orgUnitId, name: `测试辅导站${randomBytes(3).toString("hex")}` },
    select: { id: true, orgUnitId: true },
  });
}

beforeAll(async () => {
  units = await demoUnits();
  for (const u of ["district.admin", "town.admin", "unit.admin", "station.coord", "leader", "huaiyin.admin"]) actors[u] = await actorFor(u);
  const t = units.district.tenantId;
  st.own = await makeStation(units.village.id, t);
  st.sibling = await makeStation(units.siblingVillage.id, t);
  st.otherTown = await makeStation(units.villageOfSiblingTown.id, t);
  st.otherTenant = await makeStation(units.huaiyinVillage.id, units.huaiyin.tenantId);
  // A coordinator logs only for stations assigned to them (coordinators.test.ts).
  await assignCoordinator(actors["unit.admin"], { stationId: st.own.id, userId: actors["station.coord"].userId });
});

const title = () => `测试活动${randomBytes(4).toString("hex")}`;
const input = (over: Record<string, unknown> = {}) => ({
  id: randomUUID(),
  stationId: st.own.id,
  date: "2019-10-12",
  kind: "STORY",
  title: title(),
  youthParticipants: 35,
  ...over,
});

const auditRows = (id: string) => db().auditLog.findMany({ where: { entity: "Activity", entityId: id } });

describe("createActivity", () => {
  it("stores the activity under the station's unit, by the actor, with one audit row", async () => {
    const raw = input({ notes: "在社区活动室" });
    const a = await createActivity(actors["station.coord"], raw);
    expect(a).toMatchObject({ id: raw.id, stationId: st.own.id, orgUnitId: units.village.id, date: "2019-10-12", kind: "STORY", youthParticipants: 35, volunteerIds: [], created: true });
    const row = await db().activity.findUniqueOrThrow({ where: { id: raw.id } });
    expect(row).toMatchObject({ tenantId: actors["station.coord"].tenantId, orgUnitId: units.village.id, createdById: actors["station.coord"].userId, notes: "在社区活动室" });
    const audit = await auditRows(raw.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: "activity.create", actorName: "station.coord", before: null });
  });

  it("without an id the server makes one", async () => {
    const { id: _drop, ...raw } = input();
    void _drop;
    const a = await createActivity(actors["unit.admin"], raw);
    expect(a.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(a.created).toBe(true);
  });

  it("the same id twice: one row, one audit entry, the second answer is the stored row (unchanged)", async () => {
    const raw = input();
    const first = await createActivity(actors["station.coord"], raw);
    const again = await createActivity(actors["station.coord"], { ...raw, title: "改过的标题", youthParticipants: 99 });
    expect(again.created).toBe(false);
    const { created: _a, ...f } = first;
    const { created: _b, ...g } = again;
    void _a;
    void _b;
    expect(g).toEqual(f);
    expect(await db().activity.count({ where: { id: raw.id } })).toBe(1);
    expect((await db().activity.findUniqueOrThrow({ where: { id: raw.id } })).title).toBe(raw.title);
    expect(await auditRows(raw.id)).toHaveLength(1);
  });

  it("five concurrent submits of one id store one row and one audit entry", async () => {
    const raw = input();
    const results = await Promise.all(Array.from({ length: 5 }, () => createActivity(actors["station.coord"], raw)));
    expect(results.filter((r) => r.created)).toHaveLength(1);
    for (const r of results) expect(r).toMatchObject({ id: raw.id, title: raw.title });
    expect(await db().activity.count({ where: { id: raw.id } })).toBe(1);
    expect(await auditRows(raw.id)).toHaveLength(1);
  });

  it("concurrent submits with volunteers: one set of volunteer links", async () => {
    const v = await registerVolunteer(actors["unit.admin"], { name: `志${randomBytes(3).toString("hex")}`, category: "VETERAN_TEACHER", orgUnitId: units.village.id, joinedOn: "2018-01-01" });
    const raw = input({ volunteerIds: [v.id, v.id] });
    await Promise.all(Array.from({ length: 5 }, () => createActivity(actors["unit.admin"], raw)));
    expect(await db().activityVolunteer.findMany({ where: { activityId: raw.id } })).toEqual([expect.objectContaining({ volunteerId: v.id })]);
  });

  it("a coordinator cannot log for a station outside scope: NOT_FOUND, nothing written", async () => {
    for (const [who, station] of [
      ["station.coord", st.sibling],
      ["station.coord", st.otherTown],
      ["town.admin", st.otherTown],
      ["district.admin", st.otherTenant],
    ] as const) {
      const raw = input({ stationId: station.id });
      await expectAppError(createActivity(actors[who], raw), "NOT_FOUND");
      expect(await db().activity.count({ where: { id: raw.id } })).toBe(0);
      expect(await auditRows(raw.id)).toHaveLength(0);
    }
  });

  it("an id already used outside scope (another village, another district) is NOT_FOUND, and that row is untouched", async () => {
    const elsewhere = input({ stationId: st.sibling.id });
    await createActivity(actors["town.admin"], elsewhere);
    await expectAppError(createActivity(actors["station.coord"], { ...elsewhere, stationId: st.own.id }), "NOT_FOUND");
    const foreign = input({ stationId: st.otherTenant.id });
    await createActivity(actors["huaiyin.admin"], foreign);
    await expectAppError(createActivity(actors["district.admin"], { ...foreign, stationId: st.own.id }), "NOT_FOUND");
    expect((await db().activity.findUniqueOrThrow({ where: { id: foreign.id } })).tenantId).toBe(units.huaiyin.tenantId);
    expect(await auditRows(foreign.id)).toHaveLength(1);
  });

  it("LEADER is FORBIDDEN, nothing written", async () => {
    const raw = input();
    await expectAppError(createActivity(actors.leader, raw), "FORBIDDEN");
    expect(await db().activity.count({ where: { id: raw.id } })).toBe(0);
  });

  it("a volunteer outside scope is refused beside volunteerIds", async () => {
    const other = await registerVolunteer(actors["district.admin"], { name: `志${randomBytes(3).toString("hex")}`, category: "VETERAN_CADRE", orgUnitId: units.siblingVillage.id, joinedOn: "2018-01-01" });
    const raw = input({ volunteerIds: [other.id] });
    const e = await expectAppError(createActivity(actors["station.coord"], raw), "INVALID");
    expect(e.issues.map((i) => i.path)).toEqual(["volunteerIds"]);
    expect(await db().activity.count({ where: { id: raw.id } })).toBe(0);
  });

  it.each([
    ["youthParticipants", { youthParticipants: -1 }, "负数"],
    ["youthParticipants", { youthParticipants: 10001 }, "10,000"],
    ["youthParticipants", { youthParticipants: 1.5 }, "整数"],
    ["youthParticipants", { youthParticipants: "12" }, "数字"],
    ["date", { date: "2019-02-30" }, "有效的日期"],
    ["date", { date: "2999-01-01" }, "不能晚于今天"],
    ["stationId", { stationId: undefined }, "请选择辅导站"],
    ["kind", { kind: "PARTY" }, "活动类型"],
    ["title", { title: "" }, "活动主题"],
    ["title", { title: "长".repeat(101) }, "100"],
  ])("INVALID naming %s for %j, nothing written", async (path, over, msg) => {
    const raw = input(over);
    const e = await expectAppError(createActivity(actors["station.coord"], raw), "INVALID");
    expect(e.issues.find((i) => i.path === path)?.message).toContain(msg);
    expect(await db().activity.count({ where: { id: raw.id } })).toBe(0);
  });
});

describe("updateActivity", () => {
  const edit = (a: { id: string }, over: Record<string, unknown> = {}) => ({ ...input(), id: a.id, title: `改${title()}`, ...over });

  it("a coordinator edits their own entry within 30 days; audited with before and after", async () => {
    const a = await createActivity(actors["station.coord"], input());
    const changed = await updateActivity(actors["station.coord"], edit(a, { youthParticipants: 40 }));
    expect(changed).toMatchObject({ id: a.id, youthParticipants: 40 });
    const audit = await db().auditLog.findFirstOrThrow({ where: { action: "activity.update", entityId: a.id } });
    expect(audit.before).toMatchObject({ youthParticipants: 35, title: a.title });
    expect(audit.after).toMatchObject({ youthParticipants: 40 });
  });

  it("a coordinator may not edit someone else's entry", async () => {
    const other = await newUser({ role: "STATION_COORDINATOR", orgUnitId: units.village.id, prefix: "coord" });
    await assignCoordinator(actors["unit.admin"], { stationId: st.own.id, userId: other.id });
    const a = await createActivity(await actorFor(other.username), input());
    const e = await expectAppError(updateActivity(actors["station.coord"], edit(a)), "FORBIDDEN");
    expect(e.message).toContain("自己登记");
    expect((await db().activity.findUniqueOrThrow({ where: { id: a.id } })).title).toBe(a.title);
  });

  it("after 30 days a coordinator is refused with a clear message; an admin in scope still may", async () => {
    const a = await createActivity(actors["station.coord"], input());
    await db().activity.update({ where: { id: a.id }, data: { createdAt: new Date(Date.now() - 31 * 86_400_000) } });
    const e = await expectAppError(updateActivity(actors["station.coord"], edit(a)), "FORBIDDEN");
    expect(e.message).toContain("超过 30 天");
    const ok = await updateActivity(actors["unit.admin"], edit(a, { kind: "LECTURE" }));
    expect(ok.kind).toBe("LECTURE");
    await updateActivity(actors["town.admin"], edit(a));
  });

  it("an edit changes only the volunteer links the editor can see; links to volunteers outside their scope stay", async () => {
    const vol = (orgUnitId: string) =>
      registerVolunteer(actors["district.admin"], { name: `志${randomBytes(3).toString("hex")}`, category: "VETERAN_TEACHER", orgUnitId, joinedOn: "2018-01-01" });
    const [own, own2, sibling, otherTown] = await Promise.all([vol(units.village.id), vol(units.village.id), vol(units.siblingVillage.id), vol(units.villageOfSiblingTown.id)]);
    const links = async (id: string) => (await db().activityVolunteer.findMany({ where: { activityId: id }, select: { volunteerId: true } })).map((l) => l.volunteerId).sort();
    // The district admin links volunteers of three units.
    const a = await createActivity(actors["district.admin"], input({ volunteerIds: [own.id, sibling.id, otherTown.id] }));
    // A village admin sees only `own`: replacing it with `own2` keeps the other two links.
    await updateActivity(actors["unit.admin"], edit(a, { volunteerIds: [own2.id] }));
    expect(await links(a.id)).toEqual([own2.id, sibling.id, otherTown.id].sort());
    // A town admin sees both villages of their town but not the other town: clearing drops only those.
    await updateActivity(actors["town.admin"], edit(a, { volunteerIds: [] }));
    expect(await links(a.id)).toEqual([otherTown.id]);
    // A coordinator correcting their own entry keeps what the district admin added from elsewhere.
    const mine = await createActivity(actors["station.coord"], input({ volunteerIds: [own.id] }));
    await updateActivity(actors["district.admin"], edit(mine, { volunteerIds: [own.id, sibling.id] }));
    await updateActivity(actors["station.coord"], edit(mine, { volunteerIds: [own2.id] }));
    expect(await links(mine.id)).toEqual([own2.id, sibling.id].sort());
  });

  it("outside scope is NOT_FOUND; LEADER is FORBIDDEN", async () => {
    const a = await createActivity(actors["town.admin"], input({ stationId: st.sibling.id }));
    await expectAppError(updateActivity(actors["station.coord"], edit(a, { stationId: st.own.id })), "NOT_FOUND");
    await expectAppError(updateActivity(actors["huaiyin.admin"], edit(a)), "NOT_FOUND");
    await expectAppError(updateActivity(actors.leader, edit(a)), "FORBIDDEN");
    // Moving an activity to a station outside scope is not found either.
    await expectAppError(updateActivity(actors["unit.admin"], edit({ id: (await createActivity(actors["unit.admin"], input())).id }, { stationId: st.otherTown.id })), "NOT_FOUND");
  });
});

describe("reads", () => {
  let station: { id: string; orgUnitId: string };
  const ids: string[] = [];
  beforeAll(async () => {
    station = await makeStation(units.village.id, units.district.tenantId);
    const admin = actors["unit.admin"];
    await assignCoordinator(admin, { stationId: station.id, userId: actors["station.coord"].userId });
    // 120 activities over a few days, many on the same day, so paging must break ties by id.
    for (let i = 0; i < 120; i++) {
      const a = await createActivity(admin, input({ stationId: station.id, date: `2019-07-${String(1 + (i % 5)).padStart(2, "0")}`, kind: i % 2 ? "SUMMER" : "STORY", youthParticipants: 10 }));
      ids.push(a.id);
    }
    await createActivity(admin, input({ stationId: station.id, date: "2018-12-31" }));
  });

  it("keyset paging returns each row exactly once, latest first", async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await listActivities(actors["station.coord"], { station: station.id, from: "2019-01-01", cursor }, { pageSize: 25 });
      seen.push(...page.items.map((a) => a.id));
      for (let i = 1; i < page.items.length; i++) {
        const [p, q] = [page.items[i - 1], page.items[i]];
        expect(p.date > q.date || (p.date === q.date && p.id > q.id)).toBe(true);
      }
      cursor = page.nextCursor ?? undefined;
      pages++;
    } while (cursor);
    expect(pages).toBe(5);
    expect(seen).toHaveLength(120);
    expect(new Set(seen)).toEqual(new Set(ids));
    expect(decodeActivityCursor("junk")).toBeNull();
  });

  it("filters: kind, period, town subtree; station outside scope NOT_FOUND", async () => {
    const summer = await listActivities(actors["unit.admin"], { station: station.id, kind: "SUMMER" }, { pageSize: 500 });
    expect(summer.items).toHaveLength(60);
    const day = await listActivities(actors["unit.admin"], { station: station.id, from: "2019-07-02", to: "2019-07-02" });
    expect(day.items).toHaveLength(24);
    const town = await listActivities(actors["district.admin"], { town: units.town.id, from: "2018-12-31", to: "2018-12-31" }, { pageSize: 500 });
    expect(town.items.some((a) => a.stationId === station.id)).toBe(true);
    const otherTown = await listActivities(actors["district.admin"], { town: units.siblingTown.id, station: station.id });
    expect(otherTown.items).toHaveLength(0);
    await expectAppError(listActivities(actors["station.coord"], { station: st.sibling.id }), "NOT_FOUND");
    await expectAppError(listActivities(actors["huaiyin.admin"], { station: station.id }), "NOT_FOUND");
    await expectAppError(listActivities(actors["station.coord"], { town: units.siblingVillage.id }), "NOT_FOUND");
  });

  it("calendar: counts per day of a month; year count of a station", async () => {
    const days = await activityCalendar(actors["station.coord"], "2019-07", { station: station.id });
    expect(days).toEqual([1, 2, 3, 4, 5].map((d) => ({ date: `2019-07-0${d}`, sessions: 24, participants: 240 })));
    expect(await stationYearCount(actors["station.coord"], station.id, 2019)).toBe(120);
    expect(await stationYearCount(actors["station.coord"], station.id, 2018)).toBe(1);
    await expectAppError(stationYearCount(actors["station.coord"], st.sibling.id, 2019), "NOT_FOUND");
    await expectAppError(activityCalendar(actors["station.coord"], "2019-13"), "INVALID");
  });

  it("one activity in scope; outside scope NOT_FOUND; form options are the actor's own", async () => {
    const a = await getActivity(actors["station.coord"], ids[0]);
    expect(a.stationId).toBe(station.id);
    await expectAppError(getActivity(actors["huaiyin.admin"], ids[0]), "NOT_FOUND");
    await expectAppError(getActivity(actors["station.coord"], "not-a-uuid"), "NOT_FOUND");
    const opts = await stationOptions(actors["station.coord"]);
    expect(opts.every((s) => s.orgUnitId === units.village.id)).toBe(true);
    expect(opts.map((s) => s.id)).toContain(station.id);
    const vols = await volunteerOptionsForStation(actors["station.coord"], station.id);
    expect(Array.isArray(vols)).toBe(true);
    await expectAppError(volunteerOptionsForStation(actors["station.coord"], st.sibling.id), "NOT_FOUND");
  });
});
