/**
 * An uploaded import file (.xlsx, .xls or .csv) → the rows of its template sheet, as
 * text by template header (shared/IMPORT.md "Files accepted"). Everything a user can
 * upload by mistake or malice ends in ONE Chinese sentence (ImportFileError), never a
 * crash, a hang or a memory spike:
 *
 * - the type is judged by content and must agree with the extension (a renamed .exe,
 *   a PDF, random bytes, a Word file, an encrypted workbook);
 * - .xlsx: the ZIP is checked first (file-zip.ts: declared sizes, ratios, a capped
 *   inflate of every part), then read by exceljs's streaming reader row by row;
 *   merged cells and sheet visibility come from our own look at the XML, since the
 *   streaming reader ignores merges;
 * - .xls: SheetJS (@e965/xlsx, only for this format), formulas not evaluated, rows capped;
 * - .csv: UTF-8 (with or without BOM), else GB18030; an RFC 4180 parser (quotes,
 *   commas and line breaks inside quotes).
 *
 * Rows are counted while they are read: past MAX_IMPORT_ROWS data rows reading stops.
 * Cells arrive as display text: dates "YYYY-MM-DD", numbers as plain digits, formulas
 * by their cached value (never evaluated).
 */
import "server-only";
import { Readable } from "node:stream";
import ExcelJS from "exceljs";
import * as XLSX from "@e965/xlsx";
import iconv from "iconv-lite";
import { normalizeHeader, type Template } from "@/lib/imports/templates";
import { formatDate, normalizeText } from "@/lib/server/imports/values";
import { ImportFileError } from "@/lib/server/imports/file-errors";
import {
  checkDeclaredSizes,
  entryText,
  inflateEntry,
  MAX_INFLATED_BYTES,
  PASSWORD,
  readZipDirectory,
  storedZipChunks,
  type ZipEntry,
} from "@/lib/server/imports/file-zip";

export { ImportFileError };

export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 50_000;
/** The header row is looked for among the first this many non-empty rows. */
const HEADER_SEARCH_ROWS = 20;

export interface SheetRow {
  /** The spreadsheet's own 1-based row number (CSV: the record's number, what Excel shows when it opens the file). */
  row: number;
  /** By template header (every template column present; "" when empty), values normalised with normalizeText(cell, column.type). */
  values: Record<string, string>;
  /** All cells of the row as the user wrote them (as displayed text), in sheet column order — for the error report. */
  cells: string[];
}

export interface SheetData {
  sheetName: string;
  /** 1-based row number of the header row. */
  headerRow: number;
  /** The header row cells as written (all columns, including extra ones). */
  headerCells: string[];
  rows: SheetRow[];
}

type FileType = "xlsx" | "xls" | "csv";

const TOO_MANY_ROWS = `文件超过 ${MAX_IMPORT_ROWS} 行数据，请分成几个文件上传（每个文件最多 ${MAX_IMPORT_ROWS} 行）`;
const NOT_SPREADSHEET = "文件不是表格：请上传 Excel（.xlsx 或 .xls）或 CSV 文件";
const TYPE_LABEL: Record<FileType, string> = { xlsx: "Excel（.xlsx）", xls: "Excel 97-2003（.xls）", csv: "CSV 文本" };

// ---------------------------------------------------------------------------------------------
// Cells → text

/** Numbers as plain digits: 320812001001 not 3.20812E+11, 45 not 45.0, and no float noise. */
export function plainNumber(n: number): string {
  if (!Number.isFinite(n)) return "";
  if (Number.isInteger(n)) return Math.abs(n) < 1e21 ? n.toFixed(0) : String(n);
  return String(Number(n.toPrecision(15)));
}

/** Whether an Excel number format shows a date (d, m, y outside quotes, brackets and escapes). */
export function isDateFormat(fmt: string | undefined): boolean {
  if (!fmt) return false;
  const bare = fmt.replace(/"[^"]*"|\[[^\]]*\]|\\.|_.|\*./g, "");
  return /[dy]|m(?![^;]*[hs])/i.test(bare) && !/^[#0.,%\s]*$/.test(bare);
}

/** An Excel serial day number → "YYYY-MM-DD" (1900 or 1904 date system). */
function serialToDate(serial: number, date1904: boolean): string {
  const days = Math.floor(serial + 1e-9) + (date1904 ? 1462 : 0);
  return formatDate(new Date(Math.round((days - 25569) * 86_400_000)));
}

/**
 * One exceljs cell value → the text the user sees. exceljs turns date-formatted plain
 * numbers into Dates itself; a formula's cached number is left a number, so its cell
 * format decides here.
 */
function excelValueText(v: ExcelJS.CellValue, numFmt: string | undefined, date1904: boolean): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "string") return v;
  if (typeof v === "number") return plainNumber(v);
  if (typeof v === "boolean") return v ? "是" : "否";
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? "" : formatDate(v);
  if ("richText" in v && Array.isArray(v.richText)) return v.richText.map((r) => r.text ?? "").join("");
  if ("formula" in v || "sharedFormula" in v) {
    // The cached result; a formula Excel never calculated has none, and is an empty cell to us.
    const result = (v as { result?: unknown }).result;
    if (result === undefined || result === null || (typeof result === "number" && Number.isNaN(result))) return "";
    if (typeof result === "number") return isDateFormat(numFmt) ? serialToDate(result, date1904) : plainNumber(result);
    if (typeof result === "object" && "error" in result) return "";
    return excelValueText(result as ExcelJS.CellValue, numFmt, date1904);
  }
  if ("text" in v && typeof (v as { text?: unknown }).text === "string") return (v as { text: string }).text; // hyperlink
  return ""; // an error value (#N/A …)
}

// ---------------------------------------------------------------------------------------------
// Rows → SheetData (shared by the three formats)

interface Range {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** "B2:D3" → 1-based rows and columns. */
function decodeRange(ref: string): Range | null {
  const m = /^\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?$/i.exec(ref.trim());
  if (!m) return null;
  const col = (s: string) => [...s.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  const a = { r: Number(m[2]), c: col(m[1]) };
  const b = m[3] ? { r: Number(m[4]), c: col(m[3]) } : a;
  return { top: Math.min(a.r, b.r), left: Math.min(a.c, b.c), bottom: Math.max(a.r, b.r), right: Math.max(a.c, b.c) };
}

type HeaderMatch = { ok: true; columns: Map<string, number> } | { ok: false; found: number; missing: string[] };

function matchHeader(template: Template, cells: readonly string[]): HeaderMatch {
  const normalised = cells.map((c) => normalizeHeader(normalizeText(c)));
  const columns = new Map<string, number>();
  for (const col of template.columns) {
    const at = normalised.indexOf(col.header);
    if (at < 0) continue;
    if (normalised.indexOf(col.header, at + 1) >= 0) {
      throw new ImportFileError(`表头“${col.header}”出现了不止一次，请删去多余的一列后再上传`);
    }
    columns.set(col.header, at);
  }
  const missing = template.columns.filter((c) => c.required && !columns.has(c.header)).map((c) => c.header);
  return missing.length === 0 ? { ok: true, columns } : { ok: false, found: columns.size, missing };
}

/**
 * Takes one sheet's rows in order: finds the header among the first non-empty rows,
 * then keeps the data rows (or, for a hidden sheet, only notes that it would match).
 */
class SheetCollector {
  headerRow = 0;
  headerCells: string[] = [];
  rows: SheetRow[] = [];
  /** The closest header-like row seen, for the "header not found" message. */
  best: { found: number; missing: string[] } | null = null;
  private columns: Map<string, number> | null = null;
  private seen = 0;

  constructor(
    private readonly template: Template,
    readonly sheetName: string,
    private readonly merges: readonly Range[],
    private readonly probeOnly: boolean,
  ) {}

  /** False when this sheet needs no more rows (header not found early enough, or a probe done). */
  push(row: number, cells: string[]): boolean {
    if (cells.every((c) => c.trim() === "")) return true;
    if (!this.columns) {
      this.seen++;
      const m = matchHeader(this.template, cells);
      if (m.ok) {
        this.columns = m.columns;
        this.headerRow = row;
        this.headerCells = cells;
        this.checkMergedHeader();
        return !this.probeOnly;
      }
      if (m.found > 0 && (!this.best || m.found > this.best.found)) this.best = { found: m.found, missing: m.missing };
      return this.seen < HEADER_SEARCH_ROWS;
    }
    const values: Record<string, string> = {};
    let any = false;
    for (const col of this.template.columns) {
      const at = this.columns.get(col.header);
      const v = at === undefined ? "" : normalizeText(cells[at] ?? "", col.type);
      values[col.header] = v;
      if (v !== "") any = true;
    }
    // A row with text only in extra columns (a signature line, a total) is not a data row.
    if (!any) return true;
    if (this.rows.length >= MAX_IMPORT_ROWS) throw new ImportFileError(TOO_MANY_ROWS);
    this.rows.push({ row, values, cells });
    return true;
  }

  get found(): boolean {
    return this.columns !== null;
  }

  private checkMergedHeader(): void {
    for (const m of this.merges) {
      if (m.top > this.headerRow || m.bottom < this.headerRow) continue;
      if (m.top === m.bottom && m.left === m.right) continue;
      for (const [header, at] of this.columns ?? []) {
        if (at + 1 >= m.left && at + 1 <= m.right) {
          throw new ImportFileError(`表头“${header}”是合并单元格，请在 Excel 中取消合并（每列一个表头）后再上传`);
        }
      }
    }
  }

  result(): SheetData {
    return { sheetName: this.sheetName, headerRow: this.headerRow, headerCells: this.headerCells, rows: this.rows };
  }
}

/** Picks the answer once every sheet was offered; the messages for a file without a matching sheet. */
class WorkbookCollector {
  private hiddenMatch: string | null = null;
  private best: { found: number; missing: string[] } | null = null;
  private sheetCount = 0;

  constructor(private readonly template: Template) {}

  sheet(name: string, hidden: boolean, merges: readonly Range[] = []): SheetCollector {
    this.sheetCount++;
    return new SheetCollector(this.template, name, merges, hidden);
  }

  /** Called after a sheet's rows: its data when it is the one, else null to try the next sheet. */
  done(s: SheetCollector, hidden: boolean): SheetData | null {
    if (s.found) {
      if (!hidden) return s.result();
      this.hiddenMatch ??= s.sheetName;
      return null;
    }
    if (s.best && (!this.best || s.best.found > this.best.found)) this.best = s.best;
    return null;
  }

  notFound(): ImportFileError {
    const t = this.template;
    if (this.hiddenMatch) {
      return new ImportFileError(`“${t.title}”表格在隐藏的工作表“${this.hiddenMatch}”中，请在 Excel 中取消隐藏该工作表后再上传`);
    }
    if (this.sheetCount === 0) return new ImportFileError("文件里没有可以读取的工作表");
    if (this.best) {
      return new ImportFileError(
        `没有找到完整的表头：缺少${this.best.missing.map((h) => `“${h}”`).join("")}列，请使用“${t.title}”模板的表头（可下载模板）`,
      );
    }
    const required = t.columns.filter((c) => c.required).map((c) => c.header);
    return new ImportFileError(`没有找到“${t.title}”模板的表头行（应有 ${required.join("、")} 等列），请使用下载的模板填写`);
  }
}

// ---------------------------------------------------------------------------------------------
// Content detection

const startsWith = (b: Uint8Array, sig: readonly number[], at = 0) => b.length >= at + sig.length && sig.every((x, i) => b[at + i] === x);
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const ZIP_EMPTY = [0x50, 0x4b, 0x05, 0x06];

function extensionOf(fileName: string): string {
  const m = /\.([^./\\]+)$/.exec(fileName.trim());
  return m ? m[1].toLowerCase() : "";
}

/** Looks like text: no NUL and hardly any other control bytes in the first 64 KiB. */
function looksLikeText(b: Uint8Array): boolean {
  if (startsWith(b, [0xff, 0xfe]) || startsWith(b, [0xfe, 0xff])) return true; // UTF-16 with BOM
  const n = Math.min(b.length, 64 * 1024);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const x = b[i];
    if (x === 0) return false;
    if (x < 0x09 || (x > 0x0d && x < 0x20) || x === 0x7f) control++;
  }
  return control <= n / 200;
}

/** What the bytes are; an ImportFileError for everything that is no spreadsheet at all. */
function detectType(b: Buffer): { type: FileType; zip?: ZipEntry[] } {
  if (startsWith(b, [0x4d, 0x5a])) throw new ImportFileError("这是一个程序文件（.exe），不是表格：请上传 Excel 或 CSV 文件");
  if (b.subarray(0, 1024).indexOf("%PDF-") >= 0) throw new ImportFileError("这是 PDF 文件，不是表格：请上传 Excel（.xlsx 或 .xls）或 CSV 文件");
  if (startsWith(b, OLE2)) {
    let names: string[];
    try {
      const cfb = XLSX.CFB.read(b, { type: "buffer" }) as { FileIndex: { name: string }[] };
      names = cfb.FileIndex.map((f) => f.name);
    } catch {
      throw new ImportFileError("文件已损坏，无法读取，请在 Excel 中重新保存后再上传");
    }
    // An encrypted .xlsx is an OLE2 container with EncryptionInfo + EncryptedPackage.
    if (names.includes("EncryptionInfo") || names.includes("EncryptedPackage")) throw new ImportFileError(PASSWORD);
    if (names.includes("Workbook") || names.includes("Book")) return { type: "xls" };
    if (names.includes("WordDocument")) throw new ImportFileError("这是 Word 文档，不是表格：请上传 Excel 或 CSV 文件");
    throw new ImportFileError(NOT_SPREADSHEET);
  }
  if (startsWith(b, ZIP) || startsWith(b, ZIP_EMPTY)) {
    const entries = readZipDirectory(b);
    const names = new Set(entries.map((e) => e.name));
    if (names.has("xl/workbook.xml")) return { type: "xlsx", zip: entries };
    if (names.has("word/document.xml")) throw new ImportFileError("这是 Word 文档，不是表格：请上传 Excel 或 CSV 文件");
    if ([...names].some((n) => n.startsWith("xl/"))) throw new ImportFileError("这是 Excel 二进制或启用宏的工作簿，请在 Excel 中另存为 .xlsx 后再上传");
    throw new ImportFileError("这是压缩包，不是表格：请上传 Excel（.xlsx 或 .xls）或 CSV 文件");
  }
  if (looksLikeText(b)) {
    // Many office systems "export to Excel" as a web page or Excel 2003 XML named .xls.
    const head = decodeCsv(b.subarray(0, 2048)).trimStart().slice(0, 2048).toLowerCase();
    if (/^<(!doctype html|html|table|\?xml|meta|head)\b/.test(head) || /<html\b|<table\b|urn:schemas-microsoft-com:office:spreadsheet/.test(head)) {
      throw new ImportFileError("这是网页（HTML）或 XML 格式的表格，不是真正的 Excel 文件：请在 Excel 或 WPS 中打开后“另存为” .xlsx 再上传");
    }
    return { type: "csv" };
  }
  throw new ImportFileError(NOT_SPREADSHEET);
}

// ---------------------------------------------------------------------------------------------
// .xlsx

interface XlsxSheetInfo {
  name: string;
  hidden: boolean;
  path: string;
}

/** Attributes of the XML start tags named `tag` (workbook.xml and its relationships are small, flat files). */
function tagsOf(xml: string, tag: string): Record<string, string>[] {
  const out: Record<string, string>[] = [];
  const re = new RegExp(`<(?:\\w+:)?${tag}\\b([^>]*)>`, "g");
  for (let m = re.exec(xml); m; m = re.exec(xml)) {
    const attrs: Record<string, string> = {};
    for (const a of m[1].matchAll(/([\w:]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) attrs[a[1]] = decodeXml(a[2] ?? a[3] ?? "");
    out.push(attrs);
  }
  return out;
}

function decodeXml(s: string): string {
  return s.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-f]+);/gi, (_, e: string) => {
    const named: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };
    if (named[e.toLowerCase()]) return named[e.toLowerCase()];
    const code = e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : "";
  });
}

function resolvePart(target: string): string {
  if (target.startsWith("/")) return target.slice(1);
  const parts = `xl/${target}`.split("/");
  const out: string[] = [];
  for (const p of parts) {
    if (p === "..") out.pop();
    else if (p !== "." && p !== "") out.push(p);
  }
  return out.join("/");
}

/**
 * Writers built on the .NET Open XML SDK often put the spreadsheet namespace under a
 * prefix (<x:worksheet><x:sheetData><x:row>…); exceljs's streaming reader knows the
 * elements only by their bare names. The prefix of the root element is dropped from
 * every tag (byte-wise: the pattern is ASCII, so UTF-8 text is untouched).
 */
function unprefixed(xml: Buffer): Buffer {
  const head = xml.toString("latin1", 0, Math.min(xml.length, 2048));
  const m = /<([A-Za-z_][\w.-]*):(?:worksheet|sst|styleSheet)\b/.exec(head);
  if (!m) return xml;
  const tag = new RegExp(`<(/?)${m[1]}:`, "g");
  return Buffer.from(xml.toString("latin1").replace(tag, "<$1"), "latin1");
}

const columnLetters = (n: number) => {
  let s = "";
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
};

/**
 * The spreadsheet format lets a writer leave out row numbers and cell references
 * (<row><c><v>1</v></c></row> means "the next row, the next cell"); exceljs's streaming
 * reader needs them. When the first row or cell has none, they are written in.
 */
function withCellRefs(xml: Buffer): Buffer {
  const head = xml.toString("latin1", 0, Math.min(xml.length, 64 * 1024));
  const hasRefs = (tag: RegExpExecArray | null) => !tag || /\sr\s*=/.test(tag[0]);
  if (hasRefs(/<row\b[^>]*>/.exec(head)) && hasRefs(/<c(?=[\s>/])[^>]*>/.exec(head))) return xml;
  const text = xml.toString("latin1");
  let row = 0;
  let col = 0;
  const out = text.replace(/<row\b([^>]*)>|<c(?=[\s>/])([^>]*?)(\/?)>/g, (tag, rowAttrs?: string, cellAttrs?: string, close?: string) => {
    if (rowAttrs !== undefined) {
      const r = /\sr\s*=\s*"(\d+)"/.exec(rowAttrs);
      row = r ? Number(r[1]) : row + 1;
      col = 0;
      return r ? tag : `<row r="${row}"${rowAttrs}>`;
    }
    const ref = /\sr\s*=\s*"([A-Z]+)\d+"/.exec(cellAttrs ?? "");
    col = ref ? [...ref[1]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) : col + 1;
    return ref ? tag : `<c r="${columnLetters(col)}${row}"${cellAttrs ?? ""}${close ?? ""}>`;
  });
  return Buffer.from(out, "latin1");
}

async function readXlsx(b: Buffer, entries: ZipEntry[], template: Template): Promise<SheetData> {
  checkDeclaredSizes(entries);
  const byName = new Map(entries.map((e) => [e.name, e]));
  const wbEntry = byName.get("xl/workbook.xml");
  const relsEntry = byName.get("xl/_rels/workbook.xml.rels");
  if (!wbEntry || !relsEntry) throw new ImportFileError("文件已损坏，无法读取，请在 Excel 中重新保存后再上传");

  const workbookXml = await entryText(b, wbEntry);
  const relsXml = await entryText(b, relsEntry);
  const rels = tagsOf(relsXml, "Relationship").map((r) => ({ id: r.Id ?? "", type: r.Type ?? "", path: resolvePart(r.Target ?? "") }));
  const partOf = (type: string) => byName.get(rels.find((r) => r.type.endsWith(`/${type}`))?.path ?? "");
  const sheets: XlsxSheetInfo[] = tagsOf(workbookXml, "sheet").flatMap((s) => {
    const rel = rels.find((r) => r.id === s["r:id"] && r.type.endsWith("/worksheet"));
    return rel && byName.has(rel.path) ? [{ name: s.name ?? "", hidden: s.state === "hidden" || s.state === "veryHidden", path: rel.path }] : [];
  });
  const date1904 = tagsOf(workbookXml, "workbookPr").some((p) => p.date1904 === "1" || p.date1904 === "true");
  const styles = partOf("styles");
  const strings = partOf("sharedStrings");

  // The parts we read, inflated once each, capped (a part cannot yield more than it
  // declared, the whole file no more than MAX_INFLATED_BYTES), with the sheets' merged
  // ranges collected on the way (the streaming reader ignores merges). Other parts
  // (images, themes …) are never inflated.
  const merges = new Map<string, Range[]>();
  const inflated = new Map<string, Buffer>();
  let budget = MAX_INFLATED_BYTES;
  for (const e of [styles, strings, ...sheets.map((s) => byName.get(s.path))]) {
    if (!e || inflated.has(e.name)) continue;
    const isSheet = sheets.some((s) => s.path === e.name);
    const chunks: Buffer[] = [];
    const found: Range[] = [];
    let tail = "";
    budget -= await inflateEntry(b, e, budget, (chunk) => {
      chunks.push(chunk);
      if (!isSheet) return;
      const text = tail + chunk.toString("latin1");
      for (const m of text.matchAll(/<(?:\w+:)?mergeCell\b[^>]*\bref="([^"]+)"/g)) {
        const r = decodeRange(m[1]);
        if (r) found.push(r);
      }
      // Keep the end in case a tag is split between two chunks (a tag is short).
      const cut = text.lastIndexOf("<");
      tail = cut >= 0 && text.length - cut < 200 ? text.slice(cut) : "";
    });
    const xml = unprefixed(Buffer.concat(chunks));
    inflated.set(e.name, isSheet ? withCellRefs(xml) : xml);
    if (isSheet) merges.set(e.name, found);
  }

  // exceljs's streaming reader parses a sheet as it comes only when the relationships,
  // workbook, styles and shared strings came first (Excel writes the shared strings after
  // the sheets, and then exceljs parks every sheet in a temporary file), and it knows
  // sheets only as xl/worksheets/sheetN.xml. So it gets a ZIP of exactly the parts it
  // reads, in that order: a workbook and relationships written here from what was parsed
  // above (sheets numbered in tab order, visibility, 1904 dates), the styles and shared
  // strings (empty ones when the file has none), then the sheets in tab order.
  //
  // Every part is stored (already inflated) and streamed in UTF-8-safe pieces:
  // exceljs decodes every chunk to text on its own (utils/parse-sax.js), which garbles a
  // Chinese character split between two chunks of a compressed part.
  const NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
  const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
  const esc = (v: string) => v.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/"/g, "&quot;");
  const synthetic = (name: string, xml: string) => ({ name, data: Buffer.from(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>${xml}`) });
  const part = (e: ZipEntry | undefined) => (e ? inflated.get(e.name) : undefined);
  const stylesXml = part(styles);
  const stringsXml = part(strings);
  const chunks = storedZipChunks([
    synthetic(
      "xl/_rels/workbook.xml.rels",
      `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets
        .map((_, i) => `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`)
        .join("")}</Relationships>`,
    ),
    synthetic(
      "xl/workbook.xml",
      `<workbook xmlns="${NS}" xmlns:r="${REL}"><workbookPr${date1904 ? ' date1904="1"' : ""}/><sheets>${sheets
        .map((s, i) => `<sheet name="${esc(s.name)}" sheetId="${i + 1}" state="${s.hidden ? "hidden" : "visible"}" r:id="rId${i + 1}"/>`)
        .join("")}</sheets></workbook>`,
    ),
    stylesXml ? { name: "xl/styles.xml", data: stylesXml } : synthetic("xl/styles.xml", `<styleSheet xmlns="${NS}"/>`),
    stringsXml ? { name: "xl/sharedStrings.xml", data: stringsXml } : synthetic("xl/sharedStrings.xml", `<sst xmlns="${NS}" count="0" uniqueCount="0"/>`),
    ...sheets.map((s, i) => ({ name: `xl/worksheets/sheet${i + 1}.xml`, data: inflated.get(s.path) ?? Buffer.alloc(0) })),
  ]);
  inflated.clear();

  const collector = new WorkbookCollector(template);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(chunks), {
    worksheets: "emit",
    sharedStrings: "cache",
    styles: "cache",
    hyperlinks: "ignore",
    entries: "ignore",
  });
  try {
    for await (const ws of reader) {
      const w = ws as unknown as { id?: number | string; [Symbol.asyncIterator](): AsyncIterator<ExcelJS.Row> };
      const info = sheets[Number(w.id) - 1];
      if (!info) continue;
      const sheet = collector.sheet(info.name, info.hidden, merges.get(info.path) ?? []);
      for await (const row of w) {
        const cells: string[] = [];
        row.eachCell({ includeEmpty: false }, (cell, col) => {
          while (cells.length < col - 1) cells.push("");
          cells[col - 1] = excelValueText(cell.value, cell.numFmt, date1904);
        });
        if (!sheet.push(row.number, cells)) break;
      }
      const data = collector.done(sheet, info.hidden);
      if (data) return data;
    }
  } catch (e) {
    if (e instanceof ImportFileError) throw e;
    throw new ImportFileError("文件已损坏或不是标准的 Excel 文件，无法读取，请在 Excel 中重新保存为 .xlsx 后再上传");
  }
  throw collector.notFound();
}

// ---------------------------------------------------------------------------------------------
// .xls (SheetJS, for this format only)

function readXls(b: Buffer, template: Template): SheetData {
  let wb: XLSX.WorkBook;
  try {
    wb = XLSX.read(b, {
      type: "buffer",
      cellFormula: false, // formulas are never evaluated; the cached value is what we read
      cellHTML: false,
      cellDates: false,
      cellNF: true,
      cellStyles: false,
      // The format's own maximum (BIFF8: 65,536 rows), as a cap against a damaged
      // dimension record. Not the import limit: formatted empty rows would then cut off
      // real data; data rows are counted as they are read, like .xlsx and .csv.
      sheetRows: 65_536,
      dense: true,
    });
  } catch (e) {
    const text = e instanceof Error ? e.message : String(e);
    if (/password|encrypt/i.test(text)) throw new ImportFileError(PASSWORD);
    throw new ImportFileError("文件已损坏或不是标准的 Excel 97-2003 文件，无法读取，请在 Excel 中另存为 .xlsx 后再上传");
  }
  const date1904 = !!wb.Workbook?.WBProps?.date1904;
  const collector = new WorkbookCollector(template);
  for (const [i, name] of wb.SheetNames.entries()) {
    const ws = wb.Sheets[name];
    const hidden = (wb.Workbook?.Sheets?.[i]?.Hidden ?? 0) !== 0;
    const merges: Range[] = (ws["!merges"] ?? []).map((m) => ({ top: m.s.r + 1, left: m.s.c + 1, bottom: m.e.r + 1, right: m.e.c + 1 }));
    const sheet = collector.sheet(name, hidden, merges);
    const ref = ws["!ref"];
    if (ref) {
      const range = XLSX.utils.decode_range(ref);
      const dense = (ws as unknown as { "!data"?: (XLSX.CellObject | undefined)[][] })["!data"] ?? [];
      for (let r = range.s.r; r <= range.e.r; r++) {
        const rowCells = dense[r] ?? [];
        const cells: string[] = [];
        for (let c = 0; c <= Math.min(range.e.c, rowCells.length - 1); c++) cells.push(sheetJsCellText(rowCells[c], date1904));
        if (!sheet.push(r + 1, cells)) break;
      }
    }
    const data = collector.done(sheet, hidden);
    if (data) return data;
  }
  throw collector.notFound();
}

function sheetJsCellText(cell: XLSX.CellObject | undefined, date1904: boolean): string {
  if (!cell || cell.v === undefined || cell.v === null) return "";
  switch (cell.t) {
    case "s":
      return String(cell.v);
    case "n":
      return isDateFormat(typeof cell.z === "string" ? cell.z : undefined) ? serialToDate(cell.v as number, date1904) : plainNumber(cell.v as number);
    case "b":
      return cell.v ? "是" : "否";
    case "d":
      return cell.v instanceof Date ? formatDate(cell.v) : "";
    case "e":
      return "";
    default:
      return String(cell.v);
  }
}

// ---------------------------------------------------------------------------------------------
// .csv

/** Bytes → text: UTF-16 or UTF-8 by BOM, else UTF-8 when the bytes are valid UTF-8, else GB18030. */
export function decodeCsv(b: Buffer): string {
  if (startsWith(b, [0xef, 0xbb, 0xbf])) return b.toString("utf8", 3);
  if (startsWith(b, [0xff, 0xfe])) return iconv.decode(b.subarray(2), "utf16le");
  if (startsWith(b, [0xfe, 0xff])) return iconv.decode(b.subarray(2), "utf16be");
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(b);
  } catch {
    return iconv.decode(b, "gb18030");
  }
}

/**
 * RFC 4180 records, one at a time: fields separated by `delimiter`, records by CRLF or
 * LF; a quoted field may hold delimiters, line breaks and "" for a quote. Lenient the
 * way Excel is: a quote inside an unquoted field is kept as text.
 */
export function* csvRecords(text: string, delimiter = ","): Generator<string[]> {
  let i = 0;
  const n = text.length;
  while (i < n) {
    const record: string[] = [];
    for (;;) {
      let field = "";
      if (text[i] === '"') {
        i++;
        for (;;) {
          const q = text.indexOf('"', i);
          if (q < 0) {
            field += text.slice(i);
            i = n;
            break;
          }
          field += text.slice(i, q);
          i = q + 1;
          if (text[i] === '"') {
            field += '"';
            i++;
          } else break;
        }
        // Anything between the closing quote and the next delimiter is kept (Excel does).
        while (i < n && text[i] !== delimiter && text[i] !== "\n" && text[i] !== "\r") field += text[i++];
      } else {
        let j = i;
        while (j < n && text[j] !== delimiter && text[j] !== "\n" && text[j] !== "\r") j++;
        field = text.slice(i, j);
        i = j;
      }
      record.push(field);
      if (i < n && text[i] === delimiter) {
        i++;
        continue;
      }
      break;
    }
    if (text[i] === "\r") i++;
    if (text[i] === "\n") i++;
    yield record;
  }
}

/** Comma, unless the first line has tabs and no commas (Excel's "Unicode text" and TSV saved as .csv). */
function sniffDelimiter(text: string): string {
  const first = text.slice(0, Math.max(0, text.indexOf("\n")) || 4096);
  const tabs = first.split("\t").length - 1;
  const commas = first.split(",").length - 1;
  const semis = first.split(";").length - 1;
  if (tabs > commas && tabs >= semis) return "\t";
  if (semis > commas) return ";";
  return ",";
}

function readCsv(b: Buffer, template: Template): SheetData {
  const text = decodeCsv(b);
  const collector = new WorkbookCollector(template);
  const sheet = collector.sheet(template.title, false);
  let row = 0;
  for (const record of csvRecords(text, sniffDelimiter(text))) {
    row++;
    if (!sheet.push(row, record)) break;
  }
  const data = collector.done(sheet, false);
  if (data) return data;
  throw collector.notFound();
}

// ---------------------------------------------------------------------------------------------

/** Reads an upload as the given template's sheet, or throws ImportFileError with one sentence for the user. */
export async function readImportFile(bytes: Uint8Array, fileName: string, template: Template): Promise<SheetData> {
  if (bytes.length === 0) throw new ImportFileError("文件是空的，请重新选择文件");
  if (bytes.length > MAX_IMPORT_BYTES) {
    throw new ImportFileError(`文件太大（${(bytes.length / 1024 / 1024).toFixed(1)} MB），最大 20 MB：请分成几个文件上传`);
  }
  const ext = extensionOf(fileName);
  if (ext !== "xlsx" && ext !== "xls" && ext !== "csv") {
    const saveAs = ["et", "ett", "ods", "numbers", "xlsm", "xlsb", "xltx", "xlt", "wps"].includes(ext) ? "，可在 Excel 或 WPS 中“另存为” .xlsx" : "";
    throw new ImportFileError(`不能导入${ext ? ` .${ext} ` : "没有扩展名的"}文件：请上传 .xlsx、.xls 或 .csv 文件${saveAs}`);
  }
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const detected = detectType(b);
  if (detected.type !== ext) {
    throw new ImportFileError(
      `文件内容是 ${TYPE_LABEL[detected.type]}，但文件名是 .${ext}：请把扩展名改为 .${detected.type}，或在 Excel 中另存为 .xlsx 后再上传`,
    );
  }
  switch (detected.type) {
    case "xlsx":
      return readXlsx(b, detected.zip ?? [], template);
    case "xls":
      return readXls(b, template);
    case "csv":
      return readCsv(b, template);
  }
}
