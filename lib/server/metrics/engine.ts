import "server-only";
/**
 * The metric engine: one call computes a set of metrics (definitions.ts) for a unit's
 * whole subtree and, with the same SQL, for each of its child units — four statements
 * whatever the size of the tree: the unit (scope check) and the data version, read once
 * per request (MetricsTarget), its children, and one UNION ALL of every metric grouped by
 * child with GROUPING SETS. Dashboards, exports, the printed report and GET
 * /api/v1/metrics all read numbers from here. Answers are cached until the tenant's next
 * write (cache.ts), so a busy dashboard does not recompute unchanged figures.
 */
import { Prisma } from "@/lib/generated/prisma/client";
import type { OrgLevel } from "@/lib/generated/prisma/enums";
import type { Actor } from "../actor";
import { db, type Tx } from "../db";
import { assertCan } from "../permissions";
import { findUnitInScope, scope } from "../scope";
import { todayInBeijing } from "@/lib/schemas/dates";
import { METRIC_BY_KEY, METRIC_KEYS, type MetricKey, type MetricParams } from "./definitions";
import { cachedAt, dataVersion } from "./cache";

export interface RateValue {
  numerator: number;
  denominator: number;
  /** numerator ÷ denominator to 4 decimals; null when nothing was counted. */
  value: number | null;
}
export interface CountValue {
  value: number;
}
export type MetricValue = RateValue | CountValue;
export type MetricSet = Record<MetricKey, MetricValue>;

export interface MetricsQuery {
  orgUnitId: string;
  year: number;
  /** Activity window; defaults to the year. */
  from?: string;
  to?: string;
  keys?: readonly MetricKey[];
  /** "As of" day (Beijing, YYYY-MM-DD); periods not yet over are not owed. Defaults to today. */
  today?: string;
}

export interface UnitRef {
  id: string;
  name: string;
  level: OrgLevel;
}

export interface MetricsAnswer {
  orgUnit: UnitRef & { path: string[] };
  year: number;
  from: string;
  to: string;
  metrics: MetricSet;
  /** The same metrics for each child unit in scope, in the org tree's order. */
  children: { orgUnit: UnitRef; metrics: MetricSet }[];
}

type Client = Pick<Tx, "$queryRaw" | "orgUnit" | "tenant">;

const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

function metricValue(key: MetricKey, num: number, den: number): MetricValue {
  if (METRIC_BY_KEY[key].kind === "count") return { value: num };
  return { numerator: num, denominator: den, value: den > 0 ? round4(num / den) : null };
}

function emptySet(keys: readonly MetricKey[]): MetricSet {
  return Object.fromEntries(keys.map((k) => [k, metricValue(k, 0, 0)])) as MetricSet;
}

function paramsFor(tenantId: string, unitId: string, q: Pick<MetricsQuery, "year" | "from" | "to" | "today">): MetricParams {
  return { tenantId, unitId, year: q.year, from: q.from ?? `${q.year}-01-01`, to: q.to ?? `${q.year}-12-31`, today: q.today ?? todayInBeijing() };
}

/** One statement: every metric's rows, summed per child of the target and in total. */
function metricsStatement(p: MetricParams, depth: number, keys: readonly MetricKey[]): Prisma.Sql {
  // path is 1-based: the target sits at depth + 1, its children at depth + 2.
  const childIndex = depth + 2;
  const parts = keys.map(
    (key) => Prisma.sql`
      SELECT ${key}::text AS key, x.child, GROUPING(x.child) AS total,
        coalesce(sum(x.num), 0)::float8 AS num, coalesce(sum(x.den), 0)::float8 AS den
      FROM (SELECT d.path[${childIndex}::int] AS child, d.num, d.den FROM (${METRIC_BY_KEY[key].sql(p)}) d) x
      GROUP BY GROUPING SETS ((x.child), ())`,
  );
  return Prisma.join(parts, " UNION ALL ");
}

/**
 * What every figure of a request is computed against: the unit, checked against the
 * actor's scope, and the tenant's data version (the cache label). A page that shows
 * several figures for one unit (this year, last year, the months, failing units) reads
 * these once and passes the target on, instead of once per figure.
 */
export interface MetricsTarget {
  actor: Actor;
  unit: UnitRef & { path: string[]; depth: number };
  version: bigint;
  client: Client;
}

export async function metricsTarget(actor: Actor, orgUnitId: string, client: Client = db()): Promise<MetricsTarget> {
  assertCan(actor, "dashboard.read");
  const [unit, version] = await Promise.all([
    findUnitInScope(client as Tx, actor, orgUnitId, { id: true, name: true, level: true, path: true, depth: true }),
    dataVersion(client, actor.tenantId),
  ]);
  return { actor, unit, version, client };
}

export async function computeMetrics(actor: Actor, q: MetricsQuery, client: Client = db()): Promise<MetricsAnswer> {
  return metricsAt(await metricsTarget(actor, q.orgUnitId, client), q);
}

/** computeMetrics for a target already checked. */
export function metricsAt(t: MetricsTarget, q: Omit<MetricsQuery, "orgUnitId">): Promise<MetricsAnswer> {
  const keys = q.keys ?? METRIC_KEYS;
  const p = paramsFor(t.actor.tenantId, t.unit.id, q);
  // The children of a unit in scope are all in scope, so the answer is the same for every actor who may ask.
  return cachedAt(["metrics", p, keys], t.version, () => metricsOf(t, p, keys));
}

async function metricsOf({ client, actor, unit }: MetricsTarget, p: MetricParams, keys: readonly MetricKey[]): Promise<MetricsAnswer> {
  const [children, rows] = await Promise.all([
    client.orgUnit.findMany({
      // Children that existed during the year (a unit closed later still has its earlier years' figures).
      where: { ...scope.orgUnits(actor), parentId: unit.id, OR: [{ closedOn: null }, { closedOn: { gt: new Date(Date.UTC(p.year, 0, 1)) } }] },
      orderBy: [{ level: "asc" }, { sortOrder: "asc" }, { code: "asc" }],
      select: { id: true, name: true, level: true },
    }),
    client.$queryRaw<{ key: MetricKey; child: string | null; total: number; num: number; den: number }[]>(metricsStatement(p, unit.depth, keys)),
  ]);

  const metrics = emptySet(keys);
  const byChild = new Map(children.map((c) => [c.id, emptySet(keys)]));
  for (const r of rows) {
    const value = metricValue(r.key, Number(r.num), Number(r.den));
    if (Number(r.total) === 1) metrics[r.key] = value;
    else if (r.child && byChild.has(r.child)) byChild.get(r.child)![r.key] = value;
  }
  return {
    orgUnit: { id: unit.id, name: unit.name, level: unit.level, path: unit.path },
    year: p.year,
    from: p.from,
    to: p.to,
    metrics,
    children: children.map((c) => ({ orgUnit: c, metrics: byChild.get(c.id)! })),
  };
}

export interface FailingUnit {
  unitId: string;
  name: string;
  level: OrgLevel;
  /** Names of the units above it inside the target (e.g. its town), for context. */
  parentName: string | null;
  numerator: number;
  denominator: number;
  details: string[];
}

/** The drill-down: units in the target's subtree that fall short on a rate, and why. */
export async function failingUnits(actor: Actor, q: Omit<MetricsQuery, "keys">, key: MetricKey, client: Client = db()): Promise<FailingUnit[]> {
  assertCan(actor, "dashboard.read");
  if (METRIC_BY_KEY[key].kind !== "rate") return [];
  return failingAt(await metricsTarget(actor, q.orgUnitId, client), q, key);
}

/** failingUnits for a target already checked. */
export async function failingAt(t: MetricsTarget, q: Omit<MetricsQuery, "keys" | "orgUnitId">, key: MetricKey): Promise<FailingUnit[]> {
  if (METRIC_BY_KEY[key].kind !== "rate") return [];
  const p = paramsFor(t.actor.tenantId, t.unit.id, q);
  return cachedAt(["failing", p, key], t.version, () => failingOf(t.client, key, p));
}

async function failingOf(client: Client, key: MetricKey, p: MetricParams): Promise<FailingUnit[]> {
  const rows = await client.$queryRaw<{ unit_id: string; name: string; level: OrgLevel; parent_name: string | null; num: number; den: number; details: string[] }[]>`
    SELECT d.unit_id, u.name, u.level, pu.name AS parent_name,
      sum(d.num)::float8 AS num, sum(d.den)::float8 AS den,
      array_remove(array_agg(d.detail ORDER BY d.ord NULLS LAST, d.detail) FILTER (WHERE d.num < d.den), NULL) AS details
    FROM (${METRIC_BY_KEY[key].sql(p)}) d
    JOIN "OrgUnit" u ON u.id = d.unit_id
    LEFT JOIN "OrgUnit" pu ON pu."tenantId" = u."tenantId" AND pu.id = u."parentId"
    GROUP BY d.unit_id, u.name, u.level, u.code, pu.name
    HAVING sum(d.num) < sum(d.den)
    ORDER BY u.code`;
  return rows.map((r) => ({
    unitId: r.unit_id,
    name: r.name,
    level: r.level,
    parentName: r.parent_name,
    numerator: Number(r.num),
    denominator: Number(r.den),
    details: r.details ?? [],
  }));
}

/** Activities and participant-times per month of a year, for the trend charts. */
export function monthlyAt(t: MetricsTarget, year: number) {
  const tenantId = t.actor.tenantId;
  return cachedAt(["monthly", tenantId, t.unit.id, year], t.version, () => monthlyOf(t.client, tenantId, t.unit.id, year));
}

async function monthlyOf(client: Client, tenantId: string, unitId: string, year: number) {
  const rows = await client.$queryRaw<{ month: number; sessions: number; participants: number }[]>`
    SELECT extract(month FROM a.date)::int AS month, count(*)::int AS sessions, sum(a."youthParticipants")::int AS participants
    FROM "Activity" a JOIN "OrgUnit" u ON u."tenantId" = a."tenantId" AND u.id = a."orgUnitId"
    WHERE u."tenantId" = ${tenantId}::uuid AND u.path @> ARRAY[${unitId}::uuid]
      AND a.date BETWEEN ${`${year}-01-01`}::date AND ${`${year}-12-31`}::date
    GROUP BY 1 ORDER BY 1`;
  const byMonth = new Map(rows.map((r) => [r.month, r]));
  return Array.from({ length: 12 }, (_, i) => ({
    month: i + 1,
    sessions: byMonth.get(i + 1)?.sessions ?? 0,
    participants: byMonth.get(i + 1)?.participants ?? 0,
  }));
}
