import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/lib/server/auth/session";
import { orNotFound } from "@/lib/server/pages";
import { assertCan } from "@/lib/server/permissions";
import { getMeeting, meetingKindChoices } from "@/lib/server/rules/meetings";
import { isoDay, todayInBeijing } from "@/lib/schemas/dates";
import { Card, PageHeader } from "@/components/ui/page";
import { MeetingForm } from "@/components/rules/meetings/meeting-form";
import { updateMeetingAction } from "../../actions";

export const metadata: Metadata = { title: "修改会议" };

export default async function EditMeetingPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor();
  const { id } = await params;
  const m = await orNotFound(
    (async () => {
      assertCan(actor, "meeting.write");
      return getMeeting(actor, id);
    })(),
  );
  return (
    <div>
      <Link href={`/rules/meetings/${m.id}`} className="inline-flex min-h-12 items-center text-base text-gray-600 hover:underline">
        ‹ 返回会议
      </Link>
      <PageHeader title="修改会议" subtitle={`${m.orgUnit.name}：单位不能修改；决定事项在会议页补充或标记完成。`} />
      <Card>
        <MeetingForm
          action={updateMeetingAction}
          kinds={meetingKindChoices()}
          today={todayInBeijing()}
          initial={{
            id: m.id,
            level: m.orgUnit.level,
            kind: m.kind,
            heldOn: isoDay(m.heldOn)!,
            title: m.title,
            attendees: m.attendees ?? undefined,
            minutes: m.minutes ?? undefined,
          }}
        />
      </Card>
    </div>
  );
}
