import Link from "next/link";
import type { ReactNode } from "react";
import { UNTRAINED_FLAG } from "@/lib/schemas/volunteer";

const TABS = [
  { href: "/volunteers", label: "志愿者名册" },
  { href: "/volunteers/training", label: "培训" },
  { href: "/volunteers/recognition", label: "表彰奖励" },
  { href: "/volunteers/publicity", label: "媒体宣传" },
] as const;

/** The four parts of 五老志愿者, as large tabs that scroll sideways on a phone. */
export function VolunteerTabs({ current }: { current: (typeof TABS)[number]["href"] }) {
  return (
    <nav aria-label="五老志愿者" className="no-print mb-5 border-b border-gray-200">
      <ul className="-mb-px flex gap-1 overflow-x-auto">
        {TABS.map((t) => (
          <li key={t.href} className="shrink-0">
            <Link
              href={t.href}
              aria-current={t.href === current ? "page" : undefined}
              className={`flex min-h-12 items-center border-b-2 px-4 text-base ${
                t.href === current ? "border-accent font-semibold text-accent" : "border-transparent text-gray-700 hover:text-gray-900"
              }`}
            >
              {t.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** The flag on a volunteer who has not attended 入门培训. */
export function UntrainedFlag({ className }: { className?: string }) {
  return (
    <span
      data-testid="untrained-flag"
      className={`inline-block rounded bg-amber-50 px-2 py-0.5 text-base text-amber-800 ring-1 ring-amber-300 ${className ?? ""}`}
    >
      ⚠ {UNTRAINED_FLAG}
    </span>
  );
}

const STATUS_TONE = { ACTIVE: "text-green-700", PAUSED: "text-amber-700", LEFT: "text-gray-500" } as const;

export function StatusText({ status, label }: { status: keyof typeof STATUS_TONE; label: string }) {
  return <span className={`whitespace-nowrap ${STATUS_TONE[status]}`}>{label}</span>;
}

/** A definition list of label → value pairs for detail cards. */
export function Facts({ rows }: { rows: [string, ReactNode][] }) {
  return (
    <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-base">
      {rows.map(([k, v]) => (
        <div key={k} className="contents">
          <dt className="text-gray-600">{k}</dt>
          <dd className="min-w-0 break-words text-gray-900">{v}</dd>
        </div>
      ))}
    </dl>
  );
}

export function Notice({ children, tone = "ok" }: { children: ReactNode; tone?: "ok" | "warn" }) {
  return (
    <p
      role="status"
      className={`mb-4 rounded-md px-3 py-2 text-base ${tone === "ok" ? "bg-green-50 text-green-800" : "bg-amber-50 text-amber-900"}`}
    >
      {children}
    </p>
  );
}
