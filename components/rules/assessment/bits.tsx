import type { CriterionRow } from "@/lib/server/rules/assessment";
import { DataTable, Td, Tr } from "@/components/ui/table";

const badge = "inline-flex items-center whitespace-nowrap rounded px-2 text-base";

/** 达标 / 未达标 of one score. */
export function PassBadge({ passed }: { passed: boolean }) {
  return passed ? (
    <span className={`${badge} bg-green-50 text-green-800`} data-testid="pass-badge">
      达标
    </span>
  ) : (
    <span className={`${badge} bg-amber-50 text-amber-900`} data-testid="pass-badge">
      未达标
    </span>
  );
}

/** Named 先进单位 by the district. */
export function AdvancedBadge() {
  return <span className={`${badge} border border-accent/40 bg-white text-accent`}>先进单位</span>;
}

/** The year's five items with full marks and what scorers look for, then full marks and the pass mark. */
export function CriteriaTable({ criteria, fullMarks, passMark }: { criteria: CriterionRow[]; fullMarks: number; passMark: number }) {
  return (
    <DataTable boxed={false} columns={[{ label: "考核项目" }, { label: "满分", className: "whitespace-nowrap" }, { label: "评分要点", className: "hidden sm:table-cell" }]}>
      {criteria.map((c) => (
        <Tr key={c.item}>
          <Td className="whitespace-nowrap">
            {c.label}
            {c.guidance && <div className="text-sm text-gray-600 sm:hidden">{c.guidance}</div>}
          </Td>
          <Td className="tabular-nums">{c.weight}</Td>
          <Td className="hidden text-gray-700 sm:table-cell">{c.guidance ?? "—"}</Td>
        </Tr>
      ))}
      <Tr className="font-medium">
        <Td>合计</Td>
        <Td className="tabular-nums">{fullMarks}</Td>
        <Td className="hidden sm:table-cell">
          达标分数线 <span data-testid="pass-mark">{passMark}</span> 分
        </Td>
      </Tr>
    </DataTable>
  );
}
