// GET /api/v1/activities?station=<id>&from=YYYY-MM-DD&to=YYYY-MM-DD[&kind=&town=&cursor=] — activities in scope, latest first, keyset-paged.
// POST /api/v1/activities — log an activity, idempotent by id: 201 when stored, 200 with the stored row when the id is known.
import { NextResponse } from "next/server";
import { apiRoute, readJson } from "@/lib/server/api";
import { listActivities, parseActivityFilters } from "@/lib/server/stations/read-activities";
import { createActivity } from "@/lib/server/stations/write-activities";

export const GET = apiRoute(async ({ actor, req }) => {
  const sp = req.nextUrl.searchParams;
  const get = (k: string) => sp.get(k) ?? undefined;
  const filters = parseActivityFilters({
    station: get("station"),
    town: get("town"),
    kind: get("kind"),
    from: get("from"),
    to: get("to"),
    cursor: get("cursor"),
  });
  const { items, nextCursor } = await listActivities(actor, filters);
  return {
    items: items.map(({ id, stationId, orgUnitId, date, kind, title, youthParticipants, volunteerIds, notes }) => ({
      id,
      stationId,
      orgUnitId,
      date,
      kind,
      title,
      youthParticipants,
      volunteerIds,
      notes,
    })),
    nextCursor,
  };
});

export const POST = apiRoute(async ({ actor, req }) => {
  const { created, ...activity } = await createActivity(actor, await readJson(req));
  return NextResponse.json(activity, { status: created ? 201 : 200 });
});
