// GET /api/v1/me — who the caller is.
import { apiRoute } from "@/lib/server/api";

export const GET = apiRoute(async ({ actor }) => ({
  username: actor.username,
  displayName: actor.displayName,
  role: actor.role,
  orgUnit: { id: actor.orgUnitId, name: actor.orgUnitName, level: actor.orgUnitLevel },
}));
