import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/lib/server/auth/session";
import { orNotFound } from "@/lib/server/pages";
import { can } from "@/lib/server/permissions";
import { getSummerPlan } from "@/lib/server/stations/summer-plans";
import { formatDate } from "@/lib/format";
import { todayInBeijing } from "@/lib/schemas/dates";
import { KIND_LABELS } from "@/lib/schemas/activity";
import { SUMMER_PLAN_STATUS_LABELS } from "@/lib/schemas/station";
import { Card, PageHeader } from "@/components/ui/page";
import { Facts, Notice } from "@/components/ui/page";
import { AdvancePlanForm, LinkActivityForm } from "@/components/stations/station-forms";
import { advanceSummerPlanAction, linkActivityAction } from "../../actions";

export const metadata: Metadata = { title: "暑期计划" };

export default async function SummerPlanPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ created?: string }> }) {
  const actor = await requireActor();
  const { id } = await params;
  const { created } = await searchParams;
  const p = await orNotFound(getSummerPlan(actor, id));
  const canWrite = can(actor, "station.write");
  return (
    <div>
      <Link href={`/stations/summer-plans?year=${p.year}`} className="inline-flex min-h-12 items-center text-base text-gray-600 hover:underline">
        ‹ 返回 {p.year} 年暑期计划
      </Link>
      <PageHeader title={`${p.orgUnit.name} ${p.year} 年暑期计划`} subtitle={`挂钩学校：${p.school.name} · ${SUMMER_PLAN_STATUS_LABELS[p.status]}`} />
      {created && <Notice>暑期计划已登记（草稿）。与学校商定后，请标记为“已商定”。</Notice>}
      <div className="grid gap-4 lg:grid-cols-2">
        <Card title="计划">
          <Facts
            rows={[
              ["时间", `${formatDate(p.startsOn)} 至 ${formatDate(p.endsOn)}`],
              ["状态", SUMMER_PLAN_STATUS_LABELS[p.status]],
              ["商定日期", formatDate(p.agreedOn)],
              ["计划活动", <span key="t" className="whitespace-pre-wrap">{p.plannedActivities}</span>],
            ]}
          />
          {canWrite && (
            <div className="mt-5 border-t border-gray-100 pt-4">
              <AdvancePlanForm action={advanceSummerPlanAction} id={p.id} status={p.status} today={todayInBeijing()} />
            </div>
          )}
        </Card>
        <Card title={`关联的活动（${p.linked.length}）`}>
          {p.linked.length === 0 ? (
            <p className="text-base text-gray-600">还没有关联活动。</p>
          ) : (
            <ul className="divide-y divide-gray-100 text-base">
              {p.linked.map((a) => (
                <li key={a.id} className="py-2">
                  <span className="text-gray-600">{formatDate(a.date)}</span> · {a.station.name} · {KIND_LABELS[a.kind]} · {a.title}（{a.youthParticipants} 人次）
                </li>
              ))}
            </ul>
          )}
          {canWrite && p.candidates.length > 0 && (
            <div className="mt-5 border-t border-gray-100 pt-4">
              <LinkActivityForm
                action={linkActivityAction}
                planId={p.id}
                activities={p.candidates.map((a) => ({ id: a.id, label: `${a.date.toISOString().slice(0, 10)} ${a.station.name} ${a.title}` }))}
              />
            </div>
          )}
        </Card>
      </div>
    </div>
  );
}
