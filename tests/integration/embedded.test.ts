/**
 * The embedded PostgreSQL is shared by every process of the project (embedded.ts):
 * two processes starting at once end up on one cluster, and lock or pid files left
 * by crashed processes do not block a start. Each test uses its own DATA_DIR, in
 * child processes, so the suite's own cluster and this process's env are untouched.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");
const TSX = path.join(ROOT, "node_modules/.bin/tsx");
const EMBEDDED = path.join(ROOT, "lib/server/database/embedded.ts");

let scriptDir: string;
/** The DATA_DIR of the first test, whose cluster the second test reuses (saves an initdb). */
let initializedDir: string | undefined;
let script: string;
const dataDirs: string[] = [];

interface ChildReport {
  port: number;
  startedHere: boolean;
  ok: number;
  pid: number;
}

/** Runs the child script; resolves with what it printed as JSON. */
function runChild(dataDir: string, mode: "acquire" | "stop", holdMs = 1500): Promise<ChildReport & { stopped?: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn(TSX, [script, mode, String(holdMs)], {
      cwd: ROOT,
      env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: "" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (err += d));
    child.on("error", reject);
    child.on("close", (code) => {
      const line = out.split("\n").find((l) => l.startsWith("{"));
      if (code !== 0 || !line) return reject(new Error(`child exited ${code}: ${err || out}`));
      resolve(JSON.parse(line));
    });
  });
}

/** A DATA_DIR the `postgres` user can reach (mkdtemp makes 0700 dirs owned by root). */
function freshDataDir(): string {
  const dir = fs.mkdtempSync(path.join("/tmp", "qm-embedded-"));
  fs.chmodSync(dir, 0o755);
  dataDirs.push(dir);
  return dir;
}

function deadPid(): number {
  for (let pid = 999_999; pid > 900_000; pid--) {
    try {
      process.kill(pid, 0);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ESRCH") return pid;
    }
  }
  throw new Error("no dead pid found");
}

beforeAll(() => {
  scriptDir = fs.mkdtempSync(path.join(os.tmpdir(), "qm-embedded-script-"));
  script = path.join(scriptDir, "child.mts");
  fs.writeFileSync(
    script,
    `import pg from ${JSON.stringify(path.join(ROOT, "node_modules/pg/lib/index.js"))};
import { acquireEmbedded, stopEmbedded } from ${JSON.stringify(EMBEDDED)};
const [mode, hold] = process.argv.slice(2);
if (mode === "stop") {
  const stopped = await stopEmbedded(() => {});
  console.log(JSON.stringify({ stopped }));
} else {
  const c = await acquireEmbedded({ database: "postgres", log: () => {} });
  const client = new pg.Client({ connectionString: c.url });
  await client.connect();
  const r = await client.query("select 1 as ok");
  await client.end();
  console.log(JSON.stringify({ port: Number(new URL(c.url).port), startedHere: c.startedHere, ok: r.rows[0].ok, pid: process.pid }));
  await new Promise((res) => setTimeout(res, Number(hold)));
  await c.release();
}
`,
  );
});

afterAll(async () => {
  for (const dir of dataDirs) {
    await runChild(dir, "stop").catch(() => {});
    fs.rmSync(dir, { recursive: true, force: true });
  }
  fs.rmSync(scriptDir, { recursive: true, force: true });
});

describe("the cluster password", () => {
  it("is the same for processes that make it at the same moment", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "qm-embedded-pw-"));
    dataDirs.push(dir);
    const child = path.join(scriptDir, "pw.mts");
    // Every child waits for the same instant, then reads (or makes) the password.
    fs.writeFileSync(
      child,
      `import { clusterPassword } from ${JSON.stringify(EMBEDDED)};
const at = Number(process.argv[2]);
while (Date.now() < at) {}
console.log(clusterPassword(${JSON.stringify(path.join(dir, "pg"))}));
`,
    );
    const at = Date.now() + 4000;
    const outs = await Promise.all(
      Array.from({ length: 8 }, () =>
        new Promise<string>((resolve, reject) => {
          const c = spawn(TSX, [child, String(at)], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
          let out = "";
          c.stdout.on("data", (d) => (out += d));
          c.on("error", reject);
          c.on("close", (code) => (code === 0 ? resolve(out.trim()) : reject(new Error(`child exited ${code}`))));
        }),
      ),
    );
    expect(outs.every((o) => o.length >= 20)).toBe(true);
    // One password for all: a cluster started with one and joined with another refuses the joiner.
    expect(new Set(outs).size).toBe(1);
    expect(fs.readFileSync(path.join(dir, "pg-password"), "utf8").trim()).toBe(outs[0]);
  });
});

describe("the start lock", () => {
  it("lets one process in at a time, and a lock released mid-look is no error", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "qm-embedded-lock-"));
    dataDirs.push(dir);
    const child = path.join(scriptDir, "lock.mts");
    // Each child enters the lock many times; inside, it claims a marker file that must
    // not exist (another process inside at the same time would have made it).
    fs.writeFileSync(
      child,
      `import fs from "node:fs";
import { withStartLock } from ${JSON.stringify(EMBEDDED)};
const base = ${JSON.stringify(path.join(dir, "pg"))};
const at = Number(process.argv[2]);
while (Date.now() < at) {}
let overlaps = 0;
for (let i = 0; i < 60; i++) {
  await withStartLock(base, async () => {
    try { fs.writeFileSync(base + ".inside", String(process.pid), { flag: "wx" }); }
    catch { overlaps++; return; }
    await new Promise((r) => setTimeout(r, 2));
    fs.rmSync(base + ".inside");
  });
}
console.log(JSON.stringify({ overlaps }));
`,
    );
    const at = Date.now() + 4000;
    const reports = await Promise.all(
      Array.from({ length: 4 }, () =>
        new Promise<{ overlaps: number }>((resolve, reject) => {
          const c = spawn(TSX, [child, String(at)], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
          let out = "";
          let err = "";
          c.stdout.on("data", (d) => (out += d));
          c.stderr.on("data", (d) => (err += d));
          c.on("error", reject);
          c.on("close", (code) => (code === 0 ? resolve(JSON.parse(out.trim())) : reject(new Error(`child exited ${code}: ${err}`))));
        }),
      ),
    );
    expect(reports.map((r) => r.overlaps)).toEqual([0, 0, 0, 0]);
    expect(fs.readdirSync(dir)).toEqual([]);
  }, 60_000);
});

describe("acquireEmbedded across processes", () => {
  it("two processes starting at once share one cluster: same port, started exactly once", async () => {
    const dir = freshDataDir();
    const [a, b] = await Promise.all([runChild(dir, "acquire"), runChild(dir, "acquire")]);
    expect(a.pid).not.toBe(b.pid);
    expect(a.ok).toBe(1);
    expect(b.ok).toBe(1);
    expect(a.port).toBe(b.port);
    expect([a.startedHere, b.startedHere].sort()).toEqual([false, true]);
    expect(fs.existsSync(path.join(dir, "pg", "PG_VERSION"))).toBe(true);
    expect(fs.existsSync(path.join(dir, "pg.start.lock"))).toBe(false);
    initializedDir = dir;
  });

  it("a stale start lock and a stale postmaster.pid (dead pids) do not prevent a start", async () => {
    let dir = initializedDir;
    if (!dir) {
      // run alone: create the cluster once
      dir = freshDataDir();
      expect((await runChild(dir, "acquire", 0)).startedHere).toBe(true);
    }
    await runChild(dir, "stop");
    expect(fs.existsSync(path.join(dir, "pg", "postmaster.pid"))).toBe(false);

    // what a crash leaves behind
    const pid = deadPid();
    fs.writeFileSync(path.join(dir, "pg.start.lock"), String(pid));
    fs.writeFileSync(
      path.join(dir, "pg", "postmaster.pid"),
      `${pid}\n${path.join(dir, "pg")}\n${Math.floor(Date.now() / 1000)}\n65000\n\n127.0.0.1\n  1234   5678\nready\n`,
    );

    const again = await runChild(dir, "acquire", 0);
    expect(again.startedHere).toBe(true);
    expect(again.ok).toBe(1);
    expect(fs.existsSync(path.join(dir, "pg.start.lock"))).toBe(false);
  });
});
