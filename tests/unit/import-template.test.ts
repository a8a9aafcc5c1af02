/** The files Qingmiao writes: templates, exports (re-read unchanged) and error reports (re-uploadable). */
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { IMPORT_KINDS, TEMPLATES } from "@/lib/imports/templates";
import { readImportFile } from "@/lib/server/imports/read-file";
import { ERROR_COLUMN, errorReportWorkbook, templateWorkbook } from "@/lib/server/imports/template-file";

async function load(buf: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  return wb;
}

describe("templateWorkbook", () => {
  it.each(IMPORT_KINDS)("%s: header row with * on required columns, drop-downs, text codes, a 说明 sheet, no data rows", async (kind) => {
    const t = TEMPLATES[kind];
    const buf = await templateWorkbook(t);
    const wb = await load(buf);
    expect(wb.worksheets.map((w) => w.name)).toEqual([t.title, "说明"]);
    const ws = wb.getWorksheet(t.title)!;
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(t.columns.map((c) => (c.required ? `${c.header}*` : c.header)));
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    for (const [i, c] of t.columns.entries()) {
      const cell = ws.getRow(2).getCell(i + 1);
      if (c.type === "code") expect(cell.numFmt).toBe("@");
      if (c.type === "date") expect(cell.numFmt).toBe("yyyy-mm-dd");
      if (c.type === "vocab") expect((ws as unknown as { dataValidations: { find(a: string): unknown } }).dataValidations.find(`${ws.getColumn(i + 1).letter}2`)).toMatchObject({ type: "list" });
    }
    const guide = wb.getWorksheet("说明")!;
    const guideText = guide.getSheetValues().flat().map(String).join("\n");
    for (const c of t.columns) expect(guideText).toContain(c.header);
    // The example lives on 说明 only: the template imports as zero rows.
    const data = await readImportFile(buf, `${t.title}.xlsx`, t);
    expect(data.sheetName).toBe(t.title);
    expect(data.rows).toEqual([]);
  });

  it("an export re-reads as exactly the rows written (codes stay text, dates and numbers as typed)", async () => {
    const t = TEMPLATES.volunteers;
    const rows = [
      { 所属单位代码: "320812001001", 姓名: "李秀英", 性别: "女", 出生年份: "1950", 联系电话: "13900000000", 类别: "老教师", 专长: "书法、家庭教育", 加入日期: "2019-03-01", 培训日期: "", 状态: "在岗", 同意宣传: "否" },
      { 所属单位代码: "0012", 姓名: "王（大）", 性别: "", 出生年份: "", 联系电话: "0517-83660000", 类别: "老干部", 专长: "", 加入日期: "2006-06-01", 培训日期: "2006-07-01", 状态: "退出", 同意宣传: "是" },
    ];
    const buf = await templateWorkbook(t, rows);
    const data = await readImportFile(buf, "export.xlsx", t);
    expect(data.rows.map((r) => r.values)).toEqual(rows);
    expect(data.rows.map((r) => r.row)).toEqual([2, 3]);
  });
});

describe("errorReportWorkbook", () => {
  it("keeps every row where it was, adds 错误说明 for the bad ones, and uploads again as the same rows", async () => {
    const t = TEMPLATES.units;
    const csv = Buffer.from(
      "2019年名册\n单位名称,单位层级,单位类型,单位代码,上级单位代码,关工委成立日期,备注\n城南街道,镇街,街道,320812001,,2006-06-01,好\n\n大村,村,村,320812001001,320812001,2019-13-01,\n",
    );
    const data = await readImportFile(csv, "units.csv", t);
    expect(data.rows.map((r) => r.row)).toEqual([3, 5]);
    const errors = [
      { row: 5, column: "单位层级", message: "“村”不是可选的值，请填写：镇街 / 村社区 / 学校" },
      { row: 5, column: "关工委成立日期", message: "无法识别的日期“2019-13-01”，请写成 2019-10-12 或 2019年10月12日" },
    ];
    const report = await errorReportWorkbook(data, errors);
    const wb = await load(report);
    const ws = wb.worksheets[0];
    expect((ws.getRow(2).values as unknown[]).slice(1)).toEqual([...data.headerCells, ERROR_COLUMN]);
    expect(ws.getRow(5).getCell(8).value).toBe(
      "单位层级：“村”不是可选的值，请填写：镇街 / 村社区 / 学校；关工委成立日期：无法识别的日期“2019-13-01”，请写成 2019-10-12 或 2019年10月12日",
    );
    expect(ws.getRow(3).getCell(8).value).toBeNull();
    expect(ws.getRow(5).getCell(1).fill).toMatchObject({ type: "pattern" });

    const again = await readImportFile(report, "错误报告.xlsx", t);
    expect(again.headerRow).toBe(2);
    expect(again.rows.map((r) => [r.row, r.values])).toEqual(data.rows.map((r) => [r.row, r.values]));
    // Failing again: the old 错误说明 column is replaced, not repeated.
    const second = await load(await errorReportWorkbook(again, [{ row: 3, message: "重复" }]));
    const header = (second.worksheets[0].getRow(2).values as unknown[]).slice(1);
    expect(header.filter((h) => h === ERROR_COLUMN)).toHaveLength(1);
    expect(second.worksheets[0].getRow(3).getCell(8).value).toBe("重复");
  });
});
