// GET /api/v1/volunteers?orgUnit=<id>&category=&q=&cursor= — volunteers of a unit's whole subtree, keyset-paged.
// POST /api/v1/volunteers — register a volunteer (a person and their volunteer record); 201 with it.
import { NextResponse } from "next/server";
import { apiRoute, readJson } from "@/lib/server/api";
import { listVolunteers, parseVolunteerFilters, volunteerJson } from "@/lib/server/people/read-volunteers";
import { registerVolunteer } from "@/lib/server/people/write-volunteers";

export const GET = apiRoute(async ({ actor, req }) => {
  const sp = req.nextUrl.searchParams;
  const get = (k: string) => sp.get(k) ?? undefined;
  const filters = parseVolunteerFilters({
    q: get("q"),
    category: get("category"),
    status: get("status"),
    trained: get("trained"),
    cursor: get("cursor"),
    // No orgUnit: the caller's own unit, i.e. everything they may see.
    unit: get("orgUnit") || actor.orgUnitId,
  });
  const { items, nextCursor } = await listVolunteers(actor, filters);
  return { items: items.map(volunteerJson), nextCursor };
});

export const POST = apiRoute(async ({ actor, req }) => {
  const volunteer = await registerVolunteer(actor, await readJson(req));
  return NextResponse.json(volunteer, { status: 201 });
});
