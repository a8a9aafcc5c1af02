/**
 * The 五好 assessment (DOMAIN §4.3), pure. Each year the district sets a weight (full
 * marks) per item and a pass mark; a committee's total is the sum of its item points,
 * and it passes (达标) when the total reaches the pass mark. Ranking shares a place
 * between equal totals (1, 2, 2, 4), so naming 先进单位 never splits a tie by accident.
 */
import type { FiveGoodItem } from "@/lib/generated/prisma/enums";

export const FIVE_GOOD_ITEMS = ["LEADERSHIP", "VOLUNTEERS", "RULES", "VENUE", "RESULTS"] as const satisfies readonly FiveGoodItem[];

export const FIVE_GOOD_LABELS: Record<FiveGoodItem, string> = {
  LEADERSHIP: "领导班子好",
  VOLUNTEERS: "五老队伍好",
  RULES: "工作制度好",
  VENUE: "活动阵地好",
  RESULTS: "工作成效好",
};

export type Points = Record<FiveGoodItem, number>;

export interface Criteria {
  weights: Points;
  passMark: number;
}

/** What the district publishes when it has not decided otherwise: 20 marks each, pass at 80. */
export const DEFAULT_CRITERIA: Criteria = {
  weights: { LEADERSHIP: 20, VOLUNTEERS: 20, RULES: 20, VENUE: 20, RESULTS: 20 },
  passMark: 80,
};

export function fullMarks(c: Criteria): number {
  return FIVE_GOOD_ITEMS.reduce((sum, item) => sum + c.weights[item], 0);
}

export interface ScoreProblem {
  item: FiveGoodItem;
  message: string;
}

/** Points outside 0..weight, or not whole numbers, each with a message naming the item. */
export function checkPoints(c: Criteria, points: Points): ScoreProblem[] {
  return FIVE_GOOD_ITEMS.flatMap((item) => {
    const p = points[item];
    const label = FIVE_GOOD_LABELS[item];
    if (!Number.isInteger(p)) return [{ item, message: `${label}的得分须为整数` }];
    if (p < 0) return [{ item, message: `${label}的得分不能为负数` }];
    if (p > c.weights[item]) return [{ item, message: `${label}满分 ${c.weights[item]} 分，得分不能超过满分` }];
    return [];
  });
}

export function score(c: Criteria, points: Points): { total: number; passed: boolean } {
  const total = FIVE_GOOD_ITEMS.reduce((sum, item) => sum + points[item], 0);
  return { total, passed: total >= c.passMark };
}

export interface Ranked<T> {
  rank: number;
  row: T;
}

/** Highest total first; equal totals share a rank and are ordered by name. */
export function rankByTotal<T extends { total: number; name: string }>(rows: readonly T[]): Ranked<T>[] {
  const sorted = [...rows].sort((a, b) => b.total - a.total || a.name.localeCompare(b.name, "zh-CN"));
  let rank = 0;
  return sorted.map((row, i) => {
    if (i === 0 || row.total !== sorted[i - 1].total) rank = i + 1;
    return { rank, row };
  });
}
