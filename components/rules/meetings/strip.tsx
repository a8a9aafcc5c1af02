/**
 * The 例会 calendar strip: one small cell per ISO week, month or year of the chosen year,
 * coloured by what regularity.ts decided (nothing is judged here), each with its text for
 * screen readers and on hover; then "held / owed" and the gaps with their dates.
 */
import { formatDate } from "@/lib/format";
import type { RuleRegularity } from "@/lib/server/rules/meetings";
import type { Slot, SlotStatus } from "@/lib/server/rules/regularity";

const CELL: Record<SlotStatus, string> = {
  HELD: "bg-green-600 text-white",
  MISSING: "bg-red-600 text-white",
  PENDING: "bg-gray-400 text-gray-900",
  NOT_REQUIRED: "border border-dashed border-gray-300 bg-gray-50 text-gray-500",
};
const MARK: Record<SlotStatus, string> = { HELD: "✓", MISSING: "✕", PENDING: "…", NOT_REQUIRED: "–" };

export const SLOT_LEGEND: [SlotStatus, string][] = [
  ["HELD", "已开会"],
  ["MISSING", "缺会"],
  ["PENDING", "进行中"],
  ["NOT_REQUIRED", "不计入（未开始或关工委尚未成立）"],
];

const range = (p: { start: string; end: string }) => `${formatDate(p.start)}至${formatDate(p.end)}`;

function slotText(s: Slot, establishedOn: string | null): string {
  const when = `${s.label}（${range(s)}）`;
  if (s.status === "HELD") return `${when}：已开会 ${s.meetings} 次`;
  if (s.status === "MISSING") return `${when}：缺会`;
  if (s.status === "PENDING") return `${when}：进行中，尚未开会`;
  return `${when}：不计入（${establishedOn === null || establishedOn > s.start ? "关工委尚未成立" : "尚未开始"}）`;
}

/** The four colours and what they mean, once above the strips. */
export function StripLegend() {
  return (
    <ul className="mb-4 flex flex-wrap gap-x-4 gap-y-2 text-base text-gray-700" aria-label="图例">
      {SLOT_LEGEND.map(([status, label]) => (
        <li key={status} className="flex items-center gap-2">
          <span aria-hidden className={`inline-flex size-5 items-center justify-center rounded-sm text-xs ${CELL[status]}`}>
            {MARK[status]}
          </span>
          {label}
        </li>
      ))}
    </ul>
  );
}

export function RegularityStrip({ item, cadenceLabel }: { item: RuleRegularity; cadenceLabel: string }) {
  const { rule, unit, year, regularity: r } = item;
  const weeks = rule.cadence === "WEEK";
  const id = `strip-${rule.kind}-${unit.id}`;
  return (
    <section aria-labelledby={id} className="border-t border-gray-100 pt-4 first:border-t-0 first:pt-0" data-testid={`strip-${rule.kind}`}>
      <div className="mb-2 flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
        <h3 id={id} className="text-lg font-medium text-gray-900">
          {rule.label}
          <span className="ml-2 text-base font-normal text-gray-600">{unit.name}</span>
        </h3>
        <p className="text-base text-gray-700">
          {r.required === 0 ? (
            `${year} 年还没有应开会的${cadenceLabel}`
          ) : (
            <>
              应开会的{cadenceLabel}中已开{" "}
              <strong className="tabular-nums text-gray-900" data-testid="regularity-ratio">
                {r.held} / {r.required}
              </strong>
              {item.rate !== null && <span className="ml-1 tabular-nums">（{(item.rate * 100).toFixed(1)}%）</span>}
            </>
          )}
        </p>
      </div>
      <ol
        aria-label={`${year} 年每${cadenceLabel}情况`}
        className={weeks ? "flex flex-wrap gap-1" : rule.cadence === "MONTH" ? "grid grid-cols-4 gap-1 sm:grid-cols-6 lg:grid-cols-12" : "flex"}
      >
        {r.slots.map((s) => {
          const text = slotText(s, unit.establishedOn);
          return (
            <li
              key={s.key}
              title={text}
              data-status={s.status}
              className={`flex items-center justify-center rounded-sm ${CELL[s.status]} ${
                weeks ? "size-4 sm:size-5" : "min-h-12 flex-col whitespace-nowrap px-3 text-base leading-tight"
              }`}
            >
              <span className="sr-only">{text}</span>
              {!weeks && (
                <>
                  <span aria-hidden>{s.label}</span>
                  <span aria-hidden className="text-sm">
                    {MARK[s.status]}
                  </span>
                </>
              )}
            </li>
          );
        })}
      </ol>
      {r.missing.length > 0 && (
        <details className="mt-3 text-base" open={r.missing.length <= 6}>
          <summary className="inline-flex min-h-12 cursor-pointer items-center font-medium text-red-800">
            缺会的{cadenceLabel}（{r.missing.length}）
          </summary>
          <ul className="ml-5 list-disc text-gray-800" data-testid={`gaps-${rule.kind}`}>
            {r.missing.map((m) => (
              <li key={m.key}>
                {m.label}：{range(m)}
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
