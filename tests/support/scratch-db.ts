/**
 * Throw-away databases for tests that need an empty or specially prepared one beside the
 * shared test database: a unique name per run, created and dropped as the cluster admin.
 */
import crypto from "node:crypto";
import pg from "pg";
import { inject } from "vitest";

/** One statement as the cluster admin (CREATE / DROP DATABASE). */
export async function adminSql(sql: string) {
  const c = new pg.Client({ connectionString: inject("adminUrl") });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

/** Statements on one connection to `url`, in order; the connection is closed whatever happens. */
export async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** One statement on a connection of its own to `url`: the rows it returns. */
export async function sqlRows<R extends pg.QueryResultRow = pg.QueryResultRow>(url: string, text: string, params: unknown[] = []): Promise<R[]> {
  return withClient(url, async (c) => (await c.query<R>(text, params)).rows);
}

/** The URL of database `name` on the test cluster. */
export function databaseUrl(name: string) {
  const u = new URL(inject("adminUrl"));
  u.pathname = `/${name}`;
  return u.toString();
}

/** A uniquely named database (not yet created): create() it, drop() it in afterAll. */
export function scratchDatabase(prefix: string) {
  const name = `${prefix}_${crypto.randomBytes(5).toString("hex")}`;
  return {
    name,
    url: databaseUrl(name),
    create: () => adminSql(`CREATE DATABASE "${name}"`),
    drop: () => adminSql(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}
