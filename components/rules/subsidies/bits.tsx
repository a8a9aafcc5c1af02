import { SUBSIDY_STATUS_LABELS, type SubsidyStatus } from "@/lib/schemas/subsidy";

const TONES: Record<SubsidyStatus, string> = {
  paid_on_time: "bg-green-50 text-green-800",
  paid_late: "bg-amber-50 text-amber-900",
  overdue: "bg-red-50 text-red-800",
  not_due: "bg-gray-100 text-gray-700",
};

/** 按时 / 逾期发放 / 逾期未发 / 未到期 as a coloured pill (the word carries the meaning, not the colour). */
export function SubsidyStatusBadge({ status }: { status: SubsidyStatus }) {
  return (
    <span data-testid="subsidy-status" className={`inline-flex items-center whitespace-nowrap rounded-full px-3 py-1 text-base font-medium ${TONES[status]}`}>
      {SUBSIDY_STATUS_LABELS[status]}
    </span>
  );
}
