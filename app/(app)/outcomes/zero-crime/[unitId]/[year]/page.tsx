import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireActor } from "@/lib/server/auth/session";
import { orNotFound } from "@/lib/server/pages";
import { zeroCrimeForm } from "@/lib/server/outcomes/zero-crime";
import { formatDate, LEVEL_LABELS } from "@/lib/format";
import { COUNT_LABELS, COUNTS_ONLY, FIELDS_OF_LEVEL, ZZeroCrimeYear } from "@/lib/schemas/zero-crime";
import { Card, Facts, PageHeader } from "@/components/ui/page";
import { YearLinks, yearChoice } from "@/components/ui/year-links";
import { OutcomeText, RecordStatusPill } from "@/components/outcomes/zero-crime/bits";
import { ConfirmForm, ZeroCrimeReportForm } from "@/components/outcomes/zero-crime/forms";
import { confirmZeroCrimeAction, reportZeroCrimeAction } from "../../actions";

export const metadata: Metadata = { title: "零犯罪创建" };

export default async function ZeroCrimeUnitYearPage({ params }: { params: Promise<{ unitId: string; year: string }> }) {
  const actor = await requireActor();
  const { unitId, year: rawYear } = await params;
  const parsedYear = ZZeroCrimeYear.safeParse(Number(rawYear));
  if (!parsedYear.success) notFound();
  const f = await orNotFound(zeroCrimeForm(actor, unitId, parsedYear.data));
  const { unit, record, year } = f;
  const { years } = yearChoice(undefined);
  const initial = Object.fromEntries(FIELDS_OF_LEVEL[unit.level].map((k) => [k, record?.[k] == null ? "" : String(record[k])]));

  return (
    <div>
      <Link href={`/outcomes/zero-crime?year=${year}`} className="inline-flex min-h-12 items-center text-base text-gray-600 hover:underline">
        ‹ 返回 {year} 年零犯罪创建
      </Link>
      <PageHeader
        title={`${unit.name} ${year} 年零犯罪创建`}
        subtitle={
          <span>
            {unit.parent && `${unit.parent} · `}
            {LEVEL_LABELS[unit.level]} ·{" "}
            <Link href={`/org/${unit.id}`} className="text-accent underline-offset-2 hover:underline">
              单位详情
            </Link>
          </span>
        }
      />
      <YearLinks years={years.includes(year) ? years : [...years, year]} current={year} href={(y) => `/outcomes/zero-crime/${unit.id}/${y}`} />
      <div className="grid gap-4 lg:grid-cols-3">
        <Card title={f.mode === "readonly" ? "上报情况" : record ? "上报的人数" : "上报人数"} className="lg:col-span-2">
          {f.mode === "readonly" ? (
            <>
              <p className="mb-3 text-base text-gray-600">{COUNTS_ONLY}</p>
              {record ? (
                <Facts rows={FIELDS_OF_LEVEL[unit.level].map((k) => [COUNT_LABELS[k], `${record[k] ?? "—"} 人`])} />
              ) : (
                <p className="text-base text-gray-600">{year} 年还没有上报。</p>
              )}
            </>
          ) : (
            <ZeroCrimeReportForm
              action={reportZeroCrimeAction}
              unitId={unit.id}
              year={year}
              level={unit.level}
              initial={initial}
              mode={f.mode}
              hasRecord={Boolean(record)}
            />
          )}
        </Card>
        <Card title="状态" className="lg:self-start">
          <Facts
            rows={[
              ["情况", <OutcomeText key="o" level={unit.level} outcome={f.outcome} record={record} />],
              ["状态", <RecordStatusPill key="s" status={record?.status} />],
              ["上报日期", formatDate(record?.reportedAt)],
              ["确认日期", formatDate(record?.confirmedAt)],
            ]}
          />
          {f.canConfirm && (
            <div className="mt-5 border-t border-gray-100 pt-4">
              <ConfirmForm
                action={confirmZeroCrimeAction}
                fields={{ orgUnitId: unit.id, year: String(year) }}
                label="确认该记录"
                ask={`确定确认${unit.name} ${year} 年的记录？确认后单位和镇（街道）不能再修改。`}
              />
            </div>
          )}
        </Card>
      </div>
    </div>
  );
}
