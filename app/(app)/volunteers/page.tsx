import type { Metadata } from "next";
import { FilterBar, filterControl, FilterSelect, labelledOptions, unitOptions } from "@/components/ui/filter-bar";
import Link from "next/link";
import { requireActor } from "@/lib/server/auth/session";
import { orNotFound, filtersOr, searchStrings } from "@/lib/server/pages";
import { can } from "@/lib/server/permissions";
import {
  countVolunteers,
  listVolunteers,
  parseVolunteerFilters,
  volunteerUnitOptions,
} from "@/lib/server/people/read-volunteers";
import { formatDate } from "@/lib/format";
import {
  CATEGORY_LABELS,
  STATUS_LABELS,
  VOLUNTEER_CATEGORIES,
  VOLUNTEER_STATUSES,
  type TVolunteerFilters,
} from "@/lib/schemas/volunteer";
import { ButtonLink } from "@/components/ui/button";
import { ListEmptyState, Notice, PageHeader } from "@/components/ui/page";
import { DataTable, Td, Tr } from "@/components/ui/table";
import { StatusText, UntrainedFlag, VolunteerTabs } from "@/components/volunteers/bits";

export const metadata: Metadata = { title: "五老志愿者" };

type Search = Partial<Record<"q" | "category" | "unit" | "trained" | "status" | "cursor", string>>;

const TRAINED_OPTIONS = [
  { value: "yes", label: "已参加入门培训" },
  { value: "no", label: "未参加入门培训" },
];

export default async function VolunteersPage({ searchParams }: { searchParams: Promise<Search> }) {
  const actor = await requireActor();
  const sp = await searchParams;
  const raw = searchStrings(sp);
  const { filters, badFilter } = filtersOr<TVolunteerFilters>(() => parseVolunteerFilters(raw), {});
  const [{ items, nextCursor }, total, units] = await orNotFound(
    Promise.all([listVolunteers(actor, filters), countVolunteers(actor, filters), volunteerUnitOptions(actor)]),
  );
  const canWrite = can(actor, "people.write");
  const newButton = canWrite && (
    <ButtonLink href="/volunteers/new" variant="primary">
      登记志愿者
    </ButtonLink>
  );
  const { cursor, ...kept } = filters;
  const filtered = Object.values(kept).some((v) => v !== undefined);
  const href = (extra: Record<string, string>) =>
    `/volunteers?${new URLSearchParams({ ...(Object.fromEntries(Object.entries(kept).filter(([, v]) => v)) as Record<string, string>), ...extra })}`;

  return (
    <div>
      <PageHeader
        title="五老志愿者"
        subtitle={filtered ? `符合条件的志愿者共 ${total} 人` : `共 ${total} 人`}
        actions={newButton}
      />
      <VolunteerTabs current="/volunteers" />
      {badFilter && <Notice tone="warn">筛选条件或翻页参数有误，已显示全部志愿者。</Notice>}

      <FilterBar label="筛选志愿者" className="sm:grid-cols-2 lg:grid-cols-3" clearHref={filtered && "/volunteers"}>
        <input name="q" defaultValue={filters.q ?? ""} placeholder="按姓名搜索" aria-label="姓名" className={filterControl} />
        <FilterSelect name="category" label="类别" allLabel="全部类别" value={filters.category} options={labelledOptions(VOLUNTEER_CATEGORIES, CATEGORY_LABELS)} />
        <FilterSelect name="unit" label="单位" allLabel="全部单位" value={filters.unit} options={unitOptions(units)} />
        <FilterSelect name="trained" label="入门培训" allLabel="入门培训：全部" value={filters.trained} options={TRAINED_OPTIONS} />
        <FilterSelect name="status" label="状态" allLabel="全部状态" value={filters.status} options={labelledOptions(VOLUNTEER_STATUSES, STATUS_LABELS)} />
      </FilterBar>

      {items.length === 0 ? (
        <ListEmptyState
          filtered={filtered}
          what="志愿者"
          filteredHint="换个姓名或放宽筛选条件再试；也可以点“清除”查看全部。"
          title="还没有登记五老志愿者"
          hint={canWrite ? "点“登记志愿者”，把本单位的老干部、老战士、老专家、老教师、老模范登记进来。" : "各单位登记志愿者后，会显示在这里。"}
          action={newButton}
        />
      ) : (
        <DataTable
          columns={[
            { label: "姓名" },
            { label: "类别", className: "whitespace-nowrap" },
            { label: "所属单位", className: "hidden md:table-cell" },
            { label: "加入日期", className: "hidden lg:table-cell" },
            { label: "入门培训", className: "hidden sm:table-cell" },
            { label: "电话", className: "hidden lg:table-cell" },
            { label: "状态", className: "whitespace-nowrap" },
          ]}
        >
          {items.map((v) => (
            <Tr key={v.id}>
              <Td>
                <Link href={`/volunteers/${v.id}`} className="font-medium text-accent underline-offset-2 hover:underline">
                  {v.name}
                </Link>
                <div className="text-base text-gray-600 md:hidden">{v.orgUnitName}</div>
                {!v.trainedOn && <UntrainedFlag className="mt-1" />}
              </Td>
              <Td className="whitespace-nowrap">{CATEGORY_LABELS[v.category]}</Td>
              <Td className="hidden md:table-cell">{v.orgUnitName}</Td>
              <Td className="hidden whitespace-nowrap lg:table-cell">{formatDate(v.joinedOn)}</Td>
              <Td className="hidden whitespace-nowrap sm:table-cell">{v.trainedOn ? formatDate(v.trainedOn) : <span className="text-amber-800">未参加</span>}</Td>
              <Td className="hidden whitespace-nowrap tabular-nums lg:table-cell">{v.phone ?? "—"}</Td>
              <Td>
                <StatusText status={v.status} label={STATUS_LABELS[v.status]} />
              </Td>
            </Tr>
          ))}
        </DataTable>
      )}

      {(cursor || nextCursor) && (
        <nav className="mt-4 flex flex-wrap items-center gap-3 text-base" aria-label="分页">
          {cursor && (
            <Link href={href({})} className="inline-flex min-h-12 items-center rounded-md border border-gray-300 bg-white px-4">
              回到第一页
            </Link>
          )}
          {nextCursor && (
            <Link href={href({ cursor: nextCursor })} className="inline-flex min-h-12 items-center rounded-md border border-gray-300 bg-white px-4">
              下一页
            </Link>
          )}
        </nav>
      )}
    </div>
  );
}
