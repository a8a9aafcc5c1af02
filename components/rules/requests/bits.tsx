import Link from "next/link";
import type { PartyRequestKind } from "@/lib/generated/prisma/enums";
import { formatDate } from "@/lib/format";
import { LONG_WAIT_DAYS, PARTY_REQUEST_KIND_LABELS } from "@/lib/schemas/party-request";
import { DataTable, Td, Tr } from "@/components/ui/table";

/** "已等待 n 天": amber while waiting, red from LONG_WAIT_DAYS on. */
export function DaysWaiting({ days }: { days: number }) {
  const long = days >= LONG_WAIT_DAYS;
  return (
    <span
      data-testid="days-waiting"
      className={`inline-flex items-center whitespace-nowrap rounded-full px-3 py-1 text-base font-medium tabular-nums ${
        long ? "bg-red-50 text-red-800" : "bg-amber-50 text-amber-900"
      }`}
    >
      已等待 {days} 天
    </span>
  );
}

/** A rate as "83.3%", or "—" when nothing was counted. */
export const percent = (rate: number | null) => (rate === null ? "—" : `${(Math.round(rate * 1000) / 10).toFixed(1)}%`);

export interface RequestRowView {
  id: string;
  kind: PartyRequestKind;
  subject: string;
  submittedOn: Date;
  resolvedOn: Date | null;
  /** Days waited so far (open) or taken to answer (answered). */
  days: number;
}

/** Open requests with their days waiting highlighted, or answered ones with the days taken. */
export function RequestTable({ rows, answered }: { rows: RequestRowView[]; answered: boolean }) {
  const wide = "hidden whitespace-nowrap md:table-cell";
  return (
    <DataTable
      boxed={false}
      columns={[
        { label: "标题" },
        { label: "类型", className: wide },
        { label: "报送日期", className: wide },
        ...(answered ? [{ label: "答复日期", className: wide }] : []),
        { label: answered ? "用时" : "等待", className: "whitespace-nowrap" },
      ]}
    >
      {rows.map((r) => (
        <Tr key={r.id}>
          <Td>
            <Link href={`/rules/requests/${r.id}`} className="font-medium text-accent hover:underline">
              {r.subject}
            </Link>
            <div className="text-base text-gray-600 md:hidden">
              {PARTY_REQUEST_KIND_LABELS[r.kind]} · {formatDate(r.submittedOn)}报送{answered && ` · ${formatDate(r.resolvedOn)}答复`}
            </div>
          </Td>
          <Td className={wide}>{PARTY_REQUEST_KIND_LABELS[r.kind]}</Td>
          <Td className={wide}>{formatDate(r.submittedOn)}</Td>
          {answered && <Td className={wide}>{formatDate(r.resolvedOn)}</Td>}
          <Td className="whitespace-nowrap tabular-nums">{answered ? `${r.days} 天` : <DaysWaiting days={r.days} />}</Td>
        </Tr>
      ))}
    </DataTable>
  );
}
