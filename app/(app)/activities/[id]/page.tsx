import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/lib/server/auth/session";
import { orNotFound } from "@/lib/server/pages";
import { can } from "@/lib/server/permissions";
import { getActivity, stationOptions, volunteerOptionsForStation } from "@/lib/server/stations/read-activities";
import { formatDateTime } from "@/lib/format";
import { activityEditRefusal, KIND_LABELS } from "@/lib/schemas/activity";
import { todayInBeijing } from "@/lib/schemas/dates";
import { Card, PageHeader } from "@/components/ui/page";
import { Facts, Notice } from "@/components/ui/page";
import { EditActivityForm } from "@/components/activities/activity-form";
import { updateActivityAction } from "../actions";

export const metadata: Metadata = { title: "活动详情" };

export default async function ActivityPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ saved?: string }> }) {
  const actor = await requireActor();
  const { id } = await params;
  const { saved } = await searchParams;
  const a = await orNotFound(getActivity(actor, id));
  // The same rule the server enforces on saving, so nobody is offered a form that would be refused.
  const refusal = can(actor, "activity.write") ? activityEditRefusal(actor, a) : null;
  const editable = can(actor, "activity.write") && !refusal;
  const [stations, volunteers] = editable
    ? await orNotFound(Promise.all([stationOptions(actor), volunteerOptionsForStation(actor, a.stationId, a.volunteerIds)]))
    : [[], []];

  return (
    <div className="mx-auto w-full max-w-xl">
      <Link href="/activities" className="inline-flex min-h-12 items-center text-base text-gray-600 hover:underline">
        ‹ 返回活动记录
      </Link>
      <PageHeader title={a.title} subtitle={`${a.date} · ${KIND_LABELS[a.kind]} · ${a.stationName}`} />
      {saved && <Notice>修改已保存。</Notice>}
      <Card className="mb-5">
        <Facts
          rows={[
            ["辅导站", a.stationName],
            ["日期", a.date],
            ["类型", KIND_LABELS[a.kind]],
            ["青少年人数", `${a.youthParticipants} 人`],
            ["带领的志愿者", a.volunteerNames.length ? a.volunteerNames.join("、") : "—"],
            ["备注", a.notes ?? "—"],
            ["登记人", a.createdByName ?? "—"],
            ["登记时间", formatDateTime(a.createdAt)],
          ]}
        />
      </Card>
      {refusal && <Notice tone="warn">{refusal}</Notice>}
      {editable && (
        <Card title="修改活动记录">
          <EditActivityForm
            action={updateActivityAction}
            stations={stations.map((s) => ({ id: s.id, name: s.name, orgUnitName: s.orgUnitName }))}
            volunteers={volunteers}
            today={todayInBeijing()}
            initial={{
              id: a.id,
              stationId: a.stationId,
              date: a.date,
              kind: a.kind,
              title: a.title,
              youthParticipants: String(a.youthParticipants),
              notes: a.notes ?? "",
            }}
            initialVolunteerIds={a.volunteerIds}
          />
        </Card>
      )}
    </div>
  );
}
