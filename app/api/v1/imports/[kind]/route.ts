// POST /api/v1/imports/<kind>?dryRun=1 — check an uploaded sheet: 200 {kind, rows, created, updated, unchanged, errors}, nothing written.
// POST /api/v1/imports/<kind> — apply it in one transaction: 200 with the same report, or 400 {error: "invalid", rows, errors} and nothing written.
// The file is the raw body (?fileName= or X-File-Name) or the multipart field `file`, at most 20 MiB (shared/IMPORT.md).
import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/server/api";
import { ImportFileError, readImportFile } from "@/lib/server/imports/read-file";
import { canImport, runImport } from "@/lib/server/imports/run";
import { importKind, readUpload } from "@/lib/server/imports/upload";
import { forbidden } from "@/lib/server/errors";

/** A file that cannot be read at all: one sentence, as the error of "row 0". */
function badFile(e: ImportFileError): NextResponse {
  return NextResponse.json({ error: "invalid", message: e.message, rows: 0, errors: [{ row: 0, message: e.message }] }, { status: 400 });
}

export const POST = apiRoute<{ kind: string }>(async ({ actor, req, params }) => {
  const { kind, template } = importKind(params.kind);
  // Refuse before reading 20 MiB from someone who may not import this at all.
  if (!canImport(actor, kind)) throw forbidden();
  const dryRun = ["1", "true"].includes(req.nextUrl.searchParams.get("dryRun") ?? "");
  try {
    const upload = await readUpload(req);
    const sheet = await readImportFile(upload.bytes, upload.fileName, template);
    const { applied, ...report } = await runImport(actor, kind, sheet, { dryRun, fileName: upload.fileName, sha256: upload.sha256 });
    if (!dryRun && !applied) {
      return NextResponse.json({ error: "invalid", message: `有 ${report.errors.length} 处错误，未导入任何数据`, rows: report.rows, errors: report.errors }, { status: 400 });
    }
    return report;
  } catch (e) {
    if (e instanceof ImportFileError) return badFile(e);
    throw e;
  }
});
