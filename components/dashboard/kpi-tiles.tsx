import Link from "next/link";
import type { MetricInfo } from "@/lib/server/metrics/dashboard";
import type { MetricValue } from "@/lib/server/metrics/engine";
import { formatYuan } from "@/lib/schemas/station";
import { changeFromLastYear, formatRatio, formatValue, isRate, type Change } from "./format";

export interface Tile {
  info: MetricInfo;
  value: MetricValue;
  previous?: MetricValue;
  /** The drill-down, for rates. */
  href?: string;
}

const ARROW: Record<Change["direction"], string> = { up: "↑", down: "↓", flat: "→", none: "" };
const ARROW_CLASS: Record<Change["direction"], string> = { up: "text-green-700", down: "text-amber-700", flat: "text-gray-500", none: "" };

/** Under a count in 万: the exact figure ("28,712 人次", "726,000 元"). */
function exactCount(info: MetricInfo, n: number): string | null {
  if (info.unit === "fen") return formatYuan(BigInt(Math.round(n)));
  return Math.abs(n) >= 10_000 ? `${n.toLocaleString("zh-CN")}${info.unit ? ` ${info.unit}` : ""}` : null;
}

export function KpiTile({ info, value, previous, href }: Tile) {
  const change = changeFromLastYear(info, value, previous);
  const empty = isRate(value) && value.denominator === 0;
  const sub = isRate(value) ? (empty ? "该年度暂无数据" : formatRatio(value)) : exactCount(info, value.value);
  return (
    <article data-testid={`tile-${info.key}`} className="flex flex-col rounded-lg border border-gray-200 bg-white p-4">
      <h3 className="text-base text-gray-600">{info.label}</h3>
      <p className={`mt-1 text-3xl font-semibold tabular-nums ${empty ? "text-gray-400" : "text-gray-900"}`}>{formatValue(info, value)}</p>
      {sub && <p className="text-base tabular-nums text-gray-700">{sub}</p>}
      {change.text && (
        <p className="text-base text-gray-600">
          {ARROW[change.direction] && (
            <span aria-hidden className={`mr-1 font-semibold ${ARROW_CLASS[change.direction]}`}>
              {ARROW[change.direction]}
            </span>
          )}
          {change.text}
        </p>
      )}
      {href && !empty && (
        <Link href={href} aria-label={`查看${info.failingLabel ?? "明细"}`} className="no-print mt-auto inline-flex min-h-11 items-end pt-2 text-base font-medium text-accent underline-offset-2 hover:underline">
          查看未达标单位 ›
        </Link>
      )}
    </article>
  );
}

export function KpiGroups({ groups }: { groups: { title: string; tiles: Tile[] }[] }) {
  return (
    <div className="space-y-6">
      {groups.map((g) => (
        <section key={g.title} aria-label={g.title}>
          <h2 className="mb-3 text-lg font-semibold text-gray-900">{g.title}</h2>
          <div className="grid gap-3 sm:grid-cols-2 xl:grid-cols-3">
            {g.tiles.map((t) => (
              <KpiTile key={t.info.key} {...t} />
            ))}
          </div>
        </section>
      ))}
    </div>
  );
}
