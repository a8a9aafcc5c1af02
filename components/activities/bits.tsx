import Link from "next/link";
import { Tabs } from "@/components/ui/tabs";
import { ACTIVITIES_REQUIRED_PER_YEAR } from "@/lib/schemas/activity";
import type { CalendarDay } from "@/lib/server/stations/read-activities";

/** What a station coordinator without an assigned station is told (they can do nothing until an admin assigns one). */
export const NO_STATION_HINT = "请联系本单位管理员：在“校外辅导站”打开您负责的辅导站，在“辅导员账号”里添加您的账号。";

/** "本年度已开展 n 次 / 要求 24 次" with a progress bar (the station's yearly target). */
export function YearCount({ count, year, stationName }: { count: number; year: number; stationName?: string }) {
  const pct = Math.min(100, Math.round((count / ACTIVITIES_REQUIRED_PER_YEAR) * 100));
  const met = count >= ACTIVITIES_REQUIRED_PER_YEAR;
  return (
    <div className="mb-5 rounded-lg border border-gray-200 bg-white p-4">
      {stationName && <p className="text-base text-gray-600">{stationName}</p>}
      <p className="text-lg text-gray-900" data-testid="year-count" data-count={count}>
        {year} 年已开展 <strong className="tabular-nums">{count}</strong> 次 / 要求 {ACTIVITIES_REQUIRED_PER_YEAR} 次
        {met && <span className="ml-2 text-base text-green-700">已达标</span>}
      </p>
      <div
        className="mt-2 h-3 w-full overflow-hidden rounded-full bg-gray-100"
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={ACTIVITIES_REQUIRED_PER_YEAR}
        aria-valuenow={Math.min(count, ACTIVITIES_REQUIRED_PER_YEAR)}
        aria-label="本年度活动次数"
      >
        <div className={`h-full ${met ? "bg-green-600" : "bg-accent"}`} style={{ width: `${pct}%` }} />
      </div>
    </div>
  );
}

/** 列表 / 日历. */
export function ActivityTabs({ current, listHref, calendarHref }: { current: "list" | "calendar"; listHref: string; calendarHref: string }) {
  return (
    <Tabs
      label="查看方式"
      tabs={[
        { href: listHref, label: "列表", current: current === "list" },
        { href: calendarHref, label: "月历", current: current === "calendar" },
      ]}
    />
  );
}

const WEEKDAYS = ["一", "二", "三", "四", "五", "六", "日"];

/**
 * A month as a Monday-first grid: each day with its number of activities, linking to the
 * list of that day. Counts come from the server (one grouped query); nothing is computed here
 * but the layout.
 */
export function MonthCalendar({
  month,
  days,
  dayHref,
  monthHref,
}: {
  month: string;
  days: CalendarDay[];
  dayHref: (date: string) => string;
  monthHref: (month: string) => string;
}) {
  const [y, m] = month.split("-").map(Number);
  const first = new Date(Date.UTC(y, m - 1, 1));
  const daysInMonth = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const lead = (first.getUTCDay() + 6) % 7;
  const byDate = new Map(days.map((d) => [d.date, d]));
  const shift = (n: number) => {
    const d = new Date(Date.UTC(y, m - 1 + n, 1));
    return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, "0")}`;
  };
  const total = days.reduce((s, d) => s + d.sessions, 0);
  const people = days.reduce((s, d) => s + d.participants, 0);
  const cells: (number | null)[] = [...Array.from({ length: lead }, () => null), ...Array.from({ length: daysInMonth }, (_, i) => i + 1)];
  const nav = "inline-flex min-h-12 min-w-12 items-center justify-center rounded-md border border-gray-300 bg-white px-3 text-base";
  return (
    <section aria-label={`${y} 年 ${m} 月活动`} data-testid="month-calendar">
      <div className="mb-3 flex items-center justify-between gap-2">
        <Link href={monthHref(shift(-1))} className={nav} aria-label="上个月">
          ‹
        </Link>
        <div className="text-center">
          <p className="text-lg font-semibold text-gray-900">
            {y} 年 {m} 月
          </p>
          <p className="text-base text-gray-600">
            共 {total} 次 · 青少年 {people} 人次
          </p>
        </div>
        <Link href={monthHref(shift(1))} className={nav} aria-label="下个月">
          ›
        </Link>
      </div>
      <div className="grid grid-cols-7 gap-1 text-center">
        {WEEKDAYS.map((w) => (
          <div key={w} className="py-1 text-sm text-gray-600">
            {w}
          </div>
        ))}
        {cells.map((d, i) => {
          if (d === null) return <div key={`x${i}`} />;
          const date = `${month}-${String(d).padStart(2, "0")}`;
          const day = byDate.get(date);
          return day ? (
            <Link
              key={date}
              href={dayHref(date)}
              className="flex min-h-14 flex-col items-center justify-center rounded-md bg-accent/10 text-base text-gray-900 ring-1 ring-accent/30 hover:bg-accent/20"
              aria-label={`${m} 月 ${d} 日：${day.sessions} 次活动`}
            >
              <span>{d}</span>
              <span className="text-sm font-semibold text-accent">{day.sessions} 次</span>
            </Link>
          ) : (
            <div key={date} className="flex min-h-14 flex-col items-center justify-center rounded-md bg-gray-50 text-base text-gray-500">
              {d}
            </div>
          );
        })}
      </div>
    </section>
  );
}
