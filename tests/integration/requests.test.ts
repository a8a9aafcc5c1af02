/**
 * 请示汇报 against real PostgreSQL: only the district office records them (others
 * FORBIDDEN), below the district nothing is seen (404), field errors name their field
 * and write nothing, an answer is recorded once and audited, and the list's day counts
 * and the summary (open, answered rate, average days) come from the rows.
 * Rows are created in years the demo seed does not use and found by unique subjects.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import type { Actor } from "@/lib/server/actor";
import { answerRequest, createRequest, getRequest, listRequests, requestSummary } from "@/lib/server/rules/requests";
import { actorFor } from "../support/actors";
import { demoUnits, expectAppError, uniqueName, type DemoUnits } from "../support/fixtures";

let units: DemoUnits;
const actors: Record<string, Actor> = {};

beforeAll(async () => {
  units = await demoUnits();
  for (const u of ["district.admin", "town.admin", "unit.admin", "leader", "huaiyin.admin"]) actors[u] = await actorFor(u);
});

const subject = () => `关于${uniqueName("测试")}的请示`;
const input = (over: Record<string, unknown> = {}) => ({ kind: "REQUEST", subject: subject(), body: "请区委研究。", submittedOn: "2025-03-01", ...over });

async function expectNoRequest(subj: string) {
  expect(await db().partyRequest.count({ where: { subject: subj } })).toBe(0);
  expect(await db().auditLog.count({ where: { action: "party_request.create", after: { path: ["subject"], equals: subj } } })).toBe(0);
}

describe("createRequest", () => {
  it("the district admin records a request for the district unit, audited", async () => {
    const raw = input();
    const r = await createRequest(actors["district.admin"], raw);
    expect(r).toMatchObject({ subject: raw.subject, kind: "REQUEST", orgUnitId: units.district.id, resolvedOn: null, answer: null });
    const audit = await db().auditLog.findMany({ where: { action: "party_request.create", entityId: r.id } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorName: "district.admin", entity: "PartyRequest" });
    expect(audit[0].after).toMatchObject({ subject: raw.subject, submittedOn: "2025-03-01" });
  });

  it("town and village admins and the leader are FORBIDDEN, nothing written", async () => {
    for (const who of ["town.admin", "unit.admin", "leader"]) {
      const raw = input();
      await expectAppError(createRequest(actors[who], raw), "FORBIDDEN");
      await expectNoRequest(raw.subject);
    }
  });

  it.each([
    ["subject", { subject: "  " }, "请填写标题"],
    ["kind", { kind: "MEMO" }, "请选择请示或汇报"],
    ["submittedOn", { submittedOn: "2999-01-01" }, "报送日期不能晚于今天"],
    ["submittedOn", { submittedOn: "2025-02-30" }, "不是有效的日期"],
  ])("refuses a bad %s (%j) beside that field, writing nothing", async (path, over, message) => {
    const raw = input(over);
    // Counted, not looked up by subject (a blank subject cannot be looked up).
    const written = async () => [await db().partyRequest.count(), await db().auditLog.count({ where: { action: "party_request.create" } })];
    const before = await written();
    const e = await expectAppError(createRequest(actors["district.admin"], raw), "INVALID");
    expect(e.issues).toContainEqual({ path, message: expect.stringContaining(message) });
    expect(await written()).toEqual(before);
  });
});

describe("reading", () => {
  it("district staff and the leader see a request; a town admin and another district do not (404)", async () => {
    const r = await createRequest(actors["district.admin"], input());
    expect((await getRequest(actors.leader, r.id)).subject).toBe(r.subject);
    for (const who of ["town.admin", "unit.admin", "huaiyin.admin"]) await expectAppError(getRequest(actors[who], r.id), "NOT_FOUND");
    await expectAppError(getRequest(actors.leader, "not-a-uuid"), "NOT_FOUND");
    // Another district's admin may write requests, but not answer this one.
    await expectAppError(answerRequest(actors["huaiyin.admin"], { id: r.id, answer: "同意", resolvedOn: "2025-03-05" }), "NOT_FOUND");
    const list = await listRequests(actors["town.admin"], { page: 1 });
    expect(list.open).toHaveLength(0);
    expect(list.answeredTotal).toBe(0);
    expect((await requestSummary(actors["town.admin"])).total).toBe(0);
  });

  it("open ones carry the days waited so far, answered ones the days the answer took", async () => {
    const open = await createRequest(actors["district.admin"], input({ submittedOn: "2025-03-01" }));
    const done = await createRequest(actors["district.admin"], input({ kind: "REPORT", submittedOn: "2025-03-10" }));
    await answerRequest(actors["district.admin"], { id: done.id, answer: "已阅，请按计划推进。", resolvedOn: "2025-03-17" });
    const list = await listRequests(actors.leader, { year: 2025, page: 1 }, "2025-04-01");
    expect(list.open.find((r) => r.id === open.id)?.days).toBe(31);
    expect(list.answered.find((r) => r.id === done.id)?.days).toBe(7);
    // Open ones are listed longest waiting first.
    const days = list.open.map((r) => r.days);
    expect(days).toEqual([...days].sort((a, b) => b - a));
    const reports = await listRequests(actors.leader, { year: 2025, kind: "REPORT", page: 1 });
    expect(reports.open.concat(reports.answered).every((r) => r.kind === "REPORT")).toBe(true);
  });
});

describe("answerRequest", () => {
  it("records the answer once, audited with before and after; a second answer is a CONFLICT", async () => {
    const r = await createRequest(actors["district.admin"], input());
    const a = await answerRequest(actors["district.admin"], { id: r.id, answer: "同意，请区财政局落实。", resolvedOn: "2025-03-20" });
    expect(a).toMatchObject({ answer: "同意，请区财政局落实。" });
    const row = await db().partyRequest.findUniqueOrThrow({ where: { id: r.id } });
    expect(row.resolvedOn?.toISOString().slice(0, 10)).toBe("2025-03-20");
    const audit = await db().auditLog.findMany({ where: { action: "party_request.answer", entityId: r.id } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ entity: "PartyRequest", before: expect.objectContaining({ resolvedOn: null }), after: expect.objectContaining({ resolvedOn: "2025-03-20" }) });
    const e = await expectAppError(answerRequest(actors["district.admin"], { id: r.id, answer: "再次答复", resolvedOn: "2025-03-21" }), "CONFLICT");
    expect(e.message).toContain("2025年3月20日");
    expect((await db().partyRequest.findUniqueOrThrow({ where: { id: r.id } })).answer).toBe("同意，请区财政局落实。");
  });

  it("an answer dated before the request was submitted is INVALID on resolvedOn, nothing written", async () => {
    const r = await createRequest(actors["district.admin"], input({ submittedOn: "2025-03-10" }));
    const e = await expectAppError(answerRequest(actors["district.admin"], { id: r.id, answer: "同意", resolvedOn: "2025-03-09" }), "INVALID");
    expect(e.issues).toEqual([{ path: "resolvedOn", message: "答复日期不能早于报送日期（2025年3月10日）" }]);
    const row = await db().partyRequest.findUniqueOrThrow({ where: { id: r.id } });
    expect(row).toMatchObject({ answer: null, resolvedOn: null });
    expect(await db().auditLog.count({ where: { action: "party_request.answer", entityId: r.id } })).toBe(0);
  });

  it("an empty answer or a future day is INVALID beside its field; the leader is FORBIDDEN", async () => {
    const r = await createRequest(actors["district.admin"], input());
    const e1 = await expectAppError(answerRequest(actors["district.admin"], { id: r.id, answer: "", resolvedOn: "2025-03-05" }), "INVALID");
    expect(e1.issues.map((i) => i.path)).toEqual(["answer"]);
    const e2 = await expectAppError(answerRequest(actors["district.admin"], { id: r.id, answer: "同意", resolvedOn: "2999-01-01" }), "INVALID");
    expect(e2.issues).toContainEqual({ path: "resolvedOn", message: "答复日期不能晚于今天" });
    await expectAppError(answerRequest(actors.leader, { id: r.id, answer: "同意", resolvedOn: "2025-03-05" }), "FORBIDDEN");
    expect((await db().partyRequest.findUniqueOrThrow({ where: { id: r.id } })).resolvedOn).toBeNull();
  });
});

describe("requestSummary", () => {
  it("open count, answered rate and average days to answer for a year, from the rows", async () => {
    // 2024: used by no seed and no other test here.
    const admin = actors["district.admin"];
    const a = await createRequest(admin, input({ submittedOn: "2024-05-06" }));
    const b = await createRequest(admin, input({ kind: "REPORT", submittedOn: "2024-06-03" }));
    await createRequest(admin, input({ submittedOn: "2024-11-11" }));
    await answerRequest(admin, { id: a.id, answer: "同意", resolvedOn: "2024-05-16" }); // 10 days
    await answerRequest(admin, { id: b.id, answer: "已阅", resolvedOn: "2024-06-24" }); // 21 days
    expect(await requestSummary(actors.leader, { year: 2024 })).toEqual({ total: 3, open: 1, answered: 2, answeredRate: 0.6667, avgDaysToAnswer: 15.5 });
    expect(await requestSummary(actors.leader, { year: 2024, kind: "REPORT" })).toEqual({ total: 1, open: 0, answered: 1, answeredRate: 1, avgDaysToAnswer: 21 });
    expect(await requestSummary(actors.leader, { year: 2000 })).toEqual({ total: 0, open: 0, answered: 0, answeredRate: null, avgDaysToAnswer: null });
  });
});
