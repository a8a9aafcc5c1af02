import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/lib/server/auth/session";
import { orNotFound } from "@/lib/server/pages";
import { can } from "@/lib/server/permissions";
import { getMeeting } from "@/lib/server/rules/meetings";
import { MEETING_KIND_LABELS } from "@/lib/server/rules/regularity";
import { formatDate } from "@/lib/format";
import { isoDay, todayInBeijing } from "@/lib/schemas/dates";
import { ButtonLink } from "@/components/ui/button";
import { Card, Facts, Notice, PageHeader } from "@/components/ui/page";
import { AddDecisionForm, DecisionDoneForm } from "@/components/rules/meetings/decision-forms";
import { addDecisionAction, markDecisionDoneAction } from "../actions";

export const metadata: Metadata = { title: "会议" };

export default async function MeetingPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ created?: string; saved?: string }> }) {
  const actor = await requireActor();
  const { id } = await params;
  const sp = await searchParams;
  const m = await orNotFound(getMeeting(actor, id));
  const canWrite = can(actor, "meeting.write");
  const today = todayInBeijing();
  const heldOn = isoDay(m.heldOn)!;
  const open = m.decisions.filter((d) => !d.doneOn).length;

  return (
    <div>
      <Link href={`/rules/meetings?year=${heldOn.slice(0, 4)}`} className="inline-flex min-h-12 items-center text-base text-gray-600 hover:underline">
        ‹ 返回会议制度
      </Link>
      <PageHeader
        title={m.title}
        subtitle={`${m.orgUnit.name} · ${MEETING_KIND_LABELS[m.kind]} · ${formatDate(m.heldOn)}`}
        actions={canWrite && <ButtonLink href={`/rules/meetings/${m.id}/edit`}>修改会议</ButtonLink>}
      />
      {sp.created && <Notice>会议已登记。</Notice>}
      {sp.saved && <Notice>修改已保存。</Notice>}
      <div className="grid gap-4 lg:grid-cols-2">
        <Card title="会议情况">
          <Facts
            rows={[
              ["单位", m.orgUnit.name],
              ["类型", MEETING_KIND_LABELS[m.kind]],
              ["日期", formatDate(m.heldOn)],
              ["参会人员", m.attendees ? <span key="a" className="whitespace-pre-wrap">{m.attendees}</span> : "—"],
              ["会议纪要", m.minutes ? <span key="n" className="whitespace-pre-wrap">{m.minutes}</span> : "—"],
            ]}
          />
        </Card>
        <Card title={`决定事项（${m.decisions.length} 项${open > 0 ? `，${open} 项未完成` : ""}）`}>
          {m.decisions.length === 0 ? (
            <p className="text-base text-gray-600">本次会议没有登记决定事项。</p>
          ) : (
            <ul className="divide-y divide-gray-100" data-testid="decisions">
              {m.decisions.map((d) => {
                const overdue = d.daysOverdue;
                return (
                  <li key={d.id} className="py-3 text-base">
                    <p className="font-medium text-gray-900">{d.text}</p>
                    <p className="text-gray-700">
                      责任人：{d.owner} · 完成期限：{formatDate(d.dueOn)}
                    </p>
                    <p className={d.doneOn ? "text-green-700" : overdue ? "text-red-800" : "text-gray-600"}>
                      {d.doneOn ? `已于${formatDate(d.doneOn)}完成` : overdue ? `已逾期 ${overdue} 天，未完成` : "未到期，未完成"}
                    </p>
                    {canWrite && !d.doneOn && (
                      <div className="mt-2">
                        <DecisionDoneForm action={markDecisionDoneAction} decisionId={d.id} today={today} text={d.text} />
                      </div>
                    )}
                  </li>
                );
              })}
            </ul>
          )}
          {canWrite && (
            <div className="mt-5 border-t border-gray-100 pt-4">
              <h3 className="mb-3 text-base font-semibold text-gray-900">补充决定事项</h3>
              <AddDecisionForm action={addDecisionAction} meetingId={m.id} heldOn={heldOn} />
            </div>
          )}
        </Card>
      </div>
    </div>
  );
}
