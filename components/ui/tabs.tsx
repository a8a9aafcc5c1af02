import Link from "next/link";

export interface Tab {
  href: string;
  label: string;
  current: boolean;
}

/** Large tabs under a page header; they scroll sideways on a phone. */
export function Tabs({ label, tabs }: { label: string; tabs: Tab[] }) {
  return (
    <nav aria-label={label} className="no-print mb-5 border-b border-gray-200">
      <ul className="-mb-px flex gap-1 overflow-x-auto">
        {tabs.map((t) => (
          <li key={t.href} className="shrink-0">
            <Link
              href={t.href}
              aria-current={t.current ? "page" : undefined}
              className={`flex min-h-12 items-center border-b-2 px-4 text-base ${
                t.current ? "border-accent font-semibold text-accent" : "border-transparent text-gray-700 hover:text-gray-900"
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
