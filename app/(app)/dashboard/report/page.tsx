import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/lib/server/auth/session";
import { orNotFound } from "@/lib/server/pages";
import { dashboardData, metricInfos, REPORT_FAILING_KEYS } from "@/lib/server/metrics/dashboard";
import { formatDate } from "@/lib/format";
import { YearLinks, yearChoice } from "@/components/ui/year-links";
import { PrintButton } from "@/components/ui/print-button";
import { ReportKpiTable } from "@/components/dashboard/report-kpis";
import { MonthlyCharts } from "@/components/dashboard/trend-charts";
import { MonthlyTable } from "@/components/dashboard/monthly-table";
import { CompareTable } from "@/components/dashboard/compare-table";
import { FailingTable } from "@/components/dashboard/failing-table";
import { countOf, formatRatio, isRate } from "@/components/dashboard/format";
import { byKey, compareColumns, compareRows, dashboardHref } from "@/components/dashboard/model";

export const metadata: Metadata = { title: "年度工作报表" };

/**
 * A4 portrait; the app's header, navigation and this page's controls are .no-print
 * (app/globals.css). On paper the tables use 10.5 pt (五号) so the comparison fits the width.
 */
const PAGE_CSS = `
@page { size: A4 portrait; margin: 15mm 12mm; }
@media print {
  .annual-report table { font-size: 10.5pt; }
  .annual-report th, .annual-report td { padding: 3pt 5pt; min-width: 0; }
  .annual-report th button, .annual-report a { min-height: 0; }
}`;
/** Fits the A4 text width (186 mm ≈ 700 px) with room to spare. */
const PRINT_CHART_WIDTH = 660;

export default async function ReportPage({ searchParams }: { searchParams: Promise<{ year?: string; unit?: string }> }) {
  const actor = await requireActor();
  const sp = await searchParams;
  const { years, year } = yearChoice(sp.year);
  const unit = sp.unit && sp.unit !== actor.orgUnitId ? sp.unit : null;
  const { answer, previous, monthly, failing } = await orNotFound(dashboardData(actor, { unitId: unit ?? actor.orgUnitId, year, failingKeys: REPORT_FAILING_KEYS }));
  const infos = metricInfos();
  const info = byKey(infos);
  const title = `${answer.orgUnit.name}关工委${year}年度工作报表`;
  const h2 = "mb-3 mt-8 text-xl font-semibold text-gray-900 print:mt-6 break-after-avoid";

  return (
    <div>
      <style>{PAGE_CSS}</style>
      <div className="no-print mb-4 flex flex-wrap items-center justify-between gap-3">
        <Link href={dashboardHref("/dashboard", { year, unit })} className="inline-flex min-h-12 items-center text-base text-gray-600 hover:underline">
          ‹ 返回数据看板
        </Link>
        <PrintButton />
      </div>
      <YearLinks years={years} current={year} href={(y) => dashboardHref("/dashboard/report", { year: y, unit })} />

      <article className="annual-report rounded-lg border border-gray-200 bg-white p-4 sm:p-8 print:border-0 print:p-0">
        <h1 className="text-center text-2xl font-bold text-gray-900">{title}</h1>
        <p className="mt-2 text-center text-base text-gray-600">
          统计范围：{answer.orgUnit.name}及所辖单位　统计年度：{year} 年　制表日期：{formatDate(new Date())}
        </p>

        <h2 className={h2}>一、主要指标</h2>
        <ReportKpiTable infos={infos} year={year} metrics={answer.metrics} previous={previous} />

        <h2 className={h2}>二、月度活动情况</h2>
        {monthly.some((m) => m.sessions > 0) ? (
          <>
            <MonthlyCharts months={monthly} width={PRINT_CHART_WIDTH} />
            <div className="mt-4">
              <MonthlyTable year={year} months={monthly} total={{ sessions: countOf(answer.metrics.activitySessions), participants: countOf(answer.metrics.activityParticipants) }} />
            </div>
          </>
        ) : (
          <p className="text-base text-gray-600">该年度暂无活动记录。</p>
        )}

        {answer.children.length > 0 && (
          <>
            <h2 className={h2}>三、下级单位对比</h2>
            <CompareTable columns={compareColumns(info)} rows={compareRows(info, answer, (id) => dashboardHref("/dashboard/report", { year, unit: id }))} />
          </>
        )}

        <h2 className={h2}>{answer.children.length > 0 ? "四" : "三"}、未达标单位</h2>
        {failing.map(({ key, units }) => {
          const v = answer.metrics[key];
          return (
            <section key={key} className="mb-6">
              <h3 className="mb-2 text-lg font-medium text-gray-900 break-after-avoid">
                {info[key].failingLabel}
                {isRate(v) && v.denominator > 0 && (
                  <span className="ml-2 text-base font-normal text-gray-600">
                    （达标 {formatRatio(v)}，未达标 {units.length} 个单位）
                  </span>
                )}
              </h3>
              {isRate(v) && v.denominator === 0 ? (
                <p className="text-base text-gray-600">该年度暂无数据。</p>
              ) : units.length === 0 ? (
                <p className="text-base text-gray-600">全部达标。</p>
              ) : (
                <FailingTable units={units} />
              )}
            </section>
          );
        })}
        <p className="mt-8 text-base text-gray-500">以上数据均由青苗关工委工作平台根据各单位登记的原始记录自动统计。</p>
      </article>
    </div>
  );
}
