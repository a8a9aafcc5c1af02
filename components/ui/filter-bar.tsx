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

/** One choice of a filter select: the value sent in the URL and the text shown. */
export interface FilterOption {
  value: string;
  label: string;
}

/** Options from a list of codes and their labels (e.g. ACTIVITY_KINDS with KIND_LABELS). */
export function labelledOptions<K extends string>(codes: readonly K[], labels: Record<K, string>): FilterOption[] {
  return codes.map((c) => ({ value: c, label: labels[c] }));
}

/** Options from units, indented by depth (full-width spaces) so the tree shows. */
export function unitOptions(units: readonly { id: string; name: string; depth?: number }[]): FilterOption[] {
  return units.map((u) => ({ value: u.id, label: `${"\u3000".repeat(u.depth ?? 0)}${u.name}` }));
}

/** Options from years, each shown with its suffix, e.g. "2024 年到期". */
export function yearOptions(years: readonly number[], suffix = " 年"): FilterOption[] {
  return years.map((y) => ({ value: String(y), label: `${y}${suffix}` }));
}

/**
 * A select of a filter bar: "" (allLabel) first, meaning no filter, then the options.
 * `label` is its accessible name; leave it out only where a visible <label> wraps it.
 */
export function FilterSelect({
  name,
  label,
  allLabel,
  value,
  options,
  className = filterControl,
}: {
  name: string;
  label?: string;
  allLabel: string;
  value?: string | number | null;
  options: readonly FilterOption[];
  className?: string;
}) {
  return (
    <select name={name} defaultValue={value == null ? "" : String(value)} aria-label={label} className={className}>
      <option value="">{allLabel}</option>
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </select>
  );
}

/** The town (镇（街道）) choice of a filter bar; "" is every town in scope. */
export function TownFilter({ towns, value }: { towns: { id: string; name: string }[]; value?: string | null }) {
  return <FilterSelect name="town" label="镇（街道）" allLabel="全部镇（街道）" value={value} options={unitOptions(towns)} />;
}
