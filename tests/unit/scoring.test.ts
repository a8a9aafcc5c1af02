/**
 * The 五好 rules of lib/server/rules/scoring.ts: totals by the year's weights, the pass
 * mark (reaching it passes, one below fails), the checks on points, and ranks that
 * share a place between equal totals. Plus the assessment form schema's field paths.
 */
import { describe, expect, it } from "vitest";
import { checkPoints, DEFAULT_CRITERIA, FIVE_GOOD_ITEMS, fullMarks, rankByTotal, score, type Criteria, type Points } from "@/lib/server/rules/scoring";
import { nestFields, ZRoundCriteria, ZScoreUnit } from "@/lib/schemas/assessment";

const pts = (l: number, v: number, r: number, ve: number, re: number): Points => ({ LEADERSHIP: l, VOLUNTEERS: v, RULES: r, VENUE: ve, RESULTS: re });

/** A year that weighs leadership and results more: 30 + 15 + 15 + 15 + 25 = 100, pass at 85. */
const WEIGHTED: Criteria = { weights: pts(30, 15, 15, 15, 25), passMark: 85 };

describe("fullMarks", () => {
  it("is the sum of the item weights", () => {
    expect(fullMarks(DEFAULT_CRITERIA)).toBe(100);
    expect(fullMarks(WEIGHTED)).toBe(100);
    expect(fullMarks({ weights: pts(10, 10, 10, 10, 5), passMark: 30 })).toBe(45);
  });
});

describe("score", () => {
  it("adds the item points, whatever the weights", () => {
    expect(score(WEIGHTED, pts(28, 14, 13, 12, 20))).toEqual({ total: 87, passed: true });
    expect(score(DEFAULT_CRITERIA, pts(0, 0, 0, 0, 0))).toEqual({ total: 0, passed: false });
    expect(score(DEFAULT_CRITERIA, pts(20, 20, 20, 20, 20))).toEqual({ total: 100, passed: true });
  });

  it("passes exactly at the pass mark and fails one below", () => {
    expect(score(DEFAULT_CRITERIA, pts(16, 16, 16, 16, 16))).toEqual({ total: 80, passed: true });
    expect(score(DEFAULT_CRITERIA, pts(16, 16, 16, 16, 15))).toEqual({ total: 79, passed: false });
    expect(score(WEIGHTED, pts(30, 15, 15, 15, 10))).toEqual({ total: 85, passed: true });
    expect(score(WEIGHTED, pts(30, 15, 15, 15, 9))).toEqual({ total: 84, passed: false });
  });

  it("judges by the year's own pass mark", () => {
    const lenient: Criteria = { ...DEFAULT_CRITERIA, passMark: 60 };
    expect(score(lenient, pts(12, 12, 12, 12, 12)).passed).toBe(true);
    expect(score(DEFAULT_CRITERIA, pts(12, 12, 12, 12, 12)).passed).toBe(false);
  });
});

describe("checkPoints", () => {
  it("accepts whole points from 0 to each item's full marks", () => {
    expect(checkPoints(WEIGHTED, pts(30, 0, 15, 7, 25))).toEqual([]);
  });

  it("names the item and says what is wrong: over full marks, negative, not whole", () => {
    expect(checkPoints(WEIGHTED, pts(31, -1, 7.5, 15, 25))).toEqual([
      { item: "LEADERSHIP", message: "领导班子好满分 30 分，得分不能超过满分" },
      { item: "VOLUNTEERS", message: "五老队伍好的得分不能为负数" },
      { item: "RULES", message: "工作制度好的得分须为整数" },
    ]);
  });

  it("checks against this year's weight of the item, not a fixed 20", () => {
    expect(checkPoints(WEIGHTED, pts(25, 15, 15, 15, 25))).toEqual([]);
    expect(checkPoints(DEFAULT_CRITERIA, pts(25, 15, 15, 15, 20)).map((p) => p.item)).toEqual(["LEADERSHIP"]);
  });
});

describe("rankByTotal", () => {
  it("orders by total, equal totals share a rank and the next rank skips (1, 2, 2, 4)", () => {
    const ranked = rankByTotal([
      { name: "乙村", total: 88 },
      { name: "甲村", total: 92 },
      { name: "丁村", total: 70 },
      { name: "丙村", total: 88 },
    ]);
    expect(ranked.map((r) => [r.rank, r.row.total])).toEqual([
      [1, 92],
      [2, 88],
      [2, 88],
      [4, 70],
    ]);
    // Within a tie the order is by name, so the list is stable.
    const tied = ranked.filter((r) => r.rank === 2).map((r) => r.row.name);
    expect(tied).toEqual([...tied].sort((a, b) => a.localeCompare(b, "zh-CN")));
  });

  it("gives everyone rank 1 when all totals are equal, and nothing for no rows", () => {
    expect(rankByTotal([{ name: "a", total: 80 }, { name: "b", total: 80 }]).map((r) => r.rank)).toEqual([1, 1]);
    expect(rankByTotal([])).toEqual([]);
  });
});

describe("assessment form schemas", () => {
  const form = (over: Record<string, string>) => ({
    year: "2031",
    orgUnitId: "x",
    ...Object.fromEntries(FIVE_GOOD_ITEMS.map((i) => [`points.${i}`, "16"])),
    ...over,
  });

  it("nests `points.X` fields and reports a missing or non-numeric point at its item's path", () => {
    const ok = ZScoreUnit.parse(nestFields(form({})));
    expect(ok.points).toEqual(pts(16, 16, 16, 16, 16));
    const bad = ZScoreUnit.safeParse(nestFields(form({ "points.LEADERSHIP": "", "points.VENUE": "十" })));
    expect(bad.success).toBe(false);
    expect(bad.error!.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["points.LEADERSHIP", "请填写领导班子好的得分"],
      ["points.VENUE", "活动阵地好的得分须为数字"],
    ]);
  });

  it("criteria: weight per item 1..100, a pass mark not above full marks", () => {
    const criteria = (over: Record<string, string>) =>
      nestFields({ year: "2031", passMark: "80", ...Object.fromEntries(FIVE_GOOD_ITEMS.map((i) => [`weights.${i}`, "20"])), ...over });
    expect(ZRoundCriteria.parse(criteria({})).weights).toEqual(DEFAULT_CRITERIA.weights);
    const weights = ZRoundCriteria.safeParse(criteria({ "weights.RULES": "0", "weights.RESULTS": "101" }));
    expect(weights.error!.issues.map((i) => i.path.join("."))).toEqual(["weights.RULES", "weights.RESULTS"]);
    const pass = ZRoundCriteria.safeParse(criteria({ passMark: "101" }));
    expect(pass.error!.issues).toMatchObject([{ path: ["passMark"], message: "达标分数线不能高于满分合计 100 分" }]);
    expect(ZRoundCriteria.safeParse(criteria({ year: "1999" })).success).toBe(false);
  });
});
