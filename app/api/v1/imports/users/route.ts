// POST /api/v1/imports/users?dryRun=1 | POST /api/v1/imports/users — accounts (用户账号, DISTRICT_ADMIN only), like the
// five kinds; when applied, the answer also carries `passwords` [{row, username, displayName, password}] — once.
import { apiRoute } from "@/lib/server/api";
import { importResponse } from "@/lib/server/imports/api";

export const POST = apiRoute(async ({ actor, req }) => importResponse(actor, req, "users"));
