// GET /api/v1/exports/<kind>?orgUnit=<id> — one kind's data of a unit's subtree (default: the caller's unit) as the
// import template filled in, re-importable as is (shared/IMPORT.md). Outside scope: 404.
import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/server/api";
import { importKind } from "@/lib/server/imports/upload";
import { exportRows, exportUnit } from "@/lib/server/imports/export";
import { templateWorkbook } from "@/lib/server/imports/template-file";
import { xlsxDownloadHeaders } from "@/lib/server/imports/export-response";
import { todayInBeijing } from "@/lib/schemas/dates";

export const GET = apiRoute<{ kind: string }>(async ({ actor, req, params }) => {
  const { kind, template } = importKind(params.kind);
  const orgUnitId = req.nextUrl.searchParams.get("orgUnit") || actor.orgUnitId;
  const rows = await exportRows(actor, kind, orgUnitId);
  const unit = await exportUnit(actor, orgUnitId);
  const xlsx = await templateWorkbook(template, rows);
  return new NextResponse(new Uint8Array(xlsx), {
    headers: xlsxDownloadHeaders(`${template.title}-${unit.name}-${todayInBeijing()}.xlsx`),
  });
});
