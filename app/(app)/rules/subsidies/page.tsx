import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/lib/server/auth/session";
import { orNotFound, filtersOr, searchStrings } from "@/lib/server/pages";
import { can } from "@/lib/server/permissions";
import { listTownsInScope } from "@/lib/server/org/read-units";
import { latestDueYear, listSubsidies, overdueByTown, parseSubsidyFilters, subsidySummary } from "@/lib/server/rules/subsidies";
import { currentYear } from "@/lib/server/stations/read-stations";
import { formatDate } from "@/lib/format";
import { formatYuan } from "@/lib/schemas/station";
import { SUBSIDY_KIND_LABELS, SUBSIDY_KINDS, SUBSIDY_STATUS_LABELS, SUBSIDY_STATUSES, type TSubsidyFilters } from "@/lib/schemas/subsidy";
import { ButtonLink } from "@/components/ui/button";
import { Card, ListEmptyState, Notice, PageHeader } from "@/components/ui/page";
import { DataTable, Pagination, Td, Tr } from "@/components/ui/table";
import { FilterBar, FilterSelect, labelledOptions, TownFilter, yearOptions } from "@/components/ui/filter-bar";
import { yearChoice } from "@/components/ui/year-links";
import { RulesTabs } from "@/components/rules/tabs";
import { percent } from "@/components/rules/requests/bits";
import { SubsidyStatusBadge } from "@/components/rules/subsidies/bits";

export const metadata: Metadata = { title: "补贴发放" };

type Search = Partial<Record<"year" | "kind" | "town" | "status" | "page", string>>;

export default async function SubsidiesPage({ searchParams }: { searchParams: Promise<Search> }) {
  const actor = await requireActor();
  const sp = await searchParams;
  const raw = searchStrings(sp);
  const { filters, badFilter } = filtersOr<TSubsidyFilters>(() => parseSubsidyFilters(raw), { page: 1 });
  const [list, overdue, towns, latestYear] = await orNotFound(
    Promise.all([listSubsidies(actor, filters), overdueByTown(actor), listTownsInScope(actor), latestDueYear(actor)]),
  );
  // The rate of the year chosen, else of the latest year with anything already due.
  const summaryYear = filters.year ?? latestYear ?? currentYear();
  const summary = await orNotFound(subsidySummary(actor, { year: summaryYear, kind: filters.kind, town: filters.town }));
  const canWrite = can(actor, "subsidy.write");
  const kept = Object.fromEntries(
    Object.entries({ year: filters.year?.toString(), kind: filters.kind, town: filters.town, status: filters.status }).filter(([, v]) => v),
  ) as Record<string, string>;
  const filtered = Object.keys(kept).length > 0;
  const pageHref = (page: number) => `/rules/subsidies?${new URLSearchParams({ ...kept, page: String(page) })}`;
  const { years } = yearChoice(undefined);
  const newButton = canWrite && (
    <ButtonLink href="/rules/subsidies/new" variant="primary">
      ＋ 登记补贴
    </ButtonLink>
  );

  return (
    <div>
      <PageHeader title="制度落实" subtitle="“五老”以奖代补和进站教师工作补贴：应发多少、何时到期、是否按时发放" actions={newButton} />
      <RulesTabs current="/rules/subsidies" />
      {badFilter && <Notice tone="warn">筛选条件有误，已显示全部补贴。</Notice>}

      <Card title={`按镇（街道）的逾期未发（${overdue.count} 笔，${formatYuan(overdue.amountFen)}）`} className="mb-4">
        {overdue.rows.length === 0 ? (
          <p className="text-base text-green-700">没有逾期未发的补贴。</p>
        ) : (
          <DataTable boxed={false} columns={[{ label: "镇（街道）" }, { label: "笔数", className: "text-right" }, { label: "金额", className: "text-right" }]}>
            {overdue.rows.map((r) => (
              <Tr key={r.id}>
                <Td>
                  <Link href={`/rules/subsidies?${new URLSearchParams({ town: r.id, status: "overdue" })}`} className="text-accent hover:underline">
                    {r.name}
                  </Link>
                </Td>
                <Td className="text-right tabular-nums">{r.count}</Td>
                <Td className="whitespace-nowrap text-right tabular-nums">{formatYuan(r.amountFen)}</Td>
              </Tr>
            ))}
          </DataTable>
        )}
      </Card>

      <FilterBar label="筛选补贴" className="sm:grid-cols-2 lg:grid-cols-5" clearHref={filtered && "/rules/subsidies"}>
        <FilterSelect name="year" label="应发放年份" allLabel="全部年份" value={filters.year} options={yearOptions(years, " 年到期")} />
        <FilterSelect name="kind" label="补贴类别" allLabel="全部类别" value={filters.kind} options={labelledOptions(SUBSIDY_KINDS, SUBSIDY_KIND_LABELS)} />
        {towns.length > 1 && (
          <TownFilter towns={towns} value={filters.town} />
        )}
        <FilterSelect name="status" label="发放情况" allLabel="全部发放情况" value={filters.status} options={labelledOptions(SUBSIDY_STATUSES, SUBSIDY_STATUS_LABELS)} />
      </FilterBar>

      <div className="mb-4 grid gap-4 sm:grid-cols-3">
        <Card title={`${summary.year} 年按时发放率`}>
          <p className="text-2xl font-semibold tabular-nums" data-testid="paid-on-time-rate">
            {percent(summary.paidOnTimeRate)}
          </p>
          <p className="text-base text-gray-600">
            已到期 {summary.due} 笔，按时发放 {summary.paidOnTime} 笔
          </p>
        </Card>
        <Card title="逾期发放">
          <p className="text-2xl font-semibold tabular-nums">{summary.paidLate} 笔</p>
          <p className="text-base text-gray-600">{summary.year} 年到期、晚于应发放日期才发放</p>
        </Card>
        <Card title="逾期未发">
          <p className="text-2xl font-semibold tabular-nums">{summary.overdue} 笔</p>
          <p className="text-base text-gray-600">{summary.year} 年到期、至今未发放</p>
        </Card>
      </div>

      {list.items.length === 0 ? (
        <ListEmptyState
          filtered={filtered}
          what="补贴"
          title="还没有补贴记录"
          hint={canWrite ? "核定“五老”以奖代补或进站教师工作补贴后，点“登记补贴”记一笔；发放后在该条目里登记发放日期。" : "登记补贴后会显示在这里。"}
          action={newButton}
        />
      ) : (
        <>
          <p className="mb-2 text-base text-gray-600">
            {filtered ? "符合条件的" : "共"}补贴 {list.total} 笔，合计 {formatYuan(list.amountFen)}
          </p>
          <DataTable
            columns={[
              { label: "领取人" },
              { label: "类别", className: "hidden md:table-cell" },
              { label: "金额", className: "text-right" },
              { label: "应发放日期", className: "hidden sm:table-cell" },
              { label: "发放情况" },
            ]}
          >
            {list.items.map((s) => (
              <Tr key={s.id}>
                <Td>
                  <Link href={`/rules/subsidies/${s.id}`} className="font-medium text-accent hover:underline">
                    {s.recipientName}
                  </Link>
                  <div className="text-base text-gray-600">
                    {s.orgUnit.name}
                    <span className="md:hidden"> · {SUBSIDY_KIND_LABELS[s.kind]}</span>
                  </div>
                </Td>
                <Td className="hidden md:table-cell">{SUBSIDY_KIND_LABELS[s.kind]}</Td>
                <Td className="whitespace-nowrap text-right tabular-nums">{formatYuan(s.amountFen)}</Td>
                <Td className="hidden whitespace-nowrap sm:table-cell">{formatDate(s.dueOn)}</Td>
                <Td>
                  <SubsidyStatusBadge status={s.status} />
                  {s.paidOn && <div className="mt-1 whitespace-nowrap text-base text-gray-600">{formatDate(s.paidOn)}发放</div>}
                  <div className="mt-1 whitespace-nowrap text-base text-gray-600 sm:hidden">{formatDate(s.dueOn)}到期</div>
                </Td>
              </Tr>
            ))}
          </DataTable>
          <Pagination page={filters.page} pages={list.pages} href={pageHref} />
        </>
      )}
    </div>
  );
}
