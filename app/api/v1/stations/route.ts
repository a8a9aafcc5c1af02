// GET /api/v1/stations?orgUnit=<id> — every station in that unit's subtree with this year's activity count.
import { apiRoute } from "@/lib/server/api";
import { stationJson, stationsOfSubtree } from "@/lib/server/stations/read-stations";

export const GET = apiRoute(async ({ actor, req }) => {
  // No orgUnit: the caller's own unit, i.e. everything they may see.
  const unit = req.nextUrl.searchParams.get("orgUnit") || actor.orgUnitId;
  const rows = await stationsOfSubtree(actor, unit);
  return { items: rows.map(stationJson) };
});
