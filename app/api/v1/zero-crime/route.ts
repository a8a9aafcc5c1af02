// GET /api/v1/zero-crime?orgUnit=<id>&year=YYYY — 零犯罪 records of a unit's whole subtree (no year: every year).
// POST /api/v1/zero-crime — report a village's or school's counts for a year: 201 created, 200 updated. Counts only.
import { NextResponse } from "next/server";
import { apiRoute, readJson } from "@/lib/server/api";
import { parseInput } from "@/lib/server/write";
import { listZeroCrimeRecords, reportZeroCrime, zeroCrimeJson } from "@/lib/server/outcomes/zero-crime";
import { ZZeroCrimeQuery } from "@/lib/schemas/zero-crime";

export const GET = apiRoute(async ({ actor, req }) => {
  const q = parseInput(ZZeroCrimeQuery, Object.fromEntries(req.nextUrl.searchParams));
  const items = await listZeroCrimeRecords(actor, q);
  return { items: items.map(zeroCrimeJson) };
});

export const POST = apiRoute(async ({ actor, req }) => {
  const { record, created } = await reportZeroCrime(actor, await readJson(req));
  return NextResponse.json(zeroCrimeJson(record), { status: created ? 201 : 200 });
});
