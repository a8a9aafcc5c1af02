import type { Month } from "@/lib/server/metrics/dashboard";
import { DataTable, Td, Tr } from "@/components/ui/table";

/** The charts' numbers as a table: their text alternative, and what the printed report lists. `total` is the engine's year figures. */
export function MonthlyTable({ year, months, total }: { year: number; months: Month[]; total: { sessions: number; participants: number } }) {
  return (
    <DataTable columns={[{ label: "月份" }, { label: "活动场次（次）" }, { label: "受教育青少年（人次）" }]}>
      {months.map((m) => (
        <Tr key={m.month}>
          <Td>
            {year}年{m.month}月
          </Td>
          <Td className="tabular-nums">{m.sessions.toLocaleString("zh-CN")}</Td>
          <Td className="tabular-nums">{m.participants.toLocaleString("zh-CN")}</Td>
        </Tr>
      ))}
      <Tr className="font-semibold">
        <Td>全年合计</Td>
        <Td className="tabular-nums">{total.sessions.toLocaleString("zh-CN")}</Td>
        <Td className="tabular-nums">{total.participants.toLocaleString("zh-CN")}</Td>
      </Tr>
    </DataTable>
  );
}
