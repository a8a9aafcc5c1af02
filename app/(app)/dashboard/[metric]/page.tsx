import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/lib/server/auth/session";
import { orNotFound } from "@/lib/server/pages";
import { drillDown, metricInfos, rateKey } from "@/lib/server/metrics/dashboard";
import type { RateValue } from "@/lib/server/metrics/engine";
import { EmptyState, PageHeader } from "@/components/ui/page";
import { YearLinks, yearChoice } from "@/components/ui/year-links";
import { FailingTable } from "@/components/dashboard/failing-table";
import { ExportLinks } from "@/components/dashboard/header-bits";
import { formatPercent, formatRatio } from "@/components/dashboard/format";
import { dashboardHref } from "@/components/dashboard/model";

export const metadata: Metadata = { title: "未达标单位" };

/** The drill-down behind a rate tile: the units that fall short of it in the year, and why. */
export default async function MetricDrillDown({
  params,
  searchParams,
}: {
  params: Promise<{ metric: string }>;
  searchParams: Promise<{ year?: string; unit?: string }>;
}) {
  const actor = await requireActor();
  const [{ metric }, sp] = await Promise.all([params, searchParams]);
  const { years, year } = yearChoice(sp.year);
  const unit = sp.unit && sp.unit !== actor.orgUnitId ? sp.unit : null;
  const { key, answer, units } = await orNotFound(
    (async () => {
      const key = rateKey(metric);
      return { key, ...(await drillDown(actor, { unitId: unit ?? actor.orgUnitId, year }, key)) };
    })(),
  );
  const info = metricInfos().find((i) => i.key === key)!;
  const rate = answer.metrics[key] as RateValue;

  return (
    <div>
      <Link href={dashboardHref("/dashboard", { year, unit })} className="no-print inline-flex min-h-12 items-center text-base text-gray-600 hover:underline">
        ‹ 返回数据看板
      </Link>
      <PageHeader
        title={info.failingLabel ?? info.label}
        subtitle={`${answer.orgUnit.name} · ${year} 年度`}
        actions={<ExportLinks year={year} unit={unit} metric={key} report={false} />}
      />
      <YearLinks years={years} current={year} href={(y) => dashboardHref(`/dashboard/${key}`, { year: y, unit })} />
      <p className="mb-1 text-base text-gray-800" data-testid="drill-rate">
        {info.label}：
        <strong className="text-xl tabular-nums">{formatPercent(rate.value)}</strong>
        {rate.denominator > 0 && <span className="ml-2 tabular-nums text-gray-700">（{formatRatio(rate)}）</span>}
      </p>
      <p className="mb-4 text-base text-gray-600">{info.explain}</p>
      {rate.denominator === 0 ? (
        <EmptyState title="该年度暂无数据" hint="选择其他年份，或待各单位上报后再来查看。" />
      ) : units.length === 0 ? (
        <EmptyState title="全部达标" hint={`${year} 年度没有未达标的单位。`} />
      ) : (
        <>
          <p className="mb-2 text-base text-gray-700" data-testid="failing-count">
            共 <strong className="tabular-nums">{units.length}</strong> 个单位未达标：
          </p>
          <FailingTable units={units} />
        </>
      )}
    </div>
  );
}
