import { Tabs } from "@/components/ui/tabs";
import { ACTIVITIES_REQUIRED_PER_YEAR } from "@/lib/schemas/activity";

const TABS = [
  { href: "/stations", label: "辅导站" },
  { href: "/stations/funding", label: "经费与设备" },
  { href: "/stations/summer-plans", label: "暑期计划（校站结合）" },
] as const;

/** The three parts of 校外辅导站. */
export function StationTabs({ current }: { current: (typeof TABS)[number]["href"] }) {
  return <Tabs label="校外辅导站" tabs={TABS.map((t) => ({ ...t, current: t.href === current }))} />;
}

/** "n / 24" with a bar: green once the year's 24 activities are reached. */
export function YearProgress({ count, year, compact = false }: { count: number; year: number; compact?: boolean }) {
  const required = ACTIVITIES_REQUIRED_PER_YEAR;
  const pct = Math.min(100, Math.round((count / required) * 100));
  const done = count >= required;
  return (
    <div className={compact ? "min-w-28" : ""}>
      <div className="flex items-baseline justify-between gap-2 text-base">
        <span data-testid="year-progress" className={`tabular-nums font-medium ${done ? "text-green-700" : "text-gray-900"}`}>
          {count} / {required}
        </span>
        {!compact && <span className="text-gray-600">{done ? `${year} 年已达到 ${required} 次` : `${year} 年还差 ${required - count} 次`}</span>}
      </div>
      <div
        role="progressbar"
        aria-label={`${year} 年活动次数`}
        aria-valuemin={0}
        aria-valuemax={required}
        aria-valuenow={Math.min(count, required)}
        className="mt-1 h-2 w-full overflow-hidden rounded bg-gray-200"
      >
        <div className={`h-full ${done ? "bg-green-600" : "bg-accent"}`} style={{ width: `${pct}%` }} />
      </div>
    </div>
  );
}

/** The e-reading room in one phrase. */
export function ReadingRoomText({ present, upToStandard }: { present: boolean; upToStandard: boolean }) {
  if (upToStandard) return <span className="text-green-700">达标</span>;
  if (present) return <span className="text-amber-800">有，未达标</span>;
  return <span className="text-gray-500">无</span>;
}
