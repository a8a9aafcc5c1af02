// GET /api/v1/org-units/<id>/roster — current roster and its compliance; 404 outside scope.
// POST /api/v1/org-units/<id>/roster — appoint (任命) into that unit; 201 with the position.
import { NextResponse } from "next/server";
import { apiRoute, readJson } from "@/lib/server/api";
import { parseId } from "@/lib/server/scope";
import { getUnitRoster, rosterJson } from "@/lib/server/people/read-roster";
import { appointPosition } from "@/lib/server/people/write-roster";

export const GET = apiRoute<{ id: string }>(async ({ actor, params }) => {
  return rosterJson(await getUnitRoster(actor, params.id));
});

export const POST = apiRoute<{ id: string }>(async ({ actor, req, params }) => {
  const orgUnitId = parseId(params.id);
  const body = await readJson(req);
  const fields = typeof body === "object" && body !== null && !Array.isArray(body) ? body : {};
  const p = await appointPosition(actor, { ...fields, orgUnitId });
  return NextResponse.json(
    {
      id: p.id,
      orgUnitId: p.orgUnitId,
      personId: p.personId,
      name: p.person.name,
      role: p.role,
      concurrent: p.concurrent,
      since: p.startedOn.toISOString().slice(0, 10),
      exceptionReason: p.exceptionReason,
    },
    { status: 201 },
  );
});
