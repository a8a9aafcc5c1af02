import Link from "next/link";
import type { CheckState, UnitCheck } from "@/lib/server/metrics/unit-checklist";

const BADGE: Record<CheckState, { text: string; className: string }> = {
  ok: { text: "已完成", className: "bg-green-50 text-green-800" },
  warn: { text: "需改进", className: "bg-amber-50 text-amber-900" },
  missing: { text: "未完成", className: "bg-red-50 text-red-800" },
  na: { text: "不适用", className: "bg-gray-100 text-gray-700" },
};

/** A village's or school's year at a glance: each item, its state in words, and the page that fixes it. */
export function UnitChecklist({ checks }: { checks: UnitCheck[] }) {
  return (
    <ul className="divide-y divide-gray-100 rounded-lg border border-gray-200 bg-white" data-testid="unit-checklist">
      {checks.map((c) => (
        <li key={c.key} className="flex flex-wrap items-start justify-between gap-3 p-4" data-testid={`check-${c.key}`}>
          <div className="min-w-0 flex-1">
            <p className="flex flex-wrap items-center gap-2 text-lg font-medium text-gray-900">
              {c.title}
              <span className={`rounded px-2 text-base font-normal ${BADGE[c.state].className}`}>{BADGE[c.state].text}</span>
            </p>
            <p className="mt-1 text-base text-gray-700">{c.detail}</p>
          </div>
          <Link href={c.href} className="inline-flex min-h-12 items-center text-base font-medium text-accent underline">
            {c.action}
          </Link>
        </li>
      ))}
    </ul>
  );
}
