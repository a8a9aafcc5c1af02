import type { Metadata } from "next";
import { FilterBar, filterControl } from "@/components/ui/filter-bar";
import Link from "next/link";
import { requireActor } from "@/lib/server/auth/session";
import { orNotFound } from "@/lib/server/pages";
import { can } from "@/lib/server/permissions";
import { AppError } from "@/lib/server/errors";
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
import { ListEmptyState, PageHeader } from "@/components/ui/page";
import { DataTable, Td, Tr } from "@/components/ui/table";
import { StatusText, UntrainedFlag, VolunteerTabs } from "@/components/volunteers/bits";
import { Notice } from "@/components/ui/page";

export const metadata: Metadata = { title: "五老志愿者" };

type Search = Partial<Record<"q" | "category" | "unit" | "trained" | "status" | "cursor", string>>;


export default async function VolunteersPage({ searchParams }: { searchParams: Promise<Search> }) {
  const actor = await requireActor();
  const sp = await searchParams;
  const raw = Object.fromEntries(Object.entries(sp).map(([k, v]) => [k, typeof v === "string" ? v : undefined]));
  // A hand-edited bad filter or cursor starts over instead of failing the page.
  let filters: TVolunteerFilters;
  let badFilter = false;
  try {
    filters = parseVolunteerFilters(raw);
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    filters = {};
    badFilter = true;
  }
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
        <select name="category" defaultValue={filters.category ?? ""} aria-label="类别" className={filterControl}>
          <option value="">全部类别</option>
          {VOLUNTEER_CATEGORIES.map((c) => (
            <option key={c} value={c}>
              {CATEGORY_LABELS[c]}
            </option>
          ))}
        </select>
        <select name="unit" defaultValue={filters.unit ?? ""} aria-label="单位" className={filterControl}>
          <option value="">全部单位</option>
          {units.map((u) => (
            <option key={u.id} value={u.id}>
              {"\u3000".repeat(u.depth)}
              {u.name}
            </option>
          ))}
        </select>
        <select name="trained" defaultValue={filters.trained ?? ""} aria-label="入门培训" className={filterControl}>
          <option value="">入门培训：全部</option>
          <option value="yes">已参加入门培训</option>
          <option value="no">未参加入门培训</option>
        </select>
        <select name="status" defaultValue={filters.status ?? ""} aria-label="状态" className={filterControl}>
          <option value="">全部状态</option>
          {VOLUNTEER_STATUSES.map((s) => (
            <option key={s} value={s}>
              {STATUS_LABELS[s]}
            </option>
          ))}
        </select>
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
