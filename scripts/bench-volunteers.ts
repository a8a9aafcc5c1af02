/**
 * tsx scripts/bench-volunteers.ts [--count 100000] [--runs 30] [--explain] [--keep]
 *
 * How the volunteer list behaves at district scale: a throw-away database
 * `qingmiao_bench` on the embedded cluster, migrated and seeded with the demo, plus
 * N volunteers (INSERT … SELECT generate_series). Then the real list code
 * (lib/server/people/read-volunteers.ts) is timed — first page, deep pages via the
 * keyset cursor, name search, filters, counts — and one JSON line per query is printed:
 * {"name", "p50_ms", "p95_ms", "rows"}. The database is dropped at the end.
 */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

// The list code is `server-only`; that package is empty under the react-server condition.
if (!process.execArgv.some((a) => a.includes("react-server"))) {
  const r = spawnSync(process.execPath, [...process.execArgv, "--conditions=react-server", fileURLToPath(import.meta.url), ...process.argv.slice(2)], {
    stdio: "inherit",
  });
  process.exit(r.status ?? 1);
}

const { values } = parseArgs({
  options: { count: { type: "string", default: "100000" }, runs: { type: "string", default: "30" }, explain: { type: "boolean", default: false }, keep: { type: "boolean", default: false } },
});
const COUNT = Number(values.count);
const RUNS = Number(values.runs);
const BENCH_DB = "qingmiao_bench";

const pg = (await import("pg")).default;
const { acquireEmbedded } = await import("../lib/server/database/embedded");
const { migrateDeploy } = await import("../lib/server/database/migrate");
const { seedDemo } = await import("../prisma/seed");
const { openPrisma } = await import("./lib/prisma");

const log = (m: string) => console.error(`[bench] ${m}`);
const cluster = await acquireEmbedded({ database: "postgres", log });
const withDb = (name: string) => {
  const u = new URL(cluster.url);
  u.pathname = `/${name}`;
  return u.toString();
};
const admin = new pg.Client({ connectionString: cluster.url });
await admin.connect();
await admin.query(`DROP DATABASE IF EXISTS "${BENCH_DB}" WITH (FORCE)`);
await admin.query(`CREATE DATABASE "${BENCH_DB}"`);
const url = withDb(BENCH_DB);

let exitCode = 0;
try {
  await migrateDeploy(url, { log: () => {} });
  const seedClient = openPrisma(url);
  await seedDemo(seedClient);
  await seedClient.$disconnect();
  log("migrated and seeded");

  const sql = new pg.Client({ connectionString: url });
  await sql.connect();
  const t0 = performance.now();
  const { rows: tenantRows } = await sql.query(`SELECT id FROM "Tenant" WHERE code = '320812'`);
  const tenantId: string = tenantRows[0].id;
  // Volunteers spread over every town, village and school of the district; realistic
  // names (surname + two-character given name), phones, five categories, ~85% trained,
  // ~90% active, registration times spread over six years with ties every 7 rows.
  await sql.query(
    `CREATE TEMP TABLE gen AS
     WITH u AS (SELECT id, (row_number() OVER (ORDER BY code)) - 1 AS n FROM "OrgUnit"
                WHERE "tenantId" = $1 AND level IN ('TOWN', 'VILLAGE', 'SCHOOL')),
          c AS (SELECT count(*) AS k FROM u)
     SELECT g, gen_random_uuid() AS pid, gen_random_uuid() AS vid, u.id AS unit
     FROM generate_series(1, $2::int) g CROSS JOIN c JOIN u ON u.n = (g * 7919) % c.k`,
    [tenantId, COUNT],
  );
  await sql.query(
    `INSERT INTO "Person" (id, "tenantId", "orgUnitId", name, gender, "birthYear", phone, "cadreRank", retired, "isDemo", "createdAt", "updatedAt")
     SELECT pid, $1, unit,
       (ARRAY['王','李','张','刘','陈','杨','黄','赵','吴','周','徐','孙','马','朱','胡','郭','何','高','林','罗','郑','梁','谢','宋','唐','许','韩','冯','邓','曹'])[1 + g % 30]
       || (ARRAY['建','秀','国','明','志','文','德','玉','金','永','春','海','学','宝','长','立','兰','桂','庆','福'])[1 + (g / 30) % 20]
       || (ARRAY['华','英','军','平','强','芳','民','林','荣','生','成','珍','清','祥','云','良','梅','忠','义','山'])[1 + (g / 600) % 20],
       CASE WHEN g % 3 = 0 THEN 'FEMALE' ELSE 'MALE' END::"Gender", 1935 + g % 30, '139' || lpad(g::text, 8, '0'),
       CASE WHEN g % 4 = 0 THEN 'SECTION_OR_ABOVE' ELSE 'NONE' END::"CadreRank", true, true, now(), now()
     FROM gen`,
    [tenantId],
  );
  await sql.query(
    `INSERT INTO "Volunteer" (id, "tenantId", "orgUnitId", "personId", category, skills, "joinedOn", status, "trainedOn", "publicityConsent", "isDemo", "createdAt", "updatedAt")
     SELECT vid, $1, unit, pid,
       (ARRAY['VETERAN_CADRE','VETERAN_SOLDIER','VETERAN_EXPERT','VETERAN_TEACHER','VETERAN_MODEL'])[1 + g % 5]::"VolunteerCategory",
       ARRAY['宣讲'], DATE '2014-01-01' + (g % 2000),
       CASE WHEN g % 10 = 0 THEN 'PAUSED' WHEN g % 23 = 0 THEN 'LEFT' ELSE 'ACTIVE' END::"VolunteerStatus",
       CASE WHEN g % 7 = 0 THEN NULL ELSE DATE '2014-02-01' + (g % 2000) END,
       g % 3 = 0, true,
       TIMESTAMP '2020-01-01' + ((g / 7) * interval '13 seconds'), now()
     FROM gen`,
    [tenantId],
  );
  await sql.query(`ANALYZE`);
  log(`inserted ${COUNT} volunteers in ${Math.round(performance.now() - t0)} ms`);

  process.env.DATABASE_URL = url;
  const { db } = await import("../lib/server/db");
  const { ACTOR_USER_SELECT, actorFromUser } = await import("../lib/server/actor");
  const { listVolunteers, countVolunteers, encodeCursor } = await import("../lib/server/people/read-volunteers");
  type Filters = Parameters<typeof listVolunteers>[1];

  const actor = async (username: string) =>
    actorFromUser(await db().user.findUniqueOrThrow({ where: { username }, select: ACTOR_USER_SELECT }), "session", { ip: null, userAgent: "bench" });
  const district = await actor("district.admin");
  const town = await actor("town.admin");
  const unitAdmin = await actor("unit.admin");

  /** The cursor that starts page `page` (1-based) of the unfiltered district list. */
  const cursorAtRow = async (row: number) => {
    const { rows } = await sql.query(
      `SELECT id, "createdAt" FROM "Volunteer" WHERE "tenantId" = $1 ORDER BY "createdAt" DESC, id DESC OFFSET $2 LIMIT 1`,
      [tenantId, row - 1],
    );
    return encodeCursor({ id: rows[0].id, createdAt: rows[0].createdAt });
  };
  const { rows: townRows } = await sql.query(`SELECT id FROM "OrgUnit" WHERE "tenantId" = $1 AND name = '清江街道'`, [tenantId]);
  const otherTown: string = townRows[0].id;
  const { rows: nameRows } = await sql.query(`SELECT name FROM "Person" WHERE "tenantId" = $1 ORDER BY name LIMIT 1 OFFSET 777`, [tenantId]);
  const fullName: string = nameRows[0].name;

  const cases: { name: string; run: () => Promise<number> }[] = [];
  const list = (name: string, a: typeof district, f: Filters) =>
    cases.push({ name, run: async () => (await listVolunteers(a, f)).items.length });
  const count = (name: string, a: typeof district, f: Filters) => cases.push({ name, run: () => countVolunteers(a, f) });

  list("list first page (district)", district, {});
  list("list page 1000 via cursor (district)", district, { cursor: await cursorAtRow(50_000) });
  list("list last page via cursor (district)", district, { cursor: await cursorAtRow(Math.max(1, COUNT - 25)) });
  list("search surname q=王 (district)", district, { q: "王" });
  list(`search full name q=${fullName} (district)`, district, { q: fullName });
  list("search no match q=欧阳 (district)", district, { q: "欧阳" });
  list("filter category=VETERAN_EXPERT (district)", district, { category: "VETERAN_EXPERT" });
  list("filter trained=no (district)", district, { trained: "no" });
  list("filter status=LEFT (district)", district, { status: "LEFT" });
  list("filter unit=清江街道 subtree (district)", district, { unit: otherTown });
  list("filter unit subtree + category + trained=no", district, { unit: otherTown, category: "VETERAN_TEACHER", trained: "no" });
  list("list first page (town.admin, 城南街道)", town, {});
  list("list first page (unit.admin, one community)", unitAdmin, {});
  list("search q=李 (unit.admin)", unitAdmin, { q: "李" });
  count("count all (district)", district, {});
  count("count category=VETERAN_EXPERT (district)", district, { category: "VETERAN_EXPERT" });
  count("count q=王 (district)", district, { q: "王" });
  count("count all (town.admin)", town, {});
  count("count all (unit.admin)", unitAdmin, {});

  // Warm up every case first (connections, JIT, Prisma's query plans, PostgreSQL caches), so
  // the numbers describe a running server rather than its first seconds.
  for (let pass = 0; pass < 5; pass++) for (const c of cases) await c.run();
  for (const c of cases) {
    const times: number[] = [];
    let rows = 0;
    for (let i = 0; i < RUNS; i++) {
      const s = performance.now();
      rows = await c.run();
      times.push(performance.now() - s);
    }
    times.sort((a, b) => a - b);
    const pct = (p: number) => Math.round(times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))] * 10) / 10;
    console.log(JSON.stringify({ name: c.name, p50_ms: pct(50), p95_ms: pct(95), rows }));
  }

  if (values.explain) {
    // The SQL Prisma sends for the district first page, explained (for reading the plan).
    const { rows } = await sql.query(
      `EXPLAIN (ANALYZE, BUFFERS) SELECT v.id FROM "Volunteer" v WHERE v."tenantId" = $1
         AND (v."tenantId", v."orgUnitId") IN (SELECT o."tenantId", o.id FROM "OrgUnit" o WHERE o."tenantId" = $1 AND o.path @> ARRAY[$2]::uuid[])
       ORDER BY v."createdAt" DESC, v.id DESC LIMIT 51`,
      [tenantId, district.orgUnitId],
    );
    for (const r of rows) console.error(r["QUERY PLAN"]);
  }
  await db().$disconnect();
  await sql.end();
} catch (e) {
  console.error(e);
  exitCode = 1;
} finally {
  if (!values.keep) await admin.query(`DROP DATABASE IF EXISTS "${BENCH_DB}" WITH (FORCE)`);
  await admin.end();
  await cluster.release();
  log(values.keep ? `bench database kept: ${url}` : "bench database dropped");
}
process.exit(exitCode);
