import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/lib/server/auth/session";
import { orNotFound } from "@/lib/server/pages";
import { can } from "@/lib/server/permissions";
import { listSummerPlans, missingAgreedPlans, planCommitteeOptions } from "@/lib/server/stations/summer-plans";
import { currentYear } from "@/lib/server/stations/read-stations";
import { formatDate } from "@/lib/format";
import { SUMMER_PLAN_STATUS_LABELS, ZSummerPlanYear } from "@/lib/schemas/station";
import { Card, EmptyState, PageHeader } from "@/components/ui/page";
import { DataTable, Td, Tr } from "@/components/ui/table";
import { YearLinks, yearChoice } from "@/components/ui/year-links";
import { StationTabs } from "@/components/stations/bits";
import { SummerPlanForm } from "@/components/stations/station-forms";
import { createSummerPlanAction } from "../actions";

export const metadata: Metadata = { title: "暑期计划（校站结合）" };

export default async function SummerPlansPage({ searchParams }: { searchParams: Promise<{ year?: string }> }) {
  const actor = await requireActor();
  const sp = await searchParams;
  const parsed = ZSummerPlanYear.safeParse({ year: typeof sp.year === "string" ? sp.year : undefined });
  const year = (parsed.success ? parsed.data.year : undefined) ?? currentYear();
  const canWrite = can(actor, "station.write");
  const [plans, missing, committees] = await orNotFound(
    Promise.all([listSummerPlans(actor, year), missingAgreedPlans(actor, year), canWrite ? planCommitteeOptions(actor) : []]),
  );
  // Plans are agreed each spring, so next year is offered too; back to the first year with data.
  const years = [currentYear() + 1, ...yearChoice(undefined).years];

  return (
    <div>
      <PageHeader title="校外辅导站" subtitle={`暑期计划（校站结合）· ${year} 年：已登记 ${plans.length} 份`} />
      <StationTabs current="/stations/summer-plans" />

      <YearLinks years={years} current={year} href={(y) => `/stations/summer-plans?year=${y}`} />

      <Card title={`截至7月1日未商定暑期计划（${missing.missing.length} / ${missing.committees}）`} className="mb-4">
        <p className="mb-3 text-base text-gray-600">有挂钩学校的镇（街道）、村（社区）关工委，须在 {year} 年 7 月 1 日前与学校商定暑期计划。</p>
        {missing.committees === 0 ? (
          <p className="text-base text-gray-600">范围内还没有设定挂钩学校的辅导站。</p>
        ) : missing.missing.length === 0 ? (
          <p className="text-base text-green-700">全部按时商定。</p>
        ) : (
          <DataTable boxed={false} columns={[{ label: "关工委" }, { label: "挂钩学校", className: "hidden sm:table-cell" }, { label: "情况" }]}>
            {missing.missing.map((m) => (
              <Tr key={m.orgUnitId}>
                <Td>{m.name}</Td>
                <Td className="hidden sm:table-cell">{m.schools.join("、")}</Td>
                <Td className="text-amber-800">{m.reason}</Td>
              </Tr>
            ))}
          </DataTable>
        )}
      </Card>

      <div className="grid gap-4 lg:grid-cols-3">
        <div className="lg:col-span-2">
          {plans.length === 0 ? (
            <EmptyState title={`${year} 年还没有暑期计划`} hint={canWrite ? "每年春季，与挂钩学校商定暑期计划后在右侧登记。" : undefined} />
          ) : (
            <DataTable
              columns={[
                { label: "关工委" },
                { label: "挂钩学校", className: "hidden md:table-cell" },
                { label: "时间", className: "hidden sm:table-cell" },
                { label: "状态", className: "whitespace-nowrap" },
                { label: "关联活动", className: "hidden sm:table-cell" },
              ]}
            >
              {plans.map((p) => (
                <Tr key={p.id}>
                  <Td>
                    <Link href={`/stations/summer-plans/${p.id}`} className="font-medium text-accent hover:underline">
                      {p.orgUnit.name}
                    </Link>
                  </Td>
                  <Td className="hidden md:table-cell">{p.school.name}</Td>
                  <Td className="hidden sm:table-cell">
                    {formatDate(p.startsOn)} 至 {formatDate(p.endsOn)}
                  </Td>
                  <Td className="whitespace-nowrap">
                    {SUMMER_PLAN_STATUS_LABELS[p.status]}
                    {p.agreedOn && <div className="text-gray-600">{formatDate(p.agreedOn)} 商定</div>}
                  </Td>
                  <Td className="hidden tabular-nums sm:table-cell">{p._count.activities}</Td>
                </Tr>
              ))}
            </DataTable>
          )}
        </div>
        {canWrite && (
          <Card title="登记暑期计划">
            {committees.length === 0 ? (
              <p className="text-base text-gray-600">请先在辅导站资料里设定挂钩学校。</p>
            ) : (
              <SummerPlanForm action={createSummerPlanAction} committees={committees} year={year} />
            )}
          </Card>
        )}
      </div>
    </div>
  );
}
