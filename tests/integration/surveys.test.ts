/**
 * 调研 against real PostgreSQL: validation with messages on the right fields (period
 * reversed, empty finding text) and nothing written; covered units outside scope are
 * not found; follow-up updates audited with before and after, only by the survey's own
 * subtree; open findings counted by category across surveys, overdue marked.
 */
import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import type { Actor } from "@/lib/server/actor";
import { addFinding, createSurvey, getSurvey, listSurveys, openFindings, updateFollowUp } from "@/lib/server/outcomes/surveys";
import { PERIOD_REVERSED, surveyFormInput } from "@/lib/schemas/survey";
import { todayInBeijing } from "@/lib/schemas/dates";
import { actorFor } from "../support/actors";
import { demoUnits, expectAppError, type DemoUnits } from "../support/fixtures";

let units: DemoUnits;
const actors: Record<string, Actor> = {};

beforeAll(async () => {
  units = await demoUnits();
  for (const u of ["district.admin", "town.admin", "unit.admin", "leader", "huaiyin.admin"]) actors[u] = await actorFor(u);
});

const title = () => `测试调研${randomBytes(4).toString("hex")}`;
const input = (over: Record<string, unknown> = {}) => ({
  orgUnitId: units.town.id,
  title: title(),
  periodFrom: "2019-03-01",
  periodTo: "2019-05-31",
  unitIds: [units.village.id, units.siblingVillage.id],
  summary: "走访各村（社区）",
  findings: [
    { category: "TEACHERS", text: "辅导站师资短缺", owner: "城南街道关工委", dueOn: "2020-08-31" },
    { category: "FUNDING", text: "补贴发放不到位", recommendation: "按期足额发放" },
  ],
  ...over,
});

async function expectNoSurvey(t: string) {
  expect(await db().survey.count({ where: { title: t } })).toBe(0);
  expect(await db().auditLog.count({ where: { action: "survey.create", after: { path: ["title"], equals: t } } })).toBe(0);
}

describe("createSurvey", () => {
  it("records the survey, the units it covered and its findings (under the survey's committee), audited", async () => {
    const raw = input();
    const s = await createSurvey(actors["town.admin"], raw);
    expect(s).toMatchObject({ title: raw.title, orgUnitId: units.town.id, periodFrom: "2019-03-01", periodTo: "2019-05-31" });
    const detail = await getSurvey(actors["town.admin"], s.id);
    expect(detail.units.map((u) => u.id).sort()).toEqual([units.village.id, units.siblingVillage.id].sort());
    expect(detail.findings.map((f) => [f.category, f.text, f.status])).toEqual([
      ["TEACHERS", "辅导站师资短缺", "OPEN"],
      ["FUNDING", "补贴发放不到位", "OPEN"],
    ]);
    expect(await db().surveyFinding.count({ where: { surveyId: s.id, orgUnitId: units.town.id } })).toBe(2);
    expect(await db().auditLog.count({ where: { action: "survey.create", entityId: s.id } })).toBe(1);
    expect((await listSurveys(actors["town.admin"], { page: 1 })).items.find((x) => x.id === s.id)).toMatchObject({ openFindings: 2 });
  });

  it("a period that ends before it starts is refused on the end date; nothing is written", async () => {
    const raw = input({ periodFrom: "2019-05-31", periodTo: "2019-03-01" });
    const err = await expectAppError(createSurvey(actors["town.admin"], raw), "INVALID");
    expect(err.issues).toEqual([{ path: "periodTo", message: PERIOD_REVERSED }]);
    await expectNoSurvey(raw.title);
  });

  it("a finding without text is refused beside it; nothing is written", async () => {
    const raw = input({ findings: [{ category: "TEACHERS", text: "   ", owner: "某人" }] });
    const err = await expectAppError(createSurvey(actors["town.admin"], raw), "INVALID");
    expect(err.issues).toEqual([{ path: "findings.0.text", message: "请填写问题描述" }]);
    await expectNoSurvey(raw.title);
    // From the form, that error goes back beside the category's box.
    const { input: formInput, formErrors } = surveyFormInput({ title: raw.title, "findings.FUNDING.owner": "区财政局", "findings.TEACHERS.text": "" }, []);
    expect(formInput.findings).toEqual([{ category: "FUNDING", text: "", recommendation: undefined, owner: "区财政局", dueOn: undefined }]);
    expect(formErrors({ "findings.0.text": "请填写问题描述", title: "x" })).toEqual({ "findings.FUNDING.text": "请填写问题描述", title: "x" });
  });

  it("other bad fields each get their own message", async () => {
    const raw = input({ title: "", unitIds: [], findings: [{ category: "NOPE", text: "x" }], periodFrom: "2019-02-30" });
    const err = await expectAppError(createSurvey(actors["town.admin"], raw), "INVALID");
    expect(Object.fromEntries(err.issues.map((i) => [i.path, i.message]))).toMatchObject({
      title: "请填写调研题目",
      unitIds: "请至少选择一个调研覆盖的单位",
      "findings.0.category": expect.stringContaining("请选择问题类别"),
      periodFrom: "开始日期不是有效的日期",
    });
  });

  it("covered units outside the actor's scope, or a committee outside it, are not found; nothing is written", async () => {
    const outside = input({ unitIds: [units.village.id, units.villageOfSiblingTown.id] });
    await expectAppError(createSurvey(actors["town.admin"], outside), "NOT_FOUND");
    await expectNoSurvey(outside.title);
    const otherTenant = input({ unitIds: [units.huaiyinVillage.id] });
    await expectAppError(createSurvey(actors["town.admin"], otherTenant), "NOT_FOUND");
    await expectNoSurvey(otherTenant.title);
    const committee = input({ orgUnitId: units.siblingTown.id });
    await expectAppError(createSurvey(actors["town.admin"], committee), "NOT_FOUND");
    await expectNoSurvey(committee.title);
  });

  it("read-only roles and village admins may not record surveys (403)", async () => {
    await expectAppError(createSurvey(actors.leader, input({ orgUnitId: units.district.id })), "FORBIDDEN");
    await expectAppError(createSurvey(actors["unit.admin"], input({ orgUnitId: units.village.id, unitIds: [units.village.id] })), "FORBIDDEN");
  });
});

describe("follow-up", () => {
  it("updating status, owner and due day is audited with before and after; done needs a day, and undoing clears it", async () => {
    const s = await createSurvey(actors["town.admin"], input());
    const f = (await getSurvey(actors["town.admin"], s.id)).findings.find((x) => x.category === "TEACHERS")!;

    const r = await updateFollowUp(actors["town.admin"], { findingId: f.id, status: "IN_PROGRESS", owner: "城南街道教育办", dueOn: "2020-06-30" });
    expect(r).toMatchObject({ id: f.id, status: "IN_PROGRESS", owner: "城南街道教育办", dueOn: "2020-06-30", doneOn: null });
    const audit = await db().auditLog.findMany({ where: { action: "survey.follow_up", entityId: f.id } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorName: "town.admin", entity: "SurveyFinding" });
    expect(audit[0].before).toMatchObject({ status: "OPEN", owner: "城南街道关工委", dueOn: "2020-08-31" });
    expect(audit[0].after).toMatchObject({ status: "IN_PROGRESS", owner: "城南街道教育办", dueOn: "2020-06-30" });

    const noDay = await expectAppError(updateFollowUp(actors["town.admin"], { findingId: f.id, status: "DONE" }), "INVALID");
    expect(noDay.issues).toEqual([{ path: "doneOn", message: "标记为已整改时，请填写完成日期" }]);
    expect(await updateFollowUp(actors["town.admin"], { findingId: f.id, status: "DONE", owner: "城南街道教育办", doneOn: "2020-05-20" })).toMatchObject({
      status: "DONE",
      doneOn: "2020-05-20",
    });
    expect(await updateFollowUp(actors["town.admin"], { findingId: f.id, status: "OPEN", doneOn: "2020-05-20" })).toMatchObject({ status: "OPEN", doneOn: null });
    expect(await db().auditLog.count({ where: { action: "survey.follow_up", entityId: f.id } })).toBe(3);
  });

  it("a town admin reads a district survey but cannot follow it up or add to it (NOT_FOUND); a unit above can", async () => {
    const d = await createSurvey(actors["district.admin"], input({ orgUnitId: units.district.id, unitIds: [units.town.id, units.siblingTown.id] }));
    const town = actors["town.admin"];
    const seen = await getSurvey(town, d.id);
    expect(seen).toMatchObject({ id: d.id, editable: false });
    expect(await getSurvey(actors["unit.admin"], d.id)).toMatchObject({ id: d.id, editable: false });
    const findingId = seen.findings[0].id;
    await expectAppError(updateFollowUp(town, { findingId, status: "IN_PROGRESS" }), "NOT_FOUND");
    await expectAppError(addFinding(town, { surveyId: d.id, category: "OTHER", text: "x" }), "NOT_FOUND");
    expect(await db().auditLog.count({ where: { action: "survey.follow_up", entityId: findingId } })).toBe(0);

    // The district follows up a town's survey (it is in its subtree).
    const t = await createSurvey(town, input());
    const tf = (await getSurvey(town, t.id)).findings[0];
    expect(await getSurvey(actors["district.admin"], t.id)).toMatchObject({ editable: true });
    await updateFollowUp(actors["district.admin"], { findingId: tf.id, status: "IN_PROGRESS" });
    const added = await addFinding(actors["district.admin"], { surveyId: t.id, category: "STATION_HARDWARE", text: "电脑老旧", dueOn: "2020-01-31" });
    expect(await db().surveyFinding.findUniqueOrThrow({ where: { id: added.id } })).toMatchObject({ orgUnitId: units.town.id, surveyId: t.id });
  });

  it("another town's and another district's surveys are not found", async () => {
    const sibling = await createSurvey(actors["district.admin"], input({ orgUnitId: units.siblingTown.id, unitIds: [units.villageOfSiblingTown.id] }));
    await expectAppError(getSurvey(actors["town.admin"], sibling.id), "NOT_FOUND");
    await expectAppError(getSurvey(actors["huaiyin.admin"], sibling.id), "NOT_FOUND");
    const f = (await getSurvey(actors["district.admin"], sibling.id)).findings[0];
    await expectAppError(updateFollowUp(actors["town.admin"], { findingId: f.id, status: "DONE", doneOn: "2020-01-01" }), "NOT_FOUND");
    expect((await openFindings(actors["town.admin"])).items.some((x) => x.survey.id === sibling.id)).toBe(false);
  });
});

describe("open findings by category", () => {
  it("counts open and in-progress findings per category across surveys in scope; done ones drop out; overdue marked", async () => {
    const actor = actors["district.admin"];
    const before = await openFindings(actor);
    const nextYear = `${Number(todayInBeijing().slice(0, 4)) + 1}-12-31`;
    const count = (o: typeof before, c: string) => o.counts.find((x) => x.category === c)!.count;
    expect(before.counts.map((c) => c.category)).toEqual(["LEADERSHIP_TEAM", "STATION_HARDWARE", "TEACHERS", "FUNDING", "OTHER"]);

    const a = await createSurvey(actor, input({
      orgUnitId: units.district.id,
      unitIds: [units.town.id],
      findings: [
        { category: "TEACHERS", text: "师资一", dueOn: "2019-01-31" },
        { category: "TEACHERS", text: "师资二", dueOn: nextYear },
        { category: "FUNDING", text: "经费一" },
      ],
    }));
    await createSurvey(actors["town.admin"], input({ findings: [{ category: "TEACHERS", text: "师资三" }] }));

    const after = await openFindings(actor);
    expect(count(after, "TEACHERS") - count(before, "TEACHERS")).toBe(3);
    expect(count(after, "FUNDING") - count(before, "FUNDING")).toBe(1);
    expect(count(after, "OTHER") - count(before, "OTHER")).toBe(0);
    expect(after.total - before.total).toBe(4);

    const mine = (o: typeof after) => o.items.filter((f) => f.survey.id === a.id);
    const teachers = await openFindings(actor, { category: "TEACHERS" });
    expect(teachers.items.every((f) => f.category === "TEACHERS")).toBe(true);
    // Soonest due first.
    expect(mine(teachers).map((f) => [f.text, f.overdue])).toEqual([
      ["师资一", true],
      ["师资二", false],
    ]);

    // Done drops out; in progress stays.
    await updateFollowUp(actor, { findingId: mine(teachers)[0].id, status: "DONE", doneOn: "2019-12-01" });
    await updateFollowUp(actor, { findingId: mine(teachers)[1].id, status: "IN_PROGRESS" });
    const later = await openFindings(actor);
    expect(count(later, "TEACHERS") - count(before, "TEACHERS")).toBe(2);
    expect(later.total - before.total).toBe(3);
  });

  it("a district survey's open findings reach a village admin (shared downward), not another district", async () => {
    const a = await createSurvey(actors["district.admin"], input({ orgUnitId: units.district.id, unitIds: [units.town.id], findings: [{ category: "OTHER", text: "其他问题" }] }));
    expect((await openFindings(actors["unit.admin"], { category: "OTHER" })).items.some((f) => f.survey.id === a.id)).toBe(true);
    expect((await openFindings(actors["huaiyin.admin"])).items.some((f) => f.survey.id === a.id)).toBe(false);
    // The seeded 2019 survey's open findings are there too, for everyone in the district.
    const seeded = await openFindings(actors["unit.admin"]);
    expect(seeded.items.some((f) => f.survey.title.startsWith("2019年基层关工委"))).toBe(true);
  });
});
