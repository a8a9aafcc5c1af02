import type { Metadata } from "next";
import { requireActor } from "@/lib/server/auth/session";
import { orNotFound } from "@/lib/server/pages";
import { can } from "@/lib/server/permissions";
import { getRound, listRounds } from "@/lib/server/rules/assessment";
import { DEFAULT_CRITERIA, FIVE_GOOD_ITEMS, FIVE_GOOD_LABELS } from "@/lib/server/rules/scoring";
import { ASSESSMENT_STATUS_LABELS } from "@/lib/schemas/assessment";
import { formatDate } from "@/lib/format";
import { Card, EmptyState, Facts, Notice, PageHeader } from "@/components/ui/page";
import { ButtonLink } from "@/components/ui/button";
import { YearLinks } from "@/components/ui/year-links";
import { RulesTabs } from "@/components/rules/tabs";
import { CriteriaTable } from "@/components/rules/assessment/bits";
import { CriteriaForm, RoundStepForm } from "@/components/rules/assessment/forms";
import { confirmRoundAction, createRoundAction, publishRoundAction, updateRoundAction } from "./actions";

export const metadata: Metadata = { title: "“五好”考核" };

const DEFAULT_ROWS = FIVE_GOOD_ITEMS.map((item) => ({ item, label: FIVE_GOOD_LABELS[item], weight: DEFAULT_CRITERIA.weights[item], guidance: null }));

export default async function AssessmentPage({ searchParams }: { searchParams: Promise<{ year?: string; created?: string }> }) {
  const actor = await requireActor();
  const sp = await searchParams;
  const rounds = await orNotFound(listRounds(actor));
  const asked = Number(sp.year);
  const year = rounds.find((r) => r.year === asked)?.year ?? rounds[0]?.year;
  const round = year === undefined ? null : await orNotFound(getRound(actor, year));
  const manage = can(actor, "assessment.manage");
  const newYear = Math.max(new Date().getFullYear(), (rounds[0]?.year ?? 0) + 1);
  const rate = round && round.counts.assessed > 0 ? `${((round.counts.passed / round.counts.assessed) * 100).toFixed(1)}%` : "—";

  return (
    <div>
      <PageHeader title="制度落实" subtitle="“五好”村（社区）关工委考核：每年初区关工委发布考核标准，年底对各村（社区）评分" />
      <RulesTabs current="/rules/assessment" />
      {sp.created && round && <Notice>{round.year} 年度考核标准已建立（草稿）。核对无误后请发布，发布后各镇（街道）即可评分。</Notice>}

      {!round ? (
        <EmptyState title="还没有考核年度" hint={manage ? "在下方建立第一个年度的考核标准。" : "区关工委发布考核标准后，在这里查看。"} />
      ) : (
        <>
          <YearLinks years={rounds.map((r) => r.year)} current={round.year} href={(y) => `/rules/assessment?year=${y}`} />
          <div className="grid gap-4 lg:grid-cols-3">
            <Card title={`${round.year} 年度考核标准`} className="lg:col-span-2">
              <CriteriaTable criteria={round.criteria} fullMarks={round.fullMarks} passMark={round.passMark} />
              {manage && round.editable && (
                <details className="mt-4 border-t border-gray-100 pt-4">
                  <summary className="flex min-h-12 cursor-pointer items-center text-base font-medium text-accent">修改考核标准</summary>
                  <div className="mt-3">
                    <CriteriaForm action={updateRoundAction} criteria={round.criteria} year={round.year} passMark={round.passMark} isNew={false} />
                  </div>
                </details>
              )}
              {manage && !round.editable && round.status !== "CONFIRMED" && (
                <p className="mt-3 text-base text-gray-600">已有村（社区）评分，考核标准已冻结。</p>
              )}
            </Card>
            <Card title="进度">
              <Facts
                rows={[
                  ["状态", <span key="s" data-testid="round-status">{ASSESSMENT_STATUS_LABELS[round.status]}</span>],
                  ["发布日期", formatDate(round.publishedAt)],
                  ["确认日期", formatDate(round.confirmedAt)],
                  ["达标分数线", `${round.passMark} 分（满分 ${round.fullMarks} 分）`],
                  ["已评分", <span key="a" data-testid="count-assessed">{round.counts.assessed} 个村（社区）</span>],
                  ["达标", <span key="p" data-testid="count-passed">{round.counts.passed} 个（达标率 {rate}）</span>],
                  ["未评分", `${round.counts.unscored} 个`],
                ]}
              />
              <div className="mt-4 flex flex-wrap gap-2">
                <ButtonLink href={`/rules/assessment/${round.year}`}>查看评分结果</ButtonLink>
                {round.status === "CONFIRMED" && <ButtonLink href={`/rules/assessment/${round.year}/notice`}>先进单位通报</ButtonLink>}
              </div>
              {manage && round.status === "DRAFT" && (
                <div className="mt-5 border-t border-gray-100 pt-4">
                  <RoundStepForm action={publishRoundAction} year={round.year} label="发布考核标准" hint="发布后各镇（街道）即可评分；一旦有村（社区）评分，考核标准即冻结。" />
                </div>
              )}
              {manage && round.status === "PUBLISHED" && (
                <div className="mt-5 border-t border-gray-100 pt-4">
                  <RoundStepForm
                    action={confirmRoundAction}
                    year={round.year}
                    label={`确认 ${round.year} 年度考核结果`}
                    hint={`确认后分数锁定，镇（街道）不能再修改${round.counts.unscored > 0 ? `；还有 ${round.counts.unscored} 个村（社区）未评分` : ""}。`}
                  />
                </div>
              )}
            </Card>
          </div>
        </>
      )}

      {manage && (
        <details open={!round} className="mt-4 rounded-lg border border-gray-200 bg-white p-5">
          <summary className="flex min-h-12 cursor-pointer items-center text-lg font-semibold text-gray-900">新建年度考核标准</summary>
          <div className="mt-3">
            <CriteriaForm action={createRoundAction} criteria={DEFAULT_ROWS} year={newYear} passMark={DEFAULT_CRITERIA.passMark} isNew />
          </div>
        </details>
      )}
    </div>
  );
}
