/**
 * Least privilege in the database: migrations, seed and these grants run as the schema
 * OWNER; the app runs as a separate APP role that may read and write rows but owns
 * nothing, may not change the schema, and may only read and append to the audit trail.
 *
 * - Embedded default: the owner is the cluster's superuser, the app role `qingmiao_app`
 *   (made by embedded.ts, password in DATA_DIR beside the cluster's).
 * - DATABASE_URL deployments: DATABASE_URL is the app's role, MIGRATE_DATABASE_URL the
 *   owner. Without MIGRATE_DATABASE_URL everything runs as the one role, as before, and
 *   the start warns about it.
 *
 * The grants are re-applied after every migration (a new table gets its grants before
 * the app starts); `npm run db:grant -- --role <name> [--print]` does the same by hand.
 * Plain Node (no `server-only`): scripts and tests use it.
 */
import pg from "pg";
import { migrateDeploy, PRISMA_ADVISORY_LOCK_KEY } from "./migrate";

/** The embedded cluster's app role. */
export const APP_ROLE = "qingmiao_app";

type Log = (msg: string) => void;

/** Tables the app may only read and append to. */
const APPEND_ONLY = ["AuditLog"];
/** Tables the app may not touch at all. */
const OWNER_ONLY = ["_prisma_migrations"];
/**
 * Columns the app may not change. A district marked isDemo may have its audit trail
 * purged (qingmiao_purge_demo_audit); only the owner (seed, migrations) marks one.
 */
const FIXED_COLUMNS: Record<string, string[]> = { Tenant: ["isDemo"] };
/**
 * SECURITY DEFINER functions the app calls (prisma/migrations/20261202020000_app_role_demo_purge,
 * 20261202060000_health_migrations: the names of the applied migrations, for /api/health/ready).
 */
const APP_FUNCTIONS = ["qingmiao_purge_demo_audit(uuid)", "qingmiao_applied_migrations()"];

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;
const literal = (s: string) => `'${s.replace(/'/g, "''")}'`;

/**
 * The grants as one idempotent SQL script for the current database and schema (run it as
 * the owner, after the migrations). Everything is first taken away, then given back, so
 * privileges granted by hand are not kept.
 */
export function grantSql(role: string): string {
  const r = ident(role);
  const onTables = (tables: string[], sql: (t: string) => string) => tables.map((t) => `  ${sql(ident(t))};`).join("\n");
  const fixed = Object.entries(FIXED_COLUMNS).map(
    ([table, cols]) => `  REVOKE UPDATE ON ${ident(table)} FROM ${r};
  EXECUTE format('GRANT UPDATE (%s) ON %I TO %I', (
    SELECT string_agg(quote_ident(attname), ', ' ORDER BY attnum) FROM pg_attribute
     WHERE attrelid = ${literal(ident(table))}::regclass AND attnum > 0 AND NOT attisdropped
       AND attname <> ALL (ARRAY[${cols.map(literal).join(", ")}])), ${literal(table)}, app);`,
  );
  return `-- Qingmiao: privileges of the app role ${r}. Run as the schema owner after the migrations; idempotent.
BEGIN;
SELECT pg_advisory_xact_lock(${PRISMA_ADVISORY_LOCK_KEY});
DO $grants$
DECLARE
  app text := ${literal(role)};
  db text := current_database();
  s text := current_schema();
BEGIN
  -- No DDL: only the owner creates objects in this database and its schema.
  EXECUTE format('REVOKE CREATE, TEMPORARY ON DATABASE %I FROM PUBLIC', db);
  EXECUTE format('REVOKE ALL ON DATABASE %I FROM %I', db, app);
  EXECUTE format('GRANT CONNECT ON DATABASE %I TO %I', db, app);
  EXECUTE format('REVOKE CREATE ON SCHEMA %I FROM PUBLIC', s);
  EXECUTE format('REVOKE ALL ON SCHEMA %I FROM %I', s, app);
  EXECUTE format('GRANT USAGE ON SCHEMA %I TO %I', s, app);
  -- Rows: read and write every table, except as below. Taken away first, so nothing granted by hand stays.
  EXECUTE format('REVOKE ALL ON ALL TABLES IN SCHEMA %I FROM %I', s, app);
  EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA %I TO %I', s, app);
  EXECUTE format('REVOKE ALL ON ALL SEQUENCES IN SCHEMA %I FROM %I', s, app);
  EXECUTE format('GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA %I TO %I', s, app);
  -- The audit trail: read and append only.
${onTables(APPEND_ONLY, (t) => `REVOKE UPDATE, DELETE, TRUNCATE ON ${t} FROM ${r}`)}
  -- The migrations' bookkeeping: the owner's alone.
${onTables(OWNER_ONLY, (t) => `REVOKE ALL ON ${t} FROM ${r}`)}
  -- Columns the app may not change.
${fixed.join("\n")}
  -- The narrow doors the app may use.
${APP_FUNCTIONS.map((f) => `  GRANT EXECUTE ON FUNCTION ${f} TO ${r};`).join("\n")}
END
$grants$;
COMMIT;
`;
}

/**
 * Applies grantSql(role) on the database of `ownerUrl`, connected as its owner. Returns
 * PostgreSQL's warnings (e.g. a REVOKE on a database this owner does not own does nothing).
 */
export async function grantAppRole(ownerUrl: string, role: string): Promise<string[]> {
  const c = new pg.Client({ connectionString: ownerUrl, application_name: "qingmiao-grant" });
  const warnings: string[] = [];
  c.on("notice", (n) => {
    if (n.severity === "WARNING") warnings.push(n.message ?? "");
  });
  await c.connect();
  try {
    await c.query(grantSql(role));
    return warnings;
  } catch (e) {
    await c.query("ROLLBACK").catch(() => {});
    throw e;
  } finally {
    await c.end();
  }
}

/**
 * Creates the login role `role` (no superuser, no CREATEDB/CREATEROLE, owns nothing) or
 * brings an existing one back to that and to `password`. Roles are cluster-wide, so
 * processes starting at once serialise on an advisory lock; a role made meanwhile by a
 * caller without the lock is caught too. Needs CREATEROLE (the cluster's superuser).
 */
export async function ensureAppRole(adminUrl: string, role: string, password: string): Promise<void> {
  const c = new pg.Client({ connectionString: adminUrl, application_name: "qingmiao-grant" });
  await c.connect();
  const attrs = `LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD ${c.escapeLiteral(password)}`;
  try {
    await c.query("BEGIN");
    await c.query(`SELECT pg_advisory_xact_lock(hashtextextended('qingmiao.app-role', 0))`);
    const exists = (await c.query("SELECT 1 FROM pg_roles WHERE rolname = $1", [role])).rowCount;
    if (!exists) {
      await c.query("SAVEPOINT create_role");
      try {
        await c.query(`CREATE ROLE ${ident(role)} ${attrs}`);
      } catch (e) {
        // duplicate_object / unique_violation: made meanwhile by someone not holding the lock
        if (!["42710", "23505"].includes((e as { code?: string }).code ?? "")) throw e;
        await c.query("ROLLBACK TO SAVEPOINT create_role");
        await c.query(`ALTER ROLE ${ident(role)} ${attrs}`);
      }
    } else {
      await c.query(`ALTER ROLE ${ident(role)} ${attrs}`);
    }
    await c.query("COMMIT");
  } catch (e) {
    await c.query("ROLLBACK").catch(() => {});
    throw e;
  } finally {
    await c.end();
  }
}

/** `url` with another user and password. */
export function withUser(url: string, user: string, password: string): string {
  const u = new URL(url);
  u.username = encodeURIComponent(user);
  u.password = encodeURIComponent(password);
  return u.toString();
}

/** The role a URL connects as, or null when it names none. */
function userOf(url: string): string | null {
  const u = new URL(url).username;
  return u ? decodeURIComponent(u) : null;
}

export const SINGLE_ROLE_WARNING =
  "warning: the app connects as the schema owner (DATABASE_URL), so the database does not stop it from " +
  "changing the audit trail or the schema. Set MIGRATE_DATABASE_URL to the owner and DATABASE_URL to a " +
  "restricted role (README, \"Database roles\").";

/**
 * What every start and every CLI command does first: apply pending migrations as the
 * owner, then the app role's grants. `appUrl` equal to `ownerUrl` means one role for both
 * (a DATABASE_URL deployment without MIGRATE_DATABASE_URL): nothing to grant, and
 * `warn` says so once.
 */
export async function migrateAndGrant(
  urls: { ownerUrl: string; appUrl: string },
  opts: { log?: Log; warn?: boolean; dir?: string } = {},
): Promise<string[]> {
  const log = opts.log ?? ((m) => console.log(`[db] ${m}`));
  const applied = await migrateDeploy(urls.ownerUrl, { log: opts.log, dir: opts.dir });
  if (urls.appUrl === urls.ownerUrl) {
    if (opts.warn) log(SINGLE_ROLE_WARNING);
    return applied;
  }
  const role = userOf(urls.appUrl);
  if (!role) throw new Error("DATABASE_URL must name its user (the app role) when MIGRATE_DATABASE_URL is set");
  const c = new pg.Client({ connectionString: urls.ownerUrl, application_name: "qingmiao-grant" });
  await c.connect();
  let found: { owner: string; rolsuper: boolean | null };
  try {
    found = (
      await c.query<{ owner: string; rolsuper: boolean | null }>(
        "SELECT current_user AS owner, (SELECT rolsuper FROM pg_roles WHERE rolname = $1) AS rolsuper",
        [role],
      )
    ).rows[0];
  } finally {
    await c.end();
  }
  if (found.owner === role) {
    if (opts.warn) log(SINGLE_ROLE_WARNING);
    return applied;
  }
  if (found.rolsuper === null) {
    throw new Error(`The app role ${role} (DATABASE_URL) does not exist: CREATE ROLE ${ident(role)} LOGIN PASSWORD '…' as an administrator`);
  }
  if (found.rolsuper && opts.warn) log(`warning: the app role ${role} (DATABASE_URL) is a superuser: no grant can restrict it`);
  for (const w of await grantAppRole(urls.ownerUrl, role)) log(`warning: granting ${role}: ${w}`);
  return applied;
}
