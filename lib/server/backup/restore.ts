/**
 * Restores a backup (take.ts, format.ts) into an empty database, as its owner:
 * 1. the whole file is read and checked first (checksums, row counts, completeness): a
 *    damaged file is refused before anything is touched;
 * 2. the database must hold no rows (or `force`: everything in its schema is dropped first);
 *    nobody else may be connected to it (the app must be stopped);
 * 3. the migrations the backup was taken at — and only those — are applied, so the rows
 *    meet the schema they came from (a backup listing a migration this code does not have is
 *    refused: it comes from a newer version);
 * 4. every section is loaded with COPY FROM in ONE transaction, in the file's order (parents
 *    first), with every constraint checked. User triggers are switched off for the load
 *    (`ALTER TABLE … DISABLE TRIGGER USER`, which the table owner may do; no superuser, and
 *    foreign keys stay on): the audit trail's rows keep their ids and times, and its
 *    data-version trigger does not count them a second time. Sequences are set, row counts
 *    compared, triggers switched back on, then COMMIT — all or nothing;
 * 5. the remaining migrations run (a backup of an older version migrates forward exactly as
 *    that database would have), then the app role's grants;
 * 6. one audit entry `system.restore` records the restore.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { finished } from "node:stream/promises";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { migrateAndGrant } from "../database/grants";
import { migrateDeploy } from "../database/migrate";
import { defaultMigrationsDir, readMigrations } from "../database/migrations-dir";
import {
  authSecretId,
  BackupFileError,
  EXCLUDED_TABLES,
  quoteIdent,
  readBackup,
  SESSION_SETTINGS,
  writeTo,
  type BackupHeader,
  type ReadResult,
  type SectionSink,
} from "./format";
import { columnList, schemaTables } from "./take";

type Log = (msg: string) => void;

export interface RestoreOptions {
  /** Drop everything in the target's schema first when it holds data. */
  force?: boolean;
  log?: Log;
  /** prisma/migrations unless given (tests). */
  migrationsDir?: string;
  /** The file, already checked by verifyBackup (the CLI checks before it touches any database). */
  verified?: ReadResult;
  /** Who restores, for the audit entry. */
  actorName?: string;
}

export interface RestoreResult {
  header: BackupHeader;
  rows: number;
  /** Migrations applied after the load (the backup came from an older version). */
  migratedForward: string[];
  /** The target held tables (with `force`: data) that were dropped first. */
  emptied: boolean;
  warnings: string[];
}

/** Reads the whole file and checks it; touches no database. Throws BackupFileError. */
export function verifyBackup(file: string): Promise<ReadResult> {
  return readBackup(file);
}

async function connect(url: string, name: string): Promise<pg.Client> {
  const c = new pg.Client({ connectionString: url, application_name: name });
  await c.connect();
  return c;
}

/** Tables of the current schema that hold at least one row (the migration history aside). */
async function tablesWithRows(c: pg.Client): Promise<string[]> {
  const { rows } = await c.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c
      WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p') AND c.relname <> '_prisma_migrations'
      ORDER BY 1`,
  );
  const full: string[] = [];
  for (const r of rows) {
    if ((await c.query(`SELECT 1 FROM ${quoteIdent(r.name)} LIMIT 1`)).rowCount) full.push(r.name);
  }
  return full;
}

/**
 * Drops every object of the current schema (tables, views, sequences, functions, types),
 * leaving the schema itself. DROP, not DELETE or TRUNCATE: no trigger fires, so the audit
 * trail's append-only trigger does not stand in the way. Returns the number of tables.
 */
async function emptySchema(c: pg.Client): Promise<number> {
  const notExtension = (cls: string, oid: string) =>
    `NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = '${cls}'::regclass AND d.objid = ${oid} AND d.deptype = 'e')`;
  await c.query("BEGIN");
  try {
    const { rows } = await c.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_class WHERE relnamespace = current_schema()::regnamespace AND relkind IN ('r', 'p')`,
    );
    // The statements are all written out before the first DROP: a CASCADE may take later objects with it.
    await c.query(`DO $empty$
DECLARE
  stmts text[];
  stmt text;
BEGIN
  SELECT array_agg(s.stmt ORDER BY s.ord) INTO stmts FROM (
    SELECT 1 AS ord, format('DROP %s IF EXISTS %I.%I CASCADE',
             CASE c.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'S' THEN 'SEQUENCE'
                            WHEN 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END, current_schema(), c.relname) AS stmt
      FROM pg_class c
     WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
       AND ${notExtension("pg_class", "c.oid")}
    UNION ALL
    SELECT 2, format('DROP %s IF EXISTS %s CASCADE',
             CASE p.prokind WHEN 'p' THEN 'PROCEDURE' WHEN 'a' THEN 'AGGREGATE' ELSE 'FUNCTION' END, p.oid::regprocedure)
      FROM pg_proc p
     WHERE p.pronamespace = current_schema()::regnamespace AND ${notExtension("pg_proc", "p.oid")}
    UNION ALL
    SELECT 3, format('DROP TYPE IF EXISTS %s CASCADE', t.oid::regtype)
      FROM pg_type t
     WHERE t.typnamespace = current_schema()::regnamespace AND t.typtype IN ('e', 'd', 'r', 'c')
       AND (t.typtype <> 'c' OR (SELECT relkind FROM pg_class WHERE oid = t.typrelid) = 'c')
       AND ${notExtension("pg_type", "t.oid")}
  ) s;
  FOREACH stmt IN ARRAY coalesce(stmts, '{}') LOOP
    EXECUTE stmt;
  END LOOP;
END
$empty$`);
    await c.query("COMMIT");
    return rows[0].n;
  } catch (e) {
    await c.query("ROLLBACK").catch(() => {});
    throw e;
  }
}

/** A folder holding exactly the named migrations (copies), for migrateDeploy's `dir`. */
function migrationsSubset(fromDir: string, names: string[]): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "qingmiao-restore-migrations-"));
  for (const name of names) {
    fs.mkdirSync(path.join(dir, name));
    fs.copyFileSync(path.join(fromDir, name, "migration.sql"), path.join(dir, name, "migration.sql"));
  }
  return dir;
}

/** COPY FROM STDIN of one table, as a sink for readBackup. */
function copySink(c: pg.Client, table: BackupHeader["tables"][number]): SectionSink {
  const stream = c.query(copyFrom(`COPY ${quoteIdent(table.name)} (${columnList(table)}) FROM STDIN`));
  const done = finished(stream);
  done.catch(() => {}); // surfaces through write/end
  return {
    write: (chunk) => writeTo(stream, chunk, done),
    async end() {
      stream.end();
      await done;
      return stream.rowCount;
    },
  };
}

/** Compares the schema the migrations made with the backup's tables; the load needs them equal. */
async function checkSchema(c: pg.Client, header: BackupHeader) {
  const live = new Map((await schemaTables(c)).map((t) => [t.name, t]));
  for (const t of header.tables) {
    const have = live.get(t.name);
    if (!have) throw new BackupFileError(`备份中的表 ${t.name} 在迁移后的数据库中不存在：备份与迁移文件不一致`);
    const names = new Set(have.columns.map((col) => col.name));
    const missing = t.columns.filter((col) => !names.has(col.name)).map((col) => col.name);
    if (missing.length) throw new BackupFileError(`备份中表 ${t.name} 的列 ${missing.join("、")} 在迁移后的数据库中不存在`);
  }
  const listed = new Set([...header.tables.map((t) => t.name), ...Object.keys(EXCLUDED_TABLES)]);
  const extra = [...live.keys()].filter((n) => !listed.has(n));
  if (extra.length) throw new BackupFileError(`备份中缺少表 ${extra.join("、")}：备份与迁移文件不一致`);
}

/** Restores `file` into the database of `urls.ownerUrl` (see the top of this file). */
export async function restoreBackup(
  urls: { ownerUrl: string; appUrl: string },
  file: string,
  opts: RestoreOptions = {},
): Promise<RestoreResult> {
  const log = opts.log ?? ((m) => console.error(`[restore] ${m}`));
  const warnings: string[] = [];
  const warn = (m: string) => {
    warnings.push(m);
    log(`注意：${m}`);
  };
  const { header } = opts.verified ?? (await verifyBackup(file));
  const migrationsDir = opts.migrationsDir ?? defaultMigrationsDir();
  const local = new Map(readMigrations(migrationsDir).map((m) => [m.name, m]));
  const unknown = header.migrations.filter((m) => !local.has(m.name)).map((m) => m.name);
  if (unknown.length) {
    throw new BackupFileError(
      `这个备份来自更新版本的青苗（含本程序没有的数据库迁移 ${unknown.join("、")}）：请先把程序升级到不低于备份时的版本，再恢复`,
    );
  }
  for (const m of header.migrations) {
    if (local.get(m.name)!.checksum !== m.checksum) warn(`迁移 ${m.name} 在备份之后被修改过（校验和不同），按本程序的版本执行`);
  }
  const current = authSecretId();
  if (header.authSecretId && current && header.authSecretId !== current) {
    warn(
      "备份时使用的 AUTH_SECRET 与现在的不同：已启用两步验证的用户需要用恢复码登录，或由管理员重置两步验证。" +
        "若要避免，请先把原来的 AUTH_SECRET（或 DATA_DIR/auth-secret 文件）放回，再重新恢复。",
    );
  }

  const c = await connect(urls.ownerUrl, "qingmiao-restore");
  let emptied = false;
  let rows = 0;
  let subset: string | null = null;
  try {
    await c.query(SESSION_SETTINGS);
    const [{ others }] = (
      await c.query<{ others: number }>(
        `SELECT count(*)::int AS others FROM pg_stat_activity
          WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'`,
      )
    ).rows;
    if (others > 0) {
      throw new Error(`还有 ${others} 个连接在使用目标数据库（应用可能仍在运行）：请先停止应用，再恢复`);
    }
    const full = await tablesWithRows(c);
    if (full.length && !opts.force) {
      const some = full.slice(0, 5).join("、") + (full.length > 5 ? ` 等 ${full.length} 张表` : "");
      throw new Error(
        `目标数据库不是空的（${some}中有数据）。恢复会删除其中的全部数据；确认要覆盖，请加 --force 再运行`,
      );
    }
    const { rows: anyTable } = await c.query(
      `SELECT 1 FROM pg_class WHERE relnamespace = current_schema()::regnamespace AND relkind IN ('r', 'p') LIMIT 1`,
    );
    if (anyTable.length) {
      const n = await emptySchema(c);
      emptied = true;
      log(
        full.length
          ? `--force：已清空目标数据库（删除了 ${n} 张表及其中的全部数据）`
          : `目标数据库只有表结构、没有数据：已先删除其中的 ${n} 张表`,
      );
    }

    subset = migrationsSubset(migrationsDir, header.migrations.map((m) => m.name));
    const atBackup = await migrateDeploy(urls.ownerUrl, { dir: subset, log: () => {} });
    log(`已按备份时的版本建好表结构（${atBackup.length} 个数据库迁移，到 ${atBackup.at(-1) ?? "—"}）`);

    await c.query("BEGIN");
    try {
      await checkSchema(c, header);
      const triggered = (
        await c.query<{ name: string }>(
          `SELECT DISTINCT c.relname AS name FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
            WHERE c.relnamespace = current_schema()::regnamespace AND NOT t.tgisinternal ORDER BY 1`,
        )
      ).rows.map((r) => r.name);
      for (const t of triggered) await c.query(`ALTER TABLE ${quoteIdent(t)} DISABLE TRIGGER USER`);
      const read = await readBackup(file, {
        onTable: async (t) => {
          log(`导入 ${t.name}`);
          return copySink(c, t);
        },
      });
      rows = read.summary.tables.reduce((n, t) => n + t.rows, 0);
      for (const s of read.summary.sequences) {
        const exists = (await c.query(`SELECT to_regclass($1) IS NOT NULL AS e`, [quoteIdent(s.name)])).rows[0].e;
        if (exists) await c.query(`SELECT setval($1::regclass, $2::bigint, $3)`, [quoteIdent(s.name), s.lastValue, s.isCalled]);
      }
      for (const t of triggered) await c.query(`ALTER TABLE ${quoteIdent(t)} ENABLE TRIGGER USER`);
      await c.query("COMMIT");
    } catch (e) {
      await c.query("ROLLBACK").catch(() => {});
      const why = e instanceof Error ? e.message : String(e);
      throw new Error(`导入数据失败，已整体撤销（数据库中只有备份时版本的表结构，没有数据；问题解决后可直接重新恢复）：${why}`);
    }
    log(`已导入 ${header.tables.length} 张表，共 ${rows} 行（备份时间 ${header.createdAt}）`);

    let migratedForward: string[];
    try {
      migratedForward = await migrateAndGrant(urls, { dir: migrationsDir, log: (m) => log(m) });
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e);
      throw new Error(`数据已按备份时的版本恢复，但升级到本程序的版本失败（npm start 会再试）：${why}`);
    }
    if (migratedForward.length) log(`已升级到本程序的版本：${migratedForward.join("、")}`);
    await c.query(
      `INSERT INTO "AuditLog" ("tenantId", "actorId", "actorName", action, entity, "entityId", after, via, at)
       VALUES (NULL, NULL, $1, 'system.restore', 'Backup', $2, $3, 'cli', now() AT TIME ZONE 'UTC')`,
      [
        (opts.actorName ?? "命令行").slice(0, 100),
        path.basename(file),
        JSON.stringify({
          file: path.resolve(file),
          backupCreatedAt: header.createdAt,
          backupMigration: header.migrations.at(-1)?.name ?? null,
          migratedForward,
          tables: header.tables.length,
          rows,
          emptied,
        }),
      ],
    );
    return { header, rows, migratedForward, emptied, warnings };
  } finally {
    await c.end().catch(() => {});
    if (subset) fs.rmSync(subset, { recursive: true, force: true });
  }
}
