import type { Metadata } from "next";
import { FilterBar, filterControl, FilterSelect, labelledOptions, unitOptions } from "@/components/ui/filter-bar";
import Link from "next/link";
import { requireActor } from "@/lib/server/auth/session";
import { orNotFound, filtersOr, searchStrings } from "@/lib/server/pages";
import { can } from "@/lib/server/permissions";
import {
  activityCalendar,
  activityTotals,
  activityUnitOptions,
  listActivities,
  parseActivityFilters,
  stationOptions,
  stationYearCount,
} from "@/lib/server/stations/read-activities";
import { ACTIVITY_KINDS, KIND_LABELS, ZMonth, type TActivityFilters } from "@/lib/schemas/activity";
import { todayInBeijing } from "@/lib/schemas/dates";
import { ButtonLink } from "@/components/ui/button";
import { ListEmptyState, Notice, PageHeader } from "@/components/ui/page";
import { DataTable, Td, Tr } from "@/components/ui/table";
import { ActivityTabs, MonthCalendar, NO_STATION_HINT, YearCount } from "@/components/activities/bits";

export const metadata: Metadata = { title: "活动记录" };

type Search = Partial<Record<"station" | "town" | "kind" | "from" | "to" | "cursor" | "view" | "month", string>>;

export default async function ActivitiesPage({ searchParams }: { searchParams: Promise<Search> }) {
  const actor = await requireActor();
  const sp = await searchParams;
  const raw = searchStrings(sp);
  const view = raw.view === "calendar" ? "calendar" : "list";
  const today = todayInBeijing();
  const month = ZMonth.safeParse(raw.month).success ? raw.month! : today.slice(0, 7);
  const { filters, badFilter } = filtersOr<TActivityFilters>(() => parseActivityFilters(raw), {});
  const year = Number(today.slice(0, 4));
  const [stations, units] = await orNotFound(Promise.all([stationOptions(actor), activityUnitOptions(actor)]));
  // The "n / 24" of the station in view: the chosen one, or a coordinator's only station.
  const yearStation = filters.station ? stations.find((s) => s.id === filters.station) : stations.length === 1 ? stations[0] : undefined;
  const [page, totals, days, yearCount] = await orNotFound(
    Promise.all([
      view === "list" ? listActivities(actor, filters) : null,
      view === "list" ? activityTotals(actor, filters) : null,
      view === "calendar" ? activityCalendar(actor, month, filters) : null,
      yearStation ? stationYearCount(actor, yearStation.id, year) : null,
    ]),
  );
  const canWrite = can(actor, "activity.write");
  const { cursor, ...kept } = filters;
  const filtered = Object.values(kept).some((v) => v !== undefined);
  const keptParams = Object.fromEntries(Object.entries(kept).filter(([, v]) => v)) as Record<string, string>;
  const href = (extra: Record<string, string>) => `/activities?${new URLSearchParams({ ...keptParams, ...extra })}`;
  const calendarFilters = Object.fromEntries(Object.entries(keptParams).filter(([k]) => k !== "from" && k !== "to"));
  const newHref = yearStation ? `/activities/new?station=${yearStation.id}` : "/activities/new";

  return (
    <div>
      <PageHeader
        title="活动记录"
        subtitle={totals ? `${filtered ? "符合条件的" : "共"}活动 ${totals.sessions} 次，青少年 ${totals.participants} 人次` : undefined}
        actions={
          canWrite && (
            <ButtonLink href={newHref} variant="primary">
              ＋ 登记活动
            </ButtonLink>
          )
        }
      />
      {badFilter && <Notice tone="warn">筛选条件或翻页参数有误，已显示全部活动。</Notice>}
      {actor.role === "STATION_COORDINATOR" && stations.length === 0 && <Notice tone="warn">还没有为您指定辅导站。{NO_STATION_HINT}</Notice>}
      {yearStation && yearCount !== null && <YearCount count={yearCount} year={year} stationName={yearStation.name} />}
      <ActivityTabs
        current={view}
        listHref={href({})}
        calendarHref={`/activities?${new URLSearchParams({ ...calendarFilters, view: "calendar", month })}`}
      />

      <FilterBar
        label="筛选活动"
        className="sm:grid-cols-2 lg:grid-cols-3"
        clearHref={filtered && (view === "calendar" ? `/activities?view=calendar&month=${month}` : "/activities")}
      >
        {view === "calendar" && (
          <>
            <input type="hidden" name="view" value="calendar" />
            <input type="hidden" name="month" value={month} />
          </>
        )}
        {stations.length > 1 && (
          <FilterSelect name="station" label="辅导站" allLabel="全部辅导站" value={filters.station} options={stations.map((s) => ({ value: s.id, label: s.name }))} />
        )}
        {units.length > 1 && (
          <FilterSelect name="town" label="镇（街道）/村（社区）" allLabel="全部镇（街道）和村（社区）" value={filters.town} options={unitOptions(units)} />
        )}
        <FilterSelect name="kind" label="活动类型" allLabel="全部类型" value={filters.kind} options={labelledOptions(ACTIVITY_KINDS, KIND_LABELS)} />
        {view === "list" && (
          <>
            <label className="flex flex-col gap-1 text-base text-gray-700">
              从
              <input type="date" name="from" defaultValue={filters.from ?? ""} className={filterControl} />
            </label>
            <label className="flex flex-col gap-1 text-base text-gray-700">
              到
              <input type="date" name="to" defaultValue={filters.to ?? ""} className={filterControl} />
            </label>
          </>
        )}
      </FilterBar>

      {view === "calendar" && days && (
        <MonthCalendar
          month={month}
          days={days}
          dayHref={(d) => `/activities?${new URLSearchParams({ ...calendarFilters, from: d, to: d })}`}
          monthHref={(m) => `/activities?${new URLSearchParams({ ...calendarFilters, view: "calendar", month: m })}`}
        />
      )}

      {view === "list" &&
        page &&
        (page.items.length === 0 ? (
          <ListEmptyState
            filtered={filtered}
            what="活动"
            title="还没有活动记录"
            hint={canWrite ? "每次活动结束后，点“登记活动”记一笔：日期、类型、主题和参加人数，手机上一分钟就能填完。" : "各辅导站登记活动后，会显示在这里。"}
            action={
              canWrite && (
                <ButtonLink href={newHref} variant="primary">
                  登记活动
                </ButtonLink>
              )
            }
          />
        ) : (
          <DataTable
            columns={[
              { label: "日期", className: "whitespace-nowrap" },
              { label: "活动" },
              { label: "辅导站", className: "hidden md:table-cell" },
              { label: "类型", className: "hidden sm:table-cell" },
              { label: "人数", className: "whitespace-nowrap text-right" },
            ]}
          >
            {page.items.map((a) => (
              <Tr key={a.id}>
                <Td className="whitespace-nowrap tabular-nums">{a.date}</Td>
                <Td>
                  <Link href={`/activities/${a.id}`} className="font-medium text-accent underline-offset-2 hover:underline">
                    {a.title}
                  </Link>
                  <div className="text-base text-gray-600 md:hidden">
                    {a.stationName}
                    <span className="sm:hidden"> · {KIND_LABELS[a.kind]}</span>
                  </div>
                </Td>
                <Td className="hidden md:table-cell">{a.stationName}</Td>
                <Td className="hidden whitespace-nowrap sm:table-cell">{KIND_LABELS[a.kind]}</Td>
                <Td className="whitespace-nowrap text-right tabular-nums">{a.youthParticipants}</Td>
              </Tr>
            ))}
          </DataTable>
        ))}

      {view === "list" && (cursor || page?.nextCursor) && (
        <nav className="mt-4 flex flex-wrap items-center gap-3 text-base" aria-label="分页">
          {cursor && (
            <Link href={href({})} className="inline-flex min-h-12 items-center rounded-md border border-gray-300 bg-white px-4">
              回到第一页
            </Link>
          )}
          {page?.nextCursor && (
            <Link href={href({ cursor: page.nextCursor })} className="inline-flex min-h-12 items-center rounded-md border border-gray-300 bg-white px-4">
              下一页
            </Link>
          )}
        </nav>
      )}
    </div>
  );
}
