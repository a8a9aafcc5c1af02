// POST /api/v1/imports/<kind>?dryRun=1 — check an uploaded sheet: 200 {kind, rows, created, updated, unchanged, errors}, nothing written.
// POST /api/v1/imports/<kind> — apply it in one transaction: 200 with the same report, or 400 {error: "invalid", rows, errors} and nothing written.
// The file is the raw body (?fileName= or X-File-Name) or the multipart field `file`, at most 20 MiB (shared/IMPORT.md).
import { apiRoute } from "@/lib/server/api";
import { importResponse } from "@/lib/server/imports/api";
import { importKind } from "@/lib/server/imports/upload";

export const POST = apiRoute<{ kind: string }>(async ({ actor, req, params }) => importResponse(actor, req, importKind(params.kind).kind));
