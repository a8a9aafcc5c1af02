/**
 * Metric numbers as Chinese readers expect them: rates as 73.6% with n / m, counts
 * with thousands separators up to 9,999 and in 万 above, money (fen) in 万元, and the
 * change from last year in 个百分点 or in the count's own unit. Pure: used by server
 * pages and client charts alike.
 */
import type { MetricInfo } from "@/lib/server/metrics/dashboard";
import type { MetricValue, RateValue } from "@/lib/server/metrics/engine";
import { formatWan } from "@/lib/schemas/station";

export const isRate = (v: MetricValue): v is RateValue => "numerator" in v;
/** A count's value (a rate's numerator if handed one by mistake: never null). */
export const countOf = (v: MetricValue): number => (isRate(v) ? v.numerator : v.value);

const trimZeros = (s: string) => s.replace(/\.?0+$/, "");

/** 0.7364 → "73.6%"; null (nothing counted) → "—". */
export function formatPercent(value: number | null): string {
  return value === null ? "—" : `${(value * 100).toFixed(1)}%`;
}

/** 1234 → "1,234"; 16512 → "1.65万". */
export function formatCount(n: number): string {
  if (Math.abs(n) < 10_000) return n.toLocaleString("zh-CN");
  return `${trimZeros((n / 10_000).toFixed(2))}万`;
}

/** A count with its unit: "3,120 次", "2.87万 人次", "72.6万元". */
export function formatAmount(info: Pick<MetricInfo, "unit">, n: number): string {
  if (info.unit === "fen") return formatWan(BigInt(Math.round(n)));
  return info.unit ? `${formatCount(n)} ${info.unit}` : formatCount(n);
}

/** The headline of a tile or a table cell. */
export function formatValue(info: Pick<MetricInfo, "unit">, v: MetricValue): string {
  return isRate(v) ? formatPercent(v.value) : formatAmount(info, countOf(v));
}

/** "81 / 110". */
export const formatRatio = (v: RateValue) => `${v.numerator.toLocaleString("zh-CN")} / ${v.denominator.toLocaleString("zh-CN")}`;

export interface Change {
  direction: "up" | "down" | "flat" | "none";
  /** "较上年 +3.6 个百分点", "较上年 -120 次", "与上年持平", "上年无数据"; empty when this year has nothing. */
  text: string;
}

/** The change from last year; rates in percentage points (from the exact fractions), counts in their unit. */
export function changeFromLastYear(info: Pick<MetricInfo, "unit">, current: MetricValue, previous: MetricValue | undefined): Change {
  if (!previous) return { direction: "none", text: "上年无数据" };
  let delta: number;
  let text: (abs: string) => string;
  if (isRate(current) && isRate(previous)) {
    if (current.denominator === 0) return { direction: "none", text: "" };
    if (previous.denominator === 0) return { direction: "none", text: "上年无数据" };
    const points = (current.numerator / current.denominator - previous.numerator / previous.denominator) * 100;
    delta = Number(points.toFixed(1));
    text = (abs) => `${abs} 个百分点`;
  } else {
    delta = countOf(current) - countOf(previous);
    text = (abs) => formatAmount(info, Number(abs));
  }
  if (delta === 0) return { direction: "flat", text: "与上年持平" };
  const abs = isRate(current) ? Math.abs(delta).toFixed(1) : String(Math.abs(delta));
  return { direction: delta > 0 ? "up" : "down", text: `较上年 ${delta > 0 ? "+" : "-"}${text(abs)}` };
}
