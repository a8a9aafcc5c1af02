"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import type { NavItem } from "@/lib/nav";

function isActive(pathname: string, href: string) {
  return href === "/" ? pathname === "/" : pathname === href || pathname.startsWith(`${href}/`);
}

/** Left column on wide screens; a scrolling row of large tabs on phones. */
export function Sidebar({ items }: { items: NavItem[] }) {
  const pathname = usePathname();
  return (
    <nav aria-label="主导航" className="no-print">
      <ul className="flex gap-1 overflow-x-auto md:flex-col">
        {items.map((i) => {
          const active = isActive(pathname, i.href);
          return (
            <li key={i.href} className="shrink-0">
              <Link
                href={i.href}
                aria-current={active ? "page" : undefined}
                className={`flex min-h-12 items-center rounded-md px-4 text-base ${
                  active ? "bg-accent/10 font-semibold text-accent" : "text-gray-700 hover:bg-gray-100"
                }`}
              >
                {i.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
