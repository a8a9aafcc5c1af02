// POST /api/v1/imports/<kind>/errors — the same upload as the import; answers the user's own rows with a 错误说明
// column (an .xlsx to fix in Excel and upload again). Nothing is written.
import { apiRoute } from "@/lib/server/api";
import { errorReportResponse } from "@/lib/server/imports/api";
import { importKind } from "@/lib/server/imports/upload";

export const POST = apiRoute<{ kind: string }>(async ({ actor, req, params }) => errorReportResponse(actor, req, importKind(params.kind).kind));
