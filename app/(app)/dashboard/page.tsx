import type { Metadata } from "next";
import { requireActor } from "@/lib/server/auth/session";
import type { Actor } from "@/lib/server/actor";
import { orNotFound } from "@/lib/server/pages";
import { dashboardData, defaultDashboardYear, metricInfos } from "@/lib/server/metrics/dashboard";
import { unitChecklist } from "@/lib/server/metrics/unit-checklist";
import { visibleAncestors } from "@/lib/server/org/read-units";
import { LEVEL_LABELS } from "@/lib/format";
import { Card, EmptyState, PageHeader } from "@/components/ui/page";
import { YearLinks, yearChoice } from "@/components/ui/year-links";
import { KpiGroups } from "@/components/dashboard/kpi-tiles";
import { MonthlyCharts } from "@/components/dashboard/trend-charts";
import { MonthlyTable } from "@/components/dashboard/monthly-table";
import { CompareChart } from "@/components/dashboard/compare-chart";
import { CompareTable } from "@/components/dashboard/compare-table";
import { UnitChecklist } from "@/components/dashboard/unit-checklist";
import { ExportLinks, UnitTrail } from "@/components/dashboard/header-bits";
import { DEFAULT_COMPARE_KEY } from "@/components/dashboard/groups";
import { countOf } from "@/components/dashboard/format";
import { byKey, compareColumns, compareOptions, compareRows, dashboardHref, tileGroups } from "@/components/dashboard/model";

export const metadata: Metadata = { title: "数据看板" };

type Search = { year?: string; unit?: string };

export default async function DashboardPage({ searchParams }: { searchParams: Promise<Search> }) {
  const actor = await requireActor();
  const sp = await searchParams;
  const { years, year: chosen } = yearChoice(sp.year);
  // No year asked for: this year once it has data, else the last complete year.
  const year = sp.year && Number(sp.year) === chosen ? chosen : await defaultDashboardYear(actor);
  // A village or school committee sees what it is judged on, not charts over one unit.
  if (actor.role === "UNIT_ADMIN") return <UnitDashboard actor={actor} years={years} year={year} />;

  const unit = sp.unit && sp.unit !== actor.orgUnitId ? sp.unit : null;
  const data = await orNotFound(dashboardData(actor, { unitId: unit ?? actor.orgUnitId, year }));
  const trail = await visibleAncestors(actor, data.answer.orgUnit);
  const { answer, monthly } = data;
  const info = byKey(metricInfos());
  const here = (y: number) => dashboardHref("/dashboard", { year: y, unit });
  const childLevels = [...new Set(answer.children.map((c) => LEVEL_LABELS[c.orgUnit.level]))].join("、");
  const anyActivity = monthly.some((m) => m.sessions > 0);
  const options = compareOptions(info, answer);

  return (
    <div>
      <UnitTrail trail={trail} year={year} />
      <PageHeader title="数据看板" subtitle={`${answer.orgUnit.name} · ${year} 年度`} actions={<ExportLinks year={year} unit={unit} />} />
      <YearLinks years={years} current={year} href={here} />

      <KpiGroups groups={tileGroups(info, data, (key) => dashboardHref(`/dashboard/${key}`, { year, unit }))} />

      <Card title={`${year} 年活动趋势（按月）`} className="mt-8">
        {anyActivity ? (
          <>
            <MonthlyCharts months={monthly} />
            <details className="mt-4">
              <summary className="inline-flex min-h-11 cursor-pointer items-center text-base text-accent">查看逐月数据</summary>
              <div className="mt-2">
                <MonthlyTable year={year} months={monthly} total={{ sessions: countOf(answer.metrics.activitySessions), participants: countOf(answer.metrics.activityParticipants) }} />
              </div>
            </details>
          </>
        ) : (
          <EmptyState title="该年度暂无数据" hint="各辅导站登记活动后，这里按月显示活动场次和受教育青少年人次。" />
        )}
      </Card>

      {answer.children.length > 0 && (
        <Card title={`下级单位对比（${childLevels}）`} className="mt-8">
          {options.length > 0 ? (
            <CompareChart options={options} initialKey={DEFAULT_COMPARE_KEY} />
          ) : (
            <EmptyState title="该年度暂无数据" hint="下级单位上报考核、零犯罪和活动情况后，这里显示对比。" />
          )}
          <h3 className="mb-2 mt-6 text-base font-semibold text-gray-900">各单位主要指标（点击表头排序，点击单位名称查看该单位）</h3>
          <CompareTable columns={compareColumns(info)} rows={compareRows(info, answer, (id) => dashboardHref("/dashboard", { year, unit: id }))} />
        </Card>
      )}
    </div>
  );
}

async function UnitDashboard({ actor, years, year }: { actor: Actor; years: number[]; year: number }) {
  const checks = await orNotFound(unitChecklist(actor, year));
  return (
    <div>
      <PageHeader title="数据看板" subtitle={`${actor.orgUnitName} · ${year} 年度工作清单`} actions={<ExportLinks year={year} />} />
      <YearLinks years={years} current={year} href={(y) => dashboardHref("/dashboard", { year: y })} />
      <UnitChecklist checks={checks} />
    </div>
  );
}
