import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/lib/server/auth/session";
import { orNotFound, filtersOr } from "@/lib/server/pages";
import { can } from "@/lib/server/permissions";
import { listSurveys, openFindings, parseSurveyFilters, OPEN_FINDINGS_LIMIT } from "@/lib/server/outcomes/surveys";
import { FINDING_CATEGORY_LABELS, type TSurveyFilters } from "@/lib/schemas/survey";
import { formatDate } from "@/lib/format";
import { ButtonLink } from "@/components/ui/button";
import { Card, EmptyState, Notice, PageHeader } from "@/components/ui/page";
import { DataTable, Pagination, Td, Tr } from "@/components/ui/table";
import { OutcomeTabs } from "@/components/outcomes/tabs";
import { DueDate, FollowUpBadge } from "@/components/outcomes/surveys/bits";

export const metadata: Metadata = { title: "调研" };

type Search = Partial<Record<"category" | "page", string>>;

export default async function SurveysPage({ searchParams }: { searchParams: Promise<Search> }) {
  const actor = await requireActor();
  const sp = await searchParams;
  const { filters, badFilter } = filtersOr<TSurveyFilters>(() => parseSurveyFilters({ category: sp.category, page: sp.page }), { page: 1 });
  const [open, list] = await orNotFound(Promise.all([openFindings(actor, { category: filters.category }), listSurveys(actor, filters)]));
  const canWrite = can(actor, "research.write");
  const newButton = canWrite && (
    <ButtonLink href="/outcomes/surveys/new" variant="primary">
      登记调研
    </ButtonLink>
  );
  const href = (over: { category?: string; page?: number }) => {
    const q = new URLSearchParams();
    const category = "category" in over ? over.category : filters.category;
    if (category) q.set("category", category);
    if (over.page && over.page > 1) q.set("page", String(over.page));
    const s = q.toString();
    return `/outcomes/surveys${s ? `?${s}` : ""}`;
  };
  const tile = "flex min-h-12 flex-col justify-center rounded-md border px-3 py-2 text-base";

  return (
    <div>
      <PageHeader
        title="调研"
        subtitle="各级关工委开展的调研、发现的问题和整改跟进"
        actions={newButton}
      />
      <OutcomeTabs current="/outcomes/surveys" />
      {badFilter && <Notice tone="warn">筛选条件或页码有误，已显示全部。</Notice>}

      <Card title={`未整改的问题（共 ${open.total} 个）`} className="mb-6">
        <nav aria-label="按类别查看未整改的问题" className="mb-4 grid grid-cols-2 gap-2 sm:grid-cols-3 lg:grid-cols-6">
          <Link
            href={`${href({ category: undefined })}#open-findings`}
            aria-current={!filters.category ? "true" : undefined}
            className={`${tile} ${!filters.category ? "border-accent bg-accent/5" : "border-gray-200 bg-white hover:bg-gray-50"}`}
          >
            <span className="text-gray-600">全部类别</span>
            <span className="text-2xl font-semibold tabular-nums">{open.total}</span>
          </Link>
          {open.counts.map((c) => (
            <Link
              key={c.category}
              href={`${href({ category: c.category })}#open-findings`}
              aria-current={filters.category === c.category ? "true" : undefined}
              data-testid={`open-${c.category}`}
              className={`${tile} ${filters.category === c.category ? "border-accent bg-accent/5" : "border-gray-200 bg-white hover:bg-gray-50"}`}
            >
              <span className="text-gray-600">{FINDING_CATEGORY_LABELS[c.category]}</span>
              <span className="text-2xl font-semibold tabular-nums">{c.count}</span>
            </Link>
          ))}
        </nav>
        <div id="open-findings">
          {open.items.length === 0 ? (
            <p className="text-base text-gray-600">
              {filters.category ? `“${FINDING_CATEGORY_LABELS[filters.category]}”类没有未整改的问题。` : "调研发现的问题都已整改完成，或还没有登记调研。"}
            </p>
          ) : (
            <DataTable
              boxed={false}
              columns={[
                { label: "问题" },
                { label: "类别", className: "hidden sm:table-cell whitespace-nowrap" },
                { label: "状态", className: "hidden sm:table-cell whitespace-nowrap" },
                { label: "责任人", className: "hidden md:table-cell" },
                { label: "整改期限", className: "hidden sm:table-cell whitespace-nowrap" },
              ]}
            >
              {open.items.map((f) => (
                <Tr key={f.id} className={f.overdue ? "bg-red-50/60" : undefined}>
                  <Td>
                    <Link href={`/outcomes/surveys/${f.survey.id}#finding-${f.id}`} className="font-medium text-accent underline-offset-2 hover:underline">
                      {f.text}
                    </Link>
                    <div className="text-base text-gray-600">{f.survey.title}</div>
                    {/* On phones the other columns fold in here. */}
                    <div className="mt-1 flex flex-wrap items-center gap-x-3 gap-y-1 text-base text-gray-700 sm:hidden">
                      <span>{FINDING_CATEGORY_LABELS[f.category]}</span>
                      <FollowUpBadge status={f.status} />
                      <span>
                        期限：<DueDate dueOn={f.dueOn} overdue={f.overdue} />
                      </span>
                    </div>
                    <div className="text-base text-gray-600 md:hidden">责任人：{f.owner ?? "未定"}</div>
                  </Td>
                  <Td className="hidden whitespace-nowrap sm:table-cell">{FINDING_CATEGORY_LABELS[f.category]}</Td>
                  <Td className="hidden sm:table-cell">
                    <FollowUpBadge status={f.status} />
                  </Td>
                  <Td className="hidden md:table-cell">{f.owner ?? <span className="text-gray-500">未定</span>}</Td>
                  <Td className="hidden sm:table-cell">
                    <DueDate dueOn={f.dueOn} overdue={f.overdue} />
                  </Td>
                </Tr>
              ))}
            </DataTable>
          )}
          {open.items.length >= OPEN_FINDINGS_LIMIT && <p className="mt-2 text-base text-gray-600">只列出期限最近的 {OPEN_FINDINGS_LIMIT} 个，请按类别查看。</p>}
        </div>
      </Card>

      <h2 className="mb-3 text-lg font-semibold text-gray-900">调研（共 {list.total} 次）</h2>
      {list.items.length === 0 ? (
        <EmptyState
          title="还没有登记调研"
          hint={canWrite ? "点“登记调研”，记下调研的题目、时间、覆盖的单位和发现的问题。" : "开展调研后，会显示在这里。"}
          action={newButton}
        />
      ) : (
        <DataTable
          columns={[
            { label: "调研题目" },
            { label: "开展单位", className: "hidden md:table-cell" },
            { label: "调研时间", className: "hidden sm:table-cell" },
            { label: "问题", className: "whitespace-nowrap" },
          ]}
        >
          {list.items.map((s) => (
            <Tr key={s.id}>
              <Td>
                <Link href={`/outcomes/surveys/${s.id}`} className="font-medium text-accent underline-offset-2 hover:underline">
                  {s.title}
                </Link>
                <div className="text-base text-gray-600 md:hidden">{s.orgUnit.name}</div>
                <div className="text-base text-gray-600 sm:hidden">
                  {formatDate(s.periodFrom)} 至 {formatDate(s.periodTo)}
                </div>
              </Td>
              <Td className="hidden md:table-cell">{s.orgUnit.name}</Td>
              <Td className="hidden sm:table-cell">
                {formatDate(s.periodFrom)} 至 {formatDate(s.periodTo)}
              </Td>
              <Td className="whitespace-nowrap">
                {s._count.findings} 个
                {s.openFindings > 0 && <div className="text-amber-800">未整改 {s.openFindings} 个</div>}
              </Td>
            </Tr>
          ))}
        </DataTable>
      )}
      <Pagination page={filters.page} pages={list.pages} href={(page) => href({ page })} />
    </div>
  );
}
