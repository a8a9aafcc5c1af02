import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/lib/server/auth/session";
import { orNotFound, filtersOr, searchStrings } from "@/lib/server/pages";
import { can } from "@/lib/server/permissions";
import { listMeetings, meetingRegularityFor, meetingUnitOptions, overdueDecisions, parseMeetingFilters } from "@/lib/server/rules/meetings";
import { CADENCE_LABELS, MEETING_KIND_LABELS } from "@/lib/server/rules/regularity";
import { formatDate } from "@/lib/format";
import { MEETING_KINDS, type TMeetingFilters } from "@/lib/schemas/meeting";
import { ButtonLink } from "@/components/ui/button";
import { FilterBar, FilterSelect, labelledOptions, unitOptions } from "@/components/ui/filter-bar";
import { Card, ListEmptyState, Notice, PageHeader } from "@/components/ui/page";
import { DataTable, Pagination, Td, Tr } from "@/components/ui/table";
import { YearLinks, yearChoice } from "@/components/ui/year-links";
import { RulesTabs } from "@/components/rules/tabs";
import { RegularityStrip, StripLegend } from "@/components/rules/meetings/strip";

export const metadata: Metadata = { title: "会议制度" };

type Search = Partial<Record<"year" | "kind" | "unit" | "page", string>>;

export default async function MeetingsPage({ searchParams }: { searchParams: Promise<Search> }) {
  const actor = await requireActor();
  const sp = await searchParams;
  const raw = searchStrings(sp);
  const { years, year } = yearChoice(raw.year);
  const { filters, badFilter } = filtersOr<TMeetingFilters>(() => ({ ...parseMeetingFilters(raw), year }), { year, page: 1 });
  const [strips, overdue, list, units] = await orNotFound(
    Promise.all([meetingRegularityFor(actor, actor.orgUnitId, year), overdueDecisions(actor), listMeetings(actor, filters), meetingUnitOptions(actor)]),
  );
  const canWrite = can(actor, "meeting.write");
  const filtered = Boolean(filters.kind || filters.unit);
  const query = (over: Record<string, string>) =>
    `/rules/meetings?${new URLSearchParams({ year: String(year), ...(filters.kind ? { kind: filters.kind } : {}), ...(filters.unit ? { unit: filters.unit } : {}), ...over })}`;
  const newButton = canWrite && (
    <ButtonLink href="/rules/meetings/new" variant="primary">
      ＋ 新增会议
    </ButtonLink>
  );

  return (
    <div>
      <PageHeader title="制度落实" subtitle={`会议制度 · ${year} 年${filtered ? "符合条件的" : ""}会议 ${list.total} 次`} actions={newButton} />
      <RulesTabs current="/rules/meetings" />
      <YearLinks years={years} current={year} href={(y) => query({ year: String(y), page: "1" })} />
      {badFilter && <Notice tone="warn">筛选条件有误，已显示全部会议。</Notice>}

      <Card title={`${year} 年例会情况`} className="mb-4">
        {strips.length === 0 ? (
          <p className="text-base text-gray-600">本单位没有规定的例会；区关工委的例会情况由区关工委查看。</p>
        ) : (
          <>
            <p className="mb-3 text-base text-gray-600">按例会制度，周、月、年已结束而没有开会的，记为缺会；关工委成立前和尚未结束的不计入。</p>
            <StripLegend />
            <div className="flex flex-col gap-5">
              {strips.map((s) => (
                <RegularityStrip key={`${s.unit.id}-${s.rule.kind}`} item={s} cadenceLabel={CADENCE_LABELS[s.rule.cadence]} />
              ))}
            </div>
          </>
        )}
      </Card>

      <Card title={`逾期未完成的决定事项（${overdue.total}）`} className="mb-4">
        {overdue.total === 0 ? (
          <p className="text-base text-green-700">没有逾期的决定事项。</p>
        ) : (
          <>
            <DataTable
              boxed={false}
              columns={[{ label: "决定事项" }, { label: "责任人", className: "hidden sm:table-cell" }, { label: "完成期限", className: "hidden md:table-cell" }, { label: "逾期", className: "whitespace-nowrap text-right" }]}
            >
              {overdue.items.map((d) => (
                <Tr key={d.id}>
                  <Td>
                    <Link href={`/rules/meetings/${d.meetingId}`} className="font-medium text-accent underline-offset-2 hover:underline">
                      {d.text}
                    </Link>
                    <div className="text-base text-gray-600">
                      {d.meeting.title}（{formatDate(d.meeting.heldOn)}）
                      <span className="sm:hidden"> · 责任人：{d.owner}</span>
                    </div>
                  </Td>
                  <Td className="hidden sm:table-cell">{d.owner}</Td>
                  <Td className="hidden whitespace-nowrap md:table-cell">{formatDate(d.dueOn)}</Td>
                  <Td className="whitespace-nowrap text-right tabular-nums text-red-800">{d.daysOverdue} 天</Td>
                </Tr>
              ))}
            </DataTable>
            {overdue.total > overdue.items.length && <p className="mt-2 text-base text-gray-600">只列出逾期最久的 {overdue.items.length} 项。</p>}
          </>
        )}
      </Card>

      <h2 className="mb-3 text-lg font-semibold text-gray-900">{year} 年会议</h2>
      <FilterBar label="筛选会议" className="sm:grid-cols-3" clearHref={filtered && `/rules/meetings?year=${year}`}>
        <input type="hidden" name="year" value={year} />
        <FilterSelect name="kind" label="会议类型" allLabel="全部类型" value={filters.kind} options={labelledOptions(MEETING_KINDS, MEETING_KIND_LABELS)} />
        {units.length > 1 && (
          <FilterSelect name="unit" label="单位" allLabel="全部单位" value={filters.unit} options={unitOptions(units)} />
        )}
      </FilterBar>

      {list.items.length === 0 ? (
        <ListEmptyState
          filtered={filtered}
          what="会议"
          title={`${year} 年还没有会议记录`}
          hint={canWrite ? "每次开会后，点“新增会议”登记日期、参会人员、纪要和决定事项。" : undefined}
          action={newButton}
        />
      ) : (
        <DataTable
          columns={[
            { label: "日期", className: "whitespace-nowrap" },
            { label: "会议" },
            { label: "单位", className: "hidden md:table-cell" },
            { label: "类型", className: "hidden sm:table-cell" },
            { label: "决定事项", className: "hidden sm:table-cell whitespace-nowrap" },
          ]}
        >
          {list.items.map((m) => (
            <Tr key={m.id}>
              <Td className="whitespace-nowrap">{formatDate(m.heldOn)}</Td>
              <Td>
                <Link href={`/rules/meetings/${m.id}`} className="font-medium text-accent underline-offset-2 hover:underline">
                  {m.title}
                </Link>
                <div className="text-base text-gray-600 md:hidden">
                  {m.orgUnit.name}
                  <span className="sm:hidden"> · {MEETING_KIND_LABELS[m.kind]}</span>
                </div>
              </Td>
              <Td className="hidden md:table-cell">{m.orgUnit.name}</Td>
              <Td className="hidden whitespace-nowrap sm:table-cell">{MEETING_KIND_LABELS[m.kind]}</Td>
              <Td className="hidden whitespace-nowrap sm:table-cell">
                {m.decisions === 0 ? <span className="text-gray-500">无</span> : `${m.decisions} 项`}
                {m.openDecisions > 0 && <span className="ml-1 text-amber-800">（{m.openDecisions} 项未完成）</span>}
              </Td>
            </Tr>
          ))}
        </DataTable>
      )}
      <Pagination page={filters.page} pages={list.pages} href={(p) => query({ page: String(p) })} />
    </div>
  );
}
