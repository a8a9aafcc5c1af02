// POST /api/v1/imports/users/errors — the accounts sheet with a 错误说明 column. Nothing is written.
import { apiRoute } from "@/lib/server/api";
import { errorReportResponse } from "@/lib/server/imports/api";

export const POST = apiRoute(async ({ actor, req }) => errorReportResponse(actor, req, "users"));
