/**
 * Fault tests of `npm start` (issue 13): the real scripts/start.ts in a child process with
 * its own DATA_DIR (its own embedded cluster) and PORT. kill -9 of next-server → restarted
 * and serving; kill -9 of the postmaster → restarted on the same port, and the running
 * next-server answers from the database again without a restart; SIGTERM → exit 0 with
 * PostgreSQL stopped; next-server dying again and again → exit 1 with PostgreSQL stopped.
 *
 * No build here: with a build in .next the server starts with `--no-build` (serves it as
 * it is); without one (a fresh CI machine, where e2e comes later) start builds once and
 * stamps it, and the e2e step then reuses that build.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { alive, freePort, nextPidsIn, postmaster as postmasterOf, sleep, until as untilOr } from "../support/self-heal";

const ROOT = path.resolve(import.meta.dirname, "../..");
const TSX = path.join(ROOT, "node_modules/.bin/tsx");
const HAS_BUILD = fs.existsSync(path.join(ROOT, ".next", "BUILD_ID"));

let dataDir: string;
let port: number;

interface Started {
  child: ChildProcess;
  output: () => string;
  exit: Promise<number | null>;
}
let server: Started | undefined;


function startServer(): Started {
  const child = spawn(TSX, ["scripts/start.ts", ...(HAS_BUILD ? ["--no-build"] : [])], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      PORT: String(port),
      DATABASE_URL: "",
      MIGRATE_DATABASE_URL: "",
      SEED_DEMO: "0",
      BACKUP_DAILY: "0",
      EMBEDDED_DB_NAME: "qingmiao",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout!.on("data", (d) => (out += d));
  child.stderr!.on("data", (d) => (out += d));
  const exit = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, output: () => out, exit };
}


async function status(route: string, headers: Record<string, string> = {}): Promise<number | undefined> {
  try {
    const r = await fetch(`http://127.0.0.1:${port}${route}`, { headers, redirect: "manual", signal: AbortSignal.timeout(10_000) });
    await r.arrayBuffer();
    return r.status;
  } catch {
    return undefined; // not listening
  }
}

/** A bearer token that looks real: resolving it reads the database (401 when up, 5xx when down). */
const DB_ROUTE = ["/api/v1/me", { authorization: "Bearer qm_self_heal_test_not_a_token" }] as const;
const dbStatus = () => status(...DB_ROUTE);

/** The pids of next-server that start.ts reported, in order. */
const nextPids = () => nextPidsIn(server!.output());
const until = <T>(what: string, ms: number, fn: () => Promise<T | undefined> | T | undefined) => untilOr(what, ms, fn, () => server?.output() ?? "");
const postmaster = () => postmasterOf(dataDir);



const storedPort = () => Number(fs.readFileSync(path.join(dataDir, "pg-port"), "utf8").trim());

async function waitServing(ms: number) {
  await until("/login to answer 200", ms, async () => ((await status("/login")) === 200 ? true : undefined));
}

beforeAll(async () => {
  // A DATA_DIR the `postgres` user can reach when the tests run as root (mkdtemp makes 0700).
  dataDir = fs.mkdtempSync(path.join("/tmp", "qm-self-heal-"));
  fs.chmodSync(dataDir, 0o755);
  port = await freePort();
  server = startServer();
  await waitServing(HAS_BUILD ? 120_000 : 400_000);
}, 420_000);

afterAll(async () => {
  if (server && server.child.exitCode === null && server.child.signalCode === null) {
    server.child.kill("SIGTERM");
    await Promise.race([server.exit, sleep(20_000)]);
  }
  spawnSync(TSX, ["scripts/db-stop.ts"], { cwd: ROOT, env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: "" } });
  fs.rmSync(dataDir, { recursive: true, force: true });
}, 60_000);

describe("npm start heals itself", () => {
  it("restarts next-server after kill -9, and serves again", async () => {
    const [first] = nextPids();
    expect(first).toBeGreaterThan(0);
    expect(await dbStatus()).toBe(401); // the database answers: an unknown token
    process.kill(first, "SIGKILL");
    const second = await until("a new next-server", 20_000, () => nextPids()[1]);
    expect(second).not.toBe(first);
    await waitServing(30_000);
    expect(await dbStatus()).toBe(401);
    expect(server!.output()).toMatch(/next-server was killed \(SIGKILL\); restarting in 1 s/);
    expect(server!.child.exitCode).toBeNull();
  }, 60_000);

  it("restarts a killed postmaster on the same port; the running next-server recovers by itself", async () => {
    const before = postmaster();
    expect(before).not.toBeNull();
    expect(before!.port).toBe(storedPort());
    const nextPid = nextPids().at(-1)!;
    const nextCount = nextPids().length;

    process.kill(before!.pid, "SIGKILL");
    // Down: the API answers an error, not a hang and not a 401 (that would mean a cache).
    const down = await until("an answer while the database is down", 10_000, async () => {
      const s = await dbStatus();
      return s !== undefined && s !== 401 ? s : undefined;
    });
    expect(down).toBeGreaterThanOrEqual(500);

    const after = await until("a new postmaster", 30_000, () => {
      const p = postmaster();
      return p && p.pid !== before!.pid && alive(p.pid) ? p : undefined;
    });
    expect(after.port).toBe(before!.port);
    expect(storedPort()).toBe(before!.port);
    // The same next-server answers from the database again.
    await until("the API to read the database again", 30_000, async () => ((await dbStatus()) === 401 ? true : undefined));
    expect(nextPids().at(-1)).toBe(nextPid);
    expect(nextPids()).toHaveLength(nextCount);
    expect(alive(nextPid)).toBe(true);
    expect(server!.output()).toMatch(new RegExp(`restarting it on 127\\.0\\.0\\.1:${before!.port}`));
  }, 90_000);

  it("SIGTERM stops next-server and PostgreSQL and exits 0", async () => {
    const pm = postmaster();
    expect(pm).not.toBeNull();
    server!.child.kill("SIGTERM");
    expect(await Promise.race([server!.exit, sleep(30_000).then(() => "timeout")])).toBe(0);
    expect(alive(nextPids().at(-1)!)).toBe(false);
    expect(alive(pm!.pid)).toBe(false);
  }, 40_000);

  it("starts again on the stored port, and exits 1 with PostgreSQL stopped when next-server keeps dying", async () => {
    const stored = storedPort();
    server = startServer();
    await waitServing(120_000);
    const pm = postmaster();
    expect(pm?.port).toBe(stored);
    expect(await dbStatus()).toBe(401);

    // Kill every next-server as soon as it starts: five deaths (restart delays 1, 2, 4, 8 s).
    for (let killed = 0; killed < 5; killed++) {
      const pid = await until(`next-server #${killed + 1}`, 30_000, () => nextPids()[killed]);
      await until(`next-server #${killed + 1} to be alive`, 5_000, () => (alive(pid) ? true : undefined));
      process.kill(pid, "SIGKILL");
    }
    expect(await Promise.race([server.exit, sleep(30_000).then(() => "timeout")])).toBe(1);
    expect(server.output()).toMatch(/died 5 times within 120 s, giving up/);
    expect(nextPids()).toHaveLength(5);
    expect(alive(pm!.pid)).toBe(false);
  }, 180_000);
});
