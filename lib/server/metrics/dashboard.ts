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
import { todayInBeijing } from "@/lib/schemas/dates";
import { METRIC_BY_KEY, METRICS, type MetricDef, type MetricKey } from "./definitions";
import { computeMetrics, failingUnits, monthlyActivity, type FailingUnit } from "./engine";

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
  const thisYear = Number(todayInBeijing().slice(0, 4));
  const [activity, round] = await Promise.all([
    db().activity.findFirst({ where: { ...scope.activities(actor), date: { gte: new Date(`${thisYear}-01-01T00:00:00Z`) } }, select: { id: true } }),
    db().assessmentRound.findFirst({
      where: { ...scope.assessmentRounds(actor), status: "CONFIRMED", year: { lt: thisYear } },
      orderBy: { year: "desc" },
      select: { year: true },
    }),
  ]);
  return activity || !round ? thisYear : round.year;
}

/** The dashboard of a unit (its whole subtree) for a year; NOT_FOUND outside scope. */
export async function dashboardData(actor: Actor, q: { unitId: string; year: number }) {
  const [answer, previous, monthly] = await Promise.all([
    computeMetrics(actor, { orgUnitId: q.unitId, year: q.year }),
    computeMetrics(actor, { orgUnitId: q.unitId, year: q.year - 1 }),
    monthlyActivity(actor, { orgUnitId: q.unitId, year: q.year }),
  ]);
  return { answer, previous: previous.metrics, monthly };
}
export type DashboardData = Awaited<ReturnType<typeof dashboardData>>;
export type Month = DashboardData["monthly"][number];

export interface FailingList {
  key: MetricKey;
  units: FailingUnit[];
}

/** Failing units of several rates for the same unit and year (the report, the export). */
export function failingLists(actor: Actor, q: { unitId: string; year: number }, keys: readonly MetricKey[]): Promise<FailingList[]> {
  return Promise.all(keys.map(async (key) => ({ key, units: await failingUnits(actor, { orgUnitId: q.unitId, year: q.year }, key) })));
}
