"use client";
import Link from "next/link";
import { useState } from "react";

export interface CompareCell {
  /** What sorting compares; null (nothing counted) sorts last either way. */
  sort: number | null;
  text: string;
  /** Under the text: "8 / 11". */
  sub?: string;
}
export interface CompareRow {
  id: string;
  name: string;
  href: string;
  cells: Record<string, CompareCell>;
}

type Sort = { column: string; dir: "ascending" | "descending" } | null;

/** Child units × key metrics; click a column header to sort (again to reverse). Starts in the org tree's order. */
export function CompareTable({ columns, rows }: { columns: { key: string; label: string }[]; rows: CompareRow[] }) {
  const [sort, setSort] = useState<Sort>(null);
  const sorted = sort ? [...rows].sort(compare(sort)) : rows;
  const toggle = (column: string) =>
    setSort((s) =>
      s?.column === column
        ? { column, dir: s.dir === "ascending" ? "descending" : "ascending" }
        : { column, dir: column === "name" ? "ascending" : "descending" },
    );
  const header = (column: string, label: string) => {
    const dir = sort?.column === column ? sort.dir : undefined;
    return (
      <th key={column} scope="col" aria-sort={dir ?? "none"} className={`px-3 py-2 align-bottom font-medium ${column === "name" ? "" : "min-w-[7.5rem]"}`}>
        <button type="button" onClick={() => toggle(column)} className="inline-flex min-h-11 items-end gap-1 text-left hover:text-gray-900">
          <span>{label}</span>
          <span aria-hidden className="w-3 shrink-0 text-accent">
            {dir === "ascending" ? "▲" : dir === "descending" ? "▼" : ""}
          </span>
        </button>
      </th>
    );
  };
  return (
    <div className="overflow-x-auto rounded-lg border border-gray-200 bg-white print:overflow-visible">
      <table className="w-full text-left text-base">
        <thead className="border-b border-gray-200 bg-gray-50 text-gray-600">
          <tr>
            {header("name", "单位")}
            {columns.map((c) => header(c.key, c.label))}
          </tr>
        </thead>
        <tbody>
          {sorted.map((r) => (
            <tr key={r.id} className="border-b border-gray-100">
              <th scope="row" className="min-w-[6.5rem] px-3 py-2 font-normal">
                <Link href={r.href} className="inline-flex min-h-11 items-center text-accent underline-offset-2 hover:underline">
                  {r.name}
                </Link>
              </th>
              {columns.map((c) => {
                const cell = r.cells[c.key];
                return (
                  <td key={c.key} className="whitespace-nowrap px-3 py-2 tabular-nums">
                    <span className={cell.sort === null ? "text-gray-400" : undefined}>{cell.text}</span>
                    {cell.sub && <span className="block text-gray-500">{cell.sub}</span>}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function compare(sort: NonNullable<Sort>) {
  const sign = sort.dir === "ascending" ? 1 : -1;
  return (a: CompareRow, b: CompareRow) => {
    if (sort.column === "name") return sign * a.name.localeCompare(b.name, "zh-CN");
    const x = a.cells[sort.column].sort;
    const y = b.cells[sort.column].sort;
    if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
    return sign * (x - y);
  };
}
