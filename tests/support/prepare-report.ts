/**
 * Child process of tests/integration/db-privileges.test.ts: does what `npm start` does
 * before serving (scripts/lib/prepare-db.ts, without the seed) under the environment it
 * is given, then prints as JSON whom the app and the owner connect as and what the app
 * may do. An embedded database it was pointed at (EMBEDDED_DB_NAME) is dropped again.
 */
import pg from "pg";
import { prepareDatabase } from "../../scripts/lib/prepare-db";

async function one(url: string, sql: string) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(sql)).rows[0];
  } finally {
    await c.end();
  }
}

const { url, appUrl, embedded } = await prepareDatabase({ seed: false });
try {
  const app = await one(
    appUrl,
    `SELECT current_user AS user, rolsuper,
            has_table_privilege('"Tenant"', 'SELECT') AS "readsTenant",
            has_table_privilege('"AuditLog"', 'INSERT') AS "appendsAudit",
            has_table_privilege('"AuditLog"', 'UPDATE') AS "updatesAudit",
            has_schema_privilege(current_schema(), 'CREATE') AS "createsInSchema"
       FROM pg_roles WHERE rolname = current_user`,
  );
  const owner = (await one(url, "SELECT current_user AS user")).user;
  console.log(JSON.stringify({ app, owner }));
} finally {
  if (embedded) {
    const admin = new URL(url);
    admin.pathname = "/postgres";
    await one(admin.toString(), `DROP DATABASE IF EXISTS "${process.env.EMBEDDED_DB_NAME}" WITH (FORCE)`);
    await embedded.release();
  }
}
