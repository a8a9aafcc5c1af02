import Link from "next/link";
import type { FiveGoodYear } from "@/lib/server/rules/assessment";
import { Card } from "@/components/ui/page";
import { AdvancedBadge, PassBadge } from "./bits";

/** One year's result: 达标 or not, total against the pass mark, points per item. */
function YearResult({ r }: { r: FiveGoodYear }) {
  return (
    <div>
      <div className="flex flex-wrap items-center gap-2 text-base">
        <span className="font-medium">{r.year} 年度</span>
        <PassBadge passed={r.passed} />
        {r.advanced && <AdvancedBadge />}
        {r.status !== "CONFIRMED" && <span className="text-gray-600">评分中，尚未确认</span>}
      </div>
      <p className="mt-1 text-base text-gray-700">
        总分 <span className="font-semibold tabular-nums" data-testid="five-good-total">{r.total}</span> / {r.fullMarks} 分（达标分数线 {r.passMark} 分）
      </p>
      <dl className="mt-2 grid grid-cols-2 gap-2 text-base sm:grid-cols-5">
        {r.points.map((p) => (
          <div key={p.item} className="rounded-md bg-gray-50 px-3 py-2">
            <dt className="text-gray-600">{p.label}</dt>
            <dd className="tabular-nums">
              {p.points} / {p.weight}
            </dd>
          </div>
        ))}
      </dl>
      <Link href={`/rules/assessment/${r.year}`} className="mt-2 inline-flex min-h-12 items-center text-base text-accent hover:underline">
        查看 {r.year} 年度考核结果 ›
      </Link>
    </div>
  );
}

/** The village's “五好” status on its unit page: the latest year scored, and the last confirmed one while a newer year is open. */
export function UnitFiveGood({ status, className }: { status: { latest: FiveGoodYear; confirmed: FiveGoodYear | null } | null; className?: string }) {
  return (
    <Card title="“五好”考核" className={className}>
      <div data-testid="unit-five-good">
        {!status ? (
          <p className="text-base text-gray-600">尚未参加“五好”村（社区）关工委考核。</p>
        ) : (
          <div className="flex flex-col gap-4">
            <YearResult r={status.latest} />
            {status.confirmed && (
              <div className="border-t border-gray-100 pt-4">
                <YearResult r={status.confirmed} />
              </div>
            )}
          </div>
        )}
      </div>
    </Card>
  );
}
