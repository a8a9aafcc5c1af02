/**
 * npm start / npm run dev: build if the sources changed since the last build, prepare
 * the database (embedded PostgreSQL unless DATABASE_URL is set; migrate and grant as the
 * owner; seed the demo districts when empty), then serve on PORT (default 3000) as the
 * app role (lib/server/database/grants.ts). No environment needed.
 */
import { spawn, spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { prepareDatabase } from "./lib/prepare-db";
import { startDailyBackups } from "../lib/server/backup/schedule";
import { authSecret } from "../lib/server/auth/secret";

const dev = process.argv.includes("--dev");
const port = process.env.PORT || "3000";
const STAMP = path.join(".next", "qingmiao-build-stamp");
const SOURCES = ["app", "components", "lib", "public", "prisma/schema.prisma", "next.config.ts", "package-lock.json", "tsconfig.json", "postcss.config.mjs", "proxy.ts"];

/** Fingerprint of everything a build depends on (names, sizes, modification times). */
function sourceStamp(): string {
  const h = crypto.createHash("sha256");
  const walk = (p: string) => {
    if (!fs.existsSync(p)) return;
    const st = fs.statSync(p);
    if (st.isDirectory()) {
      for (const name of fs.readdirSync(p).sort()) walk(path.join(p, name));
    } else {
      h.update(`${p}\0${st.size}\0${st.mtimeMs}\n`);
    }
  };
  SOURCES.forEach(walk);
  return h.digest("hex");
}

function buildIfNeeded() {
  const stamp = sourceStamp();
  const built = fs.existsSync(path.join(".next", "BUILD_ID")) && fs.existsSync(STAMP) && fs.readFileSync(STAMP, "utf8") === stamp;
  if (built) return;
  console.log("[start] building the app (first start or sources changed)…");
  const r = spawnSync("node_modules/.bin/next", ["build"], { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  if (r.status !== 0) process.exit(r.status ?? 1);
  fs.writeFileSync(STAMP, stamp);
}

if (!dev) buildIfNeeded();
// The app connects as the restricted app role; the owner's URL stays in this process.
const { url: ownerUrl, appUrl, embedded } = await prepareDatabase({ seed: process.env.SEED_DEMO !== "0" });
// A backup a day while serving (lib/server/backup/schedule.ts; BACKUP_DAILY=0 turns it off).
const backups = startDailyBackups(ownerUrl, { firstCheckMs: 15_000 });

const child = spawn("node_modules/.bin/next", [dev ? "dev" : "start", "-p", port], {
  stdio: "inherit",
  env: {
    ...process.env,
    DATABASE_URL: appUrl,
    MIGRATE_DATABASE_URL: undefined,
    NEXTAUTH_SECRET: authSecret(),
    // Without NEXTAUTH_URL, next-auth takes the origin from the request's Host header.
    AUTH_TRUST_HOST: process.env.AUTH_TRUST_HOST ?? "true",
    NEXT_TELEMETRY_DISABLED: "1",
  },
});
console.log(`[start] 青苗 serving on http://localhost:${port}`);

let stopping = false;
for (const sig of ["SIGINT", "SIGTERM"] as const) {
  process.on(sig, () => {
    if (stopping) return;
    stopping = true;
    child.kill(sig);
  });
}
child.on("exit", async (code, signal) => {
  backups.stop();
  await embedded?.release().catch((e) => console.error("[db] could not stop PostgreSQL:", e));
  process.exit(code ?? (signal ? 0 : 1));
});
