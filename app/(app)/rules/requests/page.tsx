import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireActor } from "@/lib/server/auth/session";
import { orNotFound, filtersOr, searchStrings } from "@/lib/server/pages";
import { can } from "@/lib/server/permissions";
import { listRequests, parseRequestFilters, requestSummary } from "@/lib/server/rules/requests";
import { PARTY_REQUEST_KIND_LABELS, PARTY_REQUEST_KINDS, type TPartyRequestFilters } from "@/lib/schemas/party-request";
import { ButtonLink } from "@/components/ui/button";
import { Card, EmptyState, Notice, PageHeader } from "@/components/ui/page";
import { Pagination } from "@/components/ui/table";
import { FilterBar, FilterSelect, labelledOptions, yearOptions } from "@/components/ui/filter-bar";
import { yearChoice } from "@/components/ui/year-links";
import { RulesTabs } from "@/components/rules/tabs";
import { percent, RequestTable } from "@/components/rules/requests/bits";

export const metadata: Metadata = { title: "请示汇报" };

type Search = Partial<Record<"kind" | "year" | "page", string>>;

const SUBTITLE = "区关工委向区委的请示和汇报：何时报送、是否答复、等了多久";

export default async function RequestsPage({ searchParams }: { searchParams: Promise<Search> }) {
  const actor = await requireActor();
  if (!can(actor, "rules.read")) notFound();

  // Requests are the district office's own: below the district there is nothing to list.
  if (actor.orgUnitLevel !== "DISTRICT") {
    return (
      <div>
        <PageHeader title="制度落实" subtitle={SUBTITLE} />
        <RulesTabs current="/rules/requests" />
        <Card>
          <p className="text-base text-gray-700" data-testid="requests-district-only">
            请示汇报由区关工委向区委报送，并在这里跟踪答复；{actor.orgUnitName}不在这里登记。需要向区委请示的事项，请报区关工委。
          </p>
        </Card>
      </div>
    );
  }

  const sp = await searchParams;
  const raw = searchStrings(sp);
  const { filters, badFilter } = filtersOr<TPartyRequestFilters>(() => parseRequestFilters(raw), { page: 1 });
  const [list, summary] = await orNotFound(Promise.all([listRequests(actor, filters), requestSummary(actor, filters)]));
  const canWrite = can(actor, "request.write");
  const filtered = Boolean(filters.kind || filters.year);
  const kept = Object.fromEntries(Object.entries({ kind: filters.kind, year: filters.year?.toString() }).filter(([, v]) => v)) as Record<string, string>;
  const pageHref = (page: number) => `/rules/requests?${new URLSearchParams({ ...kept, page: String(page) })}`;
  const { years } = yearChoice(undefined);
  const newButton = canWrite && (
    <ButtonLink href="/rules/requests/new" variant="primary">
      ＋ 登记请示汇报
    </ButtonLink>
  );

  return (
    <div>
      <PageHeader title="制度落实" subtitle={SUBTITLE} actions={newButton} />
      <RulesTabs current="/rules/requests" />
      {badFilter && <Notice tone="warn">筛选条件有误，已显示全部请示汇报。</Notice>}

      <FilterBar label="筛选请示汇报" className="sm:grid-cols-3" clearHref={filtered && "/rules/requests"}>
        <FilterSelect name="kind" label="类型" allLabel="请示和汇报" value={filters.kind} options={labelledOptions(PARTY_REQUEST_KINDS, PARTY_REQUEST_KIND_LABELS)} />
        <FilterSelect name="year" label="报送年份" allLabel="全部年份" value={filters.year} options={yearOptions(years, " 年报送")} />
      </FilterBar>

      <div className="mb-4 grid gap-4 sm:grid-cols-3">
        <Card title="待答复">
          <p className="text-2xl font-semibold tabular-nums" data-testid="requests-open">
            {summary.open} 件
          </p>
          <p className="text-base text-gray-600">共报送 {summary.total} 件</p>
        </Card>
        <Card title="答复率">
          <p className="text-2xl font-semibold tabular-nums" data-testid="requests-answered-rate">
            {percent(summary.answeredRate)}
          </p>
          <p className="text-base text-gray-600">
            已答复 {summary.answered} / {summary.total} 件
          </p>
        </Card>
        <Card title="平均答复用时">
          <p className="text-2xl font-semibold tabular-nums" data-testid="requests-avg-days">
            {summary.avgDaysToAnswer === null ? "—" : `${summary.avgDaysToAnswer} 天`}
          </p>
          <p className="text-base text-gray-600">从报送到区委答复</p>
        </Card>
      </div>

      <Card title={`待答复（${list.open.length}）`} className="mb-4">
        {list.open.length === 0 ? (
          <p className="text-base text-green-700">没有等待答复的请示汇报。</p>
        ) : (
          <RequestTable rows={list.open} answered={false} />
        )}
      </Card>

      <Card title={`已答复（${list.answeredTotal}）`}>
        {list.answered.length === 0 ? (
          filtered || list.open.length > 0 ? (
            <p className="text-base text-gray-600">{filtered ? "没有符合条件的已答复请示汇报。" : "还没有已答复的请示汇报。"}</p>
          ) : (
            <EmptyState
              title="还没有登记请示汇报"
              hint={canWrite ? "向区委报送请示或汇报后，点“登记请示汇报”记一笔；区委答复后在该条目里登记答复。" : "区关工委登记后会显示在这里。"}
              action={newButton}
            />
          )
        ) : (
          <RequestTable rows={list.answered} answered />
        )}
        <Pagination page={filters.page} pages={list.pages} href={pageHref} />
      </Card>
    </div>
  );
}
