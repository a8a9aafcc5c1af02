/**
 * npm start / npm run dev: build if the sources changed since the last build, prepare
 * the database (embedded PostgreSQL unless DATABASE_URL is set; migrate and grant as the
 * owner; seed the demo districts when empty), then serve on PORT (default 3000) as the
 * app role (lib/server/database/grants.ts). No environment needed.
 *
 * Self-healing (issue 13, docs/OPERATIONS.md "Running unattended"): next-server is
 * restarted with backoff when it dies (scripts/lib/supervise.ts) and the embedded
 * PostgreSQL is restarted on its stored port when its postmaster dies (embedded.ts
 * watch()). Exit codes: 0 after SIGINT/SIGTERM, 1 when next-server keeps dying or the
 * start fails. `--no-build` serves the existing .next as it is (a build made beforehand).
 */
import { spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { prepareDatabase } from "./lib/prepare-db";
import { startDailyBackups } from "../lib/server/backup/schedule";
import { authSecret } from "../lib/server/auth/secret";
import { StartupProblem } from "../lib/server/database/data-dir";
import { isDatabaseUnavailable } from "../lib/server/unavailable";
import { supervise } from "./lib/supervise";

const dev = process.argv.includes("--dev");
const noBuild = process.argv.includes("--no-build");
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
  const hasBuild = fs.existsSync(path.join(".next", "BUILD_ID"));
  if (noBuild) {
    if (hasBuild) return;
    console.error("[start] 没有可用的构建（.next），请先运行 npm run build。 There is no build in .next: run `npm run build` first, or start without --no-build.");
    process.exit(1);
  }
  const built = hasBuild && fs.existsSync(STAMP) && fs.readFileSync(STAMP, "utf8") === stamp;
  if (built) return;
  console.log("[start] building the app (first start or sources changed)…");
  const r = spawnSync("node_modules/.bin/next", ["build"], { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  if (r.status !== 0) process.exit(r.status ?? 1);
  fs.writeFileSync(STAMP, stamp);
}

/**
 * What the operator must fix before we can serve (a bad auth secret, an unwritable DATA_DIR,
 * the port taken, a database that refuses): one line saying what to do, exit 1, no stack.
 */
function cannotStart(e: unknown): never {
  if (e instanceof StartupProblem) console.error(`[start] ${e.message}`);
  else if (isDatabaseUnavailable(e))
    console.error(
      "[start] 无法连接数据库：请确认 PostgreSQL 正在运行，DATABASE_URL 填写正确。 Cannot reach the database: check that PostgreSQL is running and DATABASE_URL is right.",
    );
  else throw e;
  process.exit(1);
}

/** Refuses to start when PORT is taken (next would die at once, over and over). */
function portFree(p: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", (e: NodeJS.ErrnoException) =>
      reject(
        e.code === "EADDRINUSE"
          ? new StartupProblem(`端口 ${p} 已被占用：请关闭占用它的程序，或用 PORT=其他端口 npm start。 Port ${p} is in use: stop what holds it or set PORT.`)
          : e,
      ),
    );
    srv.listen(p, () => srv.close(() => resolve()));
  });
}

// What the operator must fix is said before a two-minute build, not after it.
let secret: string;
try {
  secret = authSecret();
} catch (e) {
  cannotStart(e);
}
await portFree(Number(port)).catch(cannotStart);
if (!dev) buildIfNeeded();
// The app connects as the restricted app role; the owner's URL stays in this process.
const { url: ownerUrl, appUrl, embedded } = await prepareDatabase({ seed: process.env.SEED_DEMO !== "0" }).catch(cannotStart);
// A backup a day while serving (lib/server/backup/schedule.ts; BACKUP_DAILY=0 turns it off).
const backups = startDailyBackups(ownerUrl, { firstCheckMs: 15_000 });

// A dead postmaster is restarted on the same port, so the app's pool reconnects by itself.
embedded?.watch();

const next = supervise({
  name: "next-server",
  command: "node_modules/.bin/next",
  args: [dev ? "dev" : "start", "-p", port],
  options: {
    stdio: "inherit",
    env: {
      ...process.env,
      DATABASE_URL: appUrl,
      MIGRATE_DATABASE_URL: undefined,
      NEXTAUTH_SECRET: secret,
      // Without NEXTAUTH_URL, next-auth takes the origin from the request's Host header.
      AUTH_TRUST_HOST: process.env.AUTH_TRUST_HOST ?? "true",
      NEXT_TELEMETRY_DISABLED: "1",
    },
  },
});
console.log(`[start] 青苗 serving on http://localhost:${port}`);
for (const sig of ["SIGINT", "SIGTERM"] as const) process.on(sig, () => next.stop(sig));

const outcome = await next.done;
backups.stop();
// release() also ends the postmaster watch; the last holder stops PostgreSQL.
await embedded?.release().catch((e) => console.error("[db] could not stop PostgreSQL:", e));
if (outcome === "gave-up") console.error("[start] next-server 反复崩溃，已停止服务。 next-server keeps crashing: stopped (exit 1); see the lines above.");
process.exit(outcome === "stopped" ? 0 : 1);
