// GET /admin/audit/export?user=&action=&unit=&from=&to= — the filtered 操作日志 as .xlsx, the rows the page lists (streamed; the export is audited)
import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/server/api";
import { invalid } from "@/lib/server/errors";
import { startAuditExport } from "@/lib/server/audit-log/export";
import { xlsxDownloadHeaders } from "@/lib/server/imports/export-response";
import { parseAuditFilters } from "@/lib/schemas/audit";

export const GET = apiRoute(async ({ actor, req }) => {
  const { filters, errors } = parseAuditFilters(Object.fromEntries(req.nextUrl.searchParams));
  const issues = Object.entries(errors).map(([path, message]) => ({ path, message }));
  if (issues.length) throw invalid(issues, issues[0].message);
  const file = await startAuditExport(actor, filters);
  return new NextResponse(file.body, { headers: xlsxDownloadHeaders(file.fileName) });
});
