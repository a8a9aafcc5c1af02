/**
 * The server Playwright starts: a fresh `qingmiao_e2e` database on the embedded
 * cluster (dropped and re-created, so every run starts from the demo seed), then
 * `npm start` against it.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { acquireEmbedded } from "../lib/server/database/embedded";

const DB = process.env.E2E_DB || "qingmiao_e2e";
const cluster = await acquireEmbedded({ database: "postgres" });
const admin = new pg.Client({ connectionString: cluster.url });
await admin.connect();
await admin.query(`DROP DATABASE IF EXISTS "${DB}" WITH (FORCE)`);
await admin.end();

const backupDir = fs.mkdtempSync(path.join(os.tmpdir(), "qingmiao-e2e-backups-"));
const child = spawn("node_modules/.bin/tsx", ["scripts/start.ts"], {
  stdio: "inherit",
  // No daily backup job, and an empty backup folder of its own: the run starts with no backups.
  env: { ...process.env, DATABASE_URL: "", EMBEDDED_DB_NAME: DB, BACKUP_DAILY: "0", BACKUP_DIR: backupDir },
});
for (const sig of ["SIGINT", "SIGTERM"] as const) process.on(sig, () => child.kill(sig));
child.on("exit", async (code) => {
  await cluster.release();
  fs.rmSync(backupDir, { recursive: true, force: true });
  process.exit(code ?? 0);
});
