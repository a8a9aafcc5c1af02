// GET /api/v1/org-units/<id> — one unit; 404 outside the caller's scope.
// PATCH /api/v1/org-units/<id> — any of {name, kind, code, parentId (move), closedOn (close), reopen: true}; 200 with the unit.
import { apiRoute, readJson } from "@/lib/server/api";
import { parseId } from "@/lib/server/scope";
import { assertCan } from "@/lib/server/permissions";
import { getUnit, unitJson } from "@/lib/server/org/read-units";
import { updateUnit } from "@/lib/server/org/write-units";
import { isoDay } from "@/lib/schemas/dates";

type Unit = Parameters<typeof unitJson>[0] & {
  path: string[];
  committeeEstablishedOn: Date | null;
  active: boolean;
  mergedIntoId: string | null;
};

const fullJson = (unit: Unit) => ({
  ...unitJson(unit),
  path: unit.path,
  committeeEstablishedOn: isoDay(unit.committeeEstablishedOn),
  active: unit.active,
  mergedIntoId: unit.mergedIntoId,
});

export const GET = apiRoute<{ id: string }>(async ({ actor, params }) => {
  assertCan(actor, "org.read");
  return fullJson(await getUnit(actor, params.id));
});

export const PATCH = apiRoute<{ id: string }>(async ({ actor, req, params }) => {
  const id = parseId(params.id); // a malformed id in the URL is simply not found
  const body = await readJson(req);
  // The id comes from the URL only; a body cannot redirect the write to another unit.
  const input = typeof body === "object" && body !== null && !Array.isArray(body) ? { ...body, id } : body;
  return fullJson(await updateUnit(actor, input));
});
