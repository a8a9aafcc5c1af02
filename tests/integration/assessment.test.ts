/**
 * The annual 五好 assessment against real PostgreSQL: the district sets and publishes a
 * year's criteria, which freeze at the first score; towns score their own villages only;
 * a draft year cannot be scored; a confirmed year is locked for towns and amended by the
 * district only with a reason, which the audit entry keeps; 先进单位 only when passed.
 * Each test uses its own year (2031…) that no seed uses: the database is shared by the run.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import type { Actor } from "@/lib/server/actor";
import {
  confirmRound,
  createRound,
  fiveGoodForUnit,
  LOCKED_MESSAGE,
  noticeOf,
  publishRound,
  roundResults,
  scoreForm,
  scoreUnit,
  setAdvanced,
  updateRound,
} from "@/lib/server/rules/assessment";
import { DEFAULT_CRITERIA, type Points } from "@/lib/server/rules/scoring";
import { actorFor } from "../support/actors";
import { demoUnits, expectAppError, type DemoUnits } from "../support/fixtures";

let units: DemoUnits;
const actors: Record<string, Actor> = {};
/** Villages of 城南街道 (town.admin's town), for tests that need several. */
let townVillages: { id: string; name: string }[];

beforeAll(async () => {
  units = await demoUnits();
  for (const u of ["district.admin", "town.admin", "unit.admin", "leader", "huaiyin.admin"]) actors[u] = await actorFor(u);
  townVillages = await db().orgUnit.findMany({
    where: { parentId: units.town.id, level: "VILLAGE", active: true },
    orderBy: { code: "asc" },
    select: { id: true, name: true },
  });
  expect(townVillages.length).toBeGreaterThanOrEqual(3);
});

const pts = (l: number, v: number, r: number, ve: number, re: number): Points => ({ LEADERSHIP: l, VOLUNTEERS: v, RULES: r, VENUE: ve, RESULTS: re });
const criteria = (year: number, over: { passMark?: number; weights?: Points } = {}) => ({
  year,
  passMark: over.passMark ?? DEFAULT_CRITERIA.passMark,
  weights: over.weights ?? DEFAULT_CRITERIA.weights,
});
const district = () => actors["district.admin"];
const town = () => actors["town.admin"];

async function openRound(year: number, over: { passMark?: number; weights?: Points } = {}) {
  await createRound(district(), criteria(year, over));
  await publishRound(district(), { year });
}

const score = (actor: Actor, year: number, orgUnitId: string, points: Points, extra: { comment?: string; reason?: string } = {}) =>
  scoreUnit(actor, { year, orgUnitId, points, ...extra });

const resultsOf = (year: number) => db().assessmentResult.findMany({ where: { round: { tenantId: units.district.tenantId, year } } });

describe("criteria", () => {
  it("only the district creates a year; a year exists once; a draft year cannot be scored", async () => {
    const year = 2031;
    await expectAppError(createRound(town(), criteria(year)), "FORBIDDEN");
    const round = await createRound(district(), criteria(year));
    expect(round).toMatchObject({ year, status: "DRAFT", passMark: 80, publishedAt: null });
    expect(round.criteria).toHaveLength(5);

    const dup = await expectAppError(createRound(district(), criteria(year)), "INVALID");
    expect(dup.issues[0]).toMatchObject({ path: "year", message: expect.stringContaining("已经建立") });

    const draft = await expectAppError(score(town(), year, units.village.id, pts(16, 16, 16, 16, 16)), "CONFLICT");
    expect(draft.message).toContain("尚未发布");
    expect(await resultsOf(year)).toHaveLength(0);
    const form = await scoreForm(town(), year, units.village.id);
    expect(form.mode).toBe("draft");

    // Confirming needs a published year with at least one score.
    expect((await expectAppError(confirmRound(district(), { year }), "CONFLICT")).message).toContain("尚未发布");
    await publishRound(district(), { year });
    await expectAppError(publishRound(district(), { year }), "CONFLICT");
    expect((await expectAppError(confirmRound(district(), { year }), "CONFLICT")).message).toContain("还没有任何");
    await score(town(), year, units.village.id, pts(16, 16, 16, 16, 16));
    expect(await resultsOf(year)).toHaveLength(1);
  });

  it("pass mark not above full marks, weights 1..100, at their field paths", async () => {
    const over = await expectAppError(createRound(district(), criteria(2032, { passMark: 101 })), "INVALID");
    expect(over.issues).toEqual([{ path: "passMark", message: "达标分数线不能高于满分合计 100 分" }]);
    const w = await expectAppError(createRound(district(), criteria(2032, { weights: pts(0, 20, 20, 20, 120) })), "INVALID");
    expect(w.issues.map((i) => i.path)).toEqual(["weights.LEADERSHIP", "weights.RESULTS"]);
    expect(await db().assessmentRound.count({ where: { tenantId: units.district.tenantId, year: 2032 } })).toBe(0);
  });

  it("can change until the first score, then are frozen (also for a published year)", async () => {
    const year = 2033;
    await createRound(district(), criteria(year));
    const weights = pts(30, 15, 15, 15, 25);
    const edited = await updateRound(district(), { ...criteria(year, { passMark: 85, weights }), guidance: { LEADERSHIP: "主任、常务副主任配齐配强" } });
    expect(edited.passMark).toBe(85);
    expect(edited.criteria.find((c) => c.item === "LEADERSHIP")).toMatchObject({ weight: 30, guidance: "主任、常务副主任配齐配强" });
    await expectAppError(updateRound(town(), criteria(year)), "FORBIDDEN");

    await publishRound(district(), { year });
    await updateRound(district(), criteria(year, { passMark: 84, weights }));
    const r = await score(town(), year, units.village.id, pts(30, 15, 15, 15, 9));
    expect(r).toMatchObject({ total: 84, passed: true });

    const frozen = await expectAppError(updateRound(district(), criteria(year, { passMark: 60 })), "CONFLICT");
    expect(frozen.message).toContain("考核标准已冻结");
    const round = await db().assessmentRound.findFirstOrThrow({ where: { tenantId: units.district.tenantId, year }, include: { criteria: true } });
    expect(round.passMark).toBe(84);
    expect(Object.fromEntries(round.criteria.map((c) => [c.item, c.weight]))).toEqual(weights);
  });

  it("a criteria change racing the first score: either the change wins and the score uses it, or it is refused", async () => {
    for (const year of [2034, 2035, 2036]) {
      await openRound(year);
      const [update, scored] = await Promise.allSettled([
        updateRound(district(), criteria(year, { passMark: 90 })),
        score(town(), year, units.village.id, pts(17, 17, 17, 17, 17)),
      ]);
      expect(scored.status).toBe("fulfilled");
      const round = await db().assessmentRound.findFirstOrThrow({ where: { tenantId: units.district.tenantId, year } });
      const [result] = await resultsOf(year);
      if (update.status === "fulfilled") {
        expect(round.passMark).toBe(90);
        expect(result.passed).toBe(false);
      } else {
        expect(update.reason).toMatchObject({ code: "CONFLICT" });
        expect(round.passMark).toBe(80);
        expect(result.passed).toBe(true);
      }
    }
  });
});

describe("scoring", () => {
  it("a town admin scores villages of their town only: another town's village is not found, a town is not assessed", async () => {
    const year = 2037;
    await openRound(year);
    await expectAppError(score(town(), year, units.villageOfSiblingTown.id, pts(16, 16, 16, 16, 16)), "NOT_FOUND");
    await expectAppError(scoreForm(town(), year, units.villageOfSiblingTown.id), "NOT_FOUND");
    await expectAppError(score(actors["huaiyin.admin"], year, units.village.id, pts(16, 16, 16, 16, 16)), "NOT_FOUND");
    const level = await expectAppError(score(town(), year, units.town.id, pts(16, 16, 16, 16, 16)), "INVALID");
    expect(level.issues).toEqual([{ path: "orgUnitId", message: "只有村（社区）关工委参加“五好”考核" }]);
    await expectAppError(score(district(), year, units.townSchool.id, pts(16, 16, 16, 16, 16)), "INVALID");
    await expectAppError(score(actors["leader"], year, units.village.id, pts(16, 16, 16, 16, 16)), "FORBIDDEN");
    await expectAppError(score(actors["unit.admin"], year, units.village.id, pts(16, 16, 16, 16, 16)), "FORBIDDEN");
    expect(await resultsOf(year)).toHaveLength(0);

    // The district scores any village; the town its own.
    await score(district(), year, units.villageOfSiblingTown.id, pts(20, 20, 20, 20, 20));
    await score(town(), year, units.village.id, pts(16, 16, 16, 16, 16));
    expect(await resultsOf(year)).toHaveLength(2);
  });

  it("points are checked against the year's full marks at `points.<item>`; a second score replaces the first", async () => {
    const year = 2038;
    await openRound(year, { weights: pts(30, 15, 15, 15, 25), passMark: 85 });
    const bad = await expectAppError(score(town(), year, units.village.id, pts(31, -1, 7.5, 15, 25)), "INVALID");
    expect(bad.issues).toEqual([
      { path: "points.LEADERSHIP", message: "领导班子好满分 30 分，得分不能超过满分" },
      { path: "points.VOLUNTEERS", message: "五老队伍好的得分不能为负数" },
      { path: "points.RULES", message: "工作制度好的得分须为整数" },
    ]);
    // 25 is fine for leadership this year (full marks 30), though more than the default 20.
    const first = await score(town(), year, units.village.id, pts(25, 15, 15, 15, 15), { comment: "班子健全" });
    expect(first).toMatchObject({ total: 85, passed: true, comment: "班子健全" });
    const second = await score(town(), year, units.village.id, pts(25, 15, 15, 15, 14));
    expect(second).toMatchObject({ id: first.id, total: 84, passed: false, comment: null });
    const rows = await resultsOf(year);
    expect(rows).toHaveLength(1);
    expect(rows[0].points).toEqual(pts(25, 15, 15, 15, 14));
  });

  it("results list: only villages in scope, ranks shared on ties, filters by town and result", async () => {
    const year = 2039;
    await openRound(year);
    const [a, b, c] = townVillages;
    await score(town(), year, a.id, pts(18, 18, 18, 18, 18)); // 90
    await score(town(), year, b.id, pts(18, 18, 18, 18, 18)); // 90
    await score(town(), year, c.id, pts(16, 16, 16, 16, 15)); // 79
    await score(district(), year, units.villageOfSiblingTown.id, pts(20, 20, 20, 20, 20)); // 100, outside 城南街道

    const mine = await roundResults(town(), year);
    expect(mine.rows.every((r) => r.town === units.town.name)).toBe(true);
    expect(mine.rows.find((r) => r.id === units.villageOfSiblingTown.id)).toBeUndefined();
    const rank = (id: string) => mine.rows.find((r) => r.id === id)?.rank;
    expect([rank(a.id), rank(b.id), rank(c.id)]).toEqual([1, 1, 3]);
    expect(mine.rows.find((r) => r.id === c.id)?.result).toMatchObject({ total: 79, passed: false });

    const all = await roundResults(district(), year);
    expect(all.rows.find((r) => r.id === units.villageOfSiblingTown.id)?.rank).toBe(1);
    expect(all.rows.find((r) => r.id === a.id)?.rank).toBe(2);
    const filtered = await roundResults(district(), year, { town: units.town.id, result: "failed" });
    expect(filtered.rows.map((r) => r.id)).toEqual([c.id]);
    const unscored = await roundResults(town(), year, { result: "unscored" });
    expect(unscored.rows.some((r) => [a.id, b.id, c.id].includes(r.id))).toBe(false);
    // The leader reads; another district does not even see the year.
    await expect(roundResults(actors["leader"], year)).resolves.toBeTruthy();
    await expectAppError(roundResults(actors["huaiyin.admin"], year), "NOT_FOUND");
  });
});

describe("a confirmed year", () => {
  it("is locked for the town admin; the district amends only with a reason, and the audit keeps it", async () => {
    const year = 2040;
    await openRound(year);
    const first = await score(town(), year, units.village.id, pts(16, 16, 16, 16, 16));
    await expectAppError(confirmRound(town(), { year }), "FORBIDDEN");
    const confirmed = await confirmRound(district(), { year });
    expect(confirmed.status).toBe("CONFIRMED");
    expect(confirmed.confirmedAt).toBeInstanceOf(Date);

    const locked = await expectAppError(score(town(), year, units.village.id, pts(20, 20, 20, 20, 20)), "FORBIDDEN");
    expect(locked.message).toBe(LOCKED_MESSAGE);
    expect((await scoreForm(town(), year, units.village.id)).mode).toBe("locked");
    expect((await scoreForm(district(), year, units.village.id)).mode).toBe("amend");

    const noReason = await expectAppError(score(district(), year, units.village.id, pts(15, 16, 16, 16, 16)), "INVALID");
    expect(noReason.issues[0]).toMatchObject({ path: "reason" });
    await expectAppError(score(district(), year, units.village.id, pts(15, 16, 16, 16, 16), { reason: "   " }), "INVALID");
    const [unchanged] = await resultsOf(year);
    expect(unchanged.total).toBe(80);

    const reason = "复核发现领导班子一项多计 1 分";
    const amended = await score(district(), year, units.village.id, pts(15, 16, 16, 16, 16), { reason });
    expect(amended).toMatchObject({ id: first.id, total: 79, passed: false });
    const audit = await db().auditLog.findFirstOrThrow({ where: { action: "assessment.score", entityId: first.id }, orderBy: { id: "desc" } });
    expect(audit.actorName).toBe("district.admin");
    expect(audit.after).toMatchObject({ reason, total: 79, passed: false });
    expect(audit.before).toMatchObject({ total: 80, passed: true });

    // Criteria of a confirmed year never change.
    await expectAppError(updateRound(district(), criteria(year, { passMark: 70 })), "CONFLICT");
  });
});

describe("先进单位", () => {
  it("only a passed village; a rescore below the mark takes the title away; the notice lists them by town", async () => {
    const year = 2041;
    await openRound(year);
    const [a, b, c] = townVillages;
    await score(town(), year, a.id, pts(19, 19, 19, 19, 19)); // 95
    await score(town(), year, b.id, pts(15, 15, 15, 15, 15)); // 75

    const failed = await expectAppError(setAdvanced(district(), { year, orgUnitId: b.id, advanced: true }), "CONFLICT");
    expect(failed.message).toContain("未达标");
    expect((await expectAppError(setAdvanced(district(), { year, orgUnitId: c.id, advanced: true }), "CONFLICT")).message).toContain("还没有评分");
    await expectAppError(setAdvanced(town(), { year, orgUnitId: a.id, advanced: true }), "FORBIDDEN");
    await expectAppError(setAdvanced(actors["huaiyin.admin"], { year, orgUnitId: a.id, advanced: true }), "NOT_FOUND");

    await setAdvanced(district(), { year, orgUnitId: a.id, advanced: "on" });
    await score(district(), year, units.villageOfSiblingTown.id, pts(20, 20, 20, 20, 18));
    await setAdvanced(district(), { year, orgUnitId: units.villageOfSiblingTown.id, advanced: true });

    const notice = await noticeOf(district(), year);
    expect(notice.advancedCount).toBe(2);
    expect(notice.partial).toBe(false);
    expect(notice.groups.map((g) => g.town).sort()).toEqual([units.town.name, units.siblingTown.name].sort());
    expect(notice.groups.flatMap((g) => g.units)).toContain(a.name);
    // A town admin's notice holds only their own town.
    const theirs = await noticeOf(town(), year);
    expect(theirs).toMatchObject({ partial: true, advancedCount: 1, groups: [{ town: units.town.name, units: [a.name] }] });

    // Rescored below the pass mark: no longer 先进单位 (the CHECK advanced ⇒ passed holds).
    await score(town(), year, a.id, pts(15, 15, 15, 15, 15));
    const row = await db().assessmentResult.findFirstOrThrow({ where: { orgUnitId: a.id, round: { tenantId: units.district.tenantId, year } } });
    expect(row).toMatchObject({ passed: false, advanced: false });
  });
});

describe("the village's 五好 status on its unit page", () => {
  it("shows the latest year (in progress, with the last confirmed one) and only for villages in scope", async () => {
    const year = 2042;
    const village = units.siblingVillage;
    await openRound(year);
    await score(town(), year, village.id, pts(17, 17, 17, 17, 16));

    const open = await fiveGoodForUnit(town(), village.id);
    expect(open?.latest).toMatchObject({ year, status: "PUBLISHED", total: 84, passed: true, passMark: 80, fullMarks: 100 });
    expect(open?.latest.points[0]).toMatchObject({ item: "LEADERSHIP", label: "领导班子好", points: 17, weight: 20 });
    // Other years exist (the demo seed confirmed 2019 for every village): the one shown beside is the latest confirmed one.
    const lastConfirmed = await db().assessmentResult.findFirst({
      where: { orgUnitId: village.id, round: { status: "CONFIRMED" } },
      orderBy: { round: { year: "desc" } },
      select: { round: { select: { year: true } } },
    });
    expect(lastConfirmed, "a confirmed year of this village").not.toBeNull();
    expect(lastConfirmed!.round.year).toBeLessThan(year);
    expect(open?.confirmed).toMatchObject({ status: "CONFIRMED", year: lastConfirmed!.round.year });

    await confirmRound(district(), { year });
    const done = await fiveGoodForUnit(actors["leader"], village.id);
    expect(done).toMatchObject({ latest: { year, status: "CONFIRMED" }, confirmed: null });

    expect(await fiveGoodForUnit(district(), units.town.id)).toBeNull();
    await expectAppError(fiveGoodForUnit(town(), units.villageOfSiblingTown.id), "NOT_FOUND");
    await expectAppError(fiveGoodForUnit(actors["unit.admin"], village.id), "NOT_FOUND");
  });
});
