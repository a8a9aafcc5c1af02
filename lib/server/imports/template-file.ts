/**
 * The .xlsx files Qingmiao writes for imports: the empty template, the same template
 * filled with a district's data (export), and the error report of a failed dry run.
 *
 * The template's example row lives on the 说明 sheet, one line per column, never on the
 * data sheet: an example left in place would be imported as a real unit or person.
 * The data sheet is just the header (required columns marked `*`, frozen, bold) with
 * drop-down lists for the vocabularies, date columns formatted yyyy-mm-dd and code and
 * phone columns formatted as text (so a 12-digit code never turns into 3.20812E+11).
 *
 * Files are written with exceljs's streaming writer: an export of 50,000 activities
 * does not build a workbook object graph in memory.
 */
import "server-only";
import { PassThrough } from "node:stream";
import ExcelJS from "exceljs";
import { dropDownWords, normalizeHeader, type Column, type Template } from "@/lib/imports/templates";
import type { SheetData } from "@/lib/server/imports/read-file";

export const ERROR_COLUMN = "错误说明";

const HEADER_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFE8EEF4" } };
const ERROR_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFDE2E1" } };
const FONT = { name: "宋体", size: 12 };

/** A workbook written as a stream, collected into one Buffer at the end. */
function streamingWorkbook(): { wb: ExcelJS.stream.xlsx.WorkbookWriter; done: () => Promise<Buffer> } {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on("data", (c: Buffer) => chunks.push(c));
  const ended = new Promise<void>((resolve, reject) => {
    out.on("end", resolve);
    out.on("error", reject);
  });
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: true });
  wb.creator = "青苗";
  return {
    wb,
    done: async () => {
      await wb.commit();
      await ended;
      return Buffer.concat(chunks);
    },
  };
}

/** Display width: CJK characters count double. */
function textWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u0000-\u00ff]/.test(ch) ? 1 : 2;
  return w;
}

function columnWidth(col: Column): number {
  const byType = col.type === "date" ? 14 : col.type === "code" ? 16 : col.type === "phone" ? 15 : col.type === "text" ? 18 : 10;
  return Math.max(byType, textWidth(col.header) + 4, Math.min(30, textWidth(col.example) + 2));
}

function numFmtOf(col: Column): string | undefined {
  if (col.type === "date") return "yyyy-mm-dd";
  if (col.type === "code" || col.type === "phone") return "@";
  return undefined;
}

/** A stored-text export value → the cell value that reads back as the same text. */
function cellValue(col: Column, text: string): ExcelJS.CellValue {
  if (text === "") return null;
  if (col.type === "date" && /^\d{4}-\d{2}-\d{2}$/.test(text)) return new Date(`${text}T00:00:00.000Z`);
  if ((col.type === "year" || col.type === "int") && /^\d{1,15}$/.test(text)) return Number(text);
  return text;
}

/** Rows a drop-down covers: the data plus room to add more. */
const validationEnd = (rows: number) => Math.max(1001, rows + 501);

/**
 * The template of one kind as .xlsx; with `rows` (export), those rows as the data.
 * Each row maps template headers to the text import reads back unchanged.
 */
export async function templateWorkbook(template: Template, rows?: Record<string, string>[]): Promise<Buffer> {
  const { wb, done } = streamingWorkbook();
  const cols = template.columns;
  const ws = wb.addWorksheet(template.title, { views: [{ state: "frozen", ySplit: 1, xSplit: 0 }] });
  ws.columns = cols.map((c) => ({
    key: c.header,
    width: columnWidth(c),
    style: { font: FONT, ...(numFmtOf(c) ? { numFmt: numFmtOf(c) } : {}) },
  }));

  const header = ws.getRow(1);
  cols.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.required ? `${c.header}*` : c.header;
    cell.font = { ...FONT, bold: true, color: c.required ? { argb: "FFB42318" } : { argb: "FF1F2937" } };
    cell.fill = HEADER_FILL;
    cell.alignment = { vertical: "middle", horizontal: "center" };
    const note = [c.required ? "必填" : "", c.note].filter(Boolean).join("。");
    if (note) cell.note = note;
  });
  header.height = 24;
  header.commit();

  const end = validationEnd(rows?.length ?? 0);
  cols.forEach((c, i) => {
    if (c.type !== "vocab" || !c.vocabulary) return;
    const letter = ws.getColumn(i + 1).letter;
    const words = dropDownWords(c.vocabulary);
    // exceljs's types omit `dataValidations` on Worksheet; the streaming writer has it.
    (ws as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations.add(`${letter}2:${letter}${end}`, {
      type: "list",
      allowBlank: !c.required,
      formulae: [`"${words.join(",")}"`],
      showErrorMessage: true,
      // A warning, not a stop: the aliases in IMPORT.md (委员, 已退出 …) are accepted too.
      errorStyle: "warning",
      errorTitle: c.header,
      error: `请从下拉列表中选择：${words.join(" / ")}`,
    });
  });

  for (const row of rows ?? []) {
    ws.addRow(cols.map((c) => cellValue(c, row[c.header] ?? ""))).commit();
  }
  ws.commit();

  writeGuide(wb, template, rows !== undefined);
  return done();
}

/** The 说明 sheet: how to fill in, then one line per column (required, allowed values, note, example). */
function writeGuide(wb: ExcelJS.stream.xlsx.WorkbookWriter, template: Template, isExport: boolean): void {
  const ws = wb.addWorksheet("说明");
  ws.columns = [
    { width: 18, style: { font: FONT } },
    { width: 8, style: { font: FONT } },
    { width: 40, style: { font: FONT, alignment: { wrapText: true, vertical: "top" } } },
    { width: 50, style: { font: FONT, alignment: { wrapText: true, vertical: "top" } } },
    { width: 24, style: { font: FONT, numFmt: "@" } },
  ];
  const key = template.key.map((k) => `“${k}”`).join("+");
  const lines = [
    `${template.title}：填写说明`,
    `1. 在“${template.title}”工作表的表头下方逐行填写，一行一条；请不要修改表头文字。表头上方可以有标题行。`,
    "2. 带 * 的列必填；其他列可以空着。",
    "3. 日期写成 2019-10-12 或 2019年10月12日（也可以是 Excel 日期）；是/否 可写 是、否、有、无、√、×。",
    `4. 按${key}识别同一条记录：再次导入同一文件不会重复添加，只会更新改动过的内容。`,
    "5. 上传后系统先检查每一行（这一步不写入任何数据）；有错误时可下载错误报告，按其中“错误说明”列改好后重新上传整个文件。",
    isExport ? "6. 这是导出的数据，修改后可以原样导入。" : "6. 下表“示例”列是每列的填写示例（只在本页，不会被导入）。",
  ];
  for (const [i, text] of lines.entries()) {
    const row = ws.addRow([text]);
    if (i === 0) row.getCell(1).font = { ...FONT, bold: true, size: 14 };
    row.commit();
  }
  ws.addRow([]).commit();
  const head = ws.addRow(["列名", "必填", "可填的值", "说明", "示例"]);
  head.eachCell((cell) => {
    cell.font = { ...FONT, bold: true };
    cell.fill = HEADER_FILL;
  });
  head.commit();
  for (const c of template.columns) {
    const allowed =
      c.type === "vocab" && c.vocabulary
        ? dropDownWords(c.vocabulary).join(" / ")
        : { text: "文字", code: "代码（数字、字母）", date: "日期", year: "四位年份", int: "整数", phone: "电话号码", list: "多项用、或，分隔", vocab: "" }[c.type];
    ws.addRow([c.header, c.required ? "是" : "", allowed, c.note, c.example]).commit();
  }
  ws.commit();
}

/**
 * The error report of a dry run: the user's own header and rows (cells as they wrote
 * them, at their original row numbers, so the numbers match the messages) with an
 * 错误说明 column added; rows with errors highlighted; rows without errors kept too, so
 * the whole file can be fixed and uploaded again (the extra column is ignored on import).
 */
export async function errorReportWorkbook(data: SheetData, errors: { row: number; column?: string; message: string }[]): Promise<Buffer> {
  const { wb, done } = streamingWorkbook();
  // A report uploaded again and failing again: its old 错误说明 column is replaced, not repeated.
  const old = data.headerCells.findIndex((h) => normalizeHeader(h) === ERROR_COLUMN);
  const keep = (cells: string[]) => (old < 0 ? cells : cells.filter((_, i) => i !== old));
  const headerCells = keep(data.headerCells);
  const width = Math.max(headerCells.length, ...data.rows.map((r) => keep(r.cells).length));
  const messages = new Map<number, string[]>();
  for (const e of errors) {
    const list = messages.get(e.row) ?? [];
    list.push(e.column ? `${e.column}：${e.message}` : e.message);
    messages.set(e.row, list);
  }

  const ws = wb.addWorksheet(safeSheetName(data.sheetName), { views: [{ state: "frozen", ySplit: data.headerRow, xSplit: 0 }] });
  ws.columns = [
    ...Array.from({ length: width }, (_, i) => ({ width: Math.min(30, Math.max(10, textWidth(headerCells[i] ?? "") + 4)), style: { font: FONT, numFmt: "@" } })),
    { width: 60, style: { font: FONT, alignment: { wrapText: true, vertical: "top" as const } } },
  ];
  if (data.headerRow > 1) {
    const title = ws.getRow(1);
    title.getCell(1).value = `错误报告：请按“${ERROR_COLUMN}”列改正标红的行，然后重新上传整个文件`;
    title.getCell(1).font = { ...FONT, bold: true, color: { argb: "FFB42318" } };
    title.commit();
  }
  const header = ws.getRow(data.headerRow);
  [...headerCells, ERROR_COLUMN].forEach((text, i) => {
    const cell = header.getCell(i + 1);
    cell.value = text;
    cell.font = { ...FONT, bold: true, ...(i === width ? { color: { argb: "FFB42318" } } : {}) };
    cell.fill = HEADER_FILL;
  });
  header.commit();

  let last = data.headerRow;
  const seen = new Set<number>();
  for (const r of data.rows) {
    const row = ws.getRow(r.row);
    const cells = keep(r.cells);
    const list = messages.get(r.row);
    seen.add(r.row);
    for (let i = 0; i < width; i++) {
      const cell = row.getCell(i + 1);
      cell.value = cells[i] === undefined || cells[i] === "" ? null : cells[i];
      if (list) cell.fill = ERROR_FILL;
    }
    if (list) {
      const cell = row.getCell(width + 1);
      cell.value = list.join("；");
      cell.font = { ...FONT, color: { argb: "FFB42318" } };
      cell.fill = ERROR_FILL;
    }
    row.commit();
    last = r.row;
  }
  // Errors that belong to no data row (should not happen; never lose a message).
  for (const [rowNumber, list] of messages) {
    if (seen.has(rowNumber)) continue;
    const row = ws.getRow(++last);
    row.getCell(width + 1).value = `第 ${rowNumber} 行：${list.join("；")}`;
    row.commit();
  }
  ws.commit();
  return done();
}

/** Excel sheet names: at most 31 characters, none of : \ / ? * [ ]. */
function safeSheetName(name: string): string {
  return name.replace(/[:\\/?*[\]]/g, "_").slice(0, 31) || "Sheet1";
}
