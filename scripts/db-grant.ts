/**
 * npm run db:grant -- [--role <name>] [--print]
 * The app role's privileges (lib/server/database/grants.ts): read and write rows, only
 * read and append to "AuditLog", no DDL. `npm start`, the CLI commands and db:deploy apply
 * them after every migration; this applies them by hand, or prints them (--print) for a
 * DBA to run with psql as the schema owner. The role defaults to DATABASE_URL's user
 * (qingmiao_app on the embedded cluster); it must exist (CREATE ROLE … LOGIN PASSWORD …).
 * Connects as the owner: MIGRATE_DATABASE_URL, else DATABASE_URL, else the embedded cluster.
 */
import { parseArgs } from "node:util";
import { ensureDatabaseUrl } from "../lib/server/database/embedded";
import { APP_ROLE, grantAppRole, grantSql } from "../lib/server/database/grants";
import { migrateDeploy } from "../lib/server/database/migrate";

const { values } = parseArgs({ options: { role: { type: "string" }, print: { type: "boolean" } } });

if (values.print) {
  process.stdout.write(grantSql(values.role ?? APP_ROLE));
} else {
  const { url, appUrl, embedded } = await ensureDatabaseUrl({ log: (m) => console.error(`[db] ${m}`) });
  try {
    const role = values.role ?? decodeURIComponent(new URL(appUrl).username);
    if (!role) throw new Error("name the app role: --role <name>");
    if (appUrl === url && !values.role) {
      throw new Error("DATABASE_URL is the schema owner itself: set MIGRATE_DATABASE_URL to the owner, or name the app role with --role");
    }
    await migrateDeploy(url, { log: (m) => console.error(`[migrate] ${m}`) });
    for (const w of await grantAppRole(url, role)) console.error(`warning: ${w}`);
    console.log(`granted the app's privileges to ${role}`);
  } catch (e) {
    console.error(`db:grant failed: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 1;
  } finally {
    await embedded?.release();
  }
}
