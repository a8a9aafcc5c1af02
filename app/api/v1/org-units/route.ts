// GET /api/v1/org-units?parent=<id> — current children of a unit in scope (closed ones too with &closed=1);
//   without parent, the caller's own unit.
// POST /api/v1/org-units — add a unit under a parent; 201 with the unit.
import { NextResponse } from "next/server";
import { apiRoute, readJson } from "@/lib/server/api";
import { assertCan } from "@/lib/server/permissions";
import { getUnit, listChildren, unitJson } from "@/lib/server/org/read-units";
import { createUnit } from "@/lib/server/org/write-units";

export const GET = apiRoute(async ({ actor, req }) => {
  assertCan(actor, "org.read");
  const sp = req.nextUrl.searchParams;
  const parent = sp.get("parent");
  if (parent === null) return { items: [unitJson(await getUnit(actor, actor.orgUnitId))] };
  return { items: (await listChildren(actor, parent, { includeClosed: sp.get("closed") === "1" })).map(unitJson) };
});

export const POST = apiRoute(async ({ actor, req }) => {
  const unit = await createUnit(actor, await readJson(req));
  return NextResponse.json(unitJson(unit), { status: 201 });
});
