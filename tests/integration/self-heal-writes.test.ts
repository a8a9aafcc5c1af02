/**
 * Fault test of `npm start` under writes (issue 13, item 6): the real scripts/start.ts in a
 * child with its own DATA_DIR and PORT, the demo seeded. A writer POSTs activities with fresh
 * client ids one after another, retrying the SAME id on any error until it gets a 2xx. After
 * 20 acknowledged writes the postmaster is killed with kill -9; the writer keeps going
 * through the outage and stops 20 acknowledged writes after PostgreSQL is back. Then every
 * acknowledged id is in the database exactly once, nothing else was created, and the same
 * next-server served throughout (the server recovered without a restart).
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { alive, freePort, nextPidsIn, postmaster, sleep, until as untilOr } from "../support/self-heal";

const ROOT = path.resolve(import.meta.dirname, "../..");
const TSX = path.join(ROOT, "node_modules/.bin/tsx");
const HAS_BUILD = fs.existsSync(path.join(ROOT, ".next", "BUILD_ID"));
const DB_NAME = "qingmiao";

let dataDir: string;
let port: number;
let child: ChildProcess | undefined;
let output = "";
let exited: Promise<number | null> | undefined;



const nextPids = () => nextPidsIn(output);
const until = <T>(what: string, ms: number, fn: () => Promise<T | undefined> | T | undefined) => untilOr(what, ms, fn, () => output);

const postmasterPid = () => postmaster(dataDir)?.pid ?? null;


const api = (route: string, token: string, init: RequestInit = {}) =>
  fetch(`http://127.0.0.1:${port}${route}`, {
    ...init,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    signal: AbortSignal.timeout(10_000),
  });

function ownerClient(): pg.Client {
  const pw = fs.readFileSync(path.join(dataDir, "pg-password"), "utf8").trim();
  const pgPort = fs.readFileSync(path.join(dataDir, "pg-port"), "utf8").trim();
  return new pg.Client({ host: "127.0.0.1", port: Number(pgPort), user: "postgres", password: pw, database: DB_NAME });
}

beforeAll(async () => {
  // A DATA_DIR the `postgres` user can reach when the tests run as root (mkdtemp makes 0700).
  dataDir = fs.mkdtempSync(path.join("/tmp", "qm-self-heal-writes-"));
  fs.chmodSync(dataDir, 0o755);
  port = await freePort();
  child = spawn(TSX, ["scripts/start.ts", ...(HAS_BUILD ? ["--no-build"] : [])], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      PORT: String(port),
      DATABASE_URL: "",
      MIGRATE_DATABASE_URL: "",
      SEED_DEMO: "1",
      BACKUP_DAILY: "0",
      EMBEDDED_DB_NAME: DB_NAME,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  exited = new Promise((resolve) => child!.on("exit", (code) => resolve(code)));
  await until("/login to answer 200", HAS_BUILD ? 120_000 : 400_000, async () => {
    try {
      const r = await fetch(`http://127.0.0.1:${port}/login`, { redirect: "manual", signal: AbortSignal.timeout(10_000) });
      await r.arrayBuffer();
      return r.status === 200 ? true : undefined;
    } catch {
      return undefined;
    }
  });
}, 420_000);

afterAll(async () => {
  if (child && child.exitCode === null && child.signalCode === null) {
    child.kill("SIGTERM");
    await Promise.race([exited, sleep(20_000)]);
  }
  spawnSync(TSX, ["scripts/db-stop.ts"], { cwd: ROOT, env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: "" } });
  fs.rmSync(dataDir, { recursive: true, force: true });
}, 60_000);

describe("npm start under a write loop", () => {
  it("keeps every acknowledged write exactly once across a postmaster kill -9, without restarting next-server", async () => {
    const tok = spawnSync(TSX, ["scripts/token.ts", "--user", "district.admin", "--days", "1"], {
      cwd: ROOT,
      encoding: "utf8",
      env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: "" },
    });
    expect(tok.status, tok.stderr).toBe(0);
    const token = tok.stdout.trim();
    expect(token).toMatch(/^qm_/);

    const stationsRes = await api("/api/v1/stations", token);
    expect(stationsRes.status).toBe(200);
    const stations = ((await stationsRes.json()) as { items: { id: string }[] }).items;
    expect(stations.length).toBeGreaterThan(0);

    const marker = `自愈写入测试 ${crypto.randomUUID().slice(0, 8)}`;
    const date = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const body = (id: string, stationId: string) =>
      JSON.stringify({ id, stationId, date, kind: "LECTURE", title: `${marker} ${id}`, youthParticipants: 12 });

    // A station that takes activities (one in the subtree may be inactive): the first 201.
    let stationId: string | undefined;
    for (const s of stations) {
      const r = await api("/api/v1/activities", token, { method: "POST", body: body(crypto.randomUUID(), s.id) });
      await r.arrayBuffer();
      if (r.status === 201) {
        stationId = s.id;
        break;
      }
    }
    expect(stationId).toBeDefined();

    const nextPid = nextPids().at(-1)!;
    const nextCount = nextPids().length;
    const pmBefore = postmasterPid();
    expect(pmBefore).not.toBeNull();

    const acknowledged: string[] = [];
    let failures = 0;
    let retriedAndAcknowledged = 0;
    let killedAt = -1;
    let recoveredAt = -1;
    const deadline = Date.now() + 60_000;
    let watcher: Promise<void> | undefined;

    while (recoveredAt < 0 || acknowledged.length < recoveredAt + 20) {
      expect(Date.now(), "the write loop ran out of time").toBeLessThan(deadline);
      const id = crypto.randomUUID();
      let attempts = 0;
      for (;;) {
        expect(Date.now(), `write ${id} never acknowledged`).toBeLessThan(deadline);
        attempts++;
        let ok = false;
        try {
          const r = await api("/api/v1/activities", token, { method: "POST", body: body(id, stationId!) });
          await r.arrayBuffer();
          ok = r.status >= 200 && r.status < 300;
        } catch {
          ok = false; // network error or timeout: retry the same id
        }
        if (ok) break;
        failures++;
        await sleep(200);
      }
      acknowledged.push(id);
      if (attempts > 1) retriedAndAcknowledged++;

      if (killedAt < 0 && acknowledged.length === 20) {
        killedAt = acknowledged.length;
        process.kill(pmBefore!, "SIGKILL");
        // Notes when a new postmaster is up; the writer keeps going meanwhile.
        watcher = until("a new postmaster", 40_000, () => {
          const p = postmasterPid();
          return p && p !== pmBefore && alive(p) ? true : undefined;
        }).then(() => {
          recoveredAt = acknowledged.length;
        });
      }
    }
    await watcher;

    // The outage was real: some writes failed and were retried to success.
    expect(failures).toBeGreaterThan(0);
    expect(retriedAndAcknowledged).toBeGreaterThan(0);
    expect(acknowledged.length).toBeGreaterThanOrEqual(40);
    expect(new Set(acknowledged).size).toBe(acknowledged.length);

    const db = ownerClient();
    await db.connect();
    try {
      const byId = await db.query<{ id: string; n: number }>(
        `SELECT id::text AS id, count(*)::int AS n FROM "Activity" WHERE id = ANY($1::uuid[]) GROUP BY id`,
        [acknowledged],
      );
      const counts = new Map(byId.rows.map((r) => [r.id, r.n]));
      const missing = acknowledged.filter((id) => !counts.has(id));
      expect(missing).toEqual([]);
      expect([...counts.values()].every((n) => n === 1)).toBe(true);
      // Nothing created beyond the acknowledged ids and the one probe write: no duplicate rows on retry.
      const all = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM "Activity" WHERE title LIKE $1`, [`${marker} %`]);
      expect(all.rows[0].n).toBe(acknowledged.length + 1);
    } finally {
      await db.end();
    }

    // The same next-server served before and after: recovered without a restart.
    expect(nextPids().at(-1)).toBe(nextPid);
    expect(nextPids()).toHaveLength(nextCount);
    expect(alive(nextPid)).toBe(true);
    expect(child!.exitCode).toBeNull();
  }, 180_000);
});
