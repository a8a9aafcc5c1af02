/** Runs the project's CLI scripts as a person would (tsx, the repository as cwd), against a given database. */
import { spawn } from "node:child_process";
import path from "node:path";
import { inject } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");

export function runScript(script: string, args: string[], databaseUrl = process.env.DATABASE_URL!) {
  // On the shared test database the app's role is restricted: the owner is named as in a deployment.
  const migrateUrl = databaseUrl === inject("databaseUrl") ? inject("ownerUrl") : undefined;
  return runTsx(path.join(ROOT, "scripts", script), args, { DATABASE_URL: databaseUrl, MIGRATE_DATABASE_URL: migrateUrl });
}

/** Runs a TypeScript file with tsx (the repository as cwd), with these variables over this process's environment. */
export function runTsx(file: string, args: string[], env: Record<string, string | undefined>) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(path.join(ROOT, "node_modules/.bin/tsx"), [file, ...args], { cwd: ROOT, env: { ...process.env, ...env } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** The one-time password: the last line a CLI prints. */
export const lastLine = (out: string) => out.trimEnd().split("\n").at(-1)!;
