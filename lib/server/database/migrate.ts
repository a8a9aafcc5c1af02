/**
 * Applies prisma/migrations at start, without Prisma's native schema engine (not
 * downloadable here). Bookkeeping follows Prisma Migrate exactly — same
 * `_prisma_migrations` table, same advisory lock key, sha256 checksums — so
 * `prisma migrate deploy/status` accept a database migrated by this runner and the
 * other way round. Two servers starting at once serialise on the advisory lock.
 */
import { randomUUID } from "node:crypto";
import pg from "pg";
import { readMigrations, type MigrationDir } from "./migrations-dir";

/** Prisma's schema engine takes this lock on PostgreSQL, so we exclude a concurrent `prisma migrate` too. */
export const PRISMA_ADVISORY_LOCK_KEY = 72707369;

/** The DDL Prisma's schema engine issues, plus IF NOT EXISTS. */
const MIGRATIONS_TABLE_DDL = `CREATE TABLE IF NOT EXISTS _prisma_migrations (
    id                      VARCHAR(36) PRIMARY KEY NOT NULL,
    checksum                VARCHAR(64) NOT NULL,
    finished_at             TIMESTAMPTZ,
    migration_name          VARCHAR(255) NOT NULL,
    logs                    TEXT,
    rolled_back_at          TIMESTAMPTZ,
    started_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
    applied_steps_count     INTEGER NOT NULL DEFAULT 0
)`;

interface AppliedRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
}

export interface MigrationStatus {
  applied: string[];
  pending: string[];
  /** Started but neither finished nor rolled back (Prisma's P3009 state). */
  failed: string[];
  /** Applied, but migration.sql changed since. */
  edited: string[];
  missingLocally: string[];
}

type Log = (msg: string) => void;

/** Scripts that manage their own transaction (Prisma's enum rewrites) run unwrapped. */
export function hasOwnTransaction(sql: string): boolean {
  const code = sql
    .replace(/\$([A-Za-z_]\w*)?\$[\s\S]*?\$\1\$/g, "")
    .replace(/[Ee]?'(?:[^'\\]|''|\\.)*'/g, "''")
    .replace(/--[^\n]*/g, "")
    .replace(/\/\*[\s\S]*?\*\//g, "");
  return /(^|;)\s*(BEGIN|START\s+TRANSACTION|COMMIT|ROLLBACK)\s*;/i.test(code);
}

async function appliedRows(c: pg.Client): Promise<AppliedRow[]> {
  const exists = await c.query(`select to_regclass('_prisma_migrations') is not null as e`);
  if (!exists.rows[0].e) return [];
  const r = await c.query<AppliedRow>(
    `SELECT migration_name, checksum, finished_at, rolled_back_at FROM _prisma_migrations ORDER BY started_at`,
  );
  return r.rows;
}

function statusOf(local: MigrationDir[], rows: AppliedRow[]): MigrationStatus {
  const live = rows.filter((r) => r.rolled_back_at === null);
  const done = new Map(live.filter((r) => r.finished_at !== null).map((r) => [r.migration_name, r]));
  const failed = live.filter((r) => r.finished_at === null).map((r) => r.migration_name);
  const localNames = new Set(local.map((m) => m.name));
  return {
    applied: local.filter((m) => done.has(m.name)).map((m) => m.name),
    pending: local.filter((m) => !done.has(m.name) && !failed.includes(m.name)).map((m) => m.name),
    failed,
    edited: local.filter((m) => done.get(m.name) && done.get(m.name)!.checksum !== m.checksum).map((m) => m.name),
    missingLocally: [...done.keys()].filter((n) => !localNames.has(n)),
  };
}

async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url, application_name: "qingmiao-migrate" });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

async function withMigrationLock<T>(c: pg.Client, fn: () => Promise<T>): Promise<T> {
  await c.query(`SELECT pg_advisory_lock(${PRISMA_ADVISORY_LOCK_KEY})`);
  try {
    await c.query(MIGRATIONS_TABLE_DDL);
    return await fn();
  } finally {
    await c.query(`SELECT pg_advisory_unlock(${PRISMA_ADVISORY_LOCK_KEY})`).catch(() => {});
  }
}

export function migrationStatus(url: string, dir?: string): Promise<MigrationStatus> {
  return withClient(url, async (c) => statusOf(readMigrations(dir), await appliedRows(c)));
}

/** `prisma migrate deploy`: applies pending migrations in order; returns their names. */
export function migrateDeploy(url: string, opts: { dir?: string; log?: Log } = {}): Promise<string[]> {
  const log = opts.log ?? ((m) => console.log(`[migrate] ${m}`));
  const local = readMigrations(opts.dir);
  return withClient(url, (c) =>
    withMigrationLock(c, async () => {
      const status = statusOf(local, await appliedRows(c));
      if (status.failed.length) {
        throw new Error(
          `Failed migration(s) in the database: ${status.failed.join(", ")}. Repair the database, then run ` +
            `npm run db:resolve -- --rolled-back <name> (or --applied <name>).`,
        );
      }
      for (const n of status.edited) log(`warning: ${n} was changed after it was applied`);
      for (const n of status.missingLocally) log(`warning: ${n} is applied in the database but missing here`);

      const applied: string[] = [];
      for (const m of local.filter((x) => status.pending.includes(x.name))) {
        const id = randomUUID();
        // Recorded before the script runs (as Prisma does), so a failure stays visible.
        await c.query(
          `INSERT INTO _prisma_migrations (id, checksum, started_at, migration_name) VALUES ($1, $2, clock_timestamp(), $3)`,
          [id, m.checksum, m.name],
        );
        const wrap = !hasOwnTransaction(m.sql);
        try {
          if (wrap) await c.query("BEGIN");
          await c.query(m.sql);
          await c.query(
            `UPDATE _prisma_migrations SET applied_steps_count = applied_steps_count + 1, finished_at = clock_timestamp() WHERE id = $1`,
            [id],
          );
          if (wrap) await c.query("COMMIT");
        } catch (e) {
          // Also for scripts with their own BEGIN: leave the aborted transaction, so the
          // bookkeeping below runs and the operator sees the real cause.
          await c.query("ROLLBACK").catch(() => {});
          const msg = (e as Error).message;
          // Wrapped: nothing was applied, so mark it rolled back and let the next deploy retry.
          await c.query(
            `UPDATE _prisma_migrations SET logs = $2, rolled_back_at = ${wrap ? "clock_timestamp()" : "NULL"} WHERE id = $1`,
            [id, msg],
          );
          throw new Error(`Migration ${m.name} failed${wrap ? " and was rolled back" : ""}: ${msg}`);
        }
        applied.push(m.name);
        log(`applied ${m.name}`);
      }
      return applied;
    }),
  );
}

/** `prisma migrate resolve --applied|--rolled-back <name>`. */
export function migrateResolve(url: string, name: string, as: "applied" | "rolled-back", dir?: string) {
  const m = readMigrations(dir).find((x) => x.name === name);
  if (!m) throw new Error(`No migration folder named ${name}`);
  return withClient(url, (c) =>
    withMigrationLock(c, async () => {
      const r = await c.query(
        `UPDATE _prisma_migrations SET rolled_back_at = now()
          WHERE migration_name = $1 AND finished_at IS NULL AND rolled_back_at IS NULL`,
        [name],
      );
      if (as === "rolled-back" && !r.rowCount) throw new Error(`Migration ${name} is not in a failed state`);
      if (as === "applied") {
        await c.query(
          `INSERT INTO _prisma_migrations (id, checksum, started_at, finished_at, migration_name, applied_steps_count)
           VALUES ($1, $2, now(), now(), $3, 0)`,
          [randomUUID(), m.checksum, name],
        );
      }
    }),
  );
}
