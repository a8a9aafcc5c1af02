import Link from "next/link";

/** Pick a year: large pill links (the page keeps its other filters in `href`). */
export function YearLinks({ years, current, href }: { years: number[]; current: number; href: (year: number) => string }) {
  return (
    <nav aria-label="选择年份" className="no-print mb-4 flex flex-wrap gap-2">
      {years.map((y) => (
        <Link
          key={y}
          href={href(y)}
          aria-current={y === current ? "page" : undefined}
          className={`inline-flex min-h-11 items-center rounded-full border px-4 text-base ${
            y === current ? "border-accent bg-accent text-white" : "border-gray-300 bg-white text-gray-700 hover:bg-gray-100"
          }`}
        >
          {y} 年
        </Link>
      ))}
    </nav>
  );
}

/** The years a page offers (from the first year with data to this one) and the chosen one. */
export function yearChoice(raw: string | undefined, first = 2018): { years: number[]; year: number } {
  const now = new Date().getFullYear();
  const years = Array.from({ length: now - first + 1 }, (_, i) => now - i);
  const asked = Number(raw);
  return { years, year: Number.isInteger(asked) && years.includes(asked) ? asked : now };
}
