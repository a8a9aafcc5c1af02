/**
 * Backups and restore (issue 13, item 4; lib/server/backup/): `npm run backup` and
 * `npm run restore` as an operator runs them, on throw-away databases beside the shared
 * test database, which is only read here (writes go to restored copies of it).
 */
import { createHash, randomBytes, randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { db } from "@/lib/server/db";
import { acquireEmbedded } from "@/lib/server/database/embedded";
import { withUser } from "@/lib/server/database/grants";
import { migrateDeploy } from "@/lib/server/database/migrate";
import { readMigrations } from "@/lib/server/database/migrations-dir";
import { createDocument } from "@/lib/server/outcomes/documents";
import { createActivity } from "@/lib/server/stations/write-activities";
import { backupFileName, backupStatus, lastBackupAt, listBackups, pruneBackups } from "@/lib/server/backup/files";
import { BackupFileError, readBackup } from "@/lib/server/backup/format";
import { restoreBackup } from "@/lib/server/backup/restore";
import { backupIfDue, startDailyBackups } from "@/lib/server/backup/schedule";
import { takeBackup } from "@/lib/server/backup/take";
import { actorFor } from "../support/actors";
import { lastLine, runTsx } from "../support/cli";
import { apiGet, demoUnits, newUser, routeCtx, tokenFor } from "../support/fixtures";
import { scratchDatabase, sqlRows } from "../support/scratch-db";

const ROOT = path.resolve(import.meta.dirname, "../..");
const ownerUrl = inject("ownerUrl");
const appUrl = inject("databaseUrl");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "qm-backup-"));
const scratches: ReturnType<typeof scratchDatabase>[] = [];
const quiet = () => {};

async function newDatabase(prefix = "qm_restore") {
  const s = scratchDatabase(prefix);
  await s.create();
  scratches.push(s);
  return s;
}

const sql = sqlRows;

/** The test suite's app role on another database of the cluster (granted there by the restore). */
function appRoleOn(url: string) {
  const app = new URL(appUrl);
  return withUser(url, decodeURIComponent(app.username), decodeURIComponent(app.password));
}

/** Runs a script the way `npm run <name>` does, with these variables. */
const run = (script: string, args: string[], env: Record<string, string | undefined>) =>
  runTsx(path.join(ROOT, "scripts", script), args, { SEED_DEMO: "0", ...env });

/** Every table's row count, by name. */
async function counts(url: string): Promise<Record<string, number>> {
  const tables = await sql<{ t: string }>(url, `SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`);
  const out: Record<string, number> = {};
  for (const { t } of tables) out[t] = (await sql<{ n: number }>(url, `SELECT count(*)::int AS n FROM "${t}"`))[0].n;
  return out;
}

/** A digest of every row of every table the backup holds (AuditLog up to id `auditUpTo`), by table. */
async function digests(url: string, auditUpTo: bigint): Promise<Record<string, string>> {
  const tables = await sql<{ t: string }>(
    url,
    `SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public' AND tablename NOT IN ('_prisma_migrations', 'Session', 'SignInThrottle') ORDER BY 1`,
  );
  const out: Record<string, string> = {};
  for (const { t } of tables) {
    const where = t === "AuditLog" ? `WHERE id <= ${auditUpTo}` : "";
    out[t] = (await sql<{ d: string }>(url, `SELECT md5(coalesce(string_agg(to_jsonb(x)::text, E'\\n' ORDER BY to_jsonb(x)::text), '')) AS d FROM "${t}" x ${where}`))[0].d;
  }
  return out;
}

/** The audit trail exactly as stored, one JSON text per row (ids, times to the microsecond). */
const auditRows = async (url: string) =>
  (await sql<{ id: string; row: string }>(url, `SELECT id::text, to_jsonb(a)::text AS row FROM "AuditLog" a ORDER BY a.id`)).map((r) => ({
    id: BigInt(r.id),
    row: r.row,
  }));

const tableNames = async (url: string) =>
  (await sql<{ t: string }>(url, `SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public'`)).map((r) => r.t);

/**
 * Runs `fn` with the app's db() pointed at `url` and freshly loaded route modules, so no
 * per-process cache (metrics/cache.ts) carries an answer from one database to the other.
 */
async function onDatabase<T>(url: string, fn: (m: { metrics: typeof import("@/app/api/v1/metrics/route").GET; signIn: typeof import("@/lib/server/auth/sign-in").signIn }) => Promise<T>) {
  const holder = globalThis as unknown as { __qingmiaoPrisma?: PrismaClient };
  const saved = holder.__qingmiaoPrisma;
  const client = new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: 2 }) });
  holder.__qingmiaoPrisma = client;
  try {
    vi.resetModules();
    const [{ GET }, { signIn }] = await Promise.all([import("@/app/api/v1/metrics/route"), import("@/lib/server/auth/sign-in")]);
    return await fn({ metrics: GET, signIn });
  } finally {
    holder.__qingmiaoPrisma = saved;
    await client.$disconnect();
  }
}

const pdf = (bytes: Buffer) => Buffer.concat([Buffer.from("%PDF-1.4\n% "), bytes, Buffer.from("\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n")]);

let shared: string;
beforeAll(async () => {
  // One library backup of the shared database for the tests that only need some backup.
  shared = (await takeBackup(ownerUrl, { dir: path.join(tmp, "shared") })).file;
});

afterAll(async () => {
  for (const s of scratches) await s.drop();
  fs.rmSync(tmp, { recursive: true, force: true });
});

/**
 * A copy of the shared test database (restored from the beforeAll backup, granted to the
 * suite's app role) to write into, so the shared database is only ever read here.
 */
async function sourceDatabase() {
  const source = await newDatabase("qm_backup_src");
  await restoreBackup({ ownerUrl: source.url, appUrl: appRoleOn(source.url) }, shared, { log: quiet });
  return source;
}

describe("round trip", () => {
  it("npm run backup, then npm run restore into an empty database: metrics, audit log, files and sign-in match", async () => {
    const source = await sourceDatabase();
    // What must come back: a document's bytes, a user's password, everything the seed made.
    const bytes = pdf(randomBytes(4096)); // random bytes: every byte value, zeros and newlines among them
    const { doc, user, token, query, before } = await onDatabase(appRoleOn(source.url), async ({ metrics }) => {
      const units = await demoUnits();
      const doc = await createDocument(await actorFor("district.admin"), {
        orgUnitId: units.district.id,
        title: `备份测试文件${randomBytes(3).toString("hex")}`,
        issuers: "清江浦区关工委",
        issuedOn: "2019-04-10",
        topic: "备份",
        file: new File([new Uint8Array(bytes)], "通知.pdf"),
      });
      const user = await newUser({ prefix: "bk" });
      const { token } = await tokenFor("leader");
      const query = `/api/v1/metrics?orgUnit=${units.district.id}&year=2019`;
      const res = await metrics(apiGet(query, token), routeCtx({}));
      expect(res.status).toBe(200);
      return { doc, user, token, query, before: await res.json() };
    });
    expect(before.metrics.fiveGoodRate.denominator).toBeGreaterThan(0);
    const audit = await auditRows(source.url);
    const sourceCounts = await counts(source.url);
    const sourceDigests = await digests(source.url, audit.at(-1)!.id);
    expect(audit.length).toBeGreaterThan(1);
    expect(sourceCounts.PolicyFile).toBeGreaterThan(1);

    // Two older backups in the folder: BACKUP_KEEP=2 keeps the new one and the newer of those.
    const dir = path.join(tmp, "cli");
    fs.mkdirSync(dir);
    const older = [new Date("2026-01-01T00:00:00Z"), new Date("2026-01-02T00:00:00Z")].map((d) => path.join(dir, backupFileName(d)));
    for (const f of older) fs.writeFileSync(f, "old");

    // As deployed: DATABASE_URL the app's role, MIGRATE_DATABASE_URL the owner.
    const b = await run("backup.ts", ["--out", dir], { DATABASE_URL: appRoleOn(source.url), MIGRATE_DATABASE_URL: source.url, BACKUP_KEEP: "2" });
    expect(b.code, b.stderr).toBe(0);
    const file = lastLine(b.stdout);
    expect(path.dirname(file)).toBe(dir);
    expect(fs.statSync(file).size).toBeGreaterThan(0);
    expect(listBackups(dir).map((x) => x.file)).toEqual([file, older[1]]);

    const target = await newDatabase();
    const r = await run("restore.ts", [file], { DATABASE_URL: appRoleOn(target.url), MIGRATE_DATABASE_URL: target.url });
    expect(r.code, r.stderr + r.stdout).toBe(0);
    expect(r.stdout).toContain("已恢复");

    // The audit trail: every row as it was (ids, times, JSON), then the restore's own entry.
    const restoredAudit = await auditRows(target.url);
    expect(restoredAudit.slice(0, audit.length)).toEqual(audit);
    expect(restoredAudit).toHaveLength(audit.length + 1);
    expect(JSON.parse(restoredAudit.at(-1)!.row)).toMatchObject({ action: "system.restore", entity: "Backup", tenantId: null });

    // Every table's rows, except the signed-in sessions and sign-in counters left out on purpose.
    const restoredCounts = await counts(target.url);
    expect(restoredCounts).toEqual({ ...sourceCounts, AuditLog: audit.length + 1, Session: 0, SignInThrottle: 0 });
    // … and every value of every row as it was (Tenant.dataVersion too: the audit trigger did not count the rows again).
    expect(await digests(target.url, audit.at(-1)!.id)).toEqual(sourceDigests);
    // The uploaded file, byte for byte.
    const [stored] = await sql<{ content: Buffer }>(target.url, `SELECT content FROM "PolicyFile" WHERE "documentId" = $1`, [doc.id]);
    expect(createHash("sha256").update(stored.content).digest("hex")).toBe(createHash("sha256").update(bytes).digest("hex"));
    // The same metrics through the API, with the same token, as the app's restricted role; the same sign-in.
    const after = await onDatabase(appRoleOn(target.url), async ({ metrics, signIn }) => {
      const res = await metrics(apiGet(query, token), routeCtx({}));
      expect(res.status).toBe(200);
      const meta = { ip: "127.0.0.9", userAgent: "vitest" };
      expect(await signIn({ username: user.username, password: user.password }, meta)).toMatchObject({ ok: true, user: { id: user.id } });
      expect(await signIn({ username: user.username, password: `${user.password}x` }, meta)).toMatchObject({ ok: false });
      return res.json();
    });
    expect(after).toEqual(before);
  });
});

describe("a backup while the app writes", () => {
  it("is one snapshot: counts in the file = rows restored, and every activity with its audit entry and data version, or neither", async () => {
    const source = await sourceDatabase();
    const { backup, tag, tenantId, versionBefore, sourceActs } = await onDatabase(appRoleOn(source.url), async () => {
      const units = await demoUnits();
      const actor = await actorFor("unit.admin");
      const station = await db().station.create({
        data: { tenantId: units.village.tenantId, orgUnitId: units.village.id, name: `备份测试辅导站${randomBytes(3).toString("hex")}` },
      });
      const tag = `备份并发${randomBytes(3).toString("hex")}`;
      const versionBefore = (await db().tenant.findUniqueOrThrow({ where: { id: units.village.tenantId } })).dataVersion;
      let written = 0;
      let stop = false;
      const loop = (async () => {
        while (!stop) {
          await createActivity(actor, { id: randomUUID(), stationId: station.id, date: "2019-10-12", kind: "STORY", title: `${tag}-${written}`, youthParticipants: 3 });
          written++;
        }
      })();
      const until = async (n: number) => {
        const deadline = Date.now() + 30_000;
        while (written < n) {
          if (Date.now() > deadline) throw new Error("the write loop stalled");
          await new Promise((r) => setTimeout(r, 5));
        }
      };
      try {
        await until(3);
        const backup = await takeBackup(source.url, { dir: path.join(tmp, "busy") });
        await until(written + 3); // the loop went on after the snapshot
        stop = true;
        await loop;
        const sourceActs = await db().activity.count({ where: { title: { startsWith: `${tag}-` } } });
        return { backup, tag, tenantId: units.village.tenantId, versionBefore, sourceActs };
      } finally {
        stop = true;
        await loop.catch(() => {});
      }
    });

    const target = await newDatabase();
    await restoreBackup({ ownerUrl: target.url, appUrl: target.url }, backup.file, { log: quiet });
    const { summary } = await readBackup(backup.file);
    const restored = await counts(target.url);
    expect(summary.tables.length).toBeGreaterThan(20);
    // the restore adds its own audit entry after the restored rows
    for (const t of summary.tables) expect([t.name, restored[t.name] - (t.name === "AuditLog" ? 1 : 0)]).toEqual([t.name, t.rows]);

    const acts = await sql<{ id: string }>(target.url, `SELECT id::text FROM "Activity" WHERE title LIKE $1 || '-%'`, [tag]);
    const entries = await sql<{ id: string }>(
      target.url,
      `SELECT "entityId" AS id FROM "AuditLog" WHERE action = 'activity.create' AND after->>'title' LIKE $1 || '-%'`,
      [tag],
    );
    const [{ v }] = await sql<{ v: string }>(target.url, `SELECT "dataVersion"::text AS v FROM "Tenant" WHERE id = $1`, [tenantId]);
    expect(acts.length).toBeGreaterThanOrEqual(3); // some were written before the snapshot,
    expect(acts.length).toBeLessThan(sourceActs); // some after it,
    expect(entries.map((e) => e.id).sort()).toEqual(acts.map((a) => a.id).sort()); // and none half:
    expect(BigInt(v) - versionBefore).toBe(BigInt(entries.length)); // row, audit entry and data version together
  });
});

describe("refusals", () => {
  it("a database with data is refused without --force and left as it was, so is one in use; --force empties it first and says so", async () => {
    const target = await newDatabase();
    await restoreBackup({ ownerUrl: target.url, appUrl: target.url }, shared, { log: quiet });
    await sql(target.url, `INSERT INTO "SignInThrottle" (key, count) VALUES ('marker', 1)`);
    const auditBefore = await auditRows(target.url);

    const refused = await run("restore.ts", [shared], { DATABASE_URL: target.url, MIGRATE_DATABASE_URL: undefined });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("目标数据库不是空的");
    expect(refused.stderr).toContain("--force");
    expect(await auditRows(target.url)).toEqual(auditBefore);
    expect(await sql(target.url, `SELECT 1 FROM "SignInThrottle" WHERE key = 'marker'`)).toHaveLength(1);

    // Not while anyone is connected (a running app): --force or not.
    const app = new pg.Client({ connectionString: target.url });
    await app.connect();
    const busy = await run("restore.ts", [shared, "--force"], { DATABASE_URL: target.url, MIGRATE_DATABASE_URL: undefined });
    await app.end();
    expect(busy.code).toBe(1);
    expect(busy.stderr).toContain("还有 1 个连接在使用目标数据库（应用可能仍在运行）：请先停止应用");
    expect(await auditRows(target.url)).toEqual(auditBefore);

    const forced = await run("restore.ts", [shared, "--force"], { DATABASE_URL: target.url, MIGRATE_DATABASE_URL: undefined });
    expect(forced.code, forced.stderr).toBe(0);
    expect(forced.stderr).toContain("--force：已清空目标数据库");
    expect(await sql(target.url, `SELECT 1 FROM "SignInThrottle" WHERE key = 'marker'`)).toHaveLength(0);
    // the old restore entry went with the rest; the new one follows the restored rows
    expect(await auditRows(target.url)).toHaveLength(auditBefore.length);
  });

  it("a damaged, altered or truncated file is refused before any database is touched", async () => {
    const raw = fs.readFileSync(shared);
    const text = zlib.gunzipSync(raw);
    // A byte flipped in the compressed stream.
    const flipped = Buffer.from(raw);
    flipped[Math.floor(raw.length / 2)] ^= 0xff;
    // Valid gzip, but one digit of one row changed: only the section's checksum tells.
    const at = text.indexOf(Buffer.from("\nTABLE \"OrgUnit\"\n"));
    expect(at).toBeGreaterThan(0);
    const digit = text.findIndex((b, i) => i > at + 20 && b >= 0x30 && b <= 0x39);
    const altered = Buffer.from(text);
    altered[digit] = altered[digit] === 0x30 ? 0x31 : 0x30;
    const cases = [
      { name: "flipped.gz", bytes: flipped, message: /备份文件(已损坏|不完整)/ },
      { name: "altered.gz", bytes: zlib.gzipSync(altered), message: /备份文件已损坏：表 OrgUnit 的校验和不一致/ },
      { name: "truncated.gz", bytes: zlib.gzipSync(text.subarray(0, Math.floor(text.length * 0.7))), message: /备份文件不完整/ },
      { name: "not-a-backup.gz", bytes: zlib.gzipSync(Buffer.from("hello\n")), message: /这不是青苗的备份文件/ },
    ];
    const target = await newDatabase();
    const dataDir = fs.mkdtempSync(path.join(tmp, "data-"));
    for (const c of cases) {
      const file = path.join(tmp, c.name);
      fs.writeFileSync(file, c.bytes);
      const r = await run("restore.ts", [file], { DATABASE_URL: target.url, MIGRATE_DATABASE_URL: undefined });
      expect({ file: c.name, code: r.code }).toEqual({ file: c.name, code: 1 });
      expect(r.stderr).toMatch(c.message);
      expect(await tableNames(target.url)).toEqual([]);
      // embedded: not even a cluster is made for a bad file
      const e = await run("restore.ts", [file], { DATABASE_URL: undefined, MIGRATE_DATABASE_URL: undefined, DATA_DIR: dataDir });
      expect(e.code).toBe(1);
      expect(fs.readdirSync(dataDir)).toEqual([]);
    }
    // `--check` says the same without any database, and passes the intact file.
    const check = await run("restore.ts", ["--check", path.join(tmp, "altered.gz")], { DATABASE_URL: undefined, DATA_DIR: dataDir });
    expect(check.code).toBe(1);
    const ok = await run("restore.ts", ["--check", shared], { DATABASE_URL: undefined, DATA_DIR: dataDir });
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toContain("备份文件完好");
    expect(fs.readdirSync(dataDir)).toEqual([]);
  });
});

describe("versions", () => {
  const all = readMigrations();
  const LATER = 3; // the backup below is taken before the last three migrations
  const subset = (n: number) => {
    const dir = fs.mkdtempSync(path.join(tmp, "migrations-"));
    for (const m of all.slice(0, n)) {
      fs.mkdirSync(path.join(dir, m.name));
      fs.writeFileSync(path.join(dir, m.name, "migration.sql"), m.sql);
    }
    return dir;
  };

  it("a backup of an older version is restored at its version, then migrated forward", async () => {
    expect(all.length).toBeGreaterThan(LATER);
    const old = await newDatabase("qm_backup_old");
    await migrateDeploy(old.url, { dir: subset(all.length - LATER), log: quiet });
    const tenant = randomUUID();
    const unit = randomUUID();
    await sql(old.url, `INSERT INTO "Tenant" (id, name, code) VALUES ($1, '旧版本区', '999999')`, [tenant]);
    await sql(
      old.url,
      `INSERT INTO "OrgUnit" (id, "tenantId", level, kind, name, code, path, depth, "updatedAt") VALUES ($1, $2, 'DISTRICT', '区', '旧版本区', '999999', ARRAY[$1::uuid], 0, now())`,
      [unit, tenant],
    );
    await sql(
      old.url,
      `INSERT INTO "User" (id, "tenantId", "orgUnitId", username, "displayName", role, "passwordHash", "updatedAt") VALUES ($1, $2, $3, 'old.admin', '旧管理员', 'DISTRICT_ADMIN', 'x', now())`,
      [randomUUID(), tenant, unit],
    );
    await sql(old.url, `INSERT INTO "AuditLog" ("tenantId", "actorName", action, entity) VALUES ($1, 'itest', 'itest.old', 'Tenant')`, [tenant]);
    const { file } = await takeBackup(old.url, { dir: path.join(tmp, "old") });
    const { header } = await readBackup(file);
    expect(header.migrations.map((m) => m.name)).toEqual(all.slice(0, -LATER).map((m) => m.name));

    const target = await newDatabase();
    const r = await restoreBackup({ ownerUrl: target.url, appUrl: target.url }, file, { log: quiet });
    expect(r.migratedForward).toEqual(all.slice(-LATER).map((m) => m.name));
    const applied = await sql<{ n: string }>(target.url, `SELECT migration_name AS n FROM _prisma_migrations ORDER BY n`);
    expect(applied.map((m) => m.n)).toEqual(all.map((m) => m.name));
    const [u] = await sql<{ username: string; mfaEnabledAt: Date | null }>(target.url, `SELECT username, "mfaEnabledAt" FROM "User"`);
    expect(u).toEqual({ username: "old.admin", mfaEnabledAt: null }); // a column the later migrations added
    // The audit rows as they were; columns the later migrations added are there, empty.
    const before = (await auditRows(old.url)).map((r) => ({ id: r.id, row: JSON.parse(r.row) as Record<string, unknown> }));
    expect(before.length).toBeGreaterThan(0);
    const oldColumns = new Set(Object.keys(before[0].row));
    const after = (await auditRows(target.url)).slice(0, -1).map((r) => {
      const row = JSON.parse(r.row) as Record<string, unknown>;
      for (const k of Object.keys(row)) {
        if (oldColumns.has(k)) continue;
        expect(row[k], k).toBeNull();
        delete row[k];
      }
      return { id: r.id, row };
    });
    expect(after).toEqual(before);
    const [{ v }] = await sql<{ v: string }>(target.url, `SELECT "dataVersion"::text AS v FROM "Tenant"`);
    expect(v).toBe("1"); // the loaded audit row did not bump it a second time
  });

  it("a backup of a newer version than this code is refused, and nothing is changed", async () => {
    const target = await newDatabase();
    const err = await restoreBackup({ ownerUrl: target.url, appUrl: target.url }, shared, {
      log: quiet,
      migrationsDir: subset(all.length - 1),
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BackupFileError);
    expect((err as Error).message).toContain(`这个备份来自更新版本的青苗（含本程序没有的数据库迁移 ${all.at(-1)!.name}）`);
    expect(await tableNames(target.url)).toEqual([]);
  });
});

describe("an empty DATA_DIR (embedded PostgreSQL)", () => {
  it("npm run restore without DATABASE_URL creates the cluster and restores into it", async () => {
    const dataDir = fs.mkdtempSync(path.join(tmp, "embedded-"));
    fs.chmodSync(tmp, 0o755); // PostgreSQL runs as the postgres user when we are root
    fs.chmodSync(dataDir, 0o755);
    const r = await run("restore.ts", [shared], { DATABASE_URL: undefined, MIGRATE_DATABASE_URL: undefined, DATA_DIR: dataDir });
    expect(r.code, r.stderr).toBe(0);
    const { summary } = await readBackup(shared);
    const saved = process.env.DATA_DIR;
    process.env.DATA_DIR = dataDir;
    const cluster = await acquireEmbedded({ log: quiet });
    try {
      const restored = await counts(cluster.url);
      for (const t of summary.tables) expect([t.name, restored[t.name]]).toEqual([t.name, t.rows + (t.name === "AuditLog" ? 1 : 0)]);
      // and the app role may read it (the grants ran)
      const c = new pg.Client({ connectionString: cluster.appUrl });
      await c.connect();
      expect((await c.query(`SELECT count(*)::int AS n FROM "User"`)).rows[0].n).toBe(restored.User);
      await c.end();
    } finally {
      process.env.DATA_DIR = saved;
      await cluster.release();
    }
  });
});

describe("keeping backups", () => {
  it("pruneBackups keeps the newest N and leaves other files alone; lastBackupAt and backupStatus read the names", () => {
    const dir = fs.mkdtempSync(path.join(tmp, "prune-"));
    const days = [1, 5, 2, 4, 3].map((d) => new Date(Date.UTC(2026, 10, d, 3, 0, 0)));
    for (const d of days) fs.writeFileSync(path.join(dir, backupFileName(d)), "x");
    fs.writeFileSync(path.join(dir, backupFileName(days[1], 2)), "x"); // a second one in the same second
    fs.writeFileSync(path.join(dir, "notes.txt"), "mine");
    const stale = path.join(dir, `${backupFileName(new Date(Date.UTC(2026, 9, 1)))}.partial`);
    const running = path.join(dir, `${backupFileName(new Date())}.partial`);
    fs.writeFileSync(stale, "");
    fs.writeFileSync(running, "");
    fs.utimesSync(stale, new Date(Date.now() - 3 * 86_400_000), new Date(Date.now() - 3 * 86_400_000));

    expect(lastBackupAt(dir)).toEqual(days[1]);
    pruneBackups(dir, 3);
    expect(fs.readdirSync(dir).sort()).toEqual(
      [backupFileName(days[1], 2), backupFileName(days[1]), backupFileName(days[3]), "notes.txt", path.basename(running)].sort(),
    );
    expect(backupStatus(dir, new Date(days[1].getTime() + 47 * 3600_000))).toEqual({ last: days[1], overdue: false });
    expect(backupStatus(dir, new Date(days[1].getTime() + 49 * 3600_000))).toEqual({ last: days[1], overdue: true });
    expect(backupStatus(path.join(dir, "none"))).toEqual({ last: null, overdue: true });
    expect(() => pruneBackups(dir, 0)).toThrow(/正整数/);
  });

  it("the daily job takes a backup when none is a day old, and not again until one is", async () => {
    const dir = path.join(tmp, "daily");
    const first = await backupIfDue(ownerUrl, { dir, keep: 2 });
    expect(first).not.toBeNull();
    expect(await backupIfDue(ownerUrl, { dir, keep: 2 })).toBeNull();
    const later = await backupIfDue(ownerUrl, { dir, keep: 2, now: new Date(Date.now() + 25 * 3600_000) });
    expect(later).not.toBeNull();
    expect(listBackups(dir)).toHaveLength(2);
  });

  it("startDailyBackups runs that check on its timer; BACKUP_DAILY=0 turns it off", async () => {
    const dir = path.join(tmp, "timer");
    const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
    process.env.BACKUP_DAILY = "0";
    try {
      const off = startDailyBackups(ownerUrl, { dir, firstCheckMs: 0, log: quiet });
      await sleep(500);
      off.stop();
      expect(listBackups(dir)).toEqual([]);
    } finally {
      delete process.env.BACKUP_DAILY;
    }
    const on = startDailyBackups(ownerUrl, { dir, firstCheckMs: 0, log: quiet });
    try {
      const deadline = Date.now() + 30_000;
      while (listBackups(dir).length === 0 && Date.now() < deadline) await sleep(50);
      expect(listBackups(dir)).toHaveLength(1);
    } finally {
      on.stop();
    }
  });
});
