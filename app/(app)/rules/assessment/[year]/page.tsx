import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireActor } from "@/lib/server/auth/session";
import { orNotFound } from "@/lib/server/pages";
import { can } from "@/lib/server/permissions";
import { LOCKED_MESSAGE, roundResults, scoreMode, type ResultFilter } from "@/lib/server/rules/assessment";
import { ASSESSMENT_STATUS_LABELS, ZAssessmentYear } from "@/lib/schemas/assessment";
import { ListEmptyState, Notice, PageHeader } from "@/components/ui/page";
import { ButtonLink } from "@/components/ui/button";
import { DataTable, Td, Tr } from "@/components/ui/table";
import { FilterBar, FilterSelect, TownFilter } from "@/components/ui/filter-bar";
import { RulesTabs } from "@/components/rules/tabs";
import { AdvancedBadge, PassBadge } from "@/components/rules/assessment/bits";
import { AdvancedToggle } from "@/components/rules/assessment/forms";
import { advancedAction } from "../actions";

export const metadata: Metadata = { title: "“五好”考核结果" };

const RESULT_FILTERS: Record<ResultFilter, string> = { passed: "达标", failed: "未达标", unscored: "未评分" };
const RESULT_OPTIONS = Object.entries(RESULT_FILTERS).map(([value, label]) => ({ value, label }));

export default async function AssessmentYearPage({
  params,
  searchParams,
}: {
  params: Promise<{ year: string }>;
  searchParams: Promise<{ town?: string; result?: string; scored?: string }>;
}) {
  const actor = await requireActor();
  const parsed = ZAssessmentYear.safeParse((await params).year);
  if (!parsed.success) notFound();
  const sp = await searchParams;
  const result = sp.result && Object.hasOwn(RESULT_FILTERS, sp.result) ? (sp.result as ResultFilter) : undefined;
  const { round, towns, town, rows } = await orNotFound(roundResults(actor, parsed.data, { town: sp.town, result }));
  const year = round.year;
  const mode = can(actor, "assessment.score") ? scoreMode(actor, round.status) : null;
  const canScore = mode === "open" || mode === "amend";
  const manage = can(actor, "assessment.manage");
  const scored = sp.scored ? rows.find((r) => r.id === sp.scored) : undefined;
  const filtered = Boolean(town || result);

  return (
    <div>
      <PageHeader
        title={`${year} 年度“五好”考核结果`}
        subtitle={`${ASSESSMENT_STATUS_LABELS[round.status]} · 满分 ${round.fullMarks} 分，达标分数线 ${round.passMark} 分`}
        actions={
          <>
            <ButtonLink href={`/rules/assessment?year=${year}`}>考核标准与进度</ButtonLink>
            {round.status === "CONFIRMED" && <ButtonLink href={`/rules/assessment/${year}/notice`}>先进单位通报</ButtonLink>}
          </>
        }
      />
      <RulesTabs current="/rules/assessment" />
      {scored && <Notice>已保存 {scored.name} 的评分。</Notice>}
      {round.status === "DRAFT" && <Notice tone="warn">{year} 年度考核标准尚未发布，不能评分。</Notice>}
      {mode === "locked" && <Notice tone="warn">{LOCKED_MESSAGE}。如需更正，请联系区关工委。</Notice>}
      {mode === "amend" && <Notice tone="warn">该年度考核已确认。修改分数须写明原因，并记入操作日志。</Notice>}

      <FilterBar label="筛选考核结果" className="sm:grid-cols-3" clearHref={filtered && `/rules/assessment/${year}`}>
        {towns.length > 1 && (
          <TownFilter towns={towns} value={town} />
        )}
        <FilterSelect name="result" label="结果" allLabel="全部结果" value={result} options={RESULT_OPTIONS} />
      </FilterBar>

      {rows.length === 0 ? (
        <ListEmptyState
          filtered={filtered}
          what="村（社区）"
          filteredHint="换一个筛选条件试试。"
          title="范围内没有参加考核的村（社区）"
          hint="“五好”考核的对象是村（社区）关工委。"
        />
      ) : (
        <DataTable
          columns={[
            { label: "村（社区）" },
            ...round.criteria.map((c) => ({ label: c.label, className: "hidden whitespace-nowrap xl:table-cell" })),
            { label: "总分", className: "whitespace-nowrap" },
            { label: "结果", className: "whitespace-nowrap" },
            { label: "名次", className: "hidden whitespace-nowrap sm:table-cell" },
            ...(canScore || manage ? [{ label: "操作", className: "whitespace-nowrap" }] : []),
          ]}
        >
          {rows.map((r) => (
            <Tr key={r.id}>
              <Td>
                <Link href={`/org/${r.id}`} className="font-medium text-accent hover:underline">
                  {r.name}
                </Link>
                <div className="text-sm text-gray-600">{r.town}</div>
                {r.result?.advanced && (
                  <div className="mt-1">
                    <AdvancedBadge />
                  </div>
                )}
              </Td>
              {round.criteria.map((c) => (
                <Td key={c.item} className="hidden tabular-nums xl:table-cell">
                  {r.result ? r.result.points[c.item] : "—"}
                </Td>
              ))}
              <Td className="tabular-nums font-medium">{r.result ? r.result.total : "—"}</Td>
              <Td>{r.result ? <PassBadge passed={r.result.passed} /> : <span className="whitespace-nowrap text-gray-500">未评分</span>}</Td>
              <Td className="hidden tabular-nums sm:table-cell">{r.rank ?? "—"}</Td>
              {(canScore || manage) && (
                <Td>
                  <div className="flex flex-col items-start gap-2 whitespace-nowrap">
                    {canScore && (
                      <ButtonLink href={`/rules/assessment/${year}/score/${r.id}`} aria-label={`${r.result ? "修改" : "评分"}：${r.name}`}>
                        {r.result ? "修改" : "评分"}
                      </ButtonLink>
                    )}
                    {manage && r.result?.passed && (
                      <AdvancedToggle action={advancedAction} year={year} orgUnitId={r.id} name={r.name} advanced={r.result.advanced} />
                    )}
                  </div>
                </Td>
              )}
            </Tr>
          ))}
        </DataTable>
      )}
    </div>
  );
}
