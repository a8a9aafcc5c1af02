import Link from "next/link";
import type { ReactNode } from "react";

/** The class of each input and select in a filter bar: full width, 48 px tall. */
export const filterControl = "min-h-12 w-full rounded-md border border-gray-300 bg-white px-3 text-base";

/**
 * A list page's filters: a GET form (so the URL keeps the filters), its controls, then
 * the submit button and, while filtered, a link that clears everything.
 */
export function FilterBar({
  label,
  className,
  submitLabel = "筛选",
  clearHref,
  children,
}: {
  label: string;
  /** Grid columns, e.g. "sm:grid-cols-2 lg:grid-cols-3". */
  className: string;
  submitLabel?: string;
  /** Shown as 清除 when set (i.e. while any filter is applied). */
  clearHref?: string | false;
  children: ReactNode;
}) {
  return (
    <form role="search" aria-label={label} className={`mb-4 grid gap-3 ${className}`}>
      {children}
      <div className="flex gap-2 self-end">
        <button className="min-h-12 flex-1 rounded-md bg-accent px-4 text-base font-medium text-white hover:bg-accent-dark">
          {submitLabel}
        </button>
        {clearHref && (
          <Link href={clearHref} className="inline-flex min-h-12 items-center rounded-md border border-gray-300 bg-white px-4 text-base">
            清除
          </Link>
        )}
      </div>
    </form>
  );
}

/** The town (镇（街道）) choice of a filter bar; "" is every town in scope. */
export function TownFilter({ towns, value }: { towns: { id: string; name: string }[]; value?: string | null }) {
  return (
    <select name="town" defaultValue={value ?? ""} aria-label="镇（街道）" className={filterControl}>
      <option value="">全部镇（街道）</option>
      {towns.map((t) => (
        <option key={t.id} value={t.id}>
          {t.name}
        </option>
      ))}
    </select>
  );
}
