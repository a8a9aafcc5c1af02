/**
 * tsx scripts/bench-metrics.ts [--clients 20] [--seconds 20] [--url http://localhost:3000]
 *
 * Latency of what leaders look at, under load, against the real server: starts
 * `npm start` on a spare port (unless --url points at a running one), signs in as the
 * demo leader (a session cookie for the dashboard page, a personal token for the API),
 * then for each target runs N concurrent clients for S seconds and prints one JSON
 * line: {"name", "clients", "seconds", "requests", "errors", "rps", "p50_ms", "p95_ms", "p99_ms", "max_ms"}.
 * Aim (issue 7): p95 under 150 ms for the district's /api/v1/metrics on a 2-core machine.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { parseArgs } from "node:util";
import { demoPassword } from "../prisma/seed";

const { values } = parseArgs({
  options: {
    clients: { type: "string", default: "20" },
    seconds: { type: "string", default: "20" },
    url: { type: "string" },
    port: { type: "string", default: "3210" },
  },
});
const CLIENTS = Number(values.clients);
const SECONDS = Number(values.seconds);
const log = (m: string) => console.error(`[bench] ${m}`);

let server: ChildProcess | null = null;
let base = values.url ?? "";
if (!base) {
  base = `http://127.0.0.1:${values.port}`;
  log(`starting npm start on port ${values.port} (builds first if the sources changed)…`);
  server = spawn("npm", ["start"], { env: { ...process.env, PORT: values.port }, stdio: ["ignore", "pipe", "inherit"], detached: true });
  server.stdout!.on("data", () => {});
  const deadline = Date.now() + 600_000;
  for (;;) {
    try {
      if ((await fetch(`${base}/login`)).ok) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) throw new Error("the server did not come up within 10 minutes");
    await new Promise((r) => setTimeout(r, 1000));
  }
}

function stopServer() {
  if (server?.pid) {
    try {
      process.kill(-server.pid, "SIGTERM");
    } catch {
      /* already gone */
    }
  }
}
process.on("exit", stopServer);

/** A session cookie through next-auth's own credentials flow, as a browser gets one. */
async function sessionCookie(username: string): Promise<string> {
  const csrfRes = await fetch(`${base}/api/auth/csrf`);
  const jar = new Map<string, string>();
  const keep = (res: Response) => {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const i = pair.indexOf("=");
      jar.set(pair.slice(0, i), pair.slice(i + 1));
    }
  };
  keep(csrfRes);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookie() },
    body: new URLSearchParams({ csrfToken, username, password: demoPassword(), json: "true" }),
  });
  keep(res);
  if (![...jar.keys()].some((k) => k.includes("session-token"))) throw new Error(`could not sign in as ${username} (${res.status})`);
  return cookie();
}

/** A personal access token from the shell, as API.md describes. */
function apiToken(username: string): string {
  const r = spawnSync("npm", ["run", "--silent", "token", "--", "--user", username, "--days", "1"], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`npm run token failed: ${r.stderr}`);
  return r.stdout.trim().split("\n").pop()!.trim();
}

async function load(name: string, url: string, headers: Record<string, string>) {
  // Warm-up: compile paths, fill caches and connection pools.
  for (let i = 0; i < 5; i++) await (await fetch(url, { headers })).arrayBuffer();
  const times: number[] = [];
  let errors = 0;
  const end = performance.now() + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (performance.now() < end) {
        const t0 = performance.now();
        try {
          const res = await fetch(url, { headers, redirect: "manual" });
          await res.arrayBuffer();
          if (res.status !== 200) errors++;
        } catch {
          errors++;
        }
        times.push(performance.now() - t0);
      }
    }),
  );
  times.sort((a, b) => a - b);
  const q = (p: number) => Math.round(times[Math.min(times.length - 1, Math.floor(p * times.length))] * 10) / 10;
  console.log(
    JSON.stringify({
      name,
      clients: CLIENTS,
      seconds: SECONDS,
      requests: times.length,
      errors,
      rps: Math.round(times.length / SECONDS),
      p50_ms: q(0.5),
      p95_ms: q(0.95),
      p99_ms: q(0.99),
      max_ms: Math.round(times[times.length - 1]),
    }),
  );
}

try {
  const token = apiToken("leader");
  const cookie = await sessionCookie("leader");
  const me = (await (await fetch(`${base}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } })).json()) as { orgUnit: { id: string } };
  const district = me.orgUnit.id;
  log(`${CLIENTS} clients × ${SECONDS} s per target against ${base}`);
  await load("GET /api/v1/metrics (district, 2019)", `${base}/api/v1/metrics?orgUnit=${district}&year=2019`, { authorization: `Bearer ${token}` });
  await load("GET /dashboard?year=2019 (leader, page HTML)", `${base}/dashboard?year=2019`, { cookie });
} finally {
  stopServer();
}
process.exit(0);
