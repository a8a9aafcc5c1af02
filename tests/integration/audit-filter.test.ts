/**
 * 操作日志 (issue 12, item 6): filters by user (username or name), action, unit (the acting
 * person's unit and everything below it) and Beijing dates; scope as before (one district,
 * district admins only); and the Excel export holds exactly the filtered rows, itself audited.
 */
import { randomBytes } from "node:crypto";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import type { Actor } from "@/lib/server/actor";
import { writeAudit } from "@/lib/server/audit";
import { auditActionOptions, auditUnitOptions, listAudit, AUDIT_PAGE_SIZE } from "@/lib/server/audit-log/read-audit";
import { parseAuditFilters, type TAuditFilters } from "@/lib/schemas/audit";
import { GET as exportGet } from "@/app/(app)/admin/audit/export/route";
import { actorFor } from "../support/actors";
import { apiGet, demoUnits, expectAppError, newUser, routeCtx, tokenFor, type DemoUnits } from "../support/fixtures";

const tag = randomBytes(4).toString("hex");
const ACTION = `itest.f${tag}`;
const MANY = `itest.m${tag}`;
let units: DemoUnits;
let admin: Actor;
let huaiyin: Actor;
/** Audit row ids by name. */
const row: Record<string, bigint> = {};
let villageUser: Awaited<ReturnType<typeof newUser>>;

async function entry(actor: Actor, action: string, at?: Date): Promise<bigint> {
  if (at) {
    const r = await db().auditLog.create({
      data: { tenantId: actor.tenantId, actorId: actor.userId, actorName: actor.username, action, entity: "Station", entityId: tag, via: "session", ip: "10.1.2.3", at },
    });
    return r.id;
  }
  await writeAudit(db(), actor, { action, entity: "Station", entityId: tag, after: { note: `筛选${tag}` } });
  return (await db().auditLog.findFirstOrThrow({ where: { action, actorId: actor.userId }, orderBy: { id: "desc" } })).id;
}

/** The ids the page lists for these filters, over every page. */
async function listed(actor: Actor, filters: TAuditFilters): Promise<bigint[]> {
  const first = await listAudit(actor, filters, 1);
  const out = first.items.map((a) => a.id);
  for (let p = 2; p <= first.pages; p++) out.push(...(await listAudit(actor, filters, p)).items.map((a) => a.id));
  return out;
}

const sorted = (ids: bigint[]) => [...ids].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

beforeAll(async () => {
  units = await demoUnits();
  admin = await actorFor("district.admin");
  huaiyin = await actorFor("huaiyin.admin");
  const districtUser = await newUser({ prefix: "flt-d", role: "DISTRICT_ADMIN", orgUnitId: units.district.id });
  const townUser = await newUser({ prefix: "flt-t", role: "TOWN_ADMIN", orgUnitId: units.town.id });
  villageUser = await newUser({ prefix: "flt-v", role: "UNIT_ADMIN", orgUnitId: units.village.id });
  await db().user.update({ where: { id: villageUser.id }, data: { displayName: `筛选人${tag}` } });
  const siblingUser = await newUser({ prefix: "flt-s", role: "TOWN_ADMIN", orgUnitId: units.siblingTown.id });
  const [d, t, v, s] = await Promise.all([districtUser, townUser, villageUser, siblingUser].map((u) => actorFor(u.username)));

  row.district = await entry(d, ACTION);
  row.town = await entry(t, ACTION);
  row.village = await entry(v, ACTION);
  row.sibling = await entry(s, ACTION);
  row.huaiyin = await entry(huaiyin, ACTION);
  // 2019-10-12 23:59:59 and 2019-10-13 00:00:00 in Beijing.
  row.lateOn12th = await entry(v, ACTION, new Date("2019-10-12T15:59:59.000Z"));
  row.startOf13th = await entry(v, ACTION, new Date("2019-10-12T16:00:00.000Z"));
  for (let i = 0; i < AUDIT_PAGE_SIZE + 5; i++) await entry(d, MANY);
});

describe("filters", () => {
  it("by action: the district's rows of that action, newest first; never another district's", async () => {
    const page = await listAudit(admin, { action: ACTION });
    expect(page.total).toBe(6);
    expect(page.items.map((a) => a.id)).toEqual([row.sibling, row.village, row.town, row.district, row.startOf13th, row.lateOn12th]);
    expect(page.items.map((a) => a.id)).not.toContain(row.huaiyin);
    expect(new Set(page.items.map((a) => a.tenantId))).toEqual(new Set([admin.tenantId]));
    // The rows name the acting person as they are now.
    const v = page.items.find((a) => a.id === row.village)!;
    expect(v.actor).toEqual({ displayName: `筛选人${tag}`, unitName: units.village.name });
  });

  it("the other district's admin sees only its own row", async () => {
    expect((await listAudit(huaiyin, { action: ACTION })).items.map((a) => a.id)).toEqual([row.huaiyin]);
  });

  it("by unit: the acting person's unit and every unit below it", async () => {
    expect(sorted(await listed(admin, { action: ACTION, unit: units.town.id }))).toEqual(sorted([row.town, row.village, row.lateOn12th, row.startOf13th]));
    expect(sorted(await listed(admin, { action: ACTION, unit: units.village.id }))).toEqual(sorted([row.village, row.lateOn12th, row.startOf13th]));
    expect(await listed(admin, { action: ACTION, unit: units.siblingTown.id })).toEqual([row.sibling]);
    expect((await listed(admin, { action: ACTION, unit: units.district.id })).length).toBe(6);
  });

  it("a unit of another district is not found", async () => {
    await expectAppError(listAudit(admin, { unit: units.huaiyinTown.id }), "NOT_FOUND");
  });

  it("by user: part of the username (any case) or of the person's name", async () => {
    const mine = sorted([row.village, row.lateOn12th, row.startOf13th]);
    expect(sorted(await listed(admin, { action: ACTION, user: villageUser.username.slice(2).toUpperCase() }))).toEqual(mine);
    expect(sorted(await listed(admin, { action: ACTION, user: `人${tag}` }))).toEqual(mine);
    expect(await listed(admin, { action: ACTION, user: "没有这个人" })).toEqual([]);
  });

  it("by date, in Beijing days, both ends included", async () => {
    expect(await listed(admin, { action: ACTION, from: "2019-10-12", to: "2019-10-12" })).toEqual([row.lateOn12th]);
    expect(await listed(admin, { action: ACTION, from: "2019-10-13", to: "2019-10-13" })).toEqual([row.startOf13th]);
    expect(await listed(admin, { action: ACTION, to: "2019-10-13" })).toEqual([row.startOf13th, row.lateOn12th]);
    expect((await listed(admin, { action: ACTION, from: "2019-10-14" })).length).toBe(4);
  });

  it("pages of 50, every row once", async () => {
    const page1 = await listAudit(admin, { action: MANY }, 1);
    expect(page1).toMatchObject({ total: AUDIT_PAGE_SIZE + 5, pages: 2 });
    expect(page1.items).toHaveLength(AUDIT_PAGE_SIZE);
    const all = await listed(admin, { action: MANY });
    expect(new Set(all).size).toBe(AUDIT_PAGE_SIZE + 5);
  });

  it("the choices: actions that occur in the district (by label), and the units in scope", async () => {
    const actions = await auditActionOptions(admin);
    expect(actions.map((a) => a.value)).toEqual(expect.arrayContaining([ACTION, MANY, "user.create"]));
    expect(actions.find((a) => a.value === "user.create")?.label).toBe("新建用户");
    expect(new Set(actions.map((a) => a.value)).size).toBe(actions.length);
    const inHuaiyin = (await auditActionOptions(huaiyin)).map((a) => a.value);
    expect(inHuaiyin).toContain(ACTION);
    expect(inHuaiyin).not.toContain(MANY);
    const unitIds = (await auditUnitOptions(admin)).map((u) => u.id);
    expect(unitIds[0]).toBe(units.district.id);
    expect(unitIds).toEqual(expect.arrayContaining([units.town.id, units.village.id]));
    expect(unitIds).not.toContain(units.huaiyinTown.id);
  });

  it("only the district admin reads the log: a town admin is refused everything (so sees no district-level row)", async () => {
    for (const who of ["town.admin", "unit.admin", "station.coord", "leader"]) {
      const a = await actorFor(who);
      await expectAppError(listAudit(a, {}), "FORBIDDEN");
      await expectAppError(auditActionOptions(a), "FORBIDDEN");
    }
  });

  it("bad values from the URL are messages beside their fields; the good ones still apply", () => {
    const r = parseAuditFilters({ user: " 张 ", action: "DROP TABLE", unit: "abc", from: "2019-02-30", to: "2019-10-12", page: "x" });
    expect(r.filters).toEqual({ user: "张", to: "2019-10-12" });
    expect(Object.keys(r.errors).sort()).toEqual(["action", "from", "unit"]);
    expect(r.errors.from).toContain("开始日期");
    expect(r.page).toBe(1);
    const backwards = parseAuditFilters({ from: "2019-10-13", to: "2019-10-12" });
    expect(backwards.errors).toEqual({ to: "结束日期不能早于开始日期" });
    expect(backwards.filters).toEqual({ from: "2019-10-13" });
  });
});

describe("GET /admin/audit/export", () => {
  async function download(query: string, username = "district.admin") {
    const { token } = await tokenFor(username);
    return exportGet(apiGet(`/admin/audit/export${query}`, token), routeCtx({}));
  }
  async function sheetOf(res: Response) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    const sheet = wb.getWorksheet("操作日志");
    if (!sheet) throw new Error("no sheet 操作日志");
    return sheet;
  }
  const values = (sheet: ExcelJS.Worksheet, n: number) => (sheet.getRow(n).values as unknown[]).slice(1);

  it("holds exactly the filtered rows the page lists, in its order, with Chinese headers and Beijing times", async () => {
    const filters = { action: ACTION, unit: units.town.id };
    const res = await download(`?action=${ACTION}&unit=${units.town.id}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    expect(decodeURIComponent(res.headers.get("content-disposition")!.split("UTF-8''")[1])).toMatch(/^操作日志-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const sheet = await sheetOf(res);
    expect(values(sheet, 1)).toEqual(["编号", "时间", "操作人账号", "操作人姓名", "所在单位", "操作", "对象", "对象编号", "方式", "IP地址", "浏览器", "修改前", "修改后"]);
    const ids = Array.from({ length: sheet.rowCount - 1 }, (_, i) => BigInt(sheet.getRow(i + 2).getCell(1).value as number));
    expect(ids).toEqual(await listed(admin, filters));

    // The 2019-10-12 23:59:59 (Beijing) row, as a reader of the file sees it.
    const late = sheet.getRow(ids.indexOf(row.lateOn12th) + 2);
    const at = late.getCell(2).value as Date;
    expect(at.toISOString()).toBe("2019-10-12T23:59:59.000Z"); // Excel's wall-clock time, i.e. Beijing
    expect(late.getCell(2).numFmt).toContain("hh:mm:ss");
    expect(values(sheet, ids.indexOf(row.lateOn12th) + 2).slice(2, 10)).toEqual([
      villageUser.username,
      `筛选人${tag}`,
      units.village.name,
      ACTION,
      "辅导站",
      tag,
      "网页",
      "10.1.2.3",
    ]);
    const village = sheet.getRow(ids.indexOf(row.village) + 2);
    expect(JSON.parse(village.getCell(13).value as string)).toEqual({ note: `筛选${tag}` });
  });

  it("is audited: one audit.export row with the filters and the row count, not inside the file it describes", async () => {
    const since = (await db().auditLog.aggregate({ _max: { id: true } }))._max.id!;
    const res = await download(`?action=${MANY}`);
    expect(res.status).toBe(200);
    const sheet = await sheetOf(res);
    expect(sheet.rowCount - 1).toBe(AUDIT_PAGE_SIZE + 5);
    const exports = await db().auditLog.findMany({ where: { action: "audit.export", id: { gt: since } } });
    expect(exports).toHaveLength(1);
    expect(exports[0]).toMatchObject({ tenantId: admin.tenantId, actorId: admin.userId, via: "token", after: { filters: { action: MANY }, rows: AUDIT_PAGE_SIZE + 5 } });

    // Unfiltered: every row of the district up to the export's start, its own entry excluded.
    const before = (await db().auditLog.aggregate({ where: { tenantId: admin.tenantId }, _max: { id: true } }))._max.id!;
    const all = await sheetOf(await download(""));
    const ids = Array.from({ length: all.rowCount - 1 }, (_, i) => BigInt(all.getRow(i + 2).getCell(1).value as number));
    const newest = ids.reduce((a, b) => (a > b ? a : b));
    expect(newest).toBeGreaterThanOrEqual(before);
    expect(ids.length).toBe(await db().auditLog.count({ where: { tenantId: admin.tenantId, id: { lte: newest } } }));
    expect(new Set(ids).size).toBe(ids.length);
    const own = await db().auditLog.findFirstOrThrow({ where: { action: "audit.export", actorId: admin.userId }, orderBy: { id: "desc" } });
    expect(own.id).toBeGreaterThan(newest);
    expect(own.after).toEqual({ filters: {}, rows: ids.length });
  });

  it("has the page's scope: another district's admin gets only its own rows; a town admin is refused; a foreign unit is not found", async () => {
    const other = await sheetOf(await download(`?action=${ACTION}`, "huaiyin.admin"));
    expect(other.rowCount).toBe(2);
    expect(BigInt(other.getRow(2).getCell(1).value as number)).toBe(row.huaiyin);

    const since = (await db().auditLog.aggregate({ _max: { id: true } }))._max.id!;
    expect((await download(`?action=${ACTION}`, "town.admin")).status).toBe(403);
    expect((await download(`?unit=${units.huaiyinTown.id}`)).status).toBe(404);
    expect(await db().auditLog.count({ where: { action: "audit.export", id: { gt: since } } })).toBe(0);
  });

  it("a bad filter is a 400 naming the field, and nothing is exported", async () => {
    const res = await download("?from=2019-13-45");
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.issues).toEqual([{ path: "from", message: expect.stringContaining("开始日期") }]);
  });
});
