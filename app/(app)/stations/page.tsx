import type { Metadata } from "next";
import { FilterBar, FilterSelect, labelledOptions, TownFilter } from "@/components/ui/filter-bar";
import Link from "next/link";
import { requireActor } from "@/lib/server/auth/session";
import { listTownsInScope } from "@/lib/server/org/read-units";
import { orNotFound, filtersOr, searchStrings } from "@/lib/server/pages";
import { can } from "@/lib/server/permissions";
import { listStations, parseStationFilters } from "@/lib/server/stations/read-stations";
import { READING_FILTER_LABELS, READING_FILTERS, type TStationFilters } from "@/lib/schemas/station";
import { YearLinks, yearChoice } from "@/components/ui/year-links";
import { ButtonLink } from "@/components/ui/button";
import { ListEmptyState, Notice, PageHeader } from "@/components/ui/page";
import { NO_STATION_HINT } from "@/components/activities/bits";
import { DataTable, Pagination, Td, Tr } from "@/components/ui/table";
import { ReadingRoomText, StationTabs, YearProgress } from "@/components/stations/bits";

export const metadata: Metadata = { title: "校外辅导站" };

type Search = Partial<Record<"town" | "reading" | "page" | "year", string>>;

export default async function StationsPage({ searchParams }: { searchParams: Promise<Search> }) {
  const actor = await requireActor();
  const sp = await searchParams;
  const raw = searchStrings(sp);
  const { years, year } = yearChoice(typeof sp.year === "string" ? sp.year : undefined);
  const { filters, badFilter } = filtersOr<TStationFilters>(() => parseStationFilters(raw), { page: 1 });
  const [list, towns] = await orNotFound(
    Promise.all([
      listStations(actor, filters, year),
      listTownsInScope(actor),
    ]),
  );
  const canWrite = can(actor, "station.write");
  const newButton = canWrite && (
    <ButtonLink href="/stations/new" variant="primary">
      登记辅导站
    </ButtonLink>
  );
  const filtered = Boolean(filters.town || filters.reading);
  // A coordinator sees only the stations assigned to them: none means none assigned yet.
  const coordinator = actor.role === "STATION_COORDINATOR" && !filtered;
  const query = (over: Record<string, string>) =>
    `/stations?${new URLSearchParams({ ...(filters.town ? { town: filters.town } : {}), ...(filters.reading ? { reading: filters.reading } : {}), year: String(year), ...over })}`;
  const href = (page: number) => query({ page: String(page) });
  const rate = list.total ? ((list.upToStandard / list.total) * 100).toFixed(1) : null;

  return (
    <div>
      <PageHeader
        title="校外辅导站"
        subtitle={`${filtered ? "符合条件的" : ""}辅导站共 ${list.total} 个${rate ? `，电子阅览室达标 ${list.upToStandard} 个（${rate}%）` : ""}；每站每年至少开展 24 次活动`}
        actions={newButton}
      />
      <StationTabs current="/stations" />
      <YearLinks years={years} current={year} href={(y) => query({ year: String(y) })} />
      {badFilter && <Notice tone="warn">筛选条件有误，已显示全部辅导站。</Notice>}

      <FilterBar label="筛选辅导站" className="sm:grid-cols-3" clearHref={filtered && "/stations"}>
        {towns.length > 0 && (
          <TownFilter towns={towns} value={filters.town} />
        )}
        <FilterSelect name="reading" label="电子阅览室" allLabel="电子阅览室：全部" value={filters.reading} options={labelledOptions(READING_FILTERS, READING_FILTER_LABELS)} />
      </FilterBar>

      {list.items.length === 0 ? (
        <ListEmptyState
          filtered={filtered}
          what="辅导站"
          title={coordinator ? "还没有为您指定辅导站" : "还没有登记校外辅导站"}
          hint={
            coordinator
              ? NO_STATION_HINT
              : canWrite
                ? "点“登记辅导站”，为每个镇（街道）和村（社区）登记它的校外辅导站。"
                : "各单位登记辅导站后，会显示在这里。"
          }
          action={newButton}
        />
      ) : (
        <DataTable
          columns={[
            { label: "辅导站" },
            { label: "所在单位", className: "hidden md:table-cell" },
            { label: "挂钩学校", className: "hidden lg:table-cell" },
            { label: "电子阅览室", className: "hidden sm:table-cell whitespace-nowrap" },
            { label: `${list.year} 年活动`, className: "whitespace-nowrap" },
          ]}
        >
          {list.items.map((s) => (
            <Tr key={s.id}>
              <Td>
                <Link href={`/stations/${s.id}`} className="font-medium text-accent underline-offset-2 hover:underline">
                  {s.name}
                </Link>
                <div className="text-base text-gray-600 md:hidden">{s.orgUnit.name}</div>
              </Td>
              <Td className="hidden md:table-cell">{s.orgUnit.name}</Td>
              <Td className="hidden lg:table-cell">{s.pairedSchool?.name ?? <span className="text-gray-500">未挂钩</span>}</Td>
              <Td className="hidden whitespace-nowrap sm:table-cell">
                <ReadingRoomText present={s.eReadingRoom} upToStandard={s.eReadingRoomUpToStandard} />
              </Td>
              <Td>
                <YearProgress count={s.yearActivities} year={list.year} compact />
              </Td>
            </Tr>
          ))}
        </DataTable>
      )}
      <Pagination page={filters.page} pages={list.pages} href={href} />
    </div>
  );
}
