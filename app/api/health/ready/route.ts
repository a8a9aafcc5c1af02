/**
 * Readiness: 200 {"status":"ok"} when the database answers and no migration is pending,
 * else 503 {"status":"unavailable"} (lib/server/health.ts). No sign-in needed; the body never
 * says why (the server log does), so it tells a stranger nothing.
 */
import { NextResponse } from "next/server";
import { readiness } from "@/lib/server/health";
import { RETRY_AFTER_SECONDS } from "@/lib/server/unavailable";

export const dynamic = "force-dynamic";

export async function GET() {
  const r = await readiness();
  if (r.ready) return NextResponse.json({ status: "ok" }, { headers: { "Cache-Control": "no-store" } });
  if (r.reason === "migrations") console.error("[health] not ready: migrations are pending (run `npm start` or `npm run db:migrate`)");
  return NextResponse.json(
    { status: "unavailable" },
    { status: 503, headers: { "Cache-Control": "no-store", "Retry-After": String(RETRY_AFTER_SECONDS) } },
  );
}
