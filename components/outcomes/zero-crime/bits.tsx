import { countsText, RECORD_STATUS_LABELS, type ReportingLevel, type ZeroCrimeCounts, type ZeroCrimeOutcome } from "@/lib/schemas/zero-crime";
import type { ZeroCrimeStatus } from "@/lib/generated/prisma/enums";

/** 零犯罪 / 有违法犯罪 (with the counts) / 未上报, in one phrase. */
export function OutcomeText({ level, outcome, record }: { level: ReportingLevel; outcome: ZeroCrimeOutcome; record: ZeroCrimeCounts | null }) {
  if (outcome === "zero") return <span className="font-medium text-green-700">零犯罪</span>;
  if (outcome === "unreported" || !record) return <span className="text-gray-500">未上报</span>;
  return (
    <span>
      <span className="font-medium text-amber-800">有违法犯罪</span>
      <span className="block text-gray-700">{countsText(level, record)}</span>
    </span>
  );
}

/** 待确认 / 已确认 as a pill; nothing when there is no record. */
export function RecordStatusPill({ status }: { status: ZeroCrimeStatus | null | undefined }) {
  if (!status) return <span className="text-gray-500">—</span>;
  const tone = status === "CONFIRMED" ? "bg-green-50 text-green-800" : "bg-amber-50 text-amber-900";
  return <span className={`inline-block whitespace-nowrap rounded px-2 py-0.5 text-base ${tone}`}>{RECORD_STATUS_LABELS[status]}</span>;
}

/** "n / m" with its label: a summary tile of the year view. */
export function SummaryTile({ label, value, hint, testId }: { label: string; value: string; hint?: string; testId?: string }) {
  return (
    <div className="rounded-lg border border-gray-200 bg-white p-4">
      <p className="text-base text-gray-600">{label}</p>
      <p className="mt-1 text-2xl font-semibold tabular-nums text-gray-900" data-testid={testId}>
        {value}
      </p>
      {hint && <p className="mt-1 text-base text-gray-600">{hint}</p>}
    </div>
  );
}
