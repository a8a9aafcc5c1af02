/**
 * Liveness: the process is up and answering. Never touches the database, so a supervisor
 * does not restart a healthy server during a database outage (that is what /ready is for).
 * No sign-in needed (proxy.ts passes /api/ requests through); nothing sensitive.
 */
import { NextResponse } from "next/server";

export const dynamic = "force-dynamic";

export function GET() {
  return NextResponse.json({ status: "ok" }, { headers: { "Cache-Control": "no-store" } });
}
