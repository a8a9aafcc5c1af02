import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/lib/server/auth/session";
import { orNotFound } from "@/lib/server/pages";
import { can } from "@/lib/server/permissions";
import { listTrainingSessions } from "@/lib/server/people/training";
import { volunteerUnitOptions } from "@/lib/server/people/read-volunteers";
import { formatDate } from "@/lib/format";
import { TRAINING_KIND_LABELS } from "@/lib/schemas/volunteer";
import { todayInBeijing } from "@/lib/schemas/dates";
import { Card, EmptyState, PageHeader } from "@/components/ui/page";
import { DataTable, Td, Tr } from "@/components/ui/table";
import { VolunteerTabs } from "@/components/volunteers/bits";
import { TrainingSessionForm } from "@/components/volunteers/training-forms";
import { createTrainingSessionAction } from "../actions";

export const metadata: Metadata = { title: "志愿者培训" };

export default async function TrainingPage() {
  const actor = await requireActor();
  const canWrite = can(actor, "people.write");
  const [sessions, units] = await orNotFound(Promise.all([listTrainingSessions(actor), canWrite ? volunteerUnitOptions(actor) : []]));
  return (
    <div>
      <PageHeader title="五老志愿者" subtitle="培训：入门培训和其他培训，以及参加人员" />
      <VolunteerTabs current="/volunteers/training" />
      <div className="grid gap-4 lg:grid-cols-3">
        <div className="lg:col-span-2">
          {sessions.length === 0 ? (
            <EmptyState
              title="还没有培训记录"
              hint={canWrite ? "在“新建培训”里填写培训名称、日期和举办单位，再勾选参加的志愿者。" : "各单位登记培训后，会显示在这里。"}
            />
          ) : (
            <DataTable
              columns={[
                { label: "日期", className: "whitespace-nowrap" },
                { label: "培训名称" },
                { label: "类型", className: "hidden sm:table-cell" },
                { label: "举办单位", className: "hidden md:table-cell" },
                { label: "参加人数", className: "whitespace-nowrap" },
              ]}
            >
              {sessions.map((s) => (
                <Tr key={s.id}>
                  <Td className="whitespace-nowrap">{formatDate(s.heldOn)}</Td>
                  <Td>
                    <Link href={`/volunteers/training/${s.id}`} className="font-medium text-accent underline-offset-2 hover:underline">
                      {s.title}
                    </Link>
                  </Td>
                  <Td className="hidden whitespace-nowrap sm:table-cell">{TRAINING_KIND_LABELS[s.kind]}</Td>
                  <Td className="hidden md:table-cell">{s.orgUnit.name}</Td>
                  <Td className="tabular-nums">{s._count.attendance}</Td>
                </Tr>
              ))}
            </DataTable>
          )}
          {sessions.length >= 100 && <p className="mt-2 text-base text-gray-600">只显示最近 100 场培训。</p>}
        </div>
        {canWrite && (
          <Card title="新建培训">
            <TrainingSessionForm action={createTrainingSessionAction} units={units} today={todayInBeijing()} />
          </Card>
        )}
      </div>
    </div>
  );
}
