/**
 * Settings that must stop the start with one clear line (issue 13): an empty or short auth
 * secret, an unwritable DATA_DIR. Checked in a child process too, as `npm start` meets them:
 * exit code 1 and the line, not a silent start or a stack trace.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { MIN_SECRET_LENGTH, authSecret } from "@/lib/server/auth/secret";
import { StartupProblem, dataDir } from "@/lib/server/database/data-dir";

const saved = { DATA_DIR: process.env.DATA_DIR, AUTH_SECRET: process.env.AUTH_SECRET, NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET };
let tmp: string;

beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "qm-startup-"));
  process.env.DATA_DIR = tmp;
  delete process.env.AUTH_SECRET;
  delete process.env.NEXTAUTH_SECRET;
});
afterEach(() => {
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  fs.rmSync(tmp, { recursive: true, force: true });
});

function thrown(fn: () => unknown): StartupProblem {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(StartupProblem);
  return caught as StartupProblem;
}

describe("the auth secret", () => {
  it("is generated once under DATA_DIR when there is none, and read back", () => {
    const first = authSecret();
    expect(first.length).toBeGreaterThanOrEqual(MIN_SECRET_LENGTH);
    expect(fs.readFileSync(path.join(tmp, "auth-secret"), "utf8")).toBe(first);
    expect(authSecret()).toBe(first);
  });

  it("an empty file is refused with one line naming the file and what to do", () => {
    fs.writeFileSync(path.join(tmp, "auth-secret"), "\n");
    const e = thrown(authSecret);
    expect(e.message).toContain(path.join(tmp, "auth-secret"));
    expect(e.message).toContain("为空");
    expect(e.message).toContain("删除该文件");
    expect(e.message).toContain("is empty");
    expect(e.message).not.toContain("\n");
    expect(e.stack).toBe(e.message);
  });

  it("a short file is refused", () => {
    fs.writeFileSync(path.join(tmp, "auth-secret"), "short-secret");
    expect(thrown(authSecret).message).toContain("只有 12 个字符");
  });

  it("a short AUTH_SECRET is refused, naming the variable", () => {
    process.env.AUTH_SECRET = "changeme";
    const e = thrown(authSecret);
    expect(e.message).toContain("AUTH_SECRET");
    expect(e.message).toContain("openssl rand -base64 32");
  });

  it("a long enough AUTH_SECRET is used as it is", () => {
    process.env.AUTH_SECRET = "x".repeat(MIN_SECRET_LENGTH);
    expect(authSecret()).toBe("x".repeat(MIN_SECRET_LENGTH));
  });
});

describe("DATA_DIR", () => {
  it("is created when missing", () => {
    process.env.DATA_DIR = path.join(tmp, "a", "b");
    expect(dataDir()).toBe(path.join(tmp, "a", "b"));
    expect(fs.statSync(path.join(tmp, "a", "b")).isDirectory()).toBe(true);
  });

  it("one that cannot be written is refused with one line saying what to do", () => {
    // Tests may run as root, who may write anywhere: a path below a plain file cannot be made by anyone.
    fs.writeFileSync(path.join(tmp, "file"), "");
    process.env.DATA_DIR = path.join(tmp, "file", "data");
    const e = thrown(dataDir);
    expect(e.message).toContain(path.join(tmp, "file", "data"));
    expect(e.message).toContain("无法写入");
    expect(e.message).toContain("DATA_DIR");
    expect(e.message).not.toContain("\n");
  });
});

describe("in a process of its own", () => {
  const run = (code: string, env: Record<string, string>) =>
    spawnSync(path.join(process.cwd(), "node_modules/.bin/tsx"), ["-e", code], {
      cwd: process.cwd(),
      env: { ...process.env, AUTH_SECRET: "", NEXTAUTH_SECRET: "", ...env },
      encoding: "utf8",
      timeout: 60_000,
    });

  it("an emptied auth secret file: exit 1 with the line, no stack frames", () => {
    fs.writeFileSync(path.join(tmp, "auth-secret"), "");
    const r = run(`import { authSecret } from "./lib/server/auth/secret"; authSecret();`, { DATA_DIR: tmp });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("认证密钥文件");
    expect(r.stderr).not.toMatch(/^\s+at /m);
  });

  it("an unwritable DATA_DIR: exit 1 with the line, no stack frames", () => {
    fs.writeFileSync(path.join(tmp, "file"), "");
    const r = run(`import { dataDir } from "./lib/server/database/data-dir"; dataDir();`, { DATA_DIR: path.join(tmp, "file", "data") });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("数据目录");
    expect(r.stderr).not.toMatch(/^\s+at /m);
  });
});
