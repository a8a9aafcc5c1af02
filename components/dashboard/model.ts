/**
 * From the engine's answer to what the dashboard components draw: tile groups, the
 * comparison table's rows and the comparison chart's options. Plain data in, plain
 * data out, so server pages can hand the result to client components.
 */
import type { DashboardData, MetricInfo } from "@/lib/server/metrics/dashboard";
import type { MetricKey } from "@/lib/server/metrics/definitions";
import type { MetricsAnswer } from "@/lib/server/metrics/engine";
import type { CompareOption } from "./compare-chart";
import type { CompareRow } from "./compare-table";
import { formatRatio, formatValue, isRate } from "./format";
import { COMPARE_KEYS, TILE_GROUPS } from "./groups";
import type { Tile } from "./kpi-tiles";

export type InfoByKey = Record<MetricKey, MetricInfo>;
export const byKey = (infos: MetricInfo[]) => Object.fromEntries(infos.map((i) => [i.key, i])) as InfoByKey;

export function tileGroups(info: InfoByKey, d: DashboardData, drillHref: (key: MetricKey) => string): { title: string; tiles: Tile[] }[] {
  return TILE_GROUPS.map((g) => ({
    title: g.title,
    tiles: g.keys.map((key) => ({
      info: info[key],
      value: d.answer.metrics[key],
      previous: d.previous[key],
      href: info[key].kind === "rate" ? drillHref(key) : undefined,
    })),
  }));
}

export const compareColumns = (info: InfoByKey) => COMPARE_KEYS.map((key) => ({ key, label: info[key].label }));

export function compareRows(info: InfoByKey, answer: MetricsAnswer, childHref: (id: string) => string): CompareRow[] {
  return answer.children.map((c) => ({
    id: c.orgUnit.id,
    name: c.orgUnit.name,
    href: childHref(c.orgUnit.id),
    cells: Object.fromEntries(
      COMPARE_KEYS.map((key) => {
        const v = c.metrics[key];
        const rate = isRate(v);
        return [
          key,
          {
            sort: v.value,
            text: rate && v.denominator === 0 ? "—" : formatValue(info[key], v),
            sub: rate && v.denominator > 0 ? formatRatio(v) : undefined,
          },
        ];
      }),
    ),
  }));
}

/** Every rate that at least one child has figures for, with the children that do. */
export function compareOptions(info: InfoByKey, answer: MetricsAnswer): CompareOption[] {
  return Object.values(info)
    .filter((i) => i.kind === "rate")
    .map((i) => {
      const overall = answer.metrics[i.key];
      return {
        key: i.key,
        label: i.label,
        overall: isRate(overall) ? overall.value : null,
        bars: answer.children.flatMap((c) => {
          const v = c.metrics[i.key];
          return isRate(v) && v.value !== null ? [{ name: c.orgUnit.name, value: v.value }] : [];
        }),
      };
    })
    .filter((o) => o.bars.length > 0);
}

/** A dashboard URL for a year and (when not the viewer's own) a unit. */
export function dashboardHref(path: string, q: { year: number; unit?: string | null; metric?: string }): string {
  const sp = new URLSearchParams({ year: String(q.year) });
  if (q.unit) sp.set("unit", q.unit);
  if (q.metric) sp.set("metric", q.metric);
  return `${path}?${sp}`;
}
