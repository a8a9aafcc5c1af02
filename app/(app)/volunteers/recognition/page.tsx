import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/lib/server/auth/session";
import { orNotFound } from "@/lib/server/pages";
import { can } from "@/lib/server/permissions";
import { listRecognitions } from "@/lib/server/people/recognition";
import { volunteerUnitOptions } from "@/lib/server/people/read-volunteers";
import { formatDate } from "@/lib/format";
import { HONOR_LEVEL_LABELS, HONOR_LEVELS } from "@/lib/schemas/volunteer";
import { todayInBeijing } from "@/lib/schemas/dates";
import { Card, EmptyState, PageHeader } from "@/components/ui/page";
import { DataTable, Td, Tr } from "@/components/ui/table";
import { VolunteerTabs } from "@/components/volunteers/bits";
import { RecognitionForm } from "@/components/volunteers/volunteer-forms";
import { createRecognitionAction } from "../actions";

export const metadata: Metadata = { title: "表彰奖励" };

export default async function RecognitionPage({ searchParams }: { searchParams: Promise<{ cursor?: string }> }) {
  const actor = await requireActor();
  const { cursor } = await searchParams;
  const canWrite = can(actor, "people.write");
  const [list, units] = await orNotFound(
    Promise.all([
      listRecognitions(actor, { cursor: typeof cursor === "string" ? cursor : undefined }),
      canWrite ? volunteerUnitOptions(actor) : [],
    ]),
  );
  const levels = HONOR_LEVELS.map((l) => `${HONOR_LEVEL_LABELS[l]} ${list.byLevel[l] ?? 0}`).join(" · ");
  return (
    <div>
      <PageHeader title="五老志愿者" subtitle={`表彰奖励共 ${list.personTimes} 人次（${levels}）`} />
      <VolunteerTabs current="/volunteers/recognition" />
      <div className="grid gap-4 lg:grid-cols-3">
        <div className="lg:col-span-2">
          {list.items.length === 0 ? (
            <EmptyState
              title="还没有表彰记录"
              hint={canWrite ? "个人获得的表彰在志愿者详情页登记；单位获得的表彰在右侧“登记单位表彰”里登记。" : "各单位登记表彰后，会显示在这里。"}
            />
          ) : (
            <DataTable
              columns={[
                { label: "日期", className: "whitespace-nowrap" },
                { label: "受表彰", className: "whitespace-nowrap" },
                { label: "荣誉名称" },
                { label: "级别", className: "whitespace-nowrap" },
                { label: "授予单位", className: "hidden md:table-cell" },
              ]}
            >
              {list.items.map((r) => (
                <Tr key={r.id}>
                  <Td className="whitespace-nowrap">{formatDate(r.awardedOn)}</Td>
                  <Td className="whitespace-nowrap">
                    {r.person ? (
                      r.person.volunteer ? (
                        <Link href={`/volunteers/${r.person.volunteer.id}`} className="font-medium text-accent hover:underline">
                          {r.person.name}
                        </Link>
                      ) : (
                        r.person.name
                      )
                    ) : (
                      <span>
                        {r.recipientUnit?.name}
                        <span className="ml-1 text-gray-500">（单位）</span>
                      </span>
                    )}
                  </Td>
                  <Td>{r.title}</Td>
                  <Td className="whitespace-nowrap">{HONOR_LEVEL_LABELS[r.level]}</Td>
                  <Td className="hidden md:table-cell">{r.issuer}</Td>
                </Tr>
              ))}
            </DataTable>
          )}
          {(cursor || list.nextCursor) && (
            <nav className="mt-4 flex flex-wrap gap-3 text-base" aria-label="分页">
              {cursor && (
                <Link href="/volunteers/recognition" className="inline-flex min-h-12 items-center rounded-md border border-gray-300 bg-white px-4">
                  回到第一页
                </Link>
              )}
              {list.nextCursor && (
                <Link
                  href={`/volunteers/recognition?cursor=${list.nextCursor}`}
                  className="inline-flex min-h-12 items-center rounded-md border border-gray-300 bg-white px-4"
                >
                  下一页
                </Link>
              )}
            </nav>
          )}
        </div>
        {canWrite && (
          <Card title="登记单位表彰">
            <p className="mb-3 text-base text-gray-600">给个人的表彰，请在该志愿者的详情页登记。</p>
            <RecognitionForm action={createRecognitionAction} units={units} today={todayInBeijing()} />
          </Card>
        )}
      </div>
    </div>
  );
}
