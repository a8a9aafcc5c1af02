// POST /api/v1/org-units/<id>/merge — 撤并 {intoId, on}: the village closes on that day and its current roster,
// volunteers and stations move to intoId; 200 with the closed unit, where it went and what moved.
import { apiRoute, readJson } from "@/lib/server/api";
import { parseId } from "@/lib/server/scope";
import { unitJson } from "@/lib/server/org/read-units";
import { mergeUnit } from "@/lib/server/org/write-units";
import { isoDay } from "@/lib/schemas/dates";

export const POST = apiRoute<{ id: string }>(async ({ actor, req, params }) => {
  const id = parseId(params.id); // a malformed id in the URL is simply not found
  const body = await readJson(req);
  const input = typeof body === "object" && body !== null && !Array.isArray(body) ? { ...body, id } : body;
  const { unit, into, moved } = await mergeUnit(actor, input);
  return { ...unitJson(unit), active: unit.active, mergedIntoId: unit.mergedIntoId, mergedInto: into, moved, closedOn: isoDay(unit.closedOn) };
});
