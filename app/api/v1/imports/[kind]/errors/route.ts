// POST /api/v1/imports/<kind>/errors — the same upload as the import; answers the user's own rows with a 错误说明
// column (an .xlsx to fix in Excel and upload again). Nothing is written.
import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/server/api";
import { forbidden } from "@/lib/server/errors";
import { ImportFileError, readImportFile } from "@/lib/server/imports/read-file";
import { canImport, runImport } from "@/lib/server/imports/run";
import { errorReportWorkbook } from "@/lib/server/imports/template-file";
import { importKind, readUpload } from "@/lib/server/imports/upload";

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

export const POST = apiRoute<{ kind: string }>(async ({ actor, req, params }) => {
  const { kind, template } = importKind(params.kind);
  if (!canImport(actor, kind)) throw forbidden();
  try {
    const upload = await readUpload(req);
    const sheet = await readImportFile(upload.bytes, upload.fileName, template);
    const report = await runImport(actor, kind, sheet, { dryRun: true, fileName: upload.fileName, sha256: upload.sha256 });
    const xlsx = await errorReportWorkbook(sheet, report.errors);
    const name = `${template.title}-错误报告.xlsx`;
    return new NextResponse(new Uint8Array(xlsx), {
      headers: {
        "content-type": XLSX_TYPE,
        "content-disposition": `attachment; filename="import-errors.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`,
        "x-import-errors": String(report.errors.length),
        "cache-control": "no-store",
      },
    });
  } catch (e) {
    if (e instanceof ImportFileError) {
      return NextResponse.json({ error: "invalid", message: e.message, rows: 0, errors: [{ row: 0, message: e.message }] }, { status: 400 });
    }
    throw e;
  }
});
