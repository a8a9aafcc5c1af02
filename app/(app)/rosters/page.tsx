import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/lib/server/auth/session";
import { orNotFound } from "@/lib/server/pages";
import { listRosterIssues, type RosterListFilter } from "@/lib/server/people/read-roster";
import { RULES, STATUS_LABELS, type ComplianceStatus, type RuleId } from "@/lib/server/people/compliance";
import { LEVEL_LABELS } from "@/lib/format";
import { ButtonLink } from "@/components/ui/button";
import { EmptyState, PageHeader } from "@/components/ui/page";
import { DataTable, Td, Tr } from "@/components/ui/table";
import { FilterSelect, labelledOptions, unitOptions } from "@/components/ui/filter-bar";
import { ComplianceBadge } from "@/components/roster/roster-section";

export const metadata: Metadata = { title: "班子队伍" };

const isRule = (r: string | undefined): r is RuleId => !!r && Object.hasOwn(RULES, r);
const STATUSES = ["NON_COMPLIANT", "EXCEPTION"] as const;
const isStatus = (s: string | undefined): s is (typeof STATUSES)[number] => STATUSES.includes(s as (typeof STATUSES)[number]);

const RULE_OPTIONS = Object.entries(RULES).map(([value, label]) => ({ value, label }));
const selectClass = "min-h-12 w-full rounded-md border border-gray-300 bg-white px-3 text-base sm:w-auto";

export default async function RostersPage({
  searchParams,
}: {
  searchParams: Promise<{ town?: string; rule?: string; status?: string }>;
}) {
  const actor = await requireActor();
  const sp = await searchParams;
  const filter: RosterListFilter = {
    townId: sp.town || undefined,
    rule: isRule(sp.rule) ? sp.rule : undefined,
    status: isStatus(sp.status) ? sp.status : undefined,
  };
  const { items, counts, total, towns } = await orNotFound(listRosterIssues(actor, filter));
  const filtered = !!(filter.townId || filter.rule || filter.status);
  const tile = (status: ComplianceStatus, tone: string) => {
    const body = (
      <>
        <div className="text-base text-gray-600">{STATUS_LABELS[status]}</div>
        <div className="text-2xl font-semibold tabular-nums" data-testid={`count-${status}`}>
          {counts[status]}
        </div>
      </>
    );
    const box = `block rounded-lg border bg-white p-4 ${tone}`;
    // The units behind a number are one click away (compliant ones are not listed here).
    if (!isStatus(status)) return <div className={box}>{body}</div>;
    const q = new URLSearchParams({ ...(filter.townId ? { town: filter.townId } : {}), status });
    return (
      <Link href={`/rosters?${q}`} className={`${box} hover:bg-gray-50`}>
        {body}
      </Link>
    );
  };
  return (
    <div>
      <PageHeader
        title="班子队伍"
        subtitle={`按班子配备要求逐个单位检查：共 ${total} 个单位。下面列出不符合要求和已备案例外的单位，点单位名称去办理。`}
      />
      <div className="mb-4 grid grid-cols-3 gap-3">
        {tile("COMPLIANT", "border-green-200")}
        {tile("EXCEPTION", "border-amber-200")}
        {tile("NON_COMPLIANT", "border-red-200")}
      </div>

      <form className="mb-4 flex flex-col gap-3 sm:flex-row sm:flex-wrap sm:items-end" role="search">
        {towns.length > 1 && (
          <label className="flex flex-col gap-1 text-base">
            <span className="font-medium text-gray-800">镇（街道）</span>
            <FilterSelect name="town" allLabel="全部" value={filter.townId} options={unitOptions(towns)} className={selectClass} />
          </label>
        )}
        <label className="flex flex-col gap-1 text-base">
          <span className="font-medium text-gray-800">规则</span>
          <FilterSelect name="rule" allLabel="全部规则" value={filter.rule} options={RULE_OPTIONS} className={selectClass} />
        </label>
        <label className="flex flex-col gap-1 text-base">
          <span className="font-medium text-gray-800">状态</span>
          <FilterSelect name="status" allLabel="不符合要求和例外" value={filter.status} options={labelledOptions(STATUSES, STATUS_LABELS)} className={selectClass} />
        </label>
        <div className="flex gap-2">
          <button className="min-h-12 rounded-md bg-accent px-5 text-base font-medium text-white hover:bg-accent-dark">筛选</button>
          {filtered && (
            <ButtonLink href="/rosters" variant="secondary">
              清除筛选
            </ButtonLink>
          )}
        </div>
      </form>

      {items.length === 0 ? (
        <EmptyState
          title={filtered ? "没有符合筛选条件的单位" : "所有单位的班子都符合要求"}
          hint={filtered ? "换一个镇（街道）或规则试试，或点“清除筛选”。" : "班子有变动时，请到单位页面办理任命或离任，这里会自动更新。"}
        />
      ) : (
        <DataTable
          columns={[
            { label: "单位" },
            { label: "所属镇（街道）", className: "hidden sm:table-cell" },
            { label: "状态" },
            { label: "原因", className: "hidden md:table-cell" },
          ]}
        >
          {items.map((r) => (
            <Tr key={r.unit.id}>
              <Td>
                <Link href={`/org/${r.unit.id}`} className="font-medium text-accent underline-offset-2 hover:underline">
                  {r.unit.name}
                </Link>
                <div className="text-sm text-gray-500">
                  {LEVEL_LABELS[r.unit.level]} · {r.unit.kind}
                  <span className="sm:hidden">{r.town && r.town.id !== r.unit.id ? ` · ${r.town.name}` : ""}</span>
                </div>
                <ul className="mt-1 list-disc pl-5 text-base text-gray-700 md:hidden">
                  {r.compliance.reasons.map((x) => (
                    <li key={x}>{x}</li>
                  ))}
                </ul>
              </Td>
              <Td className="hidden whitespace-nowrap sm:table-cell">{r.town && r.town.id !== r.unit.id ? r.town.name : "—"}</Td>
              <Td>
                <ComplianceBadge status={r.compliance.status} label={STATUS_LABELS[r.compliance.status]} />
              </Td>
              <Td className="hidden md:table-cell">
                <ul className="list-disc pl-5 text-base text-gray-700">
                  {r.compliance.reasons.map((x) => (
                    <li key={x}>{x}</li>
                  ))}
                </ul>
              </Td>
            </Tr>
          ))}
        </DataTable>
      )}
    </div>
  );
}
