/**
 * `npm start` (scripts/start.ts) refuses what the operator must fix with one line and exit
 * code 1: a port already taken (next-server would die on it over and over) and a too-short
 * auth secret, before any build or database work; a database that refuses connections.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");
let tmp: string;
let holder: net.Server;
let port: number;

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "qm-start-refusal-"));
  holder = net.createServer();
  await new Promise<void>((r) => holder.listen(0, r));
  port = (holder.address() as net.AddressInfo).port;
});
afterAll(() => {
  holder.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** `--no-build` never builds; `--dev` gets past the build step without one (the database comes next). */
function start(env: Record<string, string>, mode: "--no-build" | "--dev" = "--no-build") {
  return spawnSync(path.join(ROOT, "node_modules/.bin/tsx"), ["scripts/start.ts", mode], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: tmp, DATABASE_URL: "", SEED_DEMO: "0", BACKUP_DAILY: "0", ...env },
    encoding: "utf8",
    timeout: 60_000,
  });
}

it("a port in use: says which and what to do, exit 1, no stack trace", () => {
  const r = start({ PORT: String(port), AUTH_SECRET: "x".repeat(40) });
  expect(r.status).toBe(1);
  expect(r.stderr).toContain(`端口 ${port} 已被占用`);
  expect(r.stderr).not.toMatch(/\n\s+at /);
});

it("a too-short auth secret: one line, exit 1, before the port or the database are looked at", () => {
  const r = start({ PORT: String(port), AUTH_SECRET: "short" });
  expect(r.status).toBe(1);
  expect(r.stderr).toMatch(/AUTH_SECRET/);
  expect(r.stderr).not.toContain("已被占用");
  expect(r.stderr).not.toMatch(/\n\s+at /);
});

it("a DATABASE_URL that refuses: one line saying what to check, exit 1, never the driver's text", () => {
  const r = start({ PORT: "0", AUTH_SECRET: "x".repeat(40), DATABASE_URL: "postgresql://someone:secret@127.0.0.1:1/qingmiao" }, "--dev");
  expect(r.status).toBe(1);
  expect(r.stderr).toContain("无法连接数据库");
  expect(r.stderr).not.toContain("secret");
  expect(r.stderr).not.toMatch(/\n\s+at /);
});
