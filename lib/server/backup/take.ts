/**
 * A consistent online backup (docs/decisions/002-backups.md): every table of the schema with
 * COPY … TO STDOUT inside ONE `REPEATABLE READ READ ONLY` transaction, so the file is the
 * database as it stood at one instant while the app goes on writing (readers never block
 * writers in PostgreSQL). Streamed: COPY → sha256/row count → gzip → `<name>.partial` →
 * fsync → linked into place under its final name.
 *
 * - Migrations cannot run meanwhile: a shared hold on the migrations' advisory lock, taken
 *   before the snapshot, so the header's migration list is the schema the rows belong to.
 * - Connects as the schema owner (the app role may not read `_prisma_migrations`).
 * - Sections are written parents first (foreign keys), so the restore can load them in file
 *   order with every constraint checked.
 *
 * Plain Node: `npm run backup` and the app's daily job (startDailyBackups) call it.
 */
import fs from "node:fs";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import zlib from "node:zlib";
import pg from "pg";
import { to as copyTo } from "pg-copy-streams";
import { PRISMA_ADVISORY_LOCK_KEY } from "../database/migrate";
import { backupDir, backupFileName } from "./files";
import {
  authSecretId,
  EXCLUDED_TABLES,
  FORMAT_VERSION,
  MAGIC,
  quoteIdent,
  SECTION_END,
  SectionTally,
  SESSION_SETTINGS,
  writeTo,
  type BackupHeader,
  type BackupSummary,
  type BackupTable,
} from "./format";

export interface BackupResult {
  file: string;
  createdAt: Date;
  bytes: number;
  tables: number;
  rows: number;
  ms: number;
}

type Log = (msg: string) => void;

/** The tables of the current schema, parents before children (ties by name), with their columns. */
export async function schemaTables(c: pg.Client): Promise<BackupTable[]> {
  const { rows: rels } = await c.query<{ oid: number; name: string }>(
    `SELECT c.oid, c.relname AS name FROM pg_class c
      WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p') AND NOT c.relispartition
      ORDER BY c.relname`,
  );
  const { rows: cols } = await c.query<{ oid: number; name: string; type: string }>(
    `SELECT a.attrelid AS oid, a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type
       FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
      WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p')
        AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
      ORDER BY a.attrelid, a.attnum`,
  );
  const { rows: fks } = await c.query<{ child: number; parent: number }>(
    `SELECT conrelid AS child, confrelid AS parent FROM pg_constraint
      WHERE contype = 'f' AND connamespace = current_schema()::regnamespace AND conrelid <> confrelid`,
  );
  const name = new Map(rels.map((r) => [r.oid, r.name]));
  const parents = new Map(rels.map((r) => [r.oid, new Set<number>()]));
  for (const fk of fks) if (name.has(fk.parent)) parents.get(fk.child)?.add(fk.parent);
  const ordered: number[] = [];
  const done = new Set<number>();
  while (ordered.length < rels.length) {
    const next = rels.find((r) => !done.has(r.oid) && [...parents.get(r.oid)!].every((p) => done.has(p)));
    if (!next) {
      const stuck = rels.filter((r) => !done.has(r.oid)).map((r) => r.name);
      throw new Error(`foreign keys form a cycle among ${stuck.join(", ")}: the backup cannot order them`);
    }
    ordered.push(next.oid);
    done.add(next.oid);
  }
  return ordered.map((oid) => ({
    name: name.get(oid)!,
    columns: cols.filter((col) => col.oid === oid).map(({ name: n, type }) => ({ name: n, type })),
  }));
}

export const columnList = (t: BackupTable) => t.columns.map((c) => quoteIdent(c.name)).join(", ");

/**
 * Takes a backup of the database at `ownerUrl` into `opts.dir` (default BACKUP_DIR or
 * DATA_DIR/backups) and returns the new file. Does not prune: see pruneBackups.
 */
export async function takeBackup(ownerUrl: string, opts: { dir?: string; log?: Log } = {}): Promise<BackupResult> {
  const started = Date.now();
  const dir = path.resolve(opts.dir ?? backupDir());
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const c = new pg.Client({ connectionString: ownerUrl, application_name: "qingmiao-backup" });
  await c.connect();
  let partial: string | null = null;
  try {
    await c.query(SESSION_SETTINGS);
    // Before the snapshot: a migration that is running finishes first; none starts until we are done.
    await c.query(`SELECT pg_advisory_lock_shared(${PRISMA_ADVISORY_LOCK_KEY})`);
    await c.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    const [info] = (
      await c.query<{ now: Date; db: string; version: string; migrations: boolean }>(
        `SELECT now(), current_database() AS db, current_setting('server_version') AS version,
                to_regclass('_prisma_migrations') IS NOT NULL AS migrations`,
      )
    ).rows;
    if (!info.migrations) throw new Error("这个数据库还没有青苗的表（没有 _prisma_migrations）：没有可备份的内容");
    const all = await schemaTables(c);
    const tables = all.filter((t) => !(t.name in EXCLUDED_TABLES));
    await c.query(`LOCK TABLE ${all.map((t) => quoteIdent(t.name)).join(", ")} IN ACCESS SHARE MODE`);
    const migrations = (
      await c.query<{ name: string; checksum: string }>(
        `SELECT migration_name AS name, checksum FROM _prisma_migrations
          WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY started_at, migration_name`,
      )
    ).rows;
    const header: BackupHeader = {
      format: FORMAT_VERSION,
      app: "qingmiao",
      createdAt: info.now.toISOString(),
      database: info.db,
      serverVersion: info.version,
      migrations,
      tables,
      excluded: all.filter((t) => t.name in EXCLUDED_TABLES).map((t) => t.name),
      authSecretId: authSecretId(),
    };

    let file = "";
    for (let n = 1; ; n++) {
      file = path.join(dir, backupFileName(info.now, n));
      if (!fs.existsSync(file) && !fs.existsSync(`${file}.partial`)) break;
    }
    partial = `${file}.partial`;
    const gzip = zlib.createGzip({ level: 6 });
    const written = pipeline(gzip, fs.createWriteStream(partial, { mode: 0o600, flags: "wx" }));
    written.catch(() => {}); // surfaces through writeTo and the await below
    await writeTo(gzip, `${MAGIC} ${FORMAT_VERSION}\n${JSON.stringify(header)}\n`, written);

    const summary: BackupSummary = { tables: [], sequences: [], finishedAt: "" };
    let rows = 0;
    for (const t of tables) {
      await writeTo(gzip, `TABLE ${JSON.stringify(t.name)}\n`, written);
      const tally = new SectionTally();
      const copy = c.query(copyTo(`COPY ${quoteIdent(t.name)} (${columnList(t)}) TO STDOUT`));
      for await (const chunk of copy as AsyncIterable<Buffer>) {
        tally.add(chunk);
        await writeTo(gzip, chunk, written);
      }
      await writeTo(gzip, SECTION_END, written);
      summary.tables.push({ name: t.name, rows: tally.rows, sha256: tally.digest() });
      rows += tally.rows;
    }
    // Sequences only move forward, so a value read now is at least every id in the snapshot.
    const seqs = (
      await c.query<{ name: string }>(
        `SELECT c.relname AS name FROM pg_class c WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'S' ORDER BY 1`,
      )
    ).rows;
    for (const s of seqs) {
      const [v] = (
        await c.query<{ last_value: string; is_called: boolean }>(`SELECT last_value::text, is_called FROM ${quoteIdent(s.name)}`)
      ).rows;
      summary.sequences.push({ name: s.name, lastValue: v.last_value, isCalled: v.is_called });
    }
    await c.query("COMMIT");
    summary.finishedAt = new Date().toISOString();
    await writeTo(gzip, `END ${JSON.stringify(summary)}\n`, written);
    gzip.end();
    await written;

    await fsyncPath(partial);
    fs.linkSync(partial, file); // never replaces an existing file (EEXIST)
    fs.unlinkSync(partial);
    partial = null;
    await fsyncPath(dir);
    const bytes = fs.statSync(file).size;
    const result = { file, createdAt: info.now, bytes, tables: tables.length, rows, ms: Date.now() - started };
    opts.log?.(`backup ${file}: ${result.tables} tables, ${rows} rows, ${bytes} bytes in ${result.ms} ms`);
    return result;
  } catch (e) {
    await c.query("ROLLBACK").catch(() => {});
    if (partial) fs.rmSync(partial, { force: true });
    throw e;
  } finally {
    await c.end().catch(() => {});
  }
}

export async function fsyncPath(p: string) {
  const fh = await fs.promises.open(p, "r");
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}
