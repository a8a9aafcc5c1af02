/**
 * npm test: every check a change must pass, in order of speed — typecheck, lint,
 * unit, integration (real PostgreSQL), e2e (Playwright in Debian's Chromium against
 * the real server). Stops at the first failure; ends with one "N passed, N failed" line.
 * `npm test -- unit integration` runs only the named steps.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const reports = fs.mkdtempSync(path.join(os.tmpdir(), "qingmiao-test-"));
const report = (name: string) => path.join(reports, `${name}.json`);

interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}

/** Test counts from a vitest or Playwright JSON report (none for typecheck and lint). */
function countsOf(name: string): Counts | null {
  if (!fs.existsSync(report(name))) return null;
  const r = JSON.parse(fs.readFileSync(report(name), "utf8"));
  if (r.stats) return { passed: r.stats.expected ?? 0, failed: (r.stats.unexpected ?? 0) + (r.stats.flaky ?? 0), skipped: r.stats.skipped ?? 0 };
  return { passed: r.numPassedTests ?? 0, failed: r.numFailedTests ?? 0, skipped: (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0) };
}

const vitest = (project: string): [string, string[], Record<string, string>] => [
  "node_modules/.bin/vitest",
  ["run", "--project", project, "--reporter=default", "--reporter=json", `--outputFile.json=${report(project)}`],
  {},
];
const steps: [string, ...[string, string[], Record<string, string>]][] = [
  ["typecheck", "node_modules/.bin/tsc", ["--noEmit"], {}],
  ["lint", "node_modules/.bin/eslint", [".", "--max-warnings=0"], {}],
  ["unit", ...vitest("unit")],
  ["integration", ...vitest("integration")],
  ["e2e", "node_modules/.bin/playwright", ["test", "--reporter=list,json"], { PLAYWRIGHT_JSON_OUTPUT_FILE: report("e2e") }],
];

const only = process.argv.slice(2);
const lines: string[] = [];
const total: Counts = { passed: 0, failed: 0, skipped: 0 };
const t0 = Date.now();
let failedStep: string | null = null;
for (const [name, cmd, args, env] of steps) {
  if (only.length && !only.includes(name)) continue;
  const started = Date.now();
  console.log(`\n=== ${name} ===`);
  const r = spawnSync(cmd, args, { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...env } });
  const c = countsOf(name);
  if (c) {
    total.passed += c.passed;
    total.failed += c.failed;
    total.skipped += c.skipped;
  }
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  lines.push(`${name}: ${r.status === 0 ? "ok" : "FAILED"}${c ? `, ${c.passed} passed, ${c.failed} failed` : ""} (${secs} s)`);
  if (r.status !== 0) {
    failedStep = name;
    break;
  }
}
fs.rmSync(reports, { recursive: true, force: true });
console.log(`\n${lines.join("\n")}`);
console.log(failedStep ? `npm test failed at ${failedStep}` : `all checks passed in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
console.log(`${total.passed} passed, ${total.failed} failed${total.skipped ? `, ${total.skipped} skipped` : ""}`);
process.exit(failedStep ? 1 : 0);
