/**
 * Offline replacement for `prisma migrate dev|deploy|status|resolve|diff`.
 *
 *   tsx scripts/migrate.ts create --name add_role [--from-schema old.prisma]  # write a new migration folder
 *   tsx scripts/migrate.ts dev --name add_role       # create + deploy (like `prisma migrate dev --name`)
 *   tsx scripts/migrate.ts deploy                    # apply pending migrations
 *   tsx scripts/migrate.ts status                    # applied / pending / failed / edited
 *   tsx scripts/migrate.ts diff                      # print SQL between migrations and schema.prisma
 *   tsx scripts/migrate.ts resolve --rolled-back <name> | --applied <name>
 *
 * As the schema owner: MIGRATE_DATABASE_URL, else DATABASE_URL, else the embedded cluster
 * under DATA_DIR; deploy also re-applies the app role's grants (lib/server/database/grants.ts).
 * `create`/`diff` replay the migrations in a throw-away shadow database on that server
 * (needs CREATEDB).
 */
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { acquireEmbedded } from "../lib/server/database/embedded";
import { readMigrations, DEFAULT_LOCK_CONTENT, MIGRATION_LOCK_FILE } from "../lib/server/database/migrations-dir";
import { migrateAndGrant } from "../lib/server/database/grants";
import { migrateResolve, migrationStatus } from "../lib/server/database/migrate";
import { openEngine, openOfflineEngine } from "./lib/schema-engine";

const SCHEMA = path.resolve("prisma/schema.prisma");
const MIGRATIONS = path.resolve("prisma/migrations");

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    name: { type: "string", short: "n" },
    "from-schema": { type: "string" },
    "create-only": { type: "boolean" },
    applied: { type: "string" },
    "rolled-back": { type: "string" },
  },
});
const cmd = positionals[0] ?? "status";

function lockContent(): string {
  const f = path.join(MIGRATIONS, MIGRATION_LOCK_FILE);
  return fs.existsSync(f) ? fs.readFileSync(f, "utf8") : DEFAULT_LOCK_CONTENT;
}

const EMPTY = { externalTables: [] as string[], externalEnums: [] as string[] };

/** SQL that takes the database from `migrations` (or `fromSchema`) to schema.prisma. */
async function computeDiff(url: string | undefined, fromSchema?: string): Promise<string> {
  const target = fs.readFileSync(SCHEMA, "utf8");
  // --from-schema: pure datamodel -> datamodel diff, no database at all
  const { engine, close } = fromSchema ? await openOfflineEngine() : await openEngine(url!);
  try {
    const from = fromSchema
      ? { tag: "schemaDatamodel" as const, files: [{ path: fromSchema, content: fs.readFileSync(fromSchema, "utf8") }] }
      : {
          tag: "migrations" as const,
          baseDir: MIGRATIONS,
          lockfile: { path: MIGRATION_LOCK_FILE, content: lockContent() },
          shadowDbInitScript: "",
          migrationDirectories: readMigrations(MIGRATIONS).map((m) => ({
            path: m.name,
            migrationFile: { path: "migration.sql", content: { tag: "ok" as const, value: m.sql } },
          })),
        };
    const res = await engine.diff({
      from,
      to: { tag: "schemaDatamodel", files: [{ path: SCHEMA, content: target }] },
      script: true,
      exitCode: null,
      filters: EMPTY,
    });
    return res.stdout ?? "";
  } finally {
    await close();
  }
}

const isEmptyScript = (sql: string) => sql.replace(/--[^\n]*/g, "").trim() === "";

function timestamp(d = new Date()): string {
  // Prisma: UTC %Y%m%d%H%M%S
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getUTCFullYear()}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}`;
}

async function create(url: string | undefined): Promise<string | null> {
  if (!values.name) throw new Error("--name is required");
  const sql = await computeDiff(url, values["from-schema"]);
  if (isEmptyScript(sql)) {
    console.log("Schema and migrations are in sync; no migration created.");
    return null;
  }
  const slug = values.name.toLowerCase().replace(/[^a-z0-9_]+/g, "_").replace(/^_+|_+$/g, "").slice(0, 200);
  let name = `${timestamp()}_${slug}`;
  const last = readMigrations(MIGRATIONS).at(-1)?.name;
  if (last && name <= last) name = `${String(BigInt(last.slice(0, 14)) + 1n)}_${slug}`; // keep ordering strict
  fs.mkdirSync(path.join(MIGRATIONS, name), { recursive: true });
  fs.writeFileSync(path.join(MIGRATIONS, name, "migration.sql"), sql);
  const lock = path.join(MIGRATIONS, MIGRATION_LOCK_FILE);
  if (!fs.existsSync(lock)) fs.writeFileSync(lock, DEFAULT_LOCK_CONTENT);
  console.log(`Created prisma/migrations/${name}/migration.sql`);
  return name;
}

// Migrations run as the schema owner (MIGRATE_DATABASE_URL when set); deploy then grants the app role.
let url = process.env.MIGRATE_DATABASE_URL || process.env.DATABASE_URL;
let appUrl = process.env.DATABASE_URL;
let stopDb = async () => {};
const needsDb = !(values["from-schema"] && (cmd === "create" || cmd === "diff"));
if (!url && needsDb) {
  const db = await acquireEmbedded();
  url = db.url;
  appUrl = db.appUrl;
  stopDb = db.release;
}
try {
  const dbUrl = () => url ?? (() => { throw new Error("no database URL"); })();
  const deploy = () => migrateAndGrant({ ownerUrl: dbUrl(), appUrl: appUrl || dbUrl() }, { dir: MIGRATIONS });
  switch (cmd) {
    case "create":
      await create(url);
      break;
    case "dev":
      await create(url);
      if (!values["create-only"]) await deploy();
      break;
    case "deploy":
      await deploy();
      break;
    case "diff":
      process.stdout.write(await computeDiff(url, values["from-schema"]));
      break;
    case "status": {
      const s = await migrationStatus(dbUrl(), MIGRATIONS);
      console.log(JSON.stringify(s, null, 2));
      if (s.pending.length || s.failed.length) process.exitCode = 1;
      break;
    }
    case "resolve":
      if (values.applied) await migrateResolve(dbUrl(), values.applied, "applied", MIGRATIONS);
      else if (values["rolled-back"]) await migrateResolve(dbUrl(), values["rolled-back"], "rolled-back", MIGRATIONS);
      else throw new Error("resolve needs --applied <name> or --rolled-back <name>");
      break;
    default:
      throw new Error(`unknown command ${cmd}`);
  }
} catch (e) {
  const { lastPanic } = await import("./lib/schema-engine");
  console.error(e, lastPanic() ? `\nschema-engine panic: ${lastPanic()}` : "");
  process.exitCode = 1;
} finally {
  await stopDb();
}
