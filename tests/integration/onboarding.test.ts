/**
 * The whole path of a real district (issue 11), on an EMPTY throw-away database, as a new
 * office would walk it: `npm run platform:admin` → `npm run tenant:create` → the first
 * sign-in must choose a new password, then set up 两步验证 before a token is issued → units,
 * rosters, volunteers, stations and a year of
 * activities imported from five files → GET /api/v1/metrics answers the district's own
 * figures. The demo districts, seeded afterwards into the same database, stay untouched
 * by the new district's work and invisible to it.
 */
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { TEMPLATES, type ImportKind } from "@/lib/imports/templates";
import { migrateDeploy } from "@/lib/server/database/migrate";
import { seedDemo } from "@/prisma/seed";
import { openPrisma } from "@/scripts/lib/prisma";
import { routeCtx } from "../support/fixtures";
import { lastLine, runScript as runScriptOn } from "../support/cli";
import { adminSql as admin, databaseUrl, scratchDatabase } from "../support/scratch-db";
import { enrol, nextCode } from "../support/mfa";

const scratch = scratchDatabase("qm_onboard");
const { name: dbName, url } = scratch;
const meta = { ip: "127.0.0.1", userAgent: "vitest-onboarding" };

// Every module below that talks to the database reads DATABASE_URL lazily on first use:
// point this file's process at the empty database before any of them runs, and put the
// shared one back afterwards.
const holder = globalThis as unknown as { __qingmiaoPrisma?: PrismaClient };
const sharedUrl = process.env.DATABASE_URL;
let lib: {
  db: typeof import("@/lib/server/db").db;
  signIn: typeof import("@/lib/server/auth/sign-in").signIn;
  resolveSession: typeof import("@/lib/server/auth/session").resolveSession;
  startSession: typeof import("@/lib/server/auth/session").startSession;
  chooseOwnPassword: typeof import("@/lib/server/auth/first-password").chooseOwnPassword;
  issueToken: typeof import("@/lib/server/auth/token-issue").issueToken;
  importPost: typeof import("@/app/api/v1/imports/[kind]/route").POST;
  metricsGet: typeof import("@/app/api/v1/metrics/route").GET;
  orgUnitsGet: typeof import("@/app/api/v1/org-units/route").GET;
};

/** The CLI, against the empty database unless told otherwise. */
const runScript = (script: string, args: string[], databaseUrl = url) => runScriptOn(script, args, databaseUrl);


beforeAll(async () => {
  await scratch.create();
  await holder.__qingmiaoPrisma?.$disconnect();
  holder.__qingmiaoPrisma = undefined;
  process.env.DATABASE_URL = url;
  lib = {
    db: (await import("@/lib/server/db")).db,
    signIn: (await import("@/lib/server/auth/sign-in")).signIn,
    resolveSession: (await import("@/lib/server/auth/session")).resolveSession,
    startSession: (await import("@/lib/server/auth/session")).startSession,
    chooseOwnPassword: (await import("@/lib/server/auth/first-password")).chooseOwnPassword,
    issueToken: (await import("@/lib/server/auth/token-issue")).issueToken,
    importPost: (await import("@/app/api/v1/imports/[kind]/route")).POST,
    metricsGet: (await import("@/app/api/v1/metrics/route")).GET,
    orgUnitsGet: (await import("@/app/api/v1/org-units/route")).GET,
  };
});

afterAll(async () => {
  await holder.__qingmiaoPrisma?.$disconnect();
  holder.__qingmiaoPrisma = undefined;
  process.env.DATABASE_URL = sharedUrl;
  await scratch.drop();
});

/** A district of 2 towns, 2 villages each and a school: codes as IMPORT.md gives them. */
const D = "320899";
const TOWNS = [`${D}001`, `${D}002`];
const VILLAGES = TOWNS.flatMap((t) => [`${t}001`, `${t}002`]);
const SCHOOL = `${D}901`;
const ALL_UNITS = [...TOWNS, ...VILLAGES, SCHOOL];

async function xlsx(kind: ImportKind, rows: (string | number | null)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(TEMPLATES[kind].title);
  ws.addRow([`2019年新区${TEMPLATES[kind].title}`]); // a title row above the header, as offices write
  ws.addRow(TEMPLATES[kind].columns.map((c) => (c.required ? `${c.header}*` : c.header)));
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function importFile(token: string, kind: ImportKind, body: Buffer) {
  const u = new URL(`http://localhost:3000/api/v1/imports/${kind}`);
  u.searchParams.set("fileName", `${kind}.xlsx`);
  const req = new NextRequest(u, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/octet-stream" },
    body: new Uint8Array(body),
  });
  const res = await lib.importPost(req, routeCtx({ kind }));
  return { status: res.status, json: await res.json() };
}

async function metrics(token: string, year: number, orgUnit?: string) {
  const q = new URLSearchParams({ year: String(year), ...(orgUnit ? { orgUnit } : {}) });
  const req = new NextRequest(`http://localhost:3000/api/v1/metrics?${q}`, { headers: { authorization: `Bearer ${token}` } });
  const res = await lib.metricsGet(req, routeCtx({}));
  expect(res.status).toBe(200);
  return (await res.json()) as { orgUnit: { id: string; name: string }; metrics: Record<string, { value: number | null; numerator?: number; denominator?: number }> };
}

async function tokenOf(username: string): Promise<string> {
  const u = await lib.db().user.findUniqueOrThrow({ where: { username } });
  if (!u.tenantId) throw new Error(`${username} belongs to no district`);
  return (await lib.issueToken(lib.db(), { id: u.id, tenantId: u.tenantId }, { name: "onboarding", days: 1 })).token;
}

/** tenant:create, then the admin's first sign-in and own password; answers an API token. */
async function createDistrict(databaseUrl: string, adminName: string): Promise<string> {
  const t = await runScript("tenant-create.ts", ["--name", "新区", "--code", D, "--admin", adminName, "--display-name", "周主任"], databaseUrl);
  expect(t.code, t.stderr).toBe(0);
  const password = lastLine(t.stdout);
  expect(password).toMatch(/^\S{12,}$/);

  // The first sign-in works, but only to choose a new password: the API refuses until then.
  expect((await lib.signIn({ username: adminName, password }, meta)).ok).toBe(true);
  const u = await lib.db().user.findUniqueOrThrow({ where: { username: adminName } });
  const now = Math.floor(Date.now() / 1000);
  const claims = { sub: u.id, sid: await lib.startSession(u.id, meta), sv: u.sessionVersion, authTime: now, lastActive: now };
  expect((await lib.resolveSession(claims, meta)).kind).toBe("must_change");
  const early = await tokenOf(adminName);
  expect((await importFile(early, "units", await xlsx("units", []))).status).toBe(401);

  const { sessionVersion } = await lib.chooseOwnPassword(
    { userId: u.id, sessionId: claims.sid, username: adminName, displayName: u.displayName, role: u.role, ...meta },
    { password: "Xinqu-Onboard#2026", confirm: "Xinqu-Onboard#2026" },
  );

  // Then 两步验证, required of a real district's admin: until it is set up a token (however made)
  // is refused and the token CLI issues none; afterwards the CLI wants a current code.
  expect((await lib.resolveSession({ ...claims, sv: sessionVersion }, meta)).kind).toBe("mfa_enrol");
  const refused = await importFile(await tokenOf(adminName), "units", await xlsx("units", []));
  expect(refused.status).toBe(401);
  expect(refused.json.message).toBe("请先登录网页设置两步验证");
  let cli = await runScript("token.ts", ["--user", adminName, "--days", "1"], databaseUrl);
  expect(cli.code).toBe(1);
  expect(cli.stderr).toContain("请先登录网页设置两步验证");
  const { secret } = await enrol(u.id, claims.sid);
  expect((await lib.resolveSession({ ...claims, sv: sessionVersion }, meta)).kind).toBe("actor");
  cli = await runScript("token.ts", ["--user", adminName, "--days", "1", "--code", await nextCode(u.id, secret)], databaseUrl);
  expect(cli.code, cli.stderr).toBe(0);
  return lastLine(cli.stdout);
}

/** Points this file's db() at another database. */
async function useDatabase(databaseUrl: string | undefined) {
  await holder.__qingmiaoPrisma?.$disconnect();
  holder.__qingmiaoPrisma = undefined;
  process.env.DATABASE_URL = databaseUrl;
}

describe("from an empty database to a working district", () => {
  let token = "";

  it("the database starts empty: no district, no account", async () => {
    await migrateDeploy(url, { log: () => {} });
    expect(await lib.db().tenant.count()).toBe(0);
    expect(await lib.db().user.count()).toBe(0);
  });

  it("platform:admin, then tenant:create, each printing a one-time password last; the first sign-in must choose a new one", async () => {
    const p = await runScript("platform-admin.ts", ["--username", "ops.onboard"]);
    expect(p.code, p.stderr).toBe(0);
    expect(lastLine(p.stdout)).toMatch(/^\S{12,}$/);
    token = await createDistrict(url, "xinqu.admin");
  });

  it("imports the tree, rosters, volunteers, stations and a year of activities from five files", async () => {
    const units = await importFile(
      token,
      "units",
      await xlsx("units", [
        // Villages before their towns: the order of a real sheet is not the tree's.
        ...VILLAGES.map((c, i) => [`新区村${i + 1}`, "村社区", i % 2 ? "社区" : "村", c, c.slice(0, 9), "2010-03-01"]),
        ["新区镇一", "镇街", "镇", TOWNS[0], null, "2008年6月1日"],
        ["新区街道二", "镇街", "街道", TOWNS[1], null, "2008/06/01"],
        ["新区实验小学", "学校", "小学", SCHOOL, null, "2012.09.01"],
      ]),
    );
    expect(units).toMatchObject({ status: 200, json: { created: 7, errors: [] } });

    // Town rules: 主任 in office serving concurrently, 常务副主任 a retired cadre of 科级 rank.
    const rosterRows = TOWNS.flatMap((t, i) => [
      [t, `镇主任${i}`, "男", 1970, null, "中共党员", "镇党委书记", "科级及以上", "否", "主任", "是", "2018-01-01", null],
      [t, `镇常务${i}`, "男", 1955, null, "中共党员", "原镇人大主席", "科级及以上", "是", "常务副主任", "否", "2018-01-01", null],
    ]);
    const rosters = await importFile(token, "rosters", await xlsx("rosters", rosterRows));
    expect(rosters).toMatchObject({ status: 200, json: { created: 4, errors: [] } });

    const volunteerRows = VILLAGES.flatMap((v, i) =>
      ["老干部", "老教师", "老战士"].map((cat, j) => [v, `志愿者${i}-${j}`, j ? "女" : "男", 1950 + j, null, cat, "家庭教育", "2019-03-01", "2019-04-01", "在岗", "否"]),
    );
    const volunteers = await importFile(token, "volunteers", await xlsx("volunteers", volunteerRows));
    expect(volunteers).toMatchObject({ status: 200, json: { created: 12, errors: [] } });

    const stationRows = [...TOWNS, ...VILLAGES].map((u, i) => [`新区辅导站${i}`, u, i === 0 ? SCHOOL : null, null, "王老师", i % 2 ? "达标" : "有未达标", "2019-09-01"]);
    const stations = await importFile(token, "stations", await xlsx("stations", stationRows));
    expect(stations).toMatchObject({ status: 200, json: { created: 6, errors: [] } });

    // 2019: station 0 holds 24 activities (meets the rule), the others 10 each; 30 youth each time.
    const activityRows = stationRows.flatMap(([name, host], i) =>
      Array.from({ length: i === 0 ? 24 : 10 }, (_, k) => [host, name, `2019-${String((k % 12) + 1).padStart(2, "0")}-${String(1 + Math.floor(k / 12)).padStart(2, "0")}`, "故事会", `故事会第${k + 1}期`, 30, null]),
    );
    const activities = await importFile(token, "activities", await xlsx("activities", activityRows));
    expect(activities).toMatchObject({ status: 200, json: { created: 74, errors: [] } });
  });

  it("GET /api/v1/metrics answers the new district's own figures", async () => {
    const m = await metrics(token, 2019);
    expect(m.orgUnit.name).toBe("新区");
    expect(m.metrics.committeeCoverage).toMatchObject({ numerator: 7, denominator: 7, value: 1 });
    expect(m.metrics.townLeadershipCompliance).toMatchObject({ numerator: 2, denominator: 2, value: 1 });
    expect(m.metrics.volunteers.value).toBe(12);
    expect(m.metrics.activitySessions.value).toBe(74);
    expect(m.metrics.activityParticipants.value).toBe(74 * 30);
    expect(m.metrics.stationActivityCompliance).toMatchObject({ numerator: 1, denominator: 6 });
    expect(m.metrics.eReadingRoomCompliance).toMatchObject({ numerator: 3, denominator: 6, value: 0.5 });
  });

  it("sees only itself: its own unit at the top, no demo district in this database", async () => {
    expect(await lib.db().tenant.count({ where: { isDemo: true } })).toBe(0);
    const req = new NextRequest("http://localhost:3000/api/v1/org-units", { headers: { authorization: `Bearer ${token}` } });
    const body = (await (await lib.orgUnitsGet(req, routeCtx({}))).json()) as { items: { code: string }[] };
    expect(body.items.map((u) => u.code)).toEqual([D]);
    const units = await lib.db().orgUnit.findMany({ where: { tenant: { code: D } }, select: { code: true } });
    expect(units.map((u) => u.code).sort()).toEqual([D, ...ALL_UNITS].sort());
  });
});

describe("a district set up beside the demo (the default npm start)", () => {
  const demoDb = `${dbName}_demo`;
  const demoUrl = databaseUrl(demoDb);
  afterAll(async () => {
    await useDatabase(url);
    await admin(`DROP DATABASE IF EXISTS "${demoDb}" WITH (FORCE)`);
  });

  it("leaves the demo's figures as they were, and neither sees the other", async () => {
    await admin(`CREATE DATABASE "${demoDb}"`);
    await migrateDeploy(demoUrl, { log: () => {} });
    const prisma = openPrisma(demoUrl);
    try {
      await seedDemo(prisma);
    } finally {
      await prisma.$disconnect();
    }
    await useDatabase(demoUrl);
    const demoToken = await tokenOf("district.admin");
    const demoBefore = await metrics(demoToken, 2019);
    expect(demoBefore.metrics.fiveGoodRate).toMatchObject({ numerator: 81, denominator: 110 });

    const token = await createDistrict(demoUrl, "xinqu.beside");
    const imported = await importFile(
      token,
      "units",
      await xlsx("units", [
        ["新区镇一", "镇街", "镇", TOWNS[0], null, "2008-06-01"],
        ["新区村1", "村社区", "村", VILLAGES[0], TOWNS[0], "2010-03-01"],
      ]),
    );
    expect(imported).toMatchObject({ status: 200, json: { created: 2, errors: [] } });
    // A demo code in the new district's file is simply not a unit of its district.
    const foreign = await importFile(token, "volunteers", await xlsx("volunteers", [["320812001", "某人", "男", 1950, null, "老干部", null, "2019-03-01", null, null, null]]));
    expect(foreign.status).toBe(400);
    expect(foreign.json.errors[0]).toMatchObject({ row: 3, column: "所属单位代码" });

    expect(await metrics(demoToken, 2019)).toEqual(demoBefore);
    const mine = await metrics(token, 2019);
    expect(mine.orgUnit.name).toBe("新区");
    expect(mine.metrics.committeeCoverage).toMatchObject({ numerator: 2, denominator: 2 });
    const req = new NextRequest(`http://localhost:3000/api/v1/metrics?year=2019&orgUnit=${demoBefore.orgUnit.id}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect((await lib.metricsGet(req, routeCtx({}))).status).toBe(404);
  });
});
