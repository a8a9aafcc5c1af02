// GET /api/v1/org-units?parent=<id> — children of a unit in scope; without parent, the caller's own unit.
import { apiRoute } from "@/lib/server/api";
import { assertCan } from "@/lib/server/permissions";
import { getUnit, listChildren, unitJson } from "@/lib/server/org/read-units";

export const GET = apiRoute(async ({ actor, req }) => {
  assertCan(actor, "org.read");
  const parent = req.nextUrl.searchParams.get("parent");
  if (parent === null) return { items: [unitJson(await getUnit(actor, actor.orgUnitId))] };
  return { items: (await listChildren(actor, parent)).map(unitJson) };
});
