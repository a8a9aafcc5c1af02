/**
 * Audit retention (issue 12, item 6): `npm run audit:archive` moves rows older than the kept
 * period (default 365 days, never under 180) into a gzip JSON Lines file with a sha256
 * sidecar, and deletes them only after that file is complete; the audit trigger itself allows
 * that deletion only for rows older than a cutoff at least 180 days back. Runs the real script
 * on a throw-away database.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrateDeploy } from "@/lib/server/database/migrate";
import { runScript } from "../support/cli";
import { scratchDatabase, sqlRows, withClient } from "../support/scratch-db";

const scratch = scratchDatabase("qm_archive");
const { url } = scratch;
const out = fs.mkdtempSync(path.join(os.tmpdir(), "qm-archive-"));
const REAL = "aaaaaaaa-0000-4000-8000-000000000001";
const DEMO = "aaaaaaaa-0000-4000-8000-000000000002";

const sql = <R extends pg.QueryResultRow = pg.QueryResultRow>(text: string, params: unknown[] = []) => sqlRows<R>(url, text, params);

/** Statements on one connection, in order; the connection is closed whatever happens. */
const session = <T>(fn: (c: pg.Client) => Promise<T>) => withClient(url, fn);

/** An audit row `days` days old (tenant may be null); returns its id. */
async function entry(tenantId: string | null, days: number, action = "itest.archive"): Promise<string> {
  const [r] = await sql<{ id: string }>(
    `INSERT INTO "AuditLog" ("tenantId", "actorName", action, entity, "entityId", before, after, ip, via, at)
     VALUES ($1, 'itest', $2, 'Test', $3, '{"old":1}', $4, '10.0.0.9', 'session', (now() AT TIME ZONE 'UTC') - make_interval(days => $5))
     RETURNING id::text`,
    [tenantId, action, `e-${days}`, JSON.stringify({ days, text: "中文内容" }), days],
  );
  return r.id;
}

const ids = async (where = "true") => (await sql<{ id: string }>(`SELECT id::text FROM "AuditLog" WHERE ${where} ORDER BY id`)).map((r) => r.id);
const archives = () => fs.readdirSync(out).filter((f) => f.endsWith(".jsonl.gz")).sort();
/** The rows of an archive file, read the way an auditor would: gunzip, one JSON object a line. */
const rowsOf = (file: string) =>
  zlib
    .gunzipSync(fs.readFileSync(path.join(out, file)))
    .toString("utf8")
    .trimEnd()
    .split("\n")
    .map((l) => JSON.parse(l) as { id: string; tenantId: string | null; at: string; after: { days: number; text: string }; before: unknown });

let old400: string[];
let old200: string[];
let recent: string[];

beforeAll(async () => {
  await scratch.create();
  await migrateDeploy(url, { log: () => {} });
  await sql(`INSERT INTO "Tenant" (id, name, code, "isDemo") VALUES ($1, '真实区', '329901', false), ($2, '演示区', '329902', true)`, [REAL, DEMO]);
  old400 = [await entry(REAL, 400), await entry(REAL, 390), await entry(null, 380)];
  old200 = [await entry(REAL, 200), await entry(null, 185), await entry(DEMO, 300)];
  recent = [await entry(REAL, 170), await entry(REAL, 10), await entry(DEMO, 5)];
}, 180_000);

afterAll(async () => {
  await scratch.drop();
  fs.rmSync(out, { recursive: true, force: true });
});

describe("npm run audit:archive", () => {
  it("refuses to keep fewer than 180 days, with a Chinese reason, and touches nothing", async () => {
    const before = await ids();
    const r = await runScript("audit-archive.ts", ["--keep-days", "179", "--out", out], url);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain("保留天数不能少于 180 天");
    expect(r.stderr).toContain("六个月");
    expect(await ids()).toEqual(before);
    expect(archives()).toEqual([]);
  });

  it("refuses a second run while one is under way (advisory lock)", async () => {
    await session(async (c) => {
      await c.query("BEGIN");
      await c.query("SELECT pg_advisory_xact_lock($1::bigint)", [0x514d4152]);
      const r = await runScript("audit-archive.ts", ["--out", out], url);
      await c.query("ROLLBACK");
      expect(r.code).not.toBe(0);
      expect(r.stderr).toContain("另一个归档任务正在运行");
    });
    expect(archives()).toEqual([]);
  });

  it("by default keeps 365 days: older rows go to a checksummed file and out of the database; newer rows stay", async () => {
    const before = await ids();
    const r = await runScript("audit-archive.ts", ["--out", out], url);
    expect(r.code, r.stderr).toBe(0);

    const files = archives();
    expect(files).toHaveLength(1);
    const file = path.join(out, files[0]);
    // The file: every archived row, whole, in id order; the sidecar is sha256sum's format.
    const rows = rowsOf(files[0]);
    expect(rows.map((x) => x.id)).toEqual(old400);
    expect(rows[0]).toMatchObject({ tenantId: REAL, before: { old: 1 }, after: { days: 400, text: "中文内容" } });
    expect(rows[2].tenantId).toBeNull();
    expect(new Date(rows[0].at).getTime()).toBeLessThan(Date.now() - 399 * 86_400_000);
    const sha = crypto.createHash("sha256").update(fs.readFileSync(file)).digest("hex");
    expect(fs.readFileSync(`${file}.sha256`, "utf8")).toBe(`${sha}  ${files[0]}\n`);
    expect(fs.readdirSync(out).filter((f) => f.endsWith(".partial"))).toEqual([]);

    // What it printed: count, file, checksum.
    expect(r.stdout).toContain("已归档 3 条");
    expect(r.stdout).toContain(file);
    expect(r.stdout).toContain(sha);

    // The database: exactly those rows gone, the rest untouched.
    const after = await ids(`action = 'itest.archive'`);
    expect(after).toEqual(before.filter((id) => !old400.includes(id)));
    expect(after).toEqual(expect.arrayContaining([...old200, ...recent]));

    // The run is audited: once for the run, once for the district whose rows left.
    const runs = await sql<{ tenantId: string | null; via: string; after: { rows: number; file: string; sha256: string; keepDays: number } }>(
      `SELECT "tenantId", via, after FROM "AuditLog" WHERE action = 'audit.archive' ORDER BY id`,
    );
    expect(runs).toHaveLength(2);
    expect(runs[0]).toMatchObject({ tenantId: null, via: "cli", after: { rows: 3, file, sha256: sha, keepDays: 365 } });
    expect(runs[1]).toMatchObject({ tenantId: REAL, after: { rows: 2, file, sha256: sha } });
  });

  it("a second run with nothing older than the cutoff writes no file, deletes nothing, and is still audited", async () => {
    const before = await ids(`action = 'itest.archive'`);
    const r = await runScript("audit-archive.ts", ["--keep-days", "365", "--out", out], url);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("无需归档");
    expect(archives()).toHaveLength(1);
    expect(await ids(`action = 'itest.archive'`)).toEqual(before);
    expect(await sql(`SELECT 1 FROM "AuditLog" WHERE action = 'audit.archive'`)).toHaveLength(3);
  });

  it("rows are deleted only once their file is complete: a deletion that fails leaves the file and every row", async () => {
    const before = await ids();
    // Another session holds one of the old rows: the archive's DELETE waits, then gives up.
    await sql(`ALTER DATABASE "${scratch.name}" SET lock_timeout = '1s'`);
    try {
      await session(async (c) => {
        await c.query("BEGIN");
        await c.query(`SELECT id FROM "AuditLog" WHERE id = $1 FOR UPDATE`, [old200[0]]);
        const r = await runScript("audit-archive.ts", ["--keep-days", "180", "--out", out], url);
        await c.query("ROLLBACK");
        expect(r.code).not.toBe(0);
        expect(r.stderr).toContain("已写好，但删除没有完成");
      });
    } finally {
      await sql(`ALTER DATABASE "${scratch.name}" RESET lock_timeout`);
    }
    expect(await ids()).toEqual(before);
    // The complete file stays (a later run archives the rows again, into a file of its own).
    const files = archives();
    expect(files).toHaveLength(2);
    expect(rowsOf(files[1]).map((x) => x.id)).toEqual(old200);
    expect(await sql(`SELECT 1 FROM "AuditLog" WHERE action = 'audit.archive'`)).toHaveLength(3);
  });

  it("--keep-days 180 archives the rows between 180 and 365 days old, of every district and of none", async () => {
    const r = await runScript("audit-archive.ts", ["--keep-days", "180", "--out", out], url);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("已归档 3 条");
    const files = archives();
    expect(files).toHaveLength(3);
    expect(rowsOf(files[2]).map((x) => x.id)).toEqual(old200);
    expect(await ids(`action = 'itest.archive'`)).toEqual(recent);
    const runs = await sql<{ tenantId: string | null }>(`SELECT "tenantId" FROM "AuditLog" WHERE action = 'audit.archive' ORDER BY id DESC LIMIT 3`);
    expect(runs.map((x) => x.tenantId).sort()).toEqual([DEMO, REAL, null].sort());
  });
});

describe("the audit trigger allows the archive's DELETE only as the migration says", () => {
  let older: string;
  let younger: string;
  beforeAll(async () => {
    older = await entry(REAL, 200, "itest.trigger");
    younger = await entry(REAL, 150, "itest.trigger");
  });

  /** Runs statements in one transaction that is always rolled back; returns the DELETE's row count. */
  const tryDelete = (setting: string | null, where: string) =>
    session(async (c) => {
      await c.query("BEGIN");
      try {
        if (setting !== null) await c.query(`SELECT set_config('qingmiao.archive_audit_before', $1, true)`, [setting]);
        return (await c.query(`DELETE FROM "AuditLog" WHERE ${where}`)).rowCount;
      } finally {
        await c.query("ROLLBACK");
      }
    });
  const daysAgo = async (days: number) =>
    (await sql<{ t: string }>(`SELECT ((now() AT TIME ZONE 'UTC') - make_interval(days => $1))::text AS t`, [days]))[0].t;

  it("a cutoff less than 180 days back is refused, even for rows older than it", async () => {
    await expect(tryDelete(await daysAgo(179), `id = ${older}`)).rejects.toThrow(/append-only/);
    await expect(tryDelete(await daysAgo(100), `id = ${older}`)).rejects.toThrow(/append-only/);
  });

  it("with a cutoff 181 days back: a row older than it may go (positive control), a younger one may not", async () => {
    expect(await tryDelete(await daysAgo(181), `id = ${older}`)).toBe(1);
    await expect(tryDelete(await daysAgo(181), `id = ${younger}`)).rejects.toThrow(/append-only/);
    await expect(tryDelete(await daysAgo(181), `id IN (${older}, ${younger})`)).rejects.toThrow(/append-only/);
  });

  it("without the setting, with a setting that is no time, for UPDATE and TRUNCATE: refused", async () => {
    await expect(tryDelete(null, `id = ${older}`)).rejects.toThrow(/append-only/);
    await expect(tryDelete("", `id = ${older}`)).rejects.toThrow(/append-only/);
    await expect(tryDelete("not a time", `id = ${older}`)).rejects.toThrow();
    const cutoff = await daysAgo(181);
    await expect(
      session(async (c) => {
        await c.query("BEGIN");
        try {
          await c.query(`SELECT set_config('qingmiao.archive_audit_before', $1, true)`, [cutoff]);
          await c.query(`UPDATE "AuditLog" SET action = 'x' WHERE id = ${older}`);
        } finally {
          await c.query("ROLLBACK");
        }
      }),
    ).rejects.toThrow(/append-only/);
    await expect(
      sql(`DO $$ BEGIN PERFORM set_config('qingmiao.archive_audit_before', '${cutoff}', true); TRUNCATE "AuditLog"; END $$`),
    ).rejects.toThrow(/append-only/);
  });

  it("the setting is transaction-local: the next transaction on the same connection is refused", async () => {
    const cutoff = await daysAgo(181);
    await session(async (c) => {
      await c.query("BEGIN");
      await c.query(`SELECT set_config('qingmiao.archive_audit_before', $1, true)`, [cutoff]);
      await c.query("COMMIT");
      await expect(c.query(`DELETE FROM "AuditLog" WHERE id = ${older}`)).rejects.toThrow(/append-only/);
    });
    expect(await ids(`action = 'itest.trigger'`)).toEqual([older, younger]);
  });

  it("the demo purge still works for a demo district, and still not for a real one", async () => {
    const demoRows = await ids(`"tenantId" = '${DEMO}'`);
    expect(demoRows.length).toBeGreaterThan(0);
    await expect(
      sql(`DO $$ BEGIN PERFORM set_config('qingmiao.purge_demo_tenant', '${REAL}', true); DELETE FROM "AuditLog" WHERE "tenantId" = '${REAL}'; END $$`),
    ).rejects.toThrow(/append-only/);
    await sql(`DO $$ BEGIN PERFORM set_config('qingmiao.purge_demo_tenant', '${DEMO}', true); DELETE FROM "AuditLog" WHERE "tenantId" = '${DEMO}'; END $$`);
    expect(await ids(`"tenantId" = '${DEMO}'`)).toEqual([]);
    expect(await ids(`action = 'itest.trigger'`)).toEqual([older, younger]);
  });
});
