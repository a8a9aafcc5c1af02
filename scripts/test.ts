/**
 * npm test: every check a change must pass, in order of speed — typecheck, lint,
 * unit, integration (real PostgreSQL), e2e (Playwright in Debian's Chromium against
 * the real server). Stops at the first failure and prints a summary line.
 */
import { spawnSync } from "node:child_process";

const steps: [string, string, string[]][] = [
  ["typecheck", "node_modules/.bin/tsc", ["--noEmit"]],
  ["lint", "node_modules/.bin/eslint", [".", "--max-warnings=0"]],
  ["unit", "node_modules/.bin/vitest", ["run", "--project", "unit"]],
  ["integration", "node_modules/.bin/vitest", ["run", "--project", "integration"]],
  ["e2e", "node_modules/.bin/playwright", ["test"]],
];

const only = process.argv.slice(2);
const results: string[] = [];
const t0 = Date.now();
for (const [name, cmd, args] of steps) {
  if (only.length && !only.includes(name)) continue;
  const started = Date.now();
  console.log(`\n=== ${name} ===`);
  const r = spawnSync(cmd, args, { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  results.push(`${name}: ${r.status === 0 ? "ok" : "FAILED"} (${secs} s)`);
  if (r.status !== 0) {
    console.error(`\n${results.join("\n")}\nnpm test failed at ${name}`);
    process.exit(r.status ?? 1);
  }
}
console.log(`\n${results.join("\n")}\nall checks passed in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
