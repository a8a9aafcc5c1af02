// GET /api/v1/metrics?orgUnit=<id>&year=YYYY[&from=..&to=..] — the dashboard's numbers (API.md "Metrics answer").
import { apiRoute } from "@/lib/server/api";
import { parseInput } from "@/lib/server/write";
import { computeMetrics } from "@/lib/server/metrics/engine";
import { ZMetricsQuery } from "@/lib/schemas/metrics";

export const GET = apiRoute(async ({ actor, req }) => {
  const q = parseInput(ZMetricsQuery, Object.fromEntries(req.nextUrl.searchParams));
  const answer = await computeMetrics(actor, { orgUnitId: q.orgUnit || actor.orgUnitId, year: q.year, from: q.from, to: q.to });
  return {
    orgUnit: { id: answer.orgUnit.id, name: answer.orgUnit.name, level: answer.orgUnit.level },
    year: answer.year,
    from: answer.from,
    to: answer.to,
    metrics: answer.metrics,
    children: answer.children,
  };
});
