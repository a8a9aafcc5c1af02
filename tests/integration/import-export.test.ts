/**
 * Templates and exports through their route handlers: the template of each kind is a
 * valid .xlsx with the headers and a 说明 sheet; the export of each kind for the demo's
 * town re-reads (readImportFile) as exactly exportRows, and a dry-run import of it is all
 * unchanged (export → import changes nothing); scope (another town: 404) and LEADER may export.
 */
import ExcelJS from "exceljs";
import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as templateGet } from "@/app/api/v1/imports/[kind]/template/route";
import { GET as exportGet } from "@/app/api/v1/exports/[kind]/route";
import { POST as importPost } from "@/app/api/v1/imports/[kind]/route";
import { IMPORT_KINDS, TEMPLATES, type ImportKind } from "@/lib/imports/templates";
import { readImportFile } from "@/lib/server/imports/read-file";
import { exportRows } from "@/lib/server/imports/export";
import { todayInBeijing } from "@/lib/schemas/dates";
import { actorFor } from "../support/actors";
import { apiGet, demoUnits, routeCtx, tokenFor, type DemoUnits } from "../support/fixtures";

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
let units: DemoUnits;
let townToken: string;

beforeAll(async () => {
  units = await demoUnits();
  townToken = (await tokenFor("town.admin")).token;
});

const fileNameOf = (res: Response) => decodeURIComponent(res.headers.get("content-disposition")!.split("UTF-8''")[1]);

async function download(kind: string, token: string, query = "") {
  return exportGet(apiGet(`/api/v1/exports/${kind}${query}`, token), routeCtx({ kind }));
}

describe("GET /api/v1/imports/<kind>/template", () => {
  it.each(IMPORT_KINDS)("%s: an .xlsx with the template's header and a 说明 sheet", async (kind) => {
    const t = TEMPLATES[kind];
    const res = await templateGet(apiGet(`/api/v1/imports/${kind}/template`, townToken), routeCtx({ kind }));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe(XLSX_TYPE);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(fileNameOf(res)).toBe(`${t.title}-导入模板.xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    expect(wb.worksheets.map((w) => w.name)).toEqual([t.title, "说明"]);
    const header = (wb.getWorksheet(t.title)!.getRow(1).values as unknown[]).slice(1).map((h) => String(h).replace("*", ""));
    expect(header).toEqual(t.columns.map((c) => c.header));
  });

  it("unknown kind: 404; no caller: 401", async () => {
    const res = await templateGet(apiGet("/api/v1/imports/pets/template", townToken), routeCtx({ kind: "pets" }));
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: "not_found" });
    expect((await templateGet(apiGet("/api/v1/imports/units/template"), routeCtx({ kind: "units" }))).status).toBe(401);
  });
});

describe("GET /api/v1/exports/<kind>", () => {
  it.each(IMPORT_KINDS)("%s: the town's data, re-read as exactly exportRows, and a dry-run import of it is all unchanged", async (kind: ImportKind) => {
    const t = TEMPLATES[kind];
    const actor = await actorFor("town.admin");
    const expected = await exportRows(actor, kind, units.town.id);
    expect(expected.length).toBeGreaterThan(0);

    const res = await download(kind, townToken); // no orgUnit: the caller's own unit
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe(XLSX_TYPE);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(fileNameOf(res)).toBe(`${t.title}-${units.town.name}-${todayInBeijing()}.xlsx`);
    const bytes = Buffer.from(await res.arrayBuffer());

    const sheet = await readImportFile(bytes, "export.xlsx", t);
    expect(sheet.rows.map((r) => r.values)).toEqual(expected);
    // Never a masked phone: a number the actor may not see is left empty.
    if (t.columns.some((c) => c.header === "联系电话")) for (const r of expected) expect(r.联系电话, JSON.stringify(r)).not.toContain("*");

    const url = new URL(`/api/v1/imports/${kind}?dryRun=1&fileName=export.xlsx`, "http://localhost:3000");
    const post = await importPost(
      new NextRequest(url, { method: "POST", headers: { authorization: `Bearer ${townToken}`, "content-type": "application/octet-stream" }, body: new Uint8Array(bytes) }),
      routeCtx({ kind }),
    );
    const report = await post.json();
    expect(report.errors).toEqual([]);
    expect(report).toMatchObject({ rows: expected.length, created: 0, updated: 0, unchanged: expected.length });
  });

  it("units: the town itself with an empty 上级单位代码, its villages under its code, never the district root", async () => {
    const rows = await exportRows(await actorFor("town.admin"), "units", units.town.id);
    expect(rows[0]).toMatchObject({ 单位代码: units.town.code, 上级单位代码: "", 单位层级: "镇街" });
    expect(rows.find((r) => r.单位代码 === units.village.code)).toMatchObject({ 上级单位代码: units.town.code, 单位层级: "村社区" });
    const all = await exportRows(await actorFor("district.admin"), "units", units.district.id);
    expect(all.some((r) => r.单位代码 === units.district.code)).toBe(false);
    expect(all.find((r) => r.单位代码 === units.town.code)?.上级单位代码).toBe("");
  });

  it("phones: in full where the actor may see them, empty (never masked) elsewhere", async () => {
    const all = await exportRows(await actorFor("district.admin"), "rosters", units.town.id);
    const withPhone = all.filter((r) => r.联系电话 !== "");
    expect(withPhone.length).toBeGreaterThan(0);
    const town = await exportRows(await actorFor("town.admin"), "rosters", units.town.id);
    expect(town).toHaveLength(all.length);
    // A town admin sees the phones of the town's own people only.
    for (const [i, r] of town.entries()) {
      expect(r.联系电话).toBe(r.单位代码 === units.town.code ? all[i].联系电话 : "");
    }
  });

  it("outside scope is 404: a town admin exporting another town, or a unit id that is no uuid", async () => {
    for (const kind of IMPORT_KINDS) {
      const res = await download(kind, townToken, `?orgUnit=${units.siblingTown.id}`);
      expect(res.status).toBe(404);
      expect(await res.json()).toMatchObject({ error: "not_found" });
    }
    expect((await download("units", townToken, "?orgUnit=x")).status).toBe(404);
    expect((await download("pets", townToken)).status).toBe(404);
  });

  it("a LEADER (read only) may export the district", async () => {
    const { token } = await tokenFor("leader");
    for (const kind of ["units", "volunteers", "activities"] as const) {
      const res = await download(kind, token, `?orgUnit=${units.district.id}`);
      expect(res.status).toBe(200);
      const sheet = await readImportFile(Buffer.from(await res.arrayBuffer()), "x.xlsx", TEMPLATES[kind]);
      expect(sheet.rows.length).toBeGreaterThan(0);
    }
  });
});
