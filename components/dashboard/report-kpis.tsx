import type { MetricInfo } from "@/lib/server/metrics/dashboard";
import type { MetricSet } from "@/lib/server/metrics/engine";
import { DataTable, Td, Tr } from "@/components/ui/table";
import { changeFromLastYear, formatRatio, formatValue, isRate } from "./format";

/** Every metric as one table row: this year, n / m, last year, the change, and what it counts. */
export function ReportKpiTable({ infos, year, metrics, previous }: { infos: MetricInfo[]; year: number; metrics: MetricSet; previous: MetricSet }) {
  return (
    <DataTable
      columns={[{ label: "指标" }, { label: `${year} 年` }, { label: "达标 / 总数" }, { label: `${year - 1} 年` }, { label: "变化" }, { label: "口径", className: "hidden md:table-cell print:table-cell" }]}
    >
      {infos.map((info) => {
        const v = metrics[info.key];
        const prev = previous[info.key];
        return (
          <Tr key={info.key}>
            <Td className="font-medium">{info.label}</Td>
            <Td className="whitespace-nowrap tabular-nums">{formatValue(info, v)}</Td>
            <Td className="whitespace-nowrap tabular-nums">{isRate(v) && v.denominator > 0 ? formatRatio(v) : "—"}</Td>
            <Td className="whitespace-nowrap tabular-nums text-gray-600">{formatValue(info, prev)}</Td>
            <Td>{changeFromLastYear(info, v, prev).text || "—"}</Td>
            <Td className="hidden text-gray-600 md:table-cell print:table-cell">{info.explain}</Td>
          </Tr>
        );
      })}
    </DataTable>
  );
}
