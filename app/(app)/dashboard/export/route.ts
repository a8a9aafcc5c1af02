// GET /dashboard/export?year=&unit=&metric= — the dashboard's tables as .xlsx (one sheet per table; with metric, its failing units too)
import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/server/api";
import { parseInput } from "@/lib/server/write";
import { dashboardData, rateKey } from "@/lib/server/metrics/dashboard";
import { dashboardWorkbook, workbookFileName, XLSX_TYPE } from "@/lib/server/metrics/export";
import { ZMetricsQuery } from "@/lib/schemas/metrics";

export const GET = apiRoute(async ({ actor, req }) => {
  const sp = req.nextUrl.searchParams;
  const q = parseInput(ZMetricsQuery, { orgUnit: sp.get("unit") ?? undefined, year: sp.get("year") ?? undefined });
  const metric = sp.get("metric");
  const key = metric ? rateKey(metric) : undefined;
  const { answer, monthly, failing } = await dashboardData(actor, { unitId: q.orgUnit || actor.orgUnitId, year: q.year, failingKeys: key ? [key] : [] });
  const body = await dashboardWorkbook({ answer, monthly, failing: key ? failing : undefined });
  const name = workbookFileName(answer, key);
  return new NextResponse(new Uint8Array(body), {
    headers: {
      "content-type": XLSX_TYPE,
      // An ASCII fallback, and the Chinese name for every current browser (RFC 6266 / 5987).
      "content-disposition": `attachment; filename="qingmiao-${answer.year}.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`,
      "content-length": String(body.length),
      "cache-control": "private, no-store",
    },
  });
});
