import Link from "next/link";
import { Card } from "@/components/ui/page";
import type { ReportingLevel, ZeroCrimeCounts, ZeroCrimeOutcome } from "@/lib/schemas/zero-crime";
import type { ZeroCrimeStatus } from "@/lib/generated/prisma/enums";
import { OutcomeText, RecordStatusPill } from "./zero-crime/bits";

/** A village's or school's 零犯罪 standing on its unit page: its latest reported year, and where to report. */
export function UnitZeroCrime({
  data,
  className,
}: {
  data: {
    unitId: string;
    level: ReportingLevel;
    latest: (ZeroCrimeCounts & { year: number; status: ZeroCrimeStatus }) | null;
    outcome: ZeroCrimeOutcome;
    canReport: boolean;
    /** The latest year one can report. */
    thisYear: number;
  };
  className?: string;
}) {
  const { latest, thisYear } = data;
  const link = "inline-flex min-h-12 items-center text-base text-accent underline-offset-2 hover:underline";
  return (
    <Card title="零犯罪创建" className={className}>
      {latest ? (
        <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-base" data-testid="unit-zero-crime">
          <span className="text-gray-600">{latest.year} 年</span>
          <OutcomeText level={data.level} outcome={data.outcome} record={latest} />
          <RecordStatusPill status={latest.status} />
        </div>
      ) : (
        <p className="text-base text-gray-600" data-testid="unit-zero-crime">还没有上报过零犯罪情况。</p>
      )}
      <div className="mt-2 flex flex-wrap gap-x-5">
        {latest && (
          <Link href={`/outcomes/zero-crime/${data.unitId}/${latest.year}`} className={link}>
            查看 {latest.year} 年记录
          </Link>
        )}
        {data.canReport && latest?.year !== thisYear && (
          <Link href={`/outcomes/zero-crime/${data.unitId}/${thisYear}`} className={link}>
            上报 {thisYear} 年情况
          </Link>
        )}
      </div>
    </Card>
  );
}
