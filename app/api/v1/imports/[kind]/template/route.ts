// GET /api/v1/imports/<kind>/template — the empty .xlsx template of one import kind (header, drop-downs, a 说明 sheet).
import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/server/api";
import { importKind } from "@/lib/server/imports/upload";
import { templateWorkbook } from "@/lib/server/imports/template-file";
import { xlsxDownloadHeaders } from "@/lib/server/imports/export-response";

export const GET = apiRoute<{ kind: string }>(async ({ params }) => {
  const { template } = importKind(params.kind);
  const xlsx = await templateWorkbook(template);
  return new NextResponse(new Uint8Array(xlsx), { headers: xlsxDownloadHeaders(`${template.title}-导入模板.xlsx`) });
});

