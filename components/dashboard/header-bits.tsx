import Link from "next/link";
import { ButtonLink } from "@/components/ui/button";
import { dashboardHref } from "./model";

/** 导出 Excel and 打印年度报表 for the unit and year on screen (a drill-down exports its own list too). */
export function ExportLinks({ year, unit, metric, report = true }: { year: number; unit?: string | null; metric?: string; report?: boolean }) {
  return (
    <>
      {/* `download`: a file, not a page — Next's Link leaves the click to the browser; no prefetch of the file. */}
      <ButtonLink href={dashboardHref("/dashboard/export", { year, unit, metric })} download prefetch={false} className="no-print">
        导出 Excel
      </ButtonLink>
      {report && (
        <ButtonLink href={dashboardHref("/dashboard/report", { year, unit })} prefetch={false} className="no-print">
          打印年度报表
        </ButtonLink>
      )}
    </>
  );
}

/** Where the viewed unit sits below the viewer's own, each level a link to its dashboard. */
export function UnitTrail({ trail, year }: { trail: { id: string; name: string }[]; year: number }) {
  if (trail.length < 2) return null;
  return (
    <nav aria-label="单位层级" className="no-print mb-3 text-base text-gray-600">
      <ol className="flex flex-wrap items-center gap-1">
        {trail.map((u, i) => (
          <li key={u.id} className="flex items-center gap-1">
            {i > 0 && <span aria-hidden>›</span>}
            {i === trail.length - 1 ? (
              <span className="font-medium text-gray-900" aria-current="page">
                {u.name}
              </span>
            ) : (
              <Link href={dashboardHref("/dashboard", { year, unit: i === 0 ? null : u.id })} className="inline-flex min-h-11 items-center underline-offset-2 hover:underline">
                {u.name}
              </Link>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}
