import Link from "next/link";
import type { FailingUnit } from "@/lib/server/metrics/engine";
import { LEVEL_LABELS } from "@/lib/format";
import { DataTable, Td, Tr } from "@/components/ui/table";

/** The units behind a rate that fall short, and why; each leads to its unit page. */
export function FailingTable({ units }: { units: FailingUnit[] }) {
  return (
    <DataTable columns={[{ label: "单位" }, { label: "所属上级" }, { label: "达标 / 应达标" }, { label: "情况" }]}>
      {units.map((u) => (
        <Tr key={u.unitId}>
          <Td>
            <Link href={`/org/${u.unitId}`} className="inline-flex min-h-11 items-center text-accent underline-offset-2 hover:underline">
              {u.name}
            </Link>
            <span className="ml-2 text-gray-500">{LEVEL_LABELS[u.level]}</span>
          </Td>
          <Td>{u.parentName ?? "—"}</Td>
          <Td className="tabular-nums">
            {u.numerator} / {u.denominator}
          </Td>
          <Td>{u.details.length ? u.details.join("；") : "—"}</Td>
        </Tr>
      ))}
    </DataTable>
  );
}
