import type { ReactNode } from "react";

export function PageHeader({ title, subtitle, actions }: { title: string; subtitle?: ReactNode; actions?: ReactNode }) {
  return (
    <div className="mb-6 flex flex-wrap items-end justify-between gap-3">
      <div>
        <h1 className="text-2xl font-semibold text-gray-900">{title}</h1>
        {subtitle && <div className="mt-1 text-base text-gray-600">{subtitle}</div>}
      </div>
      {actions && <div className="flex flex-wrap gap-2">{actions}</div>}
    </div>
  );
}

export function Card({ title, children, className }: { title?: string; children: ReactNode; className?: string }) {
  return (
    <section className={`rounded-lg border border-gray-200 bg-white p-5 ${className ?? ""}`}>
      {title && <h2 className="mb-3 text-lg font-semibold text-gray-900">{title}</h2>}
      {children}
    </section>
  );
}

/** What an empty list says: what it is, and what to do next. */
export function EmptyState({ title, hint, action }: { title: string; hint?: string; action?: ReactNode }) {
  return (
    <div className="rounded-lg border border-dashed border-gray-300 bg-white px-6 py-10 text-center">
      <p className="text-lg font-medium text-gray-800">{title}</p>
      {hint && <p className="mt-1 text-base text-gray-600">{hint}</p>}
      {action && <div className="mt-4">{action}</div>}
    </div>
  );
}

/**
 * A list page's empty state: while filtered, "没有符合条件的…" and how to widen the search;
 * otherwise what the list will hold and what to do first.
 */
export function ListEmptyState({
  filtered,
  what,
  filteredTitle = `没有符合条件的${what}`,
  filteredHint = "放宽筛选条件再试；也可以点“清除”查看全部。",
  ...empty
}: {
  filtered: boolean;
  /** What the list holds, e.g. "辅导站". */
  what: string;
  filteredTitle?: string;
  filteredHint?: string;
  title: string;
  hint?: string;
  action?: ReactNode;
}) {
  return filtered ? <EmptyState title={filteredTitle} hint={filteredHint} /> : <EmptyState {...empty} />;
}

/** Skeleton blocks for loading.tsx files. */
export function Skeleton({ rows = 4 }: { rows?: number }) {
  return (
    <div className="animate-pulse space-y-3" aria-busy="true" aria-label="正在加载">
      <div className="h-8 w-1/3 rounded bg-gray-200" />
      {Array.from({ length: rows }, (_, i) => (
        <div key={i} className="h-12 rounded bg-gray-100" />
      ))}
    </div>
  );
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
