/**
 * The dashboard's Excel export: the route a browser downloads from, opened with exceljs
 * as a leader's spreadsheet program would — sheet names, Chinese headers, a rate as a
 * number (with a percent format) equal to GET /api/v1/metrics, the drill-down's sheet,
 * the UTF-8 file name, and scope (another town's numbers are not found).
 */
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { GET as exportGet } from "@/app/(app)/dashboard/export/route";
import { GET as metricsGet } from "@/app/api/v1/metrics/route";
import { failingUnits } from "@/lib/server/metrics/engine";
import { actorFor } from "../support/actors";
import { apiGet, demoUnits, routeCtx, tokenFor } from "../support/fixtures";

async function download(query: string, username = "leader") {
  const { token } = await tokenFor(username);
  return exportGet(apiGet(`/dashboard/export${query}`, token), routeCtx({}));
}

async function open(res: Response) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(await res.arrayBuffer());
  return wb;
}

const rowValues = (sheet: ExcelJS.Worksheet, n: number) => (sheet.getRow(n).values as unknown[]).slice(1);

function rowOf(sheet: ExcelJS.Worksheet, firstCell: string): ExcelJS.Row {
  let found: ExcelJS.Row | undefined;
  sheet.eachRow((row) => {
    if (row.getCell(1).value === firstCell) found = row;
  });
  if (!found) throw new Error(`no row "${firstCell}" in ${sheet.name}`);
  return found;
}

describe("GET /dashboard/export", () => {
  it("streams the district's dashboard as a workbook with one sheet per table and numbers as numbers", async () => {
    const { district } = await demoUnits();
    const res = await download("?year=2019");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    const disposition = res.headers.get("content-disposition")!;
    expect(disposition).toMatch(/^attachment; filename="[\x20-\x7e]+"; filename\*=UTF-8''/);
    expect(decodeURIComponent(disposition.split("UTF-8''")[1])).toBe("清江浦区_2019_数据看板.xlsx");

    const wb = await open(res);
    expect(wb.worksheets.map((s) => s.name)).toEqual(["指标汇总", "下级单位对比", "月度活动"]);

    const api = await (
      await metricsGet(apiGet(`/api/v1/metrics?orgUnit=${district.id}&year=2019`, (await tokenFor("leader")).token), routeCtx({}))
    ).json();

    const summary = wb.getWorksheet("指标汇总")!;
    expect(rowValues(summary, 1)).toEqual(["指标", "分子", "分母", "数值", "单位", "说明"]);
    const five = rowOf(summary, "“五好”关工委达标率");
    expect(five.getCell(2).value).toBe(api.metrics.fiveGoodRate.numerator);
    expect(five.getCell(3).value).toBe(api.metrics.fiveGoodRate.denominator);
    expect(typeof five.getCell(4).value).toBe("number");
    expect(five.getCell(4).value).toBe(api.metrics.fiveGoodRate.value);
    expect(five.getCell(4).numFmt).toBe("0.0%");
    // Money in 元 (the API counts fen), as a number.
    expect(rowOf(summary, "累计筹集辅导站资金").getCell(4).value).toBe(api.metrics.fundsRaisedFen.value / 100);

    const children = wb.getWorksheet("下级单位对比")!;
    expect(rowValues(children, 1).slice(0, 3)).toEqual(["单位", "层级", "关工委组织覆盖率"]);
    expect(rowValues(children, 2).slice(2, 5)).toEqual(["分子", "分母", "比例"]);
    const chengnan = rowOf(children, "城南街道");
    const apiChild = api.children.find((c: { orgUnit: { name: string } }) => c.orgUnit.name === "城南街道");
    const header = rowValues(children, 1);
    const fiveCol = header.indexOf("“五好”关工委达标率") + 1; // 1-based, spans 分子 / 分母 / 比例
    expect(chengnan.getCell(fiveCol).value).toBe(apiChild.metrics.fiveGoodRate.numerator);
    expect(chengnan.getCell(fiveCol + 2).value).toBe(apiChild.metrics.fiveGoodRate.value);
    expect(rowOf(children, "清江浦区（整体）").getCell(fiveCol + 2).value).toBe(api.metrics.fiveGoodRate.value);

    const monthly = wb.getWorksheet("月度活动")!;
    expect(rowValues(monthly, 1)).toEqual(["月份", "活动场次（次）", "受教育青少年（人次）"]);
    expect(monthly.getRow(2).getCell(1).value).toBe("2019年1月");
    expect(rowOf(monthly, "全年合计").getCell(2).value).toBe(api.metrics.activitySessions.value);
  });

  it("a drill-down adds its failing units; its name says which rate", async () => {
    const actor = await actorFor("leader");
    const expected = await failingUnits(actor, { orgUnitId: actor.orgUnitId, year: 2019 }, "fiveGoodRate");
    const res = await download("?year=2019&metric=fiveGoodRate");
    expect(res.status).toBe(200);
    expect(decodeURIComponent(res.headers.get("content-disposition")!.split("UTF-8''")[1])).toBe("清江浦区_2019_五好关工委达标率_未达标单位.xlsx");
    const wb = await open(res);
    const sheet = wb.getWorksheet("未达标单位")!;
    expect(rowValues(sheet, 1)).toEqual(["指标", "单位", "层级", "所属上级", "达标数", "应达标数", "情况"]);
    expect(sheet.rowCount - 1).toBe(expected.length);
    expect(rowValues(sheet, 2).slice(0, 2)).toEqual(["“五好”关工委达标率", expected[0].name]);
  });

  it("a town admin exports their town; another town, a count as drill-down, or no sign-in are refused", async () => {
    const { town, siblingTown } = await demoUnits();
    const own = await open(await download("?year=2019", "town.admin"));
    expect(rowOf(own.getWorksheet("指标汇总")!, "单位").getCell(2).value).toBe(town.name);

    expect((await download(`?year=2019&unit=${siblingTown.id}`, "town.admin")).status).toBe(404);
    expect((await download("?year=2019&metric=activitySessions")).status).toBe(404);
    expect((await download("?year=2019&metric=toString")).status).toBe(404);
    expect((await download("?year=19")).status).toBe(400);
    expect((await download("?year=2019", "station.coord")).status).toBe(403);
    expect((await exportGet(apiGet("/dashboard/export?year=2019"), routeCtx({}))).status).toBe(401);
  });
});
