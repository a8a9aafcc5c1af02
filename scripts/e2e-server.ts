/**
 * The server Playwright starts: a fresh `qingmiao_e2e` database on the embedded
 * cluster (dropped and re-created, so every run starts from the demo seed), then
 * `npm start` against it.
 */
import { spawn } from "node:child_process";
import pg from "pg";
import { acquireEmbedded } from "../lib/server/database/embedded";

const DB = process.env.E2E_DB || "qingmiao_e2e";
const cluster = await acquireEmbedded({ database: "postgres" });
const admin = new pg.Client({ connectionString: cluster.url });
await admin.connect();
await admin.query(`DROP DATABASE IF EXISTS "${DB}" WITH (FORCE)`);
await admin.end();

const child = spawn("node_modules/.bin/tsx", ["scripts/start.ts"], {
  stdio: "inherit",
  env: { ...process.env, DATABASE_URL: "", EMBEDDED_DB_NAME: DB },
});
for (const sig of ["SIGINT", "SIGTERM"] as const) process.on(sig, () => child.kill(sig));
child.on("exit", async (code) => {
  await cluster.release();
  process.exit(code ?? 0);
});
