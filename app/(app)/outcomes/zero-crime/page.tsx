import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/lib/server/auth/session";
import { orNotFound } from "@/lib/server/pages";
import { can } from "@/lib/server/permissions";
import { zeroCrimeYearSpan, zeroCrimeYearView } from "@/lib/server/outcomes/zero-crime";
import { COUNTS_ONLY, ZERO_CRIME_FILTER_LABELS, ZERO_CRIME_FILTERS, ZZeroCrimeFilters } from "@/lib/schemas/zero-crime";
import { Card, ListEmptyState, PageHeader } from "@/components/ui/page";
import { DataTable, Td, Tr } from "@/components/ui/table";
import { FilterBar, FilterSelect, labelledOptions, TownFilter } from "@/components/ui/filter-bar";
import { YearLinks, yearChoice } from "@/components/ui/year-links";
import { OutcomeTabs } from "@/components/outcomes/tabs";
import { OutcomeText, RecordStatusPill, SummaryTile } from "@/components/outcomes/zero-crime/bits";
import { ConfirmForm } from "@/components/outcomes/zero-crime/forms";
import { confirmZeroCrimeYearAction } from "./actions";

export const metadata: Metadata = { title: "零犯罪创建" };

type Search = Partial<Record<"year" | "town" | "status", string | string[]>>;

export default async function ZeroCrimePage({ searchParams }: { searchParams: Promise<Search> }) {
  const actor = await requireActor();
  const sp = await searchParams;
  const str = (k: keyof Search) => (typeof sp[k] === "string" ? sp[k] : undefined);
  const span = await orNotFound(zeroCrimeYearSpan(actor));
  // 2018 (the demo's first year) to this year, or further back when older records exist.
  const { years } = yearChoice(undefined, span.first !== null && span.first < 2018 ? span.first : undefined);
  const asked = Number(str("year"));
  // No year asked: the latest year anyone in scope has reported.
  const year = years.includes(asked) ? asked : (span.last ?? years[0]);
  const filters = ZZeroCrimeFilters.parse({ town: str("town"), status: str("status") });
  const view = await orNotFound(zeroCrimeYearView(actor, year, filters));
  const { summary: s } = view;
  const canReport = can(actor, "zerocrime.report");
  const filtered = Boolean(view.town || filters.status);
  const query = (over: Record<string, string>) =>
    `/outcomes/zero-crime?${new URLSearchParams({ year: String(year), ...(view.town ? { town: view.town } : {}), ...(filters.status ? { status: filters.status } : {}), ...over })}`;
  const townName = view.towns.find((t) => t.id === view.town)?.name ?? "";
  const rowCount = view.groups.reduce((n, g) => n + g.rows.length, 0);

  return (
    <div>
      <PageHeader title="成效与调研" subtitle={`零犯罪创建 · ${year} 年`} />
      <OutcomeTabs current="/outcomes/zero-crime" />
      <YearLinks years={years} current={year} href={(y) => query({ year: String(y) })} />
      <p className="mb-4 text-base text-gray-700">
        各村（社区）上报当年青少年（25 周岁以下）违法犯罪人数及其中未成年人数，各学校上报在校学生违法犯罪人数，由区关工委确认。
        <strong className="font-medium text-gray-900">{COUNTS_ONLY}</strong>
      </p>

      <section aria-label={`${year} 年汇总`} className="mb-4 grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <SummaryTile label="青少年零犯罪村（社区）" value={`${s.villagesZeroYouth} / ${s.villagesReported}`} hint={`共 ${s.villages} 个村（社区）`} testId="zero-youth" />
        <SummaryTile label="未成年人零犯罪村（社区）" value={`${s.villagesZeroMinors} / ${s.villagesReported}`} hint="分母为已上报的村（社区）" testId="zero-minors" />
        <SummaryTile label="在校生零犯罪学校" value={`${s.schoolsZeroStudents} / ${s.schoolsReported}`} hint={`共 ${s.schools} 所学校`} testId="zero-students" />
        <SummaryTile label="尚未上报" value={`${s.unreported}`} hint={`待确认 ${s.pending} 个`} testId="unreported" />
      </section>

      {can(actor, "zerocrime.confirm") && s.pending > 0 && (
        <Card title="区关工委确认" className="mb-4">
          <p className="mb-3 text-base text-gray-600">确认后记录即锁定，村（社区）、学校和镇（街道）不能再修改；区关工委修改须填写原因。</p>
          <ConfirmForm
            action={confirmZeroCrimeYearAction}
            fields={{ year: String(year), ...(view.town ? { orgUnitId: view.town } : {}) }}
            label={`确认${townName} ${year} 年全部待确认记录（${s.pending} 个）`}
            ask={`确定确认${townName || "范围内"} ${year} 年全部 ${s.pending} 个待确认记录？确认后即锁定。`}
          />
        </Card>
      )}

      <FilterBar label="筛选单位" className="sm:grid-cols-3" clearHref={filtered && `/outcomes/zero-crime?year=${year}`}>
        <input type="hidden" name="year" value={year} />
        {view.towns.length > 0 && (
          <TownFilter towns={view.towns} value={view.town} />
        )}
        <FilterSelect name="status" label="情况" allLabel="情况：全部" value={filters.status} options={labelledOptions(ZERO_CRIME_FILTERS, ZERO_CRIME_FILTER_LABELS)} />
      </FilterBar>

      {rowCount === 0 ? (
        <ListEmptyState filtered={filtered} what="单位" title="范围内没有村（社区）或学校" hint="零犯罪创建由村（社区）和学校上报。" />
      ) : (
        <div className="flex flex-col gap-5">
          {view.groups.map((g) => (
            <section key={g.id} aria-label={g.name}>
              <h2 className="mb-2 text-lg font-semibold text-gray-900">
                {g.name}
                <span className="ml-2 text-base font-normal text-gray-600">{g.rows.length} 个单位</span>
              </h2>
              <DataTable
                columns={[
                  { label: "单位" },
                  { label: "情况" },
                  { label: "状态", className: "whitespace-nowrap" },
                  { label: "操作", className: "hidden sm:table-cell" },
                ]}
              >
                {g.rows.map((r) => {
                  const href = `/outcomes/zero-crime/${r.id}/${year}`;
                  const verb = !canReport || r.record?.status === "CONFIRMED" ? "查看" : r.record ? "修改" : "上报";
                  return (
                    <Tr key={r.id}>
                      <Td>
                        <Link href={href} className="font-medium text-accent underline-offset-2 hover:underline">
                          {r.name}
                        </Link>
                        {r.level === "SCHOOL" && <span className="ml-2 text-base text-gray-600">学校</span>}
                      </Td>
                      <Td>
                        <OutcomeText level={r.level} outcome={r.outcome} record={r.record} />
                      </Td>
                      <Td>
                        <RecordStatusPill status={r.record?.status} />
                      </Td>
                      <Td className="hidden sm:table-cell">
                        <Link href={href} className="inline-flex min-h-12 items-center text-accent underline-offset-2 hover:underline" aria-label={`${verb}${r.name} ${year} 年情况`}>
                          {verb}
                        </Link>
                      </Td>
                    </Tr>
                  );
                })}
              </DataTable>
            </section>
          ))}
        </div>
      )}
    </div>
  );
}
