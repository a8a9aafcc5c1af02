/**
 * Reading uploads (shared/IMPORT.md "Files accepted"): every fixture is built here, with
 * exceljs, SheetJS (.xls), iconv-lite (GBK) or raw bytes. Each bad file must end in ONE
 * Chinese ImportFileError, never a crash or a hang.
 */
import zlib from "node:zlib";
import ExcelJS from "exceljs";
import * as XLSX from "@e965/xlsx";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { TEMPLATES } from "@/lib/imports/templates";
import { ImportFileError, MAX_IMPORT_BYTES, readImportFile, csvRecords } from "@/lib/server/imports/read-file";

const UNITS = TEMPLATES.units;
const VOLUNTEERS = TEMPLATES.volunteers;
const UNIT_HEADERS = UNITS.columns.map((c) => c.header);

async function xlsx(build: (wb: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

async function refusal(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(ImportFileError);
    return (e as Error).message;
  }
  throw new Error("expected the file to be refused");
}

const unitRow = ["城南街道", "镇街", "街道", "320812001", "", "2006-06-01"];

describe(".xlsx", () => {
  it("finds the header below a merged title row and reads the rows with their sheet row numbers", async () => {
    const bytes = await xlsx((wb) => {
      const ws = wb.addWorksheet("组织架构");
      ws.addRow(["2019年清江浦区组织架构"]);
      ws.mergeCells("A1:F1");
      ws.addRow([]);
      ws.addRow(UNIT_HEADERS.map((h, i) => (i < 4 ? `${h}*` : ` ${h}\n`)).concat("备注"));
      ws.addRow(unitRow.concat("第一行"));
      ws.addRow([]);
      ws.addRow(["淮海街道", "镇街", "街道", 320812002, null, new Date(Date.UTC(2007, 4, 9))]);
      ws.getCell("F6").numFmt = "yyyy年m月d日";
    });
    const data = await readImportFile(bytes, "组织架构.xlsx", UNITS);
    expect(data.sheetName).toBe("组织架构");
    expect(data.headerRow).toBe(3);
    expect(data.headerCells).toHaveLength(7);
    expect(data.rows.map((r) => r.row)).toEqual([4, 6]);
    expect(data.rows[0].values).toEqual({ 单位名称: "城南街道", 单位层级: "镇街", 单位类型: "街道", 单位代码: "320812001", 上级单位代码: "", 关工委成立日期: "2006-06-01" });
    expect(data.rows[0].cells).toEqual([...unitRow, "第一行"]);
    expect(data.rows[1].values.单位代码).toBe("320812002");
    expect(data.rows[1].values.关工委成立日期).toBe("2007-05-09");
  });

  it("keeps every Chinese character intact in big sheets (parts arrive in many pieces)", async () => {
    const names = Array.from({ length: 4000 }, (_, i) => `城南街道第${i}号“五老”报告会：红色家风代代传`);
    const bytes = await xlsx((wb) => {
      const ws = wb.addWorksheet("组织架构");
      ws.addRow(UNIT_HEADERS);
      for (const [i, name] of names.entries()) ws.addRow([name, "村社区", "村", String(320812001000 + i), "320812001", ""]);
      // Inline strings too (no shared-strings part for these), as some writers do.
      for (let i = 0; i < 2000; i++) ws.addRow([{ richText: [{ text: `富文本${i}` }, { text: "社区" }] }, "村社区", "社区", `X${i}`, "", ""]);
    });
    const data = await readImportFile(bytes, "big.xlsx", UNITS);
    expect(data.rows).toHaveLength(6000);
    expect(data.rows.slice(0, 4000).map((r) => r.values.单位名称)).toEqual(names);
    expect(data.rows.slice(4000).every((r, i) => r.values.单位名称 === `富文本${i}社区`)).toBe(true);
  });

  it("writes big numbers as plain digits and reads formulas by their cached value", async () => {
    const bytes = await xlsx((wb) => {
      const ws = wb.addWorksheet("Sheet1");
      ws.addRow(UNIT_HEADERS);
      ws.addRow(["城南街道", "镇街", "街道", { formula: "320812000+1", result: 320812001 }, 3.20812e5, { formula: 'TEXT(1,"0")' }]);
      ws.addRow(["大村", "村社区", "村", 320812001001, { formula: "D2", result: 320812001 }, { formula: "DATE(2019,10,12)", result: 43750 }]);
      ws.getCell("F3").numFmt = "yyyy-mm-dd";
    });
    const data = await readImportFile(bytes, "a.xlsx", UNITS);
    expect(data.rows[0].values.单位代码).toBe("320812001");
    expect(data.rows[0].values.上级单位代码).toBe("320812");
    expect(data.rows[0].values.关工委成立日期).toBe(""); // never calculated: no cached value
    expect(data.rows[1].values.单位代码).toBe("320812001001");
    expect(data.rows[1].values.上级单位代码).toBe("320812001");
    expect(data.rows[1].values.关工委成立日期).toBe("2019-10-12");
  });

  it("skips hidden sheets, and says so when the only matching sheet is hidden", async () => {
    const withVisible = await xlsx((wb) => {
      const hidden = wb.addWorksheet("旧数据", { state: "hidden" });
      hidden.addRow(UNIT_HEADERS);
      hidden.addRow(["旧街道", "镇街", "街道", "320812009", "", ""]);
      const ws = wb.addWorksheet("新数据");
      ws.addRow(UNIT_HEADERS);
      ws.addRow(unitRow);
    });
    const data = await readImportFile(withVisible, "a.xlsx", UNITS);
    expect(data.sheetName).toBe("新数据");
    expect(data.rows.map((r) => r.values.单位名称)).toEqual(["城南街道"]);

    const onlyHidden = await xlsx((wb) => {
      wb.addWorksheet("说明").addRow(["请在第二页填写"]);
      const ws = wb.addWorksheet("组织架构", { state: "veryHidden" });
      ws.addRow(UNIT_HEADERS);
      ws.addRow(unitRow);
    });
    expect(await refusal(readImportFile(onlyHidden, "a.xlsx", UNITS))).toBe(
      "“组织架构”表格在隐藏的工作表“组织架构”中，请在 Excel 中取消隐藏该工作表后再上传",
    );
  });

  it("refuses merged header cells, naming the header", async () => {
    const bytes = await xlsx((wb) => {
      const ws = wb.addWorksheet("组织架构");
      ws.addRow(UNIT_HEADERS);
      ws.mergeCells("E1:F1");
      ws.addRow(unitRow);
    });
    expect(await refusal(readImportFile(bytes, "a.xlsx", UNITS))).toBe("表头“上级单位代码”是合并单元格，请在 Excel 中取消合并（每列一个表头）后再上传");
  });

  it("names the missing required headers", async () => {
    const bytes = await xlsx((wb) => {
      const ws = wb.addWorksheet("组织架构");
      ws.addRow(["单位名称", "单位层级", "代码"]);
      ws.addRow(["城南街道", "镇街", "320812001"]);
    });
    expect(await refusal(readImportFile(bytes, "a.xlsx", UNITS))).toBe(
      "没有找到完整的表头：缺少“单位类型”“单位代码”列，请使用“组织架构”模板的表头（可下载模板）",
    );
    const none = await xlsx((wb) => wb.addWorksheet("x").addRow(["a", "b"]));
    expect(await refusal(readImportFile(none, "a.xlsx", UNITS))).toContain("没有找到“组织架构”模板的表头行（应有 单位名称、单位层级、单位类型、单位代码 等列）");
  });

  it("refuses more than 50,000 data rows without reading them all", async () => {
    // Written by hand (exceljs's writer takes a minute for a million rows): the parts a reader needs.
    const header = `<row r="1">${UNIT_HEADERS.map((h, i) => `<c r="${"ABCDEF"[i]}1" t="inlineStr"><is><t>${h}</t></is></c>`).join("")}</row>`;
    const rows: string[] = [];
    for (let r = 2; r <= 1_000_001; r++) rows.push(`<row r="${r}"><c r="D${r}"><v>${r}</v></c></row>`);
    const sheet = `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${NS}"><dimension ref="A1:F1000001"/><sheetData>${header}${rows.join("")}</sheetData></worksheet>`;
    const bytes = zipOf([
      { name: "[Content_Types].xml", data: Buffer.from(CONTENT_TYPES) },
      { name: "xl/workbook.xml", data: Buffer.from(`<workbook xmlns="${NS}" xmlns:r="${REL_NS}"><sheets><sheet name="组织架构" sheetId="1" r:id="rId1"/></sheets></workbook>`) },
      { name: "xl/_rels/workbook.xml.rels", data: Buffer.from(WB_RELS) },
      { name: "xl/worksheets/sheet1.xml", data: Buffer.from(sheet) },
    ]);
    expect(bytes.length).toBeLessThan(MAX_IMPORT_BYTES);
    expect(await refusal(readImportFile(bytes, "a.xlsx", UNITS))).toBe("文件超过 50000 行数据，请分成几个文件上传（每个文件最多 50000 行）");
  }, 120_000);
});

describe(".xlsx as other programs write it", () => {
  const cell = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;
  const sheetXml = (rows: string[][]) =>
    `<worksheet xmlns="${NS}"><sheetData>${rows
      .map((r, i) => `<row r="${i + 1}">${r.map((v, j) => (/^\d+$/.test(v) ? `<c r="${"ABCDEF"[j]}${i + 1}"><v>${v}</v></c>` : cell(`${"ABCDEF"[j]}${i + 1}`, v))).join("")}</row>`)
      .join("")}</sheetData></worksheet>`;

  it("reads sheets under any part name, in tab order (not ZIP order), without shared strings or styles", async () => {
    const bytes = zipOf([
      { name: "[Content_Types].xml", data: Buffer.from(CONTENT_TYPES) },
      // ZIP order: the second tab's part comes first.
      { name: "xl/worksheets/Data.xml", data: Buffer.from(sheetXml([UNIT_HEADERS, ["第二页", "镇街", "街道", "320812002"]])) },
      { name: "xl/worksheets/first.xml", data: Buffer.from(sheetXml([UNIT_HEADERS, ["第一页", "镇街", "街道", "320812001"]])) },
      {
        name: "xl/workbook.xml",
        data: Buffer.from(
          `<workbook xmlns="${NS}" xmlns:r="${REL_NS}"><sheets><sheet name="一" sheetId="7" r:id="rIdA"/><sheet name="二" sheetId="3" r:id="rIdB"/></sheets></workbook>`,
        ),
      },
      {
        name: "xl/_rels/workbook.xml.rels",
        data: Buffer.from(
          `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdB" Type="${REL_NS}/worksheet" Target="/xl/worksheets/Data.xml"/><Relationship Id="rIdA" Type="${REL_NS}/worksheet" Target="worksheets/first.xml"/></Relationships>`,
        ),
      },
    ]);
    const data = await readImportFile(bytes, "wps.xlsx", UNITS);
    expect(data.sheetName).toBe("一");
    expect(data.rows.map((r) => [r.values.单位名称, r.values.单位代码])).toEqual([["第一页", "320812001"]]);
  });

  it("reads a sheet whose tags carry a namespace prefix (.NET Open XML SDK writers)", async () => {
    const prefixed = sheetXml([UNIT_HEADERS, ["城南街道", "镇街", "街道", "320812001"]])
      .replace(/<(\/?)(?!\/)/g, "<$1x:")
      .replace(`<x:worksheet xmlns="${NS}"`, `<x:worksheet xmlns:x="${NS}"`);
    const bytes = zipOf([
      { name: "xl/workbook.xml", data: Buffer.from(`<x:workbook xmlns:x="${NS}" xmlns:r="${REL_NS}"><x:sheets><x:sheet name="组织架构" sheetId="1" r:id="rId1"/></x:sheets></x:workbook>`) },
      { name: "xl/_rels/workbook.xml.rels", data: Buffer.from(WB_RELS) },
      { name: "xl/worksheets/sheet1.xml", data: Buffer.from(prefixed) },
    ]);
    const data = await readImportFile(bytes, "sdk.xlsx", UNITS);
    expect(data.sheetName).toBe("组织架构");
    expect(data.rows.map((r) => r.values.单位名称)).toEqual(["城南街道"]);
  });

  it("reads a sheet without row numbers and cell references (allowed by the format)", async () => {
    const bare = sheetXml([UNIT_HEADERS, ["城南街道", "镇街", "街道", "320812001"], ["淮海街道", "镇街", "街道", "320812002"]])
      .replace(/ r="[A-Z]*\d+"/g, "");
    expect(bare).not.toContain('r="A1"');
    const bytes = zipOf([
      { name: "xl/workbook.xml", data: Buffer.from(`<workbook xmlns="${NS}" xmlns:r="${REL_NS}"><sheets><sheet name="组织架构" sheetId="1" r:id="rId1"/></sheets></workbook>`) },
      { name: "xl/_rels/workbook.xml.rels", data: Buffer.from(WB_RELS) },
      { name: "xl/worksheets/sheet1.xml", data: Buffer.from(bare) },
    ]);
    const data = await readImportFile(bytes, "bare.xlsx", UNITS);
    expect(data.rows.map((r) => [r.row, r.values.单位名称, r.values.单位代码])).toEqual([
      [2, "城南街道", "320812001"],
      [3, "淮海街道", "320812002"],
    ]);
  });

  it("reads dates of a workbook in the 1904 date system", async () => {
    const bytes = await xlsx((wb) => {
      wb.properties.date1904 = true;
      const ws = wb.addWorksheet("组织架构");
      ws.addRow(UNIT_HEADERS);
      ws.addRow(["城南街道", "镇街", "街道", "320812001", "", new Date(Date.UTC(2006, 5, 1))]);
      ws.getCell("F2").numFmt = "yyyy-mm-dd";
    });
    const data = await readImportFile(bytes, "mac.xlsx", UNITS);
    expect(data.rows[0].values.关工委成立日期).toBe("2006-06-01");
  });
});

describe(".xls", () => {
  it("reads an Excel 97-2003 file: title row, dates, numbers, hidden sheet skipped", async () => {
    const wb = XLSX.utils.book_new();
    const hidden = XLSX.utils.aoa_to_sheet([UNIT_HEADERS, ["旧", "镇街", "街道", "1", "", ""]]);
    XLSX.utils.book_append_sheet(wb, hidden, "旧");
    const ws = XLSX.utils.aoa_to_sheet([["2019年名册"], UNIT_HEADERS, ["城南街道", "镇街", "街道", 320812001, "", new Date(Date.UTC(2006, 5, 1))]], {
      cellDates: true,
      UTC: true,
    } as XLSX.AOA2SheetOpts);
    XLSX.utils.book_append_sheet(wb, ws, "组织架构");
    wb.Workbook = { Sheets: [{ Hidden: 1 }, { Hidden: 0 }] };
    const bytes = XLSX.write(wb, { type: "buffer", bookType: "biff8" }) as Buffer;
    const data = await readImportFile(bytes, "名册.xls", UNITS);
    expect(data.sheetName).toBe("组织架构");
    expect(data.headerRow).toBe(2);
    expect(data.rows).toHaveLength(1);
    expect(data.rows[0].row).toBe(3);
    expect(data.rows[0].values).toEqual({ 单位名称: "城南街道", 单位层级: "镇街", 单位类型: "街道", 单位代码: "320812001", 上级单位代码: "", 关工委成立日期: "2006-06-01" });
  });
});

describe(".xls limits", () => {
  it("refuses more than 50,000 data rows, and reads a sheet formatted far below its data", async () => {
    const many = XLSX.utils.aoa_to_sheet([UNIT_HEADERS, ...Array.from({ length: 50_001 }, (_, i) => ["村", "村社区", "村", String(i)])]);
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, many, "组织架构");
    const bytes = XLSX.write(wb, { type: "buffer", bookType: "biff8" }) as Buffer;
    expect(await refusal(readImportFile(bytes, "a.xls", UNITS))).toBe("文件超过 50000 行数据，请分成几个文件上传（每个文件最多 50000 行）");

    const sparse = XLSX.utils.aoa_to_sheet([UNIT_HEADERS, unitRow]);
    sparse["A60000"] = { t: "s", v: "" }; // an empty cell far down (formatting does this)
    sparse["!ref"] = "A1:F60000";
    const wb2 = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb2, sparse, "组织架构");
    const data = await readImportFile(XLSX.write(wb2, { type: "buffer", bookType: "biff8" }) as Buffer, "b.xls", UNITS);
    expect(data.rows.map((r) => r.values.单位代码)).toEqual(["320812001"]);
  }, 60_000);
});

describe(".xls merged header", () => {
  it("refuses merged header cells in an .xls too", async () => {
    const wb = XLSX.utils.book_new();
    const ws = XLSX.utils.aoa_to_sheet([UNIT_HEADERS, unitRow]);
    ws["!merges"] = [{ s: { r: 0, c: 0 }, e: { r: 1, c: 0 } }]; // 单位名称 over two rows
    XLSX.utils.book_append_sheet(wb, ws, "组织架构");
    const bytes = XLSX.write(wb, { type: "buffer", bookType: "biff8" }) as Buffer;
    expect(await refusal(readImportFile(bytes, "a.xls", UNITS))).toBe("表头“单位名称”是合并单元格，请在 Excel 中取消合并（每列一个表头）后再上传");
  });
});

describe(".csv", () => {
  const text = `${UNIT_HEADERS.join(",")}\r\n"城南街道,老城区",镇街,街道,320812001,,2006/6/1\r\n,,,,,\r\n"村""一""",村社区,村,３２０８１２００１００１,320812001,"2019年10月12日"\r\n`;

  it("reads UTF-8 with and without BOM, quoting and full-width digits", async () => {
    for (const bytes of [Buffer.from(text, "utf8"), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, "utf8")])]) {
      const data = await readImportFile(bytes, "units.csv", UNITS);
      expect(data.headerRow).toBe(1);
      expect(data.rows.map((r) => r.row)).toEqual([2, 4]);
      expect(data.rows[0].values.单位名称).toBe("城南街道,老城区");
      expect(data.rows[0].values.关工委成立日期).toBe("2006/6/1");
      expect(data.rows[1].values.单位名称).toBe('村"一"');
      expect(data.rows[1].values.单位代码).toBe("320812001001");
      expect(data.rows[1].cells[3]).toBe("３２０８１２００１００１");
    }
  });

  it("reads GBK / GB18030 (what Excel in China writes)", async () => {
    const data = await readImportFile(iconv.encode(text, "gbk"), "units.csv", UNITS);
    expect(data.rows[0].values.单位名称).toBe("城南街道,老城区");
    expect(data.rows[0].values.单位层级).toBe("镇街");
  });

  it("parses RFC 4180 records: quoted line breaks and quotes", () => {
    expect([...csvRecords('a,"b\nc",d\n"e""f",,\n')]).toEqual([
      ["a", "b\nc", "d"],
      ['e"f', "", ""],
    ]);
    expect([...csvRecords("x")]).toEqual([["x"]]);
  });

  it("refuses 1,000,000 rows", async () => {
    const bytes = Buffer.from(`${UNIT_HEADERS.join(",")}\n${"a,b,c,1\n".repeat(1_000_000)}`);
    expect(await refusal(readImportFile(bytes, "a.csv", UNITS))).toBe("文件超过 50000 行数据，请分成几个文件上传（每个文件最多 50000 行）");
  });
});

describe("bad files", () => {
  it("a renamed program", async () => {
    const exe = Buffer.concat([Buffer.from("MZ\x90\x00", "latin1"), Buffer.alloc(200), Buffer.from("This program cannot be run in DOS mode")]);
    expect(await refusal(readImportFile(exe, "名册.xlsx", UNITS))).toBe("这是一个程序文件（.exe），不是表格：请上传 Excel 或 CSV 文件");
  });
  it("a PDF", async () => {
    expect(await refusal(readImportFile(Buffer.from("%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n"), "名册.xlsx", UNITS))).toContain("这是 PDF 文件，不是表格");
  });
  it("random bytes, under each accepted extension", async () => {
    let seed = 42;
    const random = Buffer.alloc(64 * 1024, 0).map(() => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff), seed >> 16) & 0xff);
    for (const name of ["a.xlsx", "a.xls", "a.csv"]) {
      expect(await refusal(readImportFile(random, name, UNITS))).toBe("文件不是表格：请上传 Excel（.xlsx 或 .xls）或 CSV 文件");
    }
  });
  it("a type that disagrees with the extension", async () => {
    expect(await refusal(readImportFile(Buffer.from(`${UNIT_HEADERS.join(",")}\n`), "a.xlsx", UNITS))).toContain("文件内容是 CSV 文本，但文件名是 .xlsx");
    expect(await refusal(readImportFile(Buffer.from("x"), "a.txt", UNITS))).toBe("不能导入 .txt 文件：请上传 .xlsx、.xls 或 .csv 文件");
  });
  it("a web page or Excel 2003 XML named .xls (what many office systems export)", async () => {
    const html = Buffer.from(`<html><head><meta charset="utf-8"></head><body><table><tr><td>单位名称</td></tr></table></body></html>`);
    expect(await refusal(readImportFile(html, "导出.xls", UNITS))).toBe(
      "这是网页（HTML）或 XML 格式的表格，不是真正的 Excel 文件：请在 Excel 或 WPS 中打开后“另存为” .xlsx 再上传",
    );
    const xml = Buffer.from(`<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"></Workbook>`);
    expect(await refusal(readImportFile(xml, "导出.xls", UNITS))).toContain("不是真正的 Excel 文件");
    expect(await refusal(readImportFile(Buffer.from("x"), "名册.et", UNITS))).toBe("不能导入 .et 文件：请上传 .xlsx、.xls 或 .csv 文件，可在 Excel 或 WPS 中“另存为” .xlsx");
  });

  it("empty and over 20 MiB", async () => {
    expect(await refusal(readImportFile(new Uint8Array(0), "a.csv", UNITS))).toBe("文件是空的，请重新选择文件");
    expect(await refusal(readImportFile(new Uint8Array(MAX_IMPORT_BYTES + 1), "a.csv", UNITS))).toContain("最大 20 MB");
  });
  it("a password-protected Excel 97-2003 file (FILEPASS record after the first BOF)", async () => {
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([UNIT_HEADERS, unitRow]), "组织架构");
    const plain = XLSX.write(wb, { type: "buffer", bookType: "biff8" }) as Buffer;
    const cfb = XLSX.CFB.read(plain, { type: "buffer" });
    const stream = XLSX.CFB.find(cfb, "Workbook") as { content: Buffer };
    const content = Buffer.from(stream.content);
    const bofEnd = 4 + content.readUInt16LE(2);
    // RC4 encryption header: type 1, version 1.1, salt, verifier and its hash.
    const filePass = Buffer.concat([Buffer.from([0x2f, 0x00, 54, 0x00, 1, 0, 1, 0, 1, 0]), Buffer.alloc(48, 0x5a)]);
    stream.content = Buffer.concat([content.subarray(0, bofEnd), filePass, content.subarray(bofEnd)]);
    const bytes = XLSX.CFB.write(cfb, { type: "buffer" }) as Buffer;
    expect(await refusal(readImportFile(bytes, "名册.xls", UNITS))).toBe("文件设有密码，请在 Excel 中取消密码后再上传");
  });

  it("a password-protected workbook (OLE2 with EncryptionInfo)", async () => {
    const cfb = XLSX.CFB.utils.cfb_new();
    XLSX.CFB.utils.cfb_add(cfb, "EncryptionInfo", Buffer.from([4, 0, 4, 0, 0x40, 0, 0, 0]));
    XLSX.CFB.utils.cfb_add(cfb, "EncryptedPackage", Buffer.alloc(4096, 7));
    const bytes = XLSX.CFB.write(cfb, { type: "buffer" }) as Buffer;
    expect(await refusal(readImportFile(bytes, "名册.xlsx", UNITS))).toBe("文件设有密码，请在 Excel 中取消密码后再上传");
  });
  it("a zip bomb: declared sizes, and a part that inflates beyond what it declares", async () => {
    const big = zlib.deflateRawSync(Buffer.alloc(300 * 1024 * 1024, 0x20)); // ≈ 300 KB → 300 MB
    expect(big.length).toBeLessThan(MAX_IMPORT_BYTES);
    const declared = zipOf([
      { name: "[Content_Types].xml", data: Buffer.from("<Types/>") },
      { name: "xl/workbook.xml", data: Buffer.from("<workbook/>") },
      { name: "xl/worksheets/sheet1.xml", raw: big, size: 300 * 1024 * 1024 },
    ]);
    expect(await refusal(readImportFile(declared, "a.xlsx", UNITS))).toBe("文件解压后过大，不像正常的表格文件，请检查文件后再上传");
    // The same part declaring a modest 1 MB: inflation is cut off at the declared size.
    const lying = zipOf([
      { name: "xl/workbook.xml", data: Buffer.from(`<workbook xmlns="${NS}" xmlns:r="${REL_NS}"><sheets><sheet name="a" sheetId="1" r:id="rId1"/></sheets></workbook>`) },
      { name: "xl/_rels/workbook.xml.rels", data: Buffer.from(WB_RELS) },
      { name: "xl/worksheets/sheet1.xml", raw: big, size: 1024 * 1024 },
    ]);
    expect(await refusal(readImportFile(lying, "a.xlsx", UNITS))).toBe("文件已损坏，无法读取，请在 Excel 中重新保存后再上传");
  });
});

describe("a volunteer sheet as offices write it", () => {
  it("reads dates typed as text in every listed format", async () => {
    const headers = VOLUNTEERS.columns.map((c) => c.header);
    const bytes = await xlsx((wb) => {
      const ws = wb.addWorksheet("五老志愿者");
      ws.addRow(headers);
      for (const d of ["2019-10-12", "2019/10/12", "2019.10.12", "2019年10月12日"]) {
        ws.addRow(["320812001001", "李秀英", "女", "1950", "", "老教师", "", d]);
      }
    });
    const data = await readImportFile(bytes, "v.xlsx", VOLUNTEERS);
    expect(data.rows.map((r) => r.values.加入日期)).toEqual(["2019-10-12", "2019/10/12", "2019.10.12", "2019年10月12日"]);
    expect(Object.keys(data.rows[0].values)).toEqual(headers);
  });
});

const NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>`;
const WB_RELS = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL_NS}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`;

/** A minimal ZIP (local records + central directory); `raw` is already deflated, with a declared size. */
function zipOf(files: ({ name: string; data: Buffer } | { name: string; raw: Buffer; size: number })[]): Buffer {
  const local: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const f of files) {
    const name = Buffer.from(f.name);
    const body = "raw" in f ? f.raw : zlib.deflateRawSync(f.data);
    const size = "raw" in f ? f.size : f.data.length;
    const crc = "raw" in f ? 0 : zlib.crc32(f.data);
    const h = Buffer.alloc(30);
    h.writeUInt32LE(0x04034b50, 0);
    h.writeUInt16LE(20, 4);
    h.writeUInt16LE(8, 8);
    h.writeUInt32LE(crc, 14);
    h.writeUInt32LE(body.length, 18);
    h.writeUInt32LE(size, 22);
    h.writeUInt16LE(name.length, 26);
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE(20, 4);
    c.writeUInt16LE(20, 6);
    c.writeUInt16LE(8, 10);
    c.writeUInt32LE(crc, 16);
    c.writeUInt32LE(body.length, 20);
    c.writeUInt32LE(size, 24);
    c.writeUInt16LE(name.length, 28);
    c.writeUInt32LE(offset, 42);
    local.push(h, name, body);
    central.push(c, name);
    offset += 30 + name.length + body.length;
  }
  const dir = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...local, dir, end]);
}
