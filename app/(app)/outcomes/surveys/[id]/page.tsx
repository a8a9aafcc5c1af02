import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/lib/server/auth/session";
import { orNotFound } from "@/lib/server/pages";
import { can } from "@/lib/server/permissions";
import { getSurvey } from "@/lib/server/outcomes/surveys";
import { FINDING_CATEGORIES, FINDING_CATEGORY_LABELS } from "@/lib/schemas/survey";
import { isoDay, todayInBeijing } from "@/lib/schemas/dates";
import { formatDate } from "@/lib/format";
import { ButtonLink } from "@/components/ui/button";
import { Card, Facts, Notice, PageHeader } from "@/components/ui/page";
import { DueDate, FollowUpBadge } from "@/components/outcomes/surveys/bits";
import { AddFindingForm, FollowUpForm } from "@/components/outcomes/surveys/survey-forms";
import { addFindingAction, updateFollowUpAction } from "../actions";

export const metadata: Metadata = { title: "调研详情" };

type Search = Partial<Record<"finding" | "add" | "created" | "added" | "saved", string>>;

export default async function SurveyPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Search> }) {
  const actor = await requireActor();
  const { id } = await params;
  const sp = await searchParams;
  const survey = await orNotFound(getSurvey(actor, id));
  // Follow-up is the committee's that did the survey (and the units above it).
  const canEdit = survey.editable && can(actor, "research.write");
  const open = survey.findings.filter((f) => f.status !== "DONE").length;
  const here = `/outcomes/surveys/${survey.id}`;

  return (
    <div>
      <Link href="/outcomes/surveys" className="inline-flex min-h-12 items-center text-base text-gray-600 hover:underline">
        ‹ 返回调研
      </Link>
      <PageHeader title={survey.title} subtitle={`${survey.orgUnit.name} · ${formatDate(survey.periodFrom)} 至 ${formatDate(survey.periodTo)}`} />
      {sp.created && <Notice>调研已登记。发现的问题可以在下面跟进整改。</Notice>}
      {sp.added && <Notice>问题已添加。</Notice>}
      {sp.saved && <Notice>整改跟进情况已保存。</Notice>}

      <Card title="调研情况" className="mb-6">
        <Facts
          rows={[
            ["开展单位", survey.orgUnit.name],
            ["调研时间", `${formatDate(survey.periodFrom)} 至 ${formatDate(survey.periodTo)}`],
            ["覆盖单位", survey.units.length ? survey.units.map((u) => u.name).join("、") : "—"],
            ["调研概况", survey.summary ? <span className="whitespace-pre-line">{survey.summary}</span> : "—"],
            ["对策建议", survey.recommendations ? <span className="whitespace-pre-line">{survey.recommendations}</span> : "—"],
          ]}
        />
      </Card>

      <Card title={`发现的问题（${survey.findings.length} 个，未整改 ${open} 个）`}>
        {!canEdit && can(actor, "research.write") && (
          <p className="mb-4 text-base text-gray-600">这次调研由{survey.orgUnit.name}开展，整改情况由该单位跟进。</p>
        )}
        {survey.findings.length === 0 && <p className="mb-4 text-base text-gray-600">这次调研还没有登记问题。{canEdit && "点“添加问题”登记。"}</p>}
        <div className="flex flex-col gap-6">
          {FINDING_CATEGORIES.map((c) => {
            const findings = survey.findings.filter((f) => f.category === c);
            if (findings.length === 0) return null;
            return (
              <section key={c} aria-label={FINDING_CATEGORY_LABELS[c]}>
                <h3 className="mb-2 text-base font-semibold text-gray-900">
                  {FINDING_CATEGORY_LABELS[c]}（{findings.length}）
                </h3>
                <ul className="flex flex-col gap-3">
                  {findings.map((f) => (
                    <li
                      key={f.id}
                      id={`finding-${f.id}`}
                      className={`scroll-mt-4 rounded-lg border p-4 ${f.overdue ? "border-red-200 bg-red-50/60" : "border-gray-200"}`}
                    >
                      <div className="flex flex-wrap items-start justify-between gap-2">
                        <p className="text-base font-medium text-gray-900">{f.text}</p>
                        <FollowUpBadge status={f.status} />
                      </div>
                      {f.recommendation && <p className="mt-1 text-base text-gray-700">整改建议：{f.recommendation}</p>}
                      <p className="mt-2 flex flex-wrap gap-x-6 gap-y-1 text-base text-gray-700">
                        <span>责任人：{f.owner ?? "未定"}</span>
                        <span>
                          整改期限：<DueDate dueOn={f.dueOn} overdue={f.overdue} />
                        </span>
                        {f.doneOn && <span>完成日期：{formatDate(f.doneOn)}</span>}
                      </p>
                      {canEdit &&
                        (sp.finding === f.id ? (
                          <div className="mt-4 border-t border-gray-200 pt-4">
                            <FollowUpForm
                              action={updateFollowUpAction}
                              today={todayInBeijing()}
                              finding={{ id: f.id, status: f.status, owner: f.owner ?? undefined, dueOn: isoDay(f.dueOn) ?? undefined, doneOn: isoDay(f.doneOn) ?? undefined }}
                            />
                            <Link href={`${here}#finding-${f.id}`} className="mt-2 inline-flex min-h-12 items-center text-base text-gray-600 hover:underline">
                              取消
                            </Link>
                          </div>
                        ) : (
                          <div className="mt-3">
                            <ButtonLink href={`${here}?finding=${f.id}#finding-${f.id}`}>跟进整改</ButtonLink>
                          </div>
                        ))}
                    </li>
                  ))}
                </ul>
              </section>
            );
          })}
        </div>
        {canEdit && (
          <div id="add-finding" className="mt-6 scroll-mt-4 border-t border-gray-200 pt-4">
            {sp.add ? (
              <>
                <h3 className="mb-3 text-base font-semibold text-gray-900">添加问题</h3>
                <AddFindingForm action={addFindingAction} surveyId={survey.id} />
                <Link href={here} className="mt-2 inline-flex min-h-12 items-center text-base text-gray-600 hover:underline">
                  取消
                </Link>
              </>
            ) : (
              <ButtonLink href={`${here}?add=1#add-finding`}>添加问题</ButtonLink>
            )}
          </div>
        )}
      </Card>
    </div>
  );
}
