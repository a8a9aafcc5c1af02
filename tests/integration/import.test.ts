/**
 * POST /api/v1/imports/<kind> for the five kinds, through the route handlers: a dry run
 * reports and writes nothing, applying creates everything in one go, the same file again
 * is all unchanged and writes nothing (no audit entry), and a file with bad rows is
 * refused whole with each error at its own sheet row and column. Scope: a town admin's
 * row with another town's code is that row's error. Every test works in a district of its
 * own (tests/support/own-district.ts), so the demo keeps exactly what the seed gave it.
 */
import { randomBytes } from "node:crypto";
import ExcelJS from "exceljs";
import iconv from "iconv-lite";
import { beforeAll, describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { POST } from "@/app/api/v1/imports/[kind]/route";
import { POST as POST_ERRORS } from "@/app/api/v1/imports/[kind]/errors/route";
import { GET as GET_EXPORT } from "@/app/api/v1/exports/[kind]/route";
import { POST as POST_USERS } from "@/app/api/v1/imports/users/route";
import { verifyPassword } from "@/lib/server/auth/password";
import { TEMPLATES, type ImportKind } from "@/lib/imports/templates";
import { db } from "@/lib/server/db";
import { todayInBeijing } from "@/lib/schemas/dates";
import { apiGet, jsonText, routeCtx, tokenFor } from "../support/fixtures";
import { ownDistrict } from "../support/own-district";

let units: Awaited<ReturnType<typeof ownDistrict>>;
let adminName: string;
let district: string;
let town: string;
const v1 = () => `${town}001`;
const v2 = () => `${town}002`;
const school = () => `${town}901`;
const tag = randomBytes(3).toString("hex");

/** A sheet of the template: title row, header row (the template's headers), then the rows. */
async function xlsx(kind: ImportKind, rows: (string | number | Date | null)[][], opts: { title?: boolean } = {}): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(TEMPLATES[kind].title);
  if (opts.title !== false) ws.addRow([`${TEMPLATES[kind].title}（测试）`]);
  ws.addRow(TEMPLATES[kind].columns.map((c) => (c.required ? `${c.header}*` : c.header)));
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function csvGbk(kind: ImportKind, rows: string[][]): Buffer {
  const text = [TEMPLATES[kind].columns.map((c) => c.header), ...rows].map((r) => r.join(",")).join("\r\n");
  return iconv.encode(text, "gbk");
}

function request(path: string, token: string, body: Buffer, fileName: string): NextRequest {
  const url = new URL(path, "http://localhost:3000");
  url.searchParams.set("fileName", fileName);
  return new NextRequest(url, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/octet-stream", "user-agent": "vitest" },
    body: new Uint8Array(body),
  });
}

async function post(kind: string, token: string, body: Buffer, opts: { dryRun?: boolean; fileName?: string } = {}) {
  const res = await POST(request(`/api/v1/imports/${kind}${opts.dryRun ? "?dryRun=1" : ""}`, token, body, opts.fileName ?? `${kind}.xlsx`), routeCtx({ kind }));
  return { status: res.status, json: await res.json() };
}

const importAudits = (kind: string) => db().auditLog.count({ where: { action: `import.${kind}` } });

let admin: string;
beforeAll(async () => {
  units = await ownDistrict("导入测试区");
  district = units.district.code;
  // A town code nobody uses yet in this run's database.
  const used = new Set((await db().orgUnit.findMany({ where: { tenantId: units.district.tenantId, code: { startsWith: district } }, select: { code: true } })).map((u) => u.code));
  let n = 800 + Math.floor(Math.random() * 150);
  while (used.has(`${district}${n}`)) n++;
  town = `${district}${n}`;
  adminName = await units.user("DISTRICT_ADMIN", units.district.id);
  admin = (await tokenFor(adminName)).token;
});

describe("units", () => {
  // Villages first, their town last: parents may come later in the file.
  const rows = () => [
    [`测试村一${tag}`, "村社区", "村", v1(), town, "2019-10-12"],
    [`测试社区二${tag}`, "村社区", "社区", v2(), town, null],
    [`测试镇${tag}`, "镇街", "镇", town, null, new Date(Date.UTC(2008, 5, 1))],
    [`测试小学${tag}`, "学校", "小学", school(), town, "2015年9月1日"],
  ];
  const ours = () => db().orgUnit.findMany({ where: { code: { in: [town, v1(), v2(), school()] } }, orderBy: { code: "asc" } });

  it("a dry run reports four new units and writes nothing", async () => {
    const before = await importAudits("units");
    const { status, json } = await post("units", admin, await xlsx("units", rows()), { dryRun: true });
    expect(status).toBe(200);
    expect(json).toEqual({ kind: "units", rows: 4, created: 4, updated: 0, unchanged: 0, errors: [] });
    expect(await ours()).toHaveLength(0);
    expect(await importAudits("units")).toBe(before);
  });

  it("a file with two bad rows is refused whole, each error at its row and column", async () => {
    const bad = [...rows(), ["错层村", "村社区", "小学", `${town}003`, town, null], ["错码村", "村社区", "村", "320899001004", town, null]];
    const { status, json } = await post("units", admin, await xlsx("units", bad));
    expect(status).toBe(400);
    expect(json.error).toBe("invalid");
    expect(json.rows).toBe(6);
    expect(json.errors).toEqual([
      { row: 7, column: "单位类型", message: expect.stringContaining("村（社区）的类型应为") },
      { row: 8, column: "单位代码", message: expect.stringContaining(`所属镇（街道）代码 ${town}`) },
    ]);
    expect(await ours()).toHaveLength(0);
  });

  it("applies: the town, its villages and school with paths from the district; one audit entry", async () => {
    const before = await importAudits("units");
    const { status, json } = await post("units", admin, await xlsx("units", rows()));
    expect(status).toBe(200);
    expect(json).toMatchObject({ created: 4, updated: 0, unchanged: 0, errors: [] });
    const [t, a, b, s] = await ours();
    expect(t).toMatchObject({ level: "TOWN", kind: "镇", parentId: units.district.id, depth: 1, path: [units.district.id, t.id] });
    expect(a).toMatchObject({ level: "VILLAGE", parentId: t.id, depth: 2, path: [units.district.id, t.id, a.id] });
    expect(a.committeeEstablishedOn?.toISOString().slice(0, 10)).toBe("2019-10-12");
    expect(b).toMatchObject({ kind: "社区", committeeEstablishedOn: null, parentId: t.id });
    expect(s).toMatchObject({ level: "SCHOOL", parentId: t.id });
    expect(s.committeeEstablishedOn?.toISOString().slice(0, 10)).toBe("2015-09-01");
    expect(await importAudits("units")).toBe(before + 1);
    const audit = await db().auditLog.findFirstOrThrow({ where: { action: "import.units" }, orderBy: { id: "desc" } });
    expect(audit).toMatchObject({ entity: "Import", actorName: adminName });
    expect(audit.after).toMatchObject({ fileName: "units.xlsx", rows: 4, created: 4, updated: 0, unchanged: 0, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
  });

  it("the same file again is all unchanged and writes nothing", async () => {
    const before = await importAudits("units");
    const stamp = (await ours()).map((u) => u.updatedAt.getTime());
    const { status, json } = await post("units", admin, await xlsx("units", rows()));
    expect(status).toBe(200);
    expect(json).toMatchObject({ created: 0, updated: 0, unchanged: 4 });
    expect(await importAudits("units")).toBe(before);
    expect((await ours()).map((u) => u.updatedAt.getTime())).toEqual(stamp);
  });

  it("renames update; a different parent is refused (moves belong on the org page)", async () => {
    const changed = rows();
    changed[1][0] = `改名社区${tag}`;
    let r = await post("units", admin, await xlsx("units", changed));
    expect(r.json).toMatchObject({ created: 0, updated: 1, unchanged: 3 });
    expect((await db().orgUnit.findFirstOrThrow({ where: { code: v2() } })).name).toBe(`改名社区${tag}`);
    changed[3][4] = null; // the school "moves" to the district
    r = await post("units", admin, await xlsx("units", changed), { dryRun: true });
    expect(r.json.errors).toEqual([{ row: 6, column: "上级单位代码", message: expect.stringContaining("组织架构页面") }]);
  });

  it("a town admin cannot add towns, nor touch another town's units", async () => {
    const townUnit = await db().orgUnit.findFirstOrThrow({ where: { code: town } });
    const token = (await tokenFor(await units.user("TOWN_ADMIN", townUnit.id))).token;
    const { json } = await post(
      "units",
      token,
      await xlsx("units", [
        ["新村", "村社区", "村", `${town}005`, town, null],
        ["别镇村", "村社区", "村", `${units.siblingTown.code}099`, units.siblingTown.code, null],
        ["新镇", "镇街", "镇", `${district}799`, null, null],
      ]),
      { dryRun: true },
    );
    expect(json.created).toBe(1);
    expect(json.errors.map((e: { row: number; column: string }) => [e.row, e.column])).toEqual([
      [4, "上级单位代码"],
      [5, "单位层级"],
      [5, "上级单位代码"],
    ]);
    expect(json.errors[0].message).toBe(`单位代码 ${units.siblingTown.code} 不在您的管辖范围内`);
  });
});

describe("rosters (GBK CSV)", () => {
  const rows = () => [
    [v1(), `王主任${tag}`, "男", "1956", "13800000001", "中共党员", "村支书", "科级以下", "是", "主任", "否", "2019-01-01", ""],
    [v1(), `李常务${tag}`, "女", "1960", "", "群众", "", "", "是", "常务副主任", "否", "2019/3/1", ""],
    [v1(), `张委员${tag}`, "男", "1950", "", "", "", "", "否", "成员", "是", "2015.1.1", "2018年12月31日"],
  ];
  const positions = () => db().rosterPosition.findMany({ where: { orgUnit: { code: v1() } }, include: { person: true }, orderBy: { startedOn: "asc" } });

  it("dry run, apply, same file again", async () => {
    const file = csvGbk("rosters", rows());
    let r = await post("rosters", admin, file, { dryRun: true, fileName: "班子成员.csv" });
    expect(r.json).toEqual({ kind: "rosters", rows: 3, created: 3, updated: 0, unchanged: 0, errors: [] });
    expect(await positions()).toHaveLength(0);

    r = await post("rosters", admin, file, { fileName: "班子成员.csv" });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ created: 3, updated: 0, unchanged: 0 });
    const [member, director, deputy] = await positions();
    expect(director).toMatchObject({ role: "DIRECTOR", currentSlot: "DIRECTOR", endedOn: null, concurrent: false });
    expect(director.person).toMatchObject({ name: `王主任${tag}`, gender: "MALE", birthYear: 1956, phone: "13800000001", cadreRank: "BELOW_SECTION", retired: true });
    expect(deputy).toMatchObject({ role: "EXEC_DEPUTY", currentSlot: "EXEC_DEPUTY" });
    expect(member).toMatchObject({ role: "MEMBER", currentSlot: null, concurrent: true });
    expect(member.endedOn?.toISOString().slice(0, 10)).toBe("2018-12-31");

    const before = await importAudits("rosters");
    r = await post("rosters", admin, file, { fileName: "班子成员.csv" });
    expect(r.json).toMatchObject({ created: 0, updated: 0, unchanged: 3 });
    expect(await importAudits("rosters")).toBe(before);
  });

  it("a second current 主任 is refused at its row; ending the first in the same file makes room", async () => {
    const second = [v1(), `赵新主任${tag}`, "男", "1958", "", "", "", "", "", "主任", "", "2024-01-01", ""];
    let r = await post("rosters", admin, csvGbk("rosters", [...rows(), second]), { fileName: "r.csv" });
    expect(r.status).toBe(400);
    expect(r.json.errors).toEqual([{ row: 5, column: "班子职务", message: expect.stringContaining(`与第 2 行的王主任${tag}同为现任主任`) }]);
    const ended = rows();
    ended[0][12] = "2023-12-31";
    r = await post("rosters", admin, csvGbk("rosters", [...ended, second]), { fileName: "r.csv" });
    expect(r.json).toMatchObject({ created: 1, updated: 1, unchanged: 2 });
    const current = await db().rosterPosition.findMany({ where: { orgUnit: { code: v1() }, currentSlot: "DIRECTOR" }, include: { person: true } });
    expect(current.map((p) => p.person.name)).toEqual([`赵新主任${tag}`]);
  });
});

describe("volunteers", () => {
  const rows = (): (string | number | null)[][] => [
    [v1(), `钱老师${tag}`, "女", 1950, "13900000002", "老教师", "书法、家庭教育", "2019-03-01", "2019-04-15", "", ""],
    [v2(), `孙老兵${tag}`, "男", "1940", "", "老战士", "", "2020-05-01", "", "暂停", "是"],
    [v1(), `王主任${tag}`, "男", 1956, "13800000001", "老干部", "", "2021-01-01", "", "", ""],
  ];
  const ours = () => db().volunteer.findMany({ where: { person: { name: { endsWith: tag } }, orgUnit: { code: { startsWith: town } } }, include: { person: true }, orderBy: { joinedOn: "asc" } });

  it("dry run, apply (reusing the roster's person), same file again", async () => {
    const file = await xlsx("volunteers", rows());
    let r = await post("volunteers", admin, file, { dryRun: true });
    expect(r.json).toEqual({ kind: "volunteers", rows: 3, created: 3, updated: 0, unchanged: 0, errors: [] });
    expect(await ours()).toHaveLength(0);

    r = await post("volunteers", admin, file);
    expect(r.json).toMatchObject({ created: 3, updated: 0, unchanged: 0 });
    const [teacher, soldier, director] = await ours();
    expect(teacher).toMatchObject({ category: "VETERAN_TEACHER", skills: ["书法", "家庭教育"], status: "ACTIVE", publicityConsent: false });
    expect(soldier).toMatchObject({ status: "PAUSED", publicityConsent: true, trainedOn: null, skills: [] });
    const rosterPerson = await db().rosterPosition.findFirstOrThrow({ where: { orgUnit: { code: v1() }, role: "DIRECTOR", startedOn: new Date("2019-01-01") } });
    expect(director.personId).toBe(rosterPerson.personId);

    const before = await importAudits("volunteers");
    r = await post("volunteers", admin, file);
    expect(r.json).toMatchObject({ created: 0, updated: 0, unchanged: 3 });
    expect(await importAudits("volunteers")).toBe(before);
  });

  it("bad rows (born 1800, a duplicate key, an unknown category) are each reported; nothing written, not even the good row", async () => {
    const good = [v2(), `周好人${tag}`, "男", 1955, "", "老模范", "", "2020-01-01", "", "", ""];
    const { status, json } = await post(
      "volunteers",
      admin,
      await xlsx("volunteers", [
        good,
        [v1(), `吴古人${tag}`, "男", 1800, "", "老干部", "", "2020-01-01", "", "", ""],
        [v1(), `钱老师${tag}`, "女", 1950, "", "老教师", "", "2019-03-01", "", "", ""],
        [v1(), `钱老师${tag}`, "女", 1950, "", "老教师", "", "2019-03-01", "", "", ""],
        [v1(), `郑某${tag}`, "男", 1950, "", "老宇航员", "", "2019-03-01", "", "", ""],
      ]),
    );
    expect(status).toBe(400);
    expect(json.errors.map((e: { row: number; column: string }) => [e.row, e.column])).toEqual([
      [4, "出生年份"],
      [6, "所属单位代码"],
      [7, "类别"],
    ]);
    expect(json.errors[1].message).toContain("与第 5 行重复");
    expect(await db().person.count({ where: { name: `周好人${tag}` } })).toBe(0);
  });

  it("a column left out of the sheet keeps what is stored (phone, skills, training date)", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("五老志愿者");
    ws.addRow(["所属单位代码", "姓名", "出生年份", "类别", "加入日期"]);
    ws.addRow([v1(), `钱老师${tag}`, 1950, "老教师", "2019-03-01"]);
    const r = await post("volunteers", admin, Buffer.from(await wb.xlsx.writeBuffer()));
    expect(r.json).toMatchObject({ created: 0, updated: 0, unchanged: 1, errors: [] });
    const v = await db().volunteer.findFirstOrThrow({ where: { person: { name: `钱老师${tag}` } }, include: { person: true } });
    expect(v.skills).toEqual(["书法", "家庭教育"]);
    expect(v.person.phone).toBe("13900000002");
    expect(v.trainedOn?.toISOString().slice(0, 10)).toBe("2019-04-15");
  });

  it("a town admin's row with another town's code is that row's error; nothing is written", async () => {
    const townUnit = await db().orgUnit.findFirstOrThrow({ where: { code: town } });
    const token = (await tokenFor(await units.user("TOWN_ADMIN", townUnit.id))).token;
    const { status, json } = await post(
      "volunteers",
      token,
      await xlsx("volunteers", [
        [v2(), `冯在辖${tag}`, "男", 1952, "", "老干部", "", "2020-01-01", "", "", ""],
        [units.villageOfSiblingTown.code, `陈越界${tag}`, "男", 1952, "", "老干部", "", "2020-01-01", "", "", ""],
      ]),
    );
    expect(status).toBe(400);
    expect(json.errors).toEqual([{ row: 4, column: "所属单位代码", message: `单位代码 ${units.villageOfSiblingTown.code} 不在您的管辖范围内` }]);
    expect(await db().person.count({ where: { name: { in: [`冯在辖${tag}`, `陈越界${tag}`] } } })).toBe(0);
  });
});

describe("stations and activities", () => {
  const stationName = `测试辅导站${tag}`;
  const stationRows = () => [
    [stationName, v1(), school(), "村委会二楼", "张老师、李老师", "达标", "2023-09-01"],
    [`镇辅导站${tag}`, town, "", "", "", "", ""],
  ];

  it("stations: dry run, apply, same file again; a school cannot host one", async () => {
    const file = await xlsx("stations", stationRows());
    let r = await post("stations", admin, file, { dryRun: true });
    expect(r.json).toEqual({ kind: "stations", rows: 2, created: 2, updated: 0, unchanged: 0, errors: [] });
    r = await post("stations", admin, file);
    expect(r.json).toMatchObject({ created: 2 });
    const s = await db().station.findFirstOrThrow({ where: { name: stationName }, include: { pairedSchool: true } });
    expect(s).toMatchObject({ tutors: ["张老师", "李老师"], eReadingRoom: true, eReadingRoomUpToStandard: true, address: "村委会二楼" });
    expect(s.pairedSchool?.code).toBe(school());
    const before = await importAudits("stations");
    r = await post("stations", admin, file);
    expect(r.json).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
    expect(await importAudits("stations")).toBe(before);

    r = await post("stations", admin, await xlsx("stations", [["学校站", school(), "", "", "", "", ""]]), { dryRun: true });
    expect(r.json.errors).toEqual([{ row: 3, column: "所在单位代码", message: expect.stringContaining("只能设在镇（街道）或村（社区）") }]);
  });

  it("activities: dry run, apply, same file again, an edited count updates; future dates and unknown stations are errors", async () => {
    const rows = () => [
      [v1(), stationName, "2024-07-15", "暑期活动", "暑期安全教育", 45, ""],
      [v1(), stationName, "2024-07-15", "故事会", "红色故事", 30, "雨天改在室内"],
      [town, `镇辅导站${tag}`, "2024-03-05", "报告会", "学雷锋", 120, ""],
    ];
    const count = () => db().activity.count({ where: { station: { name: { in: [stationName, `镇辅导站${tag}`] } } } });
    const file = await xlsx("activities", rows());
    let r = await post("activities", admin, file, { dryRun: true });
    expect(r.json).toEqual({ kind: "activities", rows: 3, created: 3, updated: 0, unchanged: 0, errors: [] });
    expect(await count()).toBe(0);
    r = await post("activities", admin, file);
    expect(r.json).toMatchObject({ created: 3 });
    expect(await count()).toBe(3);
    const before = await importAudits("activities");
    r = await post("activities", admin, file);
    expect(r.json).toMatchObject({ created: 0, updated: 0, unchanged: 3 });
    expect(await importAudits("activities")).toBe(before);

    const edited = rows();
    edited[0][5] = 50;
    r = await post("activities", admin, await xlsx("activities", edited));
    expect(r.json).toMatchObject({ created: 0, updated: 1, unchanged: 2 });

    const tomorrow = new Date(`${todayInBeijing()}T00:00:00Z`);
    tomorrow.setUTCDate(tomorrow.getUTCDate() + 1);
    r = await post(
      "activities",
      admin,
      await xlsx("activities", [
        [v1(), stationName, tomorrow.toISOString().slice(0, 10), "其他", "明天的活动", 10, ""],
        [v1(), "不存在的站", "2024-01-01", "其他", "无站活动", 10, ""],
        [v1(), stationName, "2024-01-02", "其他", "人数太多", 10001, ""],
        [v1(), stationName, "2024-01-03", "其他", "同一活动", 10, ""],
        [v1(), stationName, "2024-01-03", "其他", "同一活动", 10, ""],
      ]),
    );
    expect(r.status).toBe(400);
    expect(r.json.errors.map((e: { row: number; column: string }) => [e.row, e.column])).toEqual([
      [3, "活动日期"],
      [4, "辅导站名称"],
      [5, "参加青少年人数"],
      [7, "所在单位代码"],
    ]);
    expect(r.json.errors[3].message).toContain("与第 6 行重复");
    expect(await count()).toBe(3);
  });
});

describe("the API's edges", () => {
  it("an unknown kind is 404; a file that is not a spreadsheet is one message at row 0", async () => {
    expect((await post("users-and-more", admin, Buffer.from("x"))).status).toBe(404);
    const r = await post("volunteers", admin, Buffer.from("MZ\x90\x00 not a spreadsheet"), { fileName: "setup.exe" });
    expect(r.status).toBe(400);
    expect(r.json).toMatchObject({ error: "invalid", rows: 0, errors: [{ row: 0, message: expect.stringMatching(/[\u4e00-\u9fff]/) }] });
  });

  it("a body over 20 MiB is refused with one message, unread past the limit", async () => {
    const r = await post("activities", admin, Buffer.alloc(20 * 1024 * 1024 + 1, 0x41), { fileName: "big.csv" });
    expect(r.status).toBe(400);
    expect(r.json).toMatchObject({ error: "invalid", rows: 0, errors: [{ row: 0, message: expect.stringContaining("20 MiB") }] });
  });

  it("a leader may not import (403); a station coordinator may not import units", async () => {
    const file = await xlsx("volunteers", []);
    expect((await post("volunteers", (await tokenFor(await units.user("LEADER", units.district.id))).token, file)).status).toBe(403);
    expect((await post("units", (await tokenFor(await units.user("STATION_COORDINATOR", units.villageOfSiblingTown.id))).token, file)).status).toBe(403);
  });

  it("multipart upload works; the error report is an xlsx with a 错误说明 column", async () => {
    const file = await xlsx("volunteers", [[v1(), `某人${tag}`, "男", 1800, "", "老干部", "", "2020-01-01", "", "", ""]]);
    const form = new FormData();
    form.set("file", new File([new Uint8Array(file)], "志愿者.xlsx"));
    const req = new NextRequest(new URL("/api/v1/imports/volunteers?dryRun=1", "http://localhost:3000"), {
      method: "POST",
      headers: { authorization: `Bearer ${admin}`, "user-agent": "vitest" },
      body: form,
    });
    const res = await POST(req, routeCtx({ kind: "volunteers" }));
    expect(res.status).toBe(200);
    expect((await res.json()).errors).toEqual([{ row: 3, column: "出生年份", message: expect.any(String) }]);

    const report = await POST_ERRORS(request("/api/v1/imports/volunteers/errors", admin, file, "志愿者.xlsx"), routeCtx({ kind: "volunteers" }));
    expect(report.status).toBe(200);
    expect(report.headers.get("content-type")).toContain("spreadsheetml");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await report.arrayBuffer());
    const text = JSON.stringify(wb.worksheets.map((ws) => ws.getSheetValues()));
    expect(text).toContain("错误说明");
    expect(text).toContain("出生年份");
  });
});

describe("export → import", () => {
  it.each(["units", "rosters", "volunteers", "stations", "activities"] as const)("%s: the export of the test town re-imports all unchanged", async (kind) => {
    const townUnit = await db().orgUnit.findFirstOrThrow({ where: { code: town } });
    const res = await GET_EXPORT(apiGet(`/api/v1/exports/${kind}?orgUnit=${townUnit.id}`, admin), routeCtx({ kind }));
    expect(res.status).toBe(200);
    const file = Buffer.from(await res.arrayBuffer());
    const { json } = await post(kind, admin, file, { dryRun: true });
    expect(json.errors).toEqual([]);
    expect(json.rows).toBeGreaterThan(0);
    expect(json).toMatchObject({ created: 0, updated: 0, unchanged: json.rows });
  });

  it.each(["units", "rosters", "volunteers", "stations", "activities"] as const)("%s: the whole demo district's export re-imports all unchanged", async (kind) => {
    const demoAdmin = (await tokenFor("district.admin")).token;
    const res = await GET_EXPORT(apiGet(`/api/v1/exports/${kind}`, demoAdmin), routeCtx({ kind }));
    const file = Buffer.from(await res.arrayBuffer());
    const { json } = await post(kind, demoAdmin, file, { dryRun: true });
    expect(json.errors.slice(0, 5)).toEqual([]);
    expect(json).toMatchObject({ created: 0, updated: 0, unchanged: json.rows });
  });
});

describe("users (accounts, optional template)", () => {
  const rows = () => [
    [`town-${tag}`, "镇管理员甲", "镇（街道）关工委管理员", town],
    [`village-${tag}`, "村管理员乙", "村社区管理员", v1()],
  ];
  async function postUsers(token: string, body: Buffer, dryRun = false) {
    const url = `/api/v1/imports/users${dryRun ? "?dryRun=1" : ""}`;
    const res = await POST_USERS(request(url, token, body, "用户账号.xlsx"), routeCtx({}));
    return { status: res.status, json: await res.json() };
  }
  async function usersFile(data: string[][]) {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("用户账号");
    ws.addRow(["用户名*", "姓名*", "角色*", "所属单位代码*"]);
    for (const r of data) ws.addRow(r);
    return Buffer.from(await wb.xlsx.writeBuffer());
  }

  it("creates accounts that must choose their own password; the generated passwords come back once, never in the audit", async () => {
    const file = await usersFile(rows());
    let r = await postUsers(admin, file, true);
    expect(r.json).toEqual({ kind: "users", rows: 2, created: 2, updated: 0, unchanged: 0, errors: [] });
    expect(await db().user.count({ where: { username: { in: [`town-${tag}`, `village-${tag}`] } } })).toBe(0);

    r = await postUsers(admin, file);
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ created: 2, unchanged: 0 });
    expect(r.json.passwords).toHaveLength(2);
    const users = await db().user.findMany({ where: { username: { in: [`town-${tag}`, `village-${tag}`] } }, include: { orgUnit: true }, orderBy: { username: "asc" } });
    expect(users.map((u) => [u.username, u.role, u.orgUnit?.code, u.mustChangePassword])).toEqual([
      [`town-${tag}`, "TOWN_ADMIN", town, true],
      [`village-${tag}`, "UNIT_ADMIN", v1(), true],
    ]);
    for (const p of r.json.passwords as { username: string; password: string }[]) {
      const u = users.find((x) => x.username === p.username)!;
      expect(await verifyPassword(u.passwordHash, p.password)).toBe(true);
      const audit = await db().auditLog.findFirstOrThrow({ where: { action: "import.users" }, orderBy: { id: "desc" } });
      expect(jsonText(audit)).not.toContain(p.password);
    }

    r = await postUsers(admin, file);
    expect(r.json).toMatchObject({ created: 0, unchanged: 2 });
    expect(r.json.passwords).toBeUndefined();
  });

  it("refuses a role on the wrong level and a username already in use; a town admin may not import accounts", async () => {
    const r = await postUsers(admin, await usersFile([["bad-level-" + tag, "某人", "镇街管理员", v1()], ["town.admin", "别人", "镇街管理员", town]]));
    expect(r.status).toBe(400);
    expect(r.json.errors.map((e: { row: number; column: string }) => [e.row, e.column])).toEqual([
      [2, "所属单位代码"],
      [3, "用户名"],
    ]);
    expect((await postUsers((await tokenFor("town.admin")).token, await usersFile(rows()), true)).status).toBe(403);
  });
});
