/**
 * 会议制度 against real PostgreSQL: recording meetings with their decisions through the
 * write path (validation, roles, scope, audit), regularity counted from the stored rows,
 * and decisions past due. Rows are made in 2025, a year the demo seed holds no meetings in.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import type { Actor } from "@/lib/server/actor";
import {
  addDecision,
  createMeeting,
  getMeeting,
  listMeetings,
  markDecisionDone,
  meetingRegularityFor,
  overdueDecisions,
  updateMeeting,
} from "@/lib/server/rules/meetings";
import { actorFor } from "../support/actors";
import { demoUnits, expectAppError, uniqueName, type DemoUnits } from "../support/fixtures";

const YEAR = 2025;
/** "Today" for the regularity and overdue reads: 2025 has ended, so every period of it is owed. */
const LATER = "2026-06-01";

let units: DemoUnits;
const actors: Record<string, Actor> = {};

beforeAll(async () => {
  units = await demoUnits();
  for (const u of ["district.admin", "town.admin", "unit.admin", "leader", "huaiyin.admin"]) actors[u] = await actorFor(u);
});

const meeting = (over: Record<string, unknown> = {}) => ({
  orgUnitId: units.district.id,
  kind: "OTHER",
  heldOn: `${YEAR}-03-05`,
  title: `测试会议 ${uniqueName("m")}`,
  attendees: "区关工委驻会成员",
  minutes: "研究布置本月工作。",
  ...over,
});
const decision = (over: Record<string, unknown> = {}) => ({ text: "督促报送辅导站活动台账", owner: "区关工委办公室", dueOn: `${YEAR}-03-20`, ...over });
const countByTitle = (title: string) => db().meeting.count({ where: { title } });

describe("createMeeting", () => {
  it("district.admin records a meeting with its decisions in one write, audited", async () => {
    const input = meeting({ decisions: [decision(), decision({ text: "筹备五好考核", owner: "秘书组", dueOn: `${YEAR}-04-30` })] });
    const m = await createMeeting(actors["district.admin"], input);
    expect(m).toMatchObject({ orgUnitId: units.district.id, kind: "OTHER", title: input.title, attendees: "区关工委驻会成员" });
    expect(m.heldOn.toISOString().slice(0, 10)).toBe(`${YEAR}-03-05`);
    const rows = await db().meetingDecision.findMany({ where: { meetingId: m.id }, orderBy: { dueOn: "asc" } });
    expect(rows.map((r) => [r.text, r.owner, r.dueOn.toISOString().slice(0, 10), r.doneOn, r.orgUnitId, r.tenantId])).toEqual([
      ["督促报送辅导站活动台账", "区关工委办公室", `${YEAR}-03-20`, null, units.district.id, units.district.tenantId],
      ["筹备五好考核", "秘书组", `${YEAR}-04-30`, null, units.district.id, units.district.tenantId],
    ]);
    const audit = await db().auditLog.findMany({ where: { entity: "Meeting", entityId: m.id } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: "meeting.create", actorName: "district.admin", tenantId: units.district.tenantId });
    expect((audit[0].after as { decisions: unknown[] }).decisions).toHaveLength(2);
  });

  it("validation errors name the field and change nothing", async () => {
    const input = meeting({ title: "  " });
    const e = await expectAppError(createMeeting(actors["district.admin"], input), "INVALID");
    expect(e.issues).toEqual([{ path: "title", message: "请填写会议名称" }]);

    const title = `测试会议 ${uniqueName("bad")}`;
    const bad = await expectAppError(
      createMeeting(actors["district.admin"], meeting({ title, heldOn: "2999-01-01", decisions: [decision({ owner: "" })] })),
      "INVALID",
    );
    expect(bad.issues.map((i) => i.path)).toEqual(["heldOn", "decisions.0.owner"]);
    const early = await expectAppError(createMeeting(actors["district.admin"], meeting({ title, decisions: [decision({ dueOn: `${YEAR}-03-01` })] })), "INVALID");
    expect(early.issues).toEqual([{ path: "decisions.0.dueOn", message: "完成期限不能早于会议日期" }]);
    expect(await countByTitle(title)).toBe(0);
    expect(await db().auditLog.count({ where: { action: "meeting.create", after: { path: ["title"], equals: title } } })).toBe(0);
  });

  it("the required kinds are recorded only by the level that must hold them", async () => {
    const title = `测试会议 ${uniqueName("kind")}`;
    const e = await expectAppError(createMeeting(actors["town.admin"], meeting({ orgUnitId: units.town.id, kind: "DISTRICT_WEEKLY", title })), "INVALID");
    expect(e.issues[0]).toMatchObject({ path: "kind", message: expect.stringContaining("由区关工委召开") });
    expect(await countByTitle(title)).toBe(0);
    const own = await createMeeting(actors["town.admin"], meeting({ orgUnitId: units.village.id, title }));
    expect(own.orgUnitId).toBe(units.village.id);
  });

  it("a town admin cannot record for a unit outside their town (404); leaders and unit admins may not record at all", async () => {
    for (const unit of [units.district, units.siblingTown, units.villageOfSiblingTown, units.huaiyinTown]) {
      const title = `测试会议 ${uniqueName("scope")}`;
      await expectAppError(createMeeting(actors["town.admin"], meeting({ orgUnitId: unit.id, title })), "NOT_FOUND");
      expect(await countByTitle(title)).toBe(0);
    }
    await expectAppError(createMeeting(actors["huaiyin.admin"], meeting()), "NOT_FOUND");
    await expectAppError(createMeeting(actors.leader, meeting()), "FORBIDDEN");
    await expectAppError(createMeeting(actors["unit.admin"], meeting({ orgUnitId: units.village.id })), "FORBIDDEN");
  });
});

describe("reading meetings", () => {
  it("a town admin cannot read a district meeting (404); the leader can; another district cannot", async () => {
    const m = await createMeeting(actors["district.admin"], meeting({ decisions: [decision()] }));
    await expectAppError(getMeeting(actors["town.admin"], m.id), "NOT_FOUND");
    await expectAppError(getMeeting(actors["huaiyin.admin"], m.id), "NOT_FOUND");
    await expectAppError(getMeeting(actors["district.admin"], "not-a-uuid"), "NOT_FOUND");
    const seen = await getMeeting(actors.leader, m.id);
    expect(seen.decisions.map((d) => d.text)).toEqual(["督促报送辅导站活动台账"]);

    // A meeting the town admin does see, so the list below is not empty (the newest of the year: page 1).
    const village = await createMeeting(actors["district.admin"], meeting({ orgUnitId: units.village.id, heldOn: `${YEAR}-12-31` }));
    const townList = await listMeetings(actors["town.admin"], { year: YEAR, page: 1 });
    expect(townList.items.map((x) => x.id)).toContain(village.id);
    expect(townList.items.map((x) => x.id)).not.toContain(m.id);
    expect(townList.items.every((x) => x.orgUnit.name !== units.district.name)).toBe(true);
    await expectAppError(listMeetings(actors["town.admin"], { year: YEAR, unit: units.district.id, page: 1 }), "NOT_FOUND");
  });

  it("the list filters by year, kind and unit subtree and counts open decisions", async () => {
    const title = `测试会议 ${uniqueName("list")}`;
    const m = await createMeeting(actors["district.admin"], meeting({ orgUnitId: units.village.id, title, decisions: [decision(), decision({ text: "第二项" })] }));
    const inTown = await listMeetings(actors["district.admin"], { year: YEAR, unit: units.town.id, kind: "OTHER", page: 1 });
    expect(inTown.items.find((x) => x.id === m.id)).toMatchObject({ title, decisions: 2, openDecisions: 2, orgUnit: { name: units.village.name } });
    expect(inTown.items.every((x) => x.kind === "OTHER" && x.heldOn.getUTCFullYear() === YEAR)).toBe(true);
    const otherTown = await listMeetings(actors["district.admin"], { year: YEAR, unit: units.siblingTown.id, page: 1 });
    expect(otherTown.items.map((x) => x.id)).not.toContain(m.id);
    const otherYear = await listMeetings(actors["district.admin"], { year: 2019, unit: units.town.id, page: 1 });
    expect(otherYear.items.map((x) => x.id)).not.toContain(m.id);
  });
});

describe("regularity", () => {
  it("is counted from the meeting rows of the district, by ISO week, month and year", async () => {
    const admin = actors["district.admin"];
    const weekly = (heldOn: string) => createMeeting(admin, meeting({ kind: "DISTRICT_WEEKLY", heldOn, title: `周例会 ${heldOn}` }));
    // 2024-12-30 is in 2025-W01; 2025-12-29 is in 2026-W01, not 2025.
    for (const d of ["2024-12-30", "2025-01-08", "2025-01-09", "2025-12-29"]) await weekly(d);
    await createMeeting(admin, meeting({ kind: "GRASSROOTS_MONTHLY", heldOn: "2025-03-05", title: "月例会" }));
    await createMeeting(admin, meeting({ kind: "OTHER", heldOn: "2025-02-03", title: "不计入例会的其他会议" }));

    const strips = await meetingRegularityFor(admin, units.district.id, YEAR, LATER);
    expect(strips.map((s) => [s.unit.id, s.rule.kind])).toEqual([
      [units.district.id, "DISTRICT_WEEKLY"],
      [units.district.id, "GRASSROOTS_MONTHLY"],
      [units.district.id, "ANNUAL_SUMMARY"],
    ]);
    const [week, month, year] = strips.map((s) => s.regularity);
    expect([week.held, week.required]).toEqual([2, 52]);
    expect(week.slots.find((s) => s.key === "2025-W02")).toMatchObject({ status: "HELD", meetings: 2 });
    expect(week.missing.map((m) => m.key)).toContain("2025-W52");
    expect(week.missing.map((m) => m.key)).toContain("2025-W06");
    expect([month.held, month.required]).toEqual([1, 12]);
    expect(month.missing.map((m) => m.key)).not.toContain("2025-03");
    expect(year).toMatchObject({ held: 0, required: 1, missing: [{ key: "2025" }] });
    expect(strips[0].rate).toBeCloseTo(2 / 52);

    // The leader reads the same; the 2026 strip sees 2025-12-29 in its first week.
    expect((await meetingRegularityFor(actors.leader, units.district.id, YEAR, LATER))[0].regularity.held).toBe(2);
    const next = await meetingRegularityFor(admin, units.district.id, 2026, LATER);
    expect(next[0].regularity.slots[0]).toMatchObject({ key: "2026-W01", status: "HELD" });
  });

  it("units with no required meeting get no strips; units outside scope are 404", async () => {
    expect(await meetingRegularityFor(actors["town.admin"], units.town.id, YEAR, LATER)).toEqual([]);
    expect(await meetingRegularityFor(actors["district.admin"], units.town.id, YEAR, LATER)).toEqual([]);
    await expectAppError(meetingRegularityFor(actors["town.admin"], units.district.id, YEAR, LATER), "NOT_FOUND");
    await expectAppError(meetingRegularityFor(actors["huaiyin.admin"], units.district.id, YEAR, LATER), "NOT_FOUND");
  });
});

describe("decisions", () => {
  it("past-due open decisions are listed with owner and days overdue, until marked done", async () => {
    const m = await createMeeting(
      actors["district.admin"],
      meeting({ decisions: [decision({ text: "逾期事项", dueOn: `${YEAR}-03-20` }), decision({ text: "未到期事项", dueOn: `${YEAR}-05-01` })] }),
    );
    const [late, notYet] = await db().meetingDecision.findMany({ where: { meetingId: m.id }, orderBy: { dueOn: "asc" } });
    const today = `${YEAR}-04-01`;
    const overdue = await overdueDecisions(actors["district.admin"], today, 1000);
    expect(overdue.items.find((d) => d.id === late.id)).toMatchObject({ text: "逾期事项", owner: "区关工委办公室", daysOverdue: 12, meeting: { title: m.title } });
    expect(overdue.items.map((d) => d.id)).not.toContain(notYet.id);
    expect(overdue.total).toBe(overdue.items.length);
    expect((await overdueDecisions(actors.leader, today, 1000)).items.map((d) => d.id)).toContain(late.id);
    expect((await overdueDecisions(actors["town.admin"], today, 1000)).items.map((d) => d.id)).not.toContain(late.id);
    expect((await getMeeting(actors["district.admin"], m.id, today)).decisions.map((d) => d.daysOverdue)).toEqual([12, 0]);

    await expectAppError(markDecisionDone(actors.leader, { decisionId: late.id, doneOn: `${YEAR}-04-01` }), "FORBIDDEN");
    await expectAppError(markDecisionDone(actors["town.admin"], { decisionId: late.id, doneOn: `${YEAR}-04-01` }), "NOT_FOUND");
    const before = await expectAppError(markDecisionDone(actors["district.admin"], { decisionId: late.id, doneOn: `${YEAR}-03-01` }), "INVALID");
    expect(before.issues).toEqual([{ path: "doneOn", message: "完成日期不能早于会议日期" }]);

    const done = await markDecisionDone(actors["district.admin"], { decisionId: late.id, doneOn: `${YEAR}-03-28` });
    expect(done.doneOn?.toISOString().slice(0, 10)).toBe(`${YEAR}-03-28`);
    expect((await overdueDecisions(actors["district.admin"], today, 1000)).items.map((d) => d.id)).not.toContain(late.id);
    const twice = await expectAppError(markDecisionDone(actors["district.admin"], { decisionId: late.id, doneOn: `${YEAR}-03-29` }), "INVALID");
    expect(twice.issues[0].message).toContain(`${YEAR}-03-28`);
    const audit = await db().auditLog.findMany({ where: { action: "meeting.decision_done", entityId: late.id } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ entity: "MeetingDecision", before: { doneOn: null }, after: { doneOn: `${YEAR}-03-28T00:00:00.000Z` } });
  });

  it("a decision added later is due no earlier than the meeting", async () => {
    const m = await createMeeting(actors["district.admin"], meeting());
    const e = await expectAppError(addDecision(actors["district.admin"], { meetingId: m.id, ...decision({ dueOn: `${YEAR}-03-04` }) }), "INVALID");
    expect(e.issues).toEqual([{ path: "dueOn", message: "完成期限不能早于会议日期" }]);
    await expectAppError(addDecision(actors["town.admin"], { meetingId: m.id, ...decision() }), "NOT_FOUND");
    const d = await addDecision(actors["district.admin"], { meetingId: m.id, ...decision() });
    expect(d).toMatchObject({ meetingId: m.id, text: "督促报送辅导站活动台账" });
    expect(await db().auditLog.count({ where: { action: "meeting.add_decision", entityId: d.id } })).toBe(1);
  });
});

describe("updateMeeting", () => {
  it("corrects a meeting in scope, audited with before and after; the day cannot pass a decision's due day", async () => {
    const m = await createMeeting(actors["district.admin"], meeting({ decisions: [decision()] }));
    const edit = { id: m.id, kind: "GRASSROOTS_MONTHLY", heldOn: `${YEAR}-03-06`, title: `${m.title}（更正）` };
    await expectAppError(updateMeeting(actors["town.admin"], edit), "NOT_FOUND");
    await expectAppError(updateMeeting(actors.leader, edit), "FORBIDDEN");
    const late = await expectAppError(updateMeeting(actors["district.admin"], { ...edit, heldOn: `${YEAR}-03-25` }), "INVALID");
    expect(late.issues.map((i) => i.path)).toEqual(["heldOn"]);

    const after = await updateMeeting(actors["district.admin"], edit);
    expect(after).toMatchObject({ kind: "GRASSROOTS_MONTHLY", title: edit.title, attendees: null, minutes: null });
    const row = await db().meeting.findUniqueOrThrow({ where: { id: m.id } });
    expect([row.title, row.heldOn.toISOString().slice(0, 10)]).toEqual([edit.title, `${YEAR}-03-06`]);
    const audit = await db().auditLog.findFirstOrThrow({ where: { action: "meeting.update", entityId: m.id } });
    expect(audit.before).toMatchObject({ title: m.title, kind: "OTHER" });
    expect(audit.after).toMatchObject({ title: edit.title, kind: "GRASSROOTS_MONTHLY" });

    const village = await createMeeting(actors["town.admin"], meeting({ orgUnitId: units.village.id }));
    const kind = await expectAppError(updateMeeting(actors["town.admin"], { ...edit, id: village.id, kind: "ANNUAL_SUMMARY" }), "INVALID");
    expect(kind.issues.map((i) => i.path)).toEqual(["kind"]);
  });
});
