import Link from "next/link";
import type { ReactNode } from "react";

export interface Column {
  label: string;
  /** Extra classes for the header cell, e.g. "hidden sm:table-cell" to drop a column on phones. */
  className?: string;
}

/** A plain, legible table: header row from `columns`, rows as children (use <Td>). */
export function DataTable({ columns, children, boxed = true }: { columns: Column[]; children: ReactNode; boxed?: boolean }) {
  return (
    <div className={`overflow-x-auto ${boxed ? "rounded-lg border border-gray-200 bg-white" : ""}`}>
      <table className="w-full text-left text-base">
        <thead className={`border-b border-gray-200 text-gray-600 ${boxed ? "bg-gray-50" : ""}`}>
          <tr>
            {columns.map((c) => (
              <th key={c.label} className={`px-4 py-3 font-medium ${c.className ?? ""}`}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

export function Tr({ children, className }: { children: ReactNode; className?: string }) {
  return <tr className={`border-b border-gray-100 ${className ?? ""}`}>{children}</tr>;
}

export function Td({ children, className }: { children?: ReactNode; className?: string }) {
  return <td className={`px-4 py-3 ${className ?? ""}`}>{children}</td>;
}

/** 上一页 / 第 n / m 页 / 下一页, with large targets. */
export function Pagination({ page, pages, href }: { page: number; pages: number; href: (page: number) => string }) {
  if (pages <= 1) return null;
  const link = "inline-flex min-h-12 items-center rounded-md border border-gray-300 bg-white px-4";
  return (
    <nav className="mt-4 flex items-center gap-3 text-base" aria-label="分页">
      {page > 1 && (
        <Link href={href(page - 1)} className={link}>
          上一页
        </Link>
      )}
      <span>
        第 {page} / {pages} 页
      </span>
      {page < pages && (
        <Link href={href(page + 1)} className={link}>
          下一页
        </Link>
      )}
    </nav>
  );
}
