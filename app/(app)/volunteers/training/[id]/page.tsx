import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/lib/server/auth/session";
import { orNotFound } from "@/lib/server/pages";
import { can } from "@/lib/server/permissions";
import { attendanceCandidates, getTrainingSession } from "@/lib/server/people/training";
import { formatDate } from "@/lib/format";
import { CATEGORY_LABELS, STATUS_LABELS, TRAINING_KIND_LABELS } from "@/lib/schemas/volunteer";
import { Card, PageHeader } from "@/components/ui/page";
import { DataTable, Td, Tr } from "@/components/ui/table";
import { Notice } from "@/components/ui/page";
import { AttendanceForm } from "@/components/volunteers/training-forms";
import { recordAttendanceAction } from "../../actions";

export const metadata: Metadata = { title: "培训详情" };

export default async function TrainingSessionPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ q?: string; created?: string }>;
}) {
  const actor = await requireActor();
  const { id } = await params;
  const sp = await searchParams;
  const q = typeof sp.q === "string" ? sp.q.slice(0, 40) : "";
  const canWrite = can(actor, "people.write");
  const [session, candidates] = await orNotFound(
    Promise.all([getTrainingSession(actor, id), canWrite ? attendanceCandidates(actor, id, { q }) : []]),
  );
  const onboarding = session.kind === "ONBOARDING";
  return (
    <div>
      <Link href="/volunteers/training" className="inline-flex min-h-12 items-center text-base text-gray-600 hover:underline">
        ‹ 返回培训列表
      </Link>
      <PageHeader
        title={session.title}
        subtitle={`${formatDate(session.heldOn)} · ${TRAINING_KIND_LABELS[session.kind]} · ${session.orgUnit.name}${session.location ? ` · ${session.location}` : ""}`}
      />
      {sp.created && <Notice>培训已创建。培训结束后，在下面勾选参加的志愿者。</Notice>}
      <div className="grid gap-4 lg:grid-cols-2">
        <Card title={`参加人员（${session.attendees.length} 人）`}>
          {session.attendees.length === 0 ? (
            <p className="text-base text-gray-600">还没有登记参加人员。{canWrite && "在“登记参加人员”里勾选参加的志愿者。"}</p>
          ) : (
            <DataTable boxed={false} columns={[{ label: "姓名" }, { label: "类别", className: "hidden sm:table-cell" }, { label: "单位" }]}>
              {session.attendees.map((a) => (
                <Tr key={a.id}>
                  <Td>
                    <Link href={`/volunteers/${a.id}`} className="font-medium text-accent hover:underline">
                      {a.person.name}
                    </Link>
                    {a.status !== "ACTIVE" && <span className="ml-2 text-gray-500">{STATUS_LABELS[a.status]}</span>}
                  </Td>
                  <Td className="hidden sm:table-cell">{CATEGORY_LABELS[a.category]}</Td>
                  <Td>{a.orgUnit.name}</Td>
                </Tr>
              ))}
            </DataTable>
          )}
        </Card>
        {canWrite && (
          <Card title="登记参加人员">
            {onboarding && (
              <p className="mb-3 text-base text-gray-700">这是入门培训：登记后，尚未培训的志愿者会记为 {formatDate(session.heldOn)} 完成入门培训。</p>
            )}
            <form role="search" className="mb-4 flex gap-2" aria-label="查找志愿者">
              <input
                name="q"
                defaultValue={q}
                placeholder="按姓名查找志愿者"
                aria-label="按姓名查找志愿者"
                className="min-h-12 w-full rounded-md border border-gray-300 bg-white px-3 text-base"
              />
              <button className="min-h-12 shrink-0 rounded-md border border-gray-300 bg-white px-4 text-base">查找</button>
            </form>
            {/* Always mounted, so "已登记 N 人" stays on screen after the list empties. */}
            <AttendanceForm
              action={recordAttendanceAction}
              sessionId={session.id}
              onboarding={onboarding}
              emptyText={q ? `没有找到名字含“${q}”、还未登记的志愿者。` : `${session.orgUnit.name}的志愿者都已登记参加，或还没有登记志愿者。`}
              candidates={candidates.map((c) => ({
                id: c.id,
                name: c.person.name,
                detail: `${CATEGORY_LABELS[c.category]} · ${c.orgUnit.name}`,
                untrained: !c.trainedOn,
              }))}
            />
            {candidates.length >= 50 && <p className="mt-2 text-base text-gray-600">只列出前 50 位，请按姓名查找其他志愿者。</p>}
          </Card>
        )}
      </div>
    </div>
  );
}
