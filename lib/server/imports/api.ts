import "server-only";
/**
 * The import endpoints' bodies, shared by /api/v1/imports/<kind> (the five template
 * kinds) and /api/v1/imports/users (accounts): read the upload, check or apply, answer.
 */
import { NextResponse, type NextRequest } from "next/server";
import type { Actor } from "../actor";
import { forbidden } from "../errors";
import { ImportFileError, readImportFile } from "./read-file";
import { canImport, runImport, templateOf, type ImportTarget } from "./run";
import { errorReportWorkbook } from "./template-file";
import { readUpload } from "./upload";

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** A file that cannot be read at all: one sentence, as the error of "row 0". */
function badFile(e: ImportFileError): NextResponse {
  return NextResponse.json({ error: "invalid", message: e.message, rows: 0, errors: [{ row: 0, message: e.message }] }, { status: 400 });
}

/** POST …?dryRun=1 → 200 report, nothing written; POST … → 200 report when applied, else 400 with the errors. */
export async function importResponse(actor: Actor, req: NextRequest, kind: ImportTarget): Promise<NextResponse> {
  // Refuse before reading 20 MiB from someone who may not import this at all.
  if (!canImport(actor, kind)) throw forbidden();
  const dryRun = ["1", "true"].includes(req.nextUrl.searchParams.get("dryRun") ?? "");
  try {
    const upload = await readUpload(req);
    const sheet = await readImportFile(upload.bytes, upload.fileName, templateOf(kind));
    const { applied, issued, ...report } = await runImport(actor, kind, sheet, { dryRun, fileName: upload.fileName, sha256: upload.sha256 });
    if (!dryRun && !applied) {
      return NextResponse.json({ error: "invalid", message: `有 ${report.errors.length} 处错误，未导入任何数据`, rows: report.rows, errors: report.errors }, { status: 400 });
    }
    // Generated passwords travel once, in this answer only (never stored in clear, never cached).
    return NextResponse.json(issued ? { ...report, passwords: issued } : report, issued ? { headers: { "cache-control": "no-store" } } : undefined);
  } catch (e) {
    if (e instanceof ImportFileError) return badFile(e);
    throw e;
  }
}

/** POST …/errors → the user's own rows with a 错误说明 column, as .xlsx. Nothing is written. */
export async function errorReportResponse(actor: Actor, req: NextRequest, kind: ImportTarget): Promise<NextResponse> {
  if (!canImport(actor, kind)) throw forbidden();
  try {
    const upload = await readUpload(req);
    const template = templateOf(kind);
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
    if (e instanceof ImportFileError) return badFile(e);
    throw e;
  }
}
