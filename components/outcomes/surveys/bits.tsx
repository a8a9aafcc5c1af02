// Small pieces of the survey pages: a finding's follow-up status and its due day (overdue in red).
import type { FollowUpStatus } from "@/lib/generated/prisma/enums";
import { FOLLOW_UP_STATUS_LABELS } from "@/lib/schemas/survey";
import { formatDate } from "@/lib/format";

const STATUS_CLASS: Record<FollowUpStatus, string> = {
  OPEN: "bg-amber-50 text-amber-900 ring-amber-200",
  IN_PROGRESS: "bg-blue-50 text-blue-900 ring-blue-200",
  DONE: "bg-green-50 text-green-800 ring-green-200",
};

export function FollowUpBadge({ status }: { status: FollowUpStatus }) {
  return (
    <span className={`inline-flex whitespace-nowrap rounded-full px-2.5 py-0.5 text-base ring-1 ring-inset ${STATUS_CLASS[status]}`}>
      {FOLLOW_UP_STATUS_LABELS[status]}
    </span>
  );
}

/** The due day; when it has passed on an unfinished finding, in red with 已逾期. */
export function DueDate({ dueOn, overdue }: { dueOn: Date | null; overdue: boolean }) {
  if (!dueOn) return <span className="text-gray-500">未定</span>;
  if (!overdue) return <span className="whitespace-nowrap">{formatDate(dueOn)}</span>;
  return (
    <span className="whitespace-nowrap font-medium text-red-700" data-overdue="1">
      {formatDate(dueOn)}（已逾期）
    </span>
  );
}
