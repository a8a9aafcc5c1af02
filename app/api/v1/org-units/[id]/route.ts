// GET /api/v1/org-units/<id> — one unit; 404 outside the caller's scope.
import { apiRoute } from "@/lib/server/api";
import { assertCan } from "@/lib/server/permissions";
import { getUnit, unitJson } from "@/lib/server/org/read-units";

export const GET = apiRoute<{ id: string }>(async ({ actor, params }) => {
  assertCan(actor, "org.read");
  const unit = await getUnit(actor, params.id);
  return {
    ...unitJson(unit),
    path: unit.path,
    committeeEstablishedOn: unit.committeeEstablishedOn?.toISOString().slice(0, 10) ?? null,
    active: unit.active,
  };
});
