// GET /api/v1/imports/users/template — the empty 用户账号 template (DISTRICT_ADMIN only).
import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/server/api";
import { forbidden } from "@/lib/server/errors";
import { canImport } from "@/lib/server/imports/run";
import { USERS_TEMPLATE } from "@/lib/server/imports/import-users";
import { templateWorkbook } from "@/lib/server/imports/template-file";
import { xlsxDownloadHeaders } from "@/lib/server/imports/export-response";

export const GET = apiRoute(async ({ actor }) => {
  if (!canImport(actor, "users")) throw forbidden();
  const xlsx = await templateWorkbook(USERS_TEMPLATE);
  return new NextResponse(new Uint8Array(xlsx), { headers: xlsxDownloadHeaders(`${USERS_TEMPLATE.title}-导入模板.xlsx`) });
});
