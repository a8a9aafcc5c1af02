/**
 * tsx scripts/bench-import.ts [--volunteers 10000] [--activities 50000] [--port 3211] [--keep]
 *
 * Excel import at district scale, against the real server: a throw-away database
 * `qingmiao_bench_import` on the embedded cluster, `npm start` on it (builds first if the
 * sources changed; seeds the demo), a token for district.admin, then through the HTTP API:
 * a stations file (126 stations, so activities have somewhere to go), a 10,000-row
 * volunteer file and a 50,000-row activity file, each as dry run → import → the same
 * file again (all unchanged). While each request runs, the next-server process's memory
 * is sampled from /proc (VmRSS every 50 ms; VmHWM after resetting it through clear_refs).
 * One JSON line per step: {"name", "rows", "seconds", "peakRssMb", "rssIncreaseMb", "created", "updated", "unchanged", "errors"}.
 * Targets (issue 11): volunteers ≤ 20 s and activities ≤ 60 s for dry run + import, peak RSS ≤ +300 MB.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import { parseArgs } from "node:util";
import ExcelJS from "exceljs";
import pg from "pg";
import { acquireEmbedded } from "../lib/server/database/embedded";
import { TEMPLATES, type ImportKind } from "../lib/imports/templates";

const { values } = parseArgs({
  options: {
    volunteers: { type: "string", default: "10000" },
    activities: { type: "string", default: "50000" },
    port: { type: "string", default: "3211" },
    keep: { type: "boolean", default: false },
  },
});
const DB = "qingmiao_bench_import";
const log = (m: string) => console.error(`[bench] ${m}`);
const base = `http://127.0.0.1:${values.port}`;
const env = { ...process.env, DATABASE_URL: "", EMBEDDED_DB_NAME: DB, PORT: values.port, SEED_DEMO: "1" };

const cluster = await acquireEmbedded({ database: "postgres", log: () => {} });
const admin = new pg.Client({ connectionString: cluster.url });
await admin.connect();
await admin.query(`DROP DATABASE IF EXISTS "${DB}" WITH (FORCE)`);

let server: ChildProcess | null = null;
function stopServer() {
  if (server?.pid) {
    try {
      process.kill(-server.pid, "SIGTERM");
    } catch {
      /* already gone */
    }
    server = null;
  }
}
process.on("exit", stopServer);

/** The next-server process among the descendants of `npm start` (it names itself "next-server"). */
function nextServerPid(root: number): number {
  const children = (pid: number): number[] => {
    try {
      return fs
        .readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8")
        .trim()
        .split(/\s+/)
        .filter(Boolean)
        .map(Number);
    } catch {
      return [];
    }
  };
  const all: number[] = [];
  const walk = (pid: number) => children(pid).forEach((c) => (all.push(c), walk(c)));
  walk(root);
  const named = all.find((pid) => {
    try {
      return fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("next-server") || fs.readFileSync(`/proc/${pid}/comm`, "utf8").startsWith("next-server");
    } catch {
      return false;
    }
  });
  if (!named) throw new Error("could not find the next-server process");
  return named;
}

const kb = (pid: number, field: "VmRSS" | "VmHWM") => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0);

async function xlsx(kind: ImportKind, rows: (string | number)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(TEMPLATES[kind].title);
  ws.addRow(TEMPLATES[kind].columns.map((c) => c.header));
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function timed(name: string, pid: number, kind: ImportKind, file: Buffer, token: string, dryRun: boolean) {
  // Reset the high-water mark so VmHWM is this request's peak (root may; else sampling alone).
  try {
    fs.writeFileSync(`/proc/${pid}/clear_refs`, "5");
  } catch {
    /* not permitted: the 50 ms samples still catch the peak */
  }
  const before = kb(pid, "VmRSS");
  let peak = before;
  const sampler = setInterval(() => {
    peak = Math.max(peak, kb(pid, "VmRSS"));
  }, 50);
  const t0 = performance.now();
  const res = await fetch(`${base}/api/v1/imports/${kind}?fileName=${kind}.xlsx${dryRun ? "&dryRun=1" : ""}`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/octet-stream" },
    body: new Uint8Array(file),
  });
  const json = (await res.json()) as { rows: number; created: number; updated: number; unchanged: number; errors: unknown[] };
  const seconds = (performance.now() - t0) / 1000;
  clearInterval(sampler);
  peak = Math.max(peak, kb(pid, "VmHWM"), kb(pid, "VmRSS"));
  if (res.status !== 200) throw new Error(`${name}: HTTP ${res.status} ${JSON.stringify(json).slice(0, 500)}`);
  const line = {
    name,
    rows: json.rows,
    seconds: Math.round(seconds * 100) / 100,
    peakRssMb: Math.round(peak / 1024),
    rssIncreaseMb: Math.round((peak - before) / 1024),
    created: json.created,
    updated: json.updated,
    unchanged: json.unchanged,
    errors: json.errors.length,
  };
  console.log(JSON.stringify(line));
  return line;
}

let exitCode = 0;
try {
  log(`starting npm start on port ${values.port} with database ${DB} (builds first if the sources changed)…`);
  server = spawn("npm", ["start"], { env, stdio: ["ignore", "pipe", "inherit"], detached: true });
  server.stdout!.on("data", () => {});
  let exited: number | null = null;
  server.on("exit", (code) => (exited = code ?? 1));
  const deadline = Date.now() + 900_000;
  for (;;) {
    // A failed build ends `npm start`: stop waiting (and holding the build lock) at once.
    if (exited !== null) throw new Error(`npm start exited (${exited}) before the server came up`);
    try {
      if ((await fetch(`${base}/login`)).ok) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) throw new Error("the server did not come up within 15 minutes");
    await new Promise((r) => setTimeout(r, 1000));
  }
  const pid = nextServerPid(server.pid!);
  const tok = spawnSync("npm", ["run", "--silent", "token", "--", "--user", "district.admin", "--days", "1"], { encoding: "utf8", env });
  if (tok.status !== 0) throw new Error(`npm run token failed: ${tok.stderr}`);
  const token = tok.stdout.trim().split("\n").pop()!.trim();

  // The district's villages, from the database the server uses (codes are what files carry).
  const sql = new pg.Client({ connectionString: cluster.url.replace(/\/postgres(\?|$)/, `/${DB}$1`) });
  await sql.connect();
  const { rows: villages } = await sql.query<{ code: string }>(
    `SELECT u.code FROM "OrgUnit" u JOIN "Tenant" t ON t.id = u."tenantId" WHERE t.code = '320812' AND u.level = 'VILLAGE' AND u.active ORDER BY u.code`,
  );
  await sql.end();
  log(`${villages.length} villages; warming up`);
  // Compile the route before measuring (first request of a path loads its chunks).
  await fetch(`${base}/api/v1/imports/volunteers?dryRun=1&fileName=w.xlsx`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}` },
    body: new Uint8Array(await xlsx("volunteers", [])),
  });

  // 126 stations, one or two per village.
  const stations = Array.from({ length: 126 }, (_, i) => ({ host: villages[i % villages.length].code, name: `压测辅导站${i + 1}` }));
  const stationFile = await xlsx(
    "stations",
    stations.map((s, i) => [s.name, s.host, "", `第 ${i + 1} 号楼`, "张老师、李老师", ["无", "有未达标", "达标"][i % 3], i % 3 === 2 ? "2024-09-01" : ""]),
  );
  await timed("stations import (126 rows)", pid, "stations", stationFile, token, false);

  const SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹".split("");
  const GIVEN = "建秀国明志文德玉金永春海学宝长立兰桂庆福华英军平强芳民林荣生".split("");
  const CATEGORIES = ["老干部", "老战士", "老专家", "老教师", "老模范"];
  const nVol = Number(values.volunteers);
  const volunteerRows = Array.from({ length: nVol }, (_, i) => {
    const k = Math.floor(i / villages.length);
    const name = `${SURNAMES[k % 30]}${GIVEN[Math.floor(k / 30) % 30]}${GIVEN[(k * 7 + 3) % 30]}`;
    const year = 1940 + (i % 26);
    return [villages[i % villages.length].code, name, i % 3 ? "男" : "女", year, `139${String(i).padStart(8, "0")}`, CATEGORIES[i % 5], i % 4 ? "宣讲、书法" : "", `20${String(15 + (i % 9)).padStart(2, "0")}-03-01`, i % 10 ? "2024-05-01" : "", i % 20 ? "在岗" : "暂停", i % 2 ? "是" : "否"];
  });
  const volunteerFile = await xlsx("volunteers", volunteerRows);
  log(`volunteer file: ${nVol} rows, ${(volunteerFile.length / 1024 / 1024).toFixed(1)} MB`);
  const vd = await timed(`volunteers dry run (${nVol} rows)`, pid, "volunteers", volunteerFile, token, true);
  const vi = await timed(`volunteers import (${nVol} rows)`, pid, "volunteers", volunteerFile, token, false);
  await timed(`volunteers same file again (${nVol} rows)`, pid, "volunteers", volunteerFile, token, false);

  const KINDS = ["报告会", "故事会", "宣讲会", "暑期活动", "其他"];
  const nAct = Number(values.activities);
  const start = Date.UTC(2025, 0, 1);
  const activityRows = Array.from({ length: nAct }, (_, i) => {
    const s = stations[i % stations.length];
    const day = new Date(start + (Math.floor(i / stations.length) % 330) * 86_400_000).toISOString().slice(0, 10);
    return [s.host, s.name, day, KINDS[i % 5], `第 ${i + 1} 次活动`, 10 + (i % 90), i % 7 ? "" : "雨天改在室内"];
  });
  const activityFile = await xlsx("activities", activityRows);
  log(`activity file: ${nAct} rows, ${(activityFile.length / 1024 / 1024).toFixed(1)} MB`);
  const ad = await timed(`activities dry run (${nAct} rows)`, pid, "activities", activityFile, token, true);
  const ai = await timed(`activities import (${nAct} rows)`, pid, "activities", activityFile, token, false);
  await timed(`activities same file again (${nAct} rows)`, pid, "activities", activityFile, token, false);

  const total = (a: { seconds: number }, b: { seconds: number }) => Math.round((a.seconds + b.seconds) * 100) / 100;
  console.log(JSON.stringify({ name: "volunteers dry run + import", seconds: total(vd, vi), target_s: 20, peakRssIncreaseMb: Math.max(vd.rssIncreaseMb, vi.rssIncreaseMb), target_mb: 300 }));
  console.log(JSON.stringify({ name: "activities dry run + import", seconds: total(ad, ai), target_s: 60, peakRssIncreaseMb: Math.max(ad.rssIncreaseMb, ai.rssIncreaseMb), target_mb: 300 }));
} catch (e) {
  console.error(e);
  exitCode = 1;
} finally {
  stopServer();
  // Give next-server and start.ts time to let go of the database before dropping it.
  await new Promise((r) => setTimeout(r, 3000));
  if (!values.keep) await admin.query(`DROP DATABASE IF EXISTS "${DB}" WITH (FORCE)`).catch(() => {});
  await admin.end();
  await cluster.release();
}
process.exit(exitCode);
