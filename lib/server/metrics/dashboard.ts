import "server-only";
/**
 * What the dashboard, its Excel export and the printed report show for a unit and a
 * year: the engine's answer, last year's figures (for "较上年"), the months, and for a
 * rate the units behind it. Every number comes from engine.ts; this file only gathers.
 */
import type { Actor } from "../actor";
import { db } from "../db";
import { notFound } from "../errors";
import { scope } from "../scope";
import { currentYear, dayDate } from "@/lib/schemas/dates";
import { METRIC_BY_KEY, METRICS, type MetricDef, type MetricKey } from "./definitions";
import { failingAt, metricsAt, metricsTarget, monthlyAt, type FailingUnit, type MetricsTarget } from "./engine";

/** A metric's definition without its SQL: plain data a component may receive. */
export type MetricInfo = Omit<MetricDef, "sql">;

export const metricInfos = (): MetricInfo[] =>
  METRICS.map((m) => ({ key: m.key, label: m.label, kind: m.kind, unit: m.unit, failingLabel: m.failingLabel, explain: m.explain }));

/** A rate's key from a URL segment or query, or NOT_FOUND (counts have no drill-down). */
export function rateKey(raw: unknown): MetricKey {
  if (typeof raw !== "string" || !Object.hasOwn(METRIC_BY_KEY, raw)) throw notFound();
  const key = raw as MetricKey;
  if (METRIC_BY_KEY[key].kind !== "rate") throw notFound();
  return key;
}

/** The rates a printed report lists failing units for (DOMAIN §5: 五好, 零犯罪, 辅导站活动). */
export const REPORT_FAILING_KEYS = ["fiveGoodRate", "youthZeroCrimeRate", "stationActivityCompliance"] as const satisfies readonly MetricKey[];

/**
 * The year a dashboard opens on: this year once anything has been logged in it; before
 * that (early January, or a district that has just started), the last year the
 * district confirmed its 五好 assessment, i.e. the last complete year.
 */
export async function defaultDashboardYear(actor: Actor): Promise<number> {
  const thisYear = currentYear();
  const [activity, round] = await Promise.all([
    db().activity.findFirst({ where: { ...scope.activities(actor), date: { gte: dayDate(`${thisYear}-01-01`) } }, select: { id: true } }),
    db().assessmentRound.findFirst({
      where: { ...scope.assessmentRounds(actor), status: "CONFIRMED", year: { lt: thisYear } },
      orderBy: { year: "desc" },
      select: { year: true },
    }),
  ]);
  return activity || !round ? thisYear : round.year;
}

/**
 * The dashboard of a unit (its whole subtree) for a year, and the failing units of the
 * rates in `failingKeys` (the report, the export); one scope check for all. NOT_FOUND outside scope.
 */
export async function dashboardData(actor: Actor, q: { unitId: string; year: number; failingKeys?: readonly MetricKey[] }) {
  const t = await metricsTarget(actor, q.unitId);
  const [answer, previous, monthly, failing] = await Promise.all([
    metricsAt(t, { year: q.year }),
    metricsAt(t, { year: q.year - 1 }),
    monthlyAt(t, q.year),
    failingListsAt(t, q.year, q.failingKeys ?? []),
  ]);
  return { answer, previous: previous.metrics, monthly, failing };
}

/** One rate of a unit and the units behind it (the drill-down page); one scope check. */
export async function drillDown(actor: Actor, q: { unitId: string; year: number }, key: MetricKey) {
  const t = await metricsTarget(actor, q.unitId);
  const [answer, units] = await Promise.all([metricsAt(t, { year: q.year, keys: [key] }), failingAt(t, { year: q.year }, key)]);
  return { answer, units };
}
export type DashboardData = Awaited<ReturnType<typeof dashboardData>>;
export type Month = DashboardData["monthly"][number];

export interface FailingList {
  key: MetricKey;
  units: FailingUnit[];
}

export function failingListsAt(t: MetricsTarget, year: number, keys: readonly MetricKey[]): Promise<FailingList[]> {
  return Promise.all(keys.map(async (key) => ({ key, units: await failingAt(t, { year }, key) })));
}
