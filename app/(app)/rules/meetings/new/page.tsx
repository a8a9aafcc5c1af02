import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/lib/server/auth/session";
import { orNotFound } from "@/lib/server/pages";
import { assertCan } from "@/lib/server/permissions";
import { meetingKindChoices, meetingUnitOptions } from "@/lib/server/rules/meetings";
import { todayInBeijing } from "@/lib/schemas/dates";
import { Card, PageHeader } from "@/components/ui/page";
import { MeetingForm } from "@/components/rules/meetings/meeting-form";
import { createMeetingAction } from "../actions";

export const metadata: Metadata = { title: "新增会议" };

export default async function NewMeetingPage() {
  const actor = await requireActor();
  const units = await orNotFound(
    (async () => {
      assertCan(actor, "meeting.write");
      return meetingUnitOptions(actor);
    })(),
  );
  return (
    <div>
      <Link href="/rules/meetings" className="inline-flex min-h-12 items-center text-base text-gray-600 hover:underline">
        ‹ 返回会议制度
      </Link>
      <PageHeader title="新增会议" subtitle="登记会议的日期、参会人员、纪要和决定事项；例会是否按时召开由系统按日期自动统计。" />
      <Card>
        <MeetingForm action={createMeetingAction} units={units} kinds={meetingKindChoices()} today={todayInBeijing()} />
      </Card>
    </div>
  );
}
