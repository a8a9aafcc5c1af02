/** Policy document uploads: the type judged by content (magic bytes, ZIP and OLE2 directories) and agreeing with the name. */
import { describe, expect, it } from "vitest";
import {
  checkUpload,
  contentDisposition,
  detectFileKind,
  extensionOf,
  FILE_KINDS,
  safeFileName,
  zipEntryNames,
} from "@/lib/server/outcomes/file-type";
import { ACCEPTED_EXTENSIONS, formatFileSize, MAX_FILE_BYTES, ZUploadFile } from "@/lib/schemas/document";

const bytes = (...parts: (string | number[] | Uint8Array)[]) =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === "string" ? [...Buffer.from(p, "latin1")] : [...p])));

const PDF = bytes("%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF\n");
const PNG = bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], [0, 0, 0, 13], "IHDR", new Uint8Array(17));
const JPEG = bytes([0xff, 0xd8, 0xff, 0xe0, 0, 16], "JFIF\0", new Uint8Array(20));
const GIF = bytes("GIF89a", new Uint8Array(20));
const WEBP = bytes("RIFF", [26, 0, 0, 0], "WEBPVP8 ", new Uint8Array(18));
const OLE2_HEADER = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const utf16 = (s: string) => [...s].flatMap((c) => [c.charCodeAt(0), 0]);
const DOC = bytes(OLE2_HEADER, new Uint8Array(504), utf16("Root Entry"), new Uint8Array(44), utf16("WordDocument"), new Uint8Array(40));
const XLS = bytes(OLE2_HEADER, new Uint8Array(504), utf16("Root Entry"), new Uint8Array(44), utf16("Workbook"), new Uint8Array(40));

/** A stored (uncompressed) ZIP with these entries; `central: false` leaves out the central directory. */
function zip(names: string[], opts: { central?: boolean; descriptor?: boolean } = {}): Uint8Array {
  const chunks: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const name of names) {
    const data = Buffer.from(`<x>${name}</x>`);
    const n = Buffer.from(name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(opts.descriptor ? 0x08 : 0, 6);
    local.writeUInt32LE(opts.descriptor ? 0 : data.length, 18);
    local.writeUInt32LE(opts.descriptor ? 0 : data.length, 22);
    local.writeUInt16LE(n.length, 26);
    chunks.push(local, n, data);
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt32LE(data.length, 20);
    c.writeUInt32LE(data.length, 24);
    c.writeUInt16LE(n.length, 28);
    c.writeUInt32LE(offset, 42);
    central.push(c, n);
    offset += 30 + n.length + data.length;
  }
  if (opts.central !== false) {
    const cd = Buffer.concat(central);
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(names.length, 8);
    end.writeUInt16LE(names.length, 10);
    end.writeUInt32LE(cd.length, 12);
    end.writeUInt32LE(offset, 16);
    chunks.push(cd, end);
  }
  return new Uint8Array(Buffer.concat(chunks));
}
const DOCX_NAMES = ["[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/styles.xml", "docProps/core.xml"];
const DOCX = zip(DOCX_NAMES);

describe("detectFileKind", () => {
  it.each([
    ["PDF", PDF, "pdf"],
    ["PDF with bytes before the header", bytes(new Uint8Array(100), PDF), "pdf"],
    ["PNG", PNG, "png"],
    ["JPEG", JPEG, "jpeg"],
    ["GIF", GIF, "gif"],
    ["WebP", WEBP, "webp"],
    ["Word 97-2003 (OLE2 with a WordDocument stream)", DOC, "doc"],
    ["Excel 97-2003 (OLE2 without WordDocument)", XLS, "ole2"],
    ["docx (ZIP with [Content_Types].xml and word/)", DOCX, "docx"],
    ["docx without a central directory", zip(DOCX_NAMES, { central: false }), "docx"],
    ["xlsx (ZIP without word/)", zip(["[Content_Types].xml", "xl/workbook.xml"]), "zip"],
    ["a ZIP with word/ but no content types", zip(["word/document.xml"]), "zip"],
    ["an empty ZIP", bytes([0x50, 0x4b, 0x05, 0x06], new Uint8Array(18)), "zip"],
    ["plain text", bytes("hello, this is not a document"), null],
    ["HTML", bytes("<!doctype html><script>alert(1)</script>"), null],
    ["PDF header after the first KiB", bytes(new Uint8Array(2000), PDF), null],
    ["a few bytes", bytes([0xff]), null],
    ["a Windows program (MZ)", bytes("MZ", [0x90, 0], new Uint8Array(60), "This program cannot be run in DOS mode"), "program"],
    ["a Linux program (ELF)", bytes([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1], new Uint8Array(57)), "program"],
    ["a macOS program (Mach-O 64)", bytes([0xcf, 0xfa, 0xed, 0xfe], new Uint8Array(28)), "program"],
    ["a Windows program with a PDF header in its first KiB (polyglot)", bytes("MZ", new Uint8Array(62), PDF), "program"],
    ["a Linux program with a PDF header in its first KiB (polyglot)", bytes([0x7f, 0x45, 0x4c, 0x46], new Uint8Array(60), PDF), "program"],
  ])("%s", (_label, b, kind) => expect(detectFileKind(b)).toBe(kind));

  it("reads ZIP entry names from the central directory, or from local headers as far as sizes are known", () => {
    expect(zipEntryNames(DOCX)).toEqual(DOCX_NAMES);
    expect(zipEntryNames(zip(DOCX_NAMES, { central: false }))).toEqual(DOCX_NAMES);
    // With sizes only in trailing descriptors, the walk stops after the first name.
    expect(zipEntryNames(zip(DOCX_NAMES, { central: false, descriptor: true }))).toEqual(["[Content_Types].xml"]);
  });
});

describe("checkUpload", () => {
  it.each([
    ["通知.pdf", PDF, "pdf", "application/pdf"],
    ["照片.PNG", PNG, "png", "image/png"],
    ["扫描件.jpg", JPEG, "jpeg", "image/jpeg"],
    ["扫描件.jpeg", JPEG, "jpeg", "image/jpeg"],
    ["图.gif", GIF, "gif", "image/gif"],
    ["图.webp", WEBP, "webp", "image/webp"],
    ["意见.doc", DOC, "doc", "application/msword"],
    ["意见.docx", DOCX, "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"],
  ])("accepts %s", (name, b, kind, mimeType) => {
    expect(checkUpload(name, b)).toEqual({ ok: true, kind, mimeType, fileName: name });
  });

  it("refuses content that is not what the extension says, naming both", () => {
    expect(checkUpload("通知.pdf", PNG)).toEqual({
      ok: false,
      message: "文件内容与扩展名不符：文件名为 .pdf，内容不是 PDF（实际是 PNG 图片，扩展名应为 .png）",
    });
    expect(checkUpload("照片.png", JPEG)).toMatchObject({ ok: false, message: expect.stringContaining("实际是 JPEG 图片，扩展名应为 .jpg") });
    expect(checkUpload("意见.doc", DOCX)).toMatchObject({ ok: false, message: expect.stringContaining("内容不是 Word 97-2003 文档（实际是 Word 文档，扩展名应为 .docx）") });
    expect(checkUpload("意见.docx", DOC)).toMatchObject({ ok: false, message: expect.stringContaining("内容不是 Word 文档") });
  });

  it("refuses a program named as a document, also one carrying a PDF header, saying it is a program", () => {
    for (const name of ["通知.pdf", "意见.docx", "意见.doc", "照片.png"]) {
      for (const b of [bytes("MZ", new Uint8Array(62), PDF), bytes([0x7f, 0x45, 0x4c, 0x46], new Uint8Array(60), PDF)]) {
        expect(checkUpload(name, b)).toEqual({ ok: false, message: "这是一个程序文件，不能上传：只能上传 PDF、Word（.doc、.docx）、JPEG、PNG、GIF 或 WebP 文件" });
      }
    }
  });

  it("refuses a ZIP or an Excel file named as Word, and unknown content, with a clear message", () => {
    expect(checkUpload("表格.docx", zip(["[Content_Types].xml", "xl/workbook.xml"]))).toEqual({
      ok: false,
      message: "文件内容与扩展名不符：文件名为 .docx，内容不是 Word 文档（实际是 ZIP 压缩包）",
    });
    expect(checkUpload("表格.doc", XLS)).toMatchObject({ ok: false, message: expect.stringContaining("Office 97-2003 文件，但不是 Word 文档") });
    expect(checkUpload("网页.pdf", bytes("<html><script>alert(1)</script></html>"))).toEqual({
      ok: false,
      message: "文件内容与扩展名不符：文件名为 .pdf，内容不是 PDF",
    });
  });

  it("refuses extensions it does not keep, names without one, empty files and files over 20 MiB", () => {
    expect(checkUpload("脚本.html", PDF)).toMatchObject({ ok: false, message: expect.stringMatching(/^不能上传 \.html 文件：只能上传 PDF、Word/) });
    expect(checkUpload("表格.xlsx", zip(["[Content_Types].xml", "xl/workbook.xml"]))).toMatchObject({ ok: false, message: expect.stringContaining("不能上传 .xlsx 文件") });
    expect(checkUpload("通知", PDF)).toMatchObject({ ok: false, message: expect.stringContaining("文件名缺少扩展名") });
    expect(checkUpload("空.pdf", new Uint8Array(0))).toEqual({ ok: false, message: "所选文件是空的，请重新选择" });
    expect(checkUpload("", new Uint8Array(0))).toEqual({ ok: false, message: "请选择要上传的文件" });
    const big = new Uint8Array(MAX_FILE_BYTES + 1);
    big.set(PDF);
    expect(checkUpload("大.pdf", big)).toEqual({ ok: false, message: "文件不能超过 20 MB（所选文件 20.0 MB），请压缩或拆分后再上传" });
    expect(checkUpload("正好.pdf", big.subarray(0, MAX_FILE_BYTES))).toMatchObject({ ok: true, kind: "pdf" });
  });
});

describe("file names", () => {
  it("keeps the name only, without folders or control characters, at most 200 characters", () => {
    expect(safeFileName("C:\\Users\\王\\文件.pdf")).toBe("文件.pdf");
    expect(safeFileName("../../etc/passwd.pdf")).toBe("passwd.pdf");
    expect(safeFileName(" a\u0000b\nc.pdf ")).toBe("abc.pdf");
    const long = `${"长".repeat(300)}.docx`;
    expect(safeFileName(long)).toHaveLength(200);
    expect(safeFileName(long).endsWith(".docx")).toBe(true);
    expect(extensionOf("a.b.PDF")).toBe("pdf");
    expect(extensionOf("README")).toBe("");
  });

  it("Content-Disposition: attachment with an ASCII fallback and the UTF-8 name percent-encoded", () => {
    expect(contentDisposition("清关工委〔2017〕3号.pdf")).toBe(
      `attachment; filename="document.pdf"; filename*=UTF-8''${encodeURIComponent("清关工委〔2017〕3号.pdf")}`,
    );
    expect(contentDisposition(`it's (a) "doc"*.pdf`)).toBe(
      `attachment; filename="it's (a) _doc_*.pdf"; filename*=UTF-8''it%27s%20%28a%29%20%22doc%22%2A.pdf`,
    );
  });

  it("the picker's extensions are exactly the ones the server keeps", () => {
    const kept = Object.values(FILE_KINDS).flatMap((k) => k.extensions.map((e) => `.${e}`));
    expect([...ACCEPTED_EXTENSIONS].sort()).toEqual(kept.sort());
  });
});

describe("ZUploadFile (before the bytes are read)", () => {
  const file = (size: number, name = "a.pdf") => ({ name, size, arrayBuffer: async () => new ArrayBuffer(size) });
  const message = (v: unknown) => {
    const r = ZUploadFile.safeParse(v);
    return r.success ? null : r.error.issues[0].message;
  };
  it("needs a file, not empty, at most 20 MiB", () => {
    expect(message(undefined)).toBe("请选择要上传的文件");
    expect(message("a.pdf")).toBe("请选择要上传的文件");
    expect(message(file(0, ""))).toBe("请选择要上传的文件");
    expect(message(file(0))).toBe("所选文件是空的，请重新选择");
    expect(message(file(MAX_FILE_BYTES))).toBeNull();
    expect(message(file(MAX_FILE_BYTES + 1))).toBe("文件不能超过 20 MB（所选文件 20.0 MB），请压缩或拆分后再上传");
    expect(message(new File([PDF], "通知.pdf"))).toBeNull();
  });
  it("sizes read as people expect", () => {
    expect(formatFileSize(532)).toBe("532 字节");
    expect(formatFileSize(1536)).toBe("1.5 KB");
    expect(formatFileSize(300 * 1024)).toBe("300 KB");
    expect(formatFileSize(MAX_FILE_BYTES)).toBe("20.0 MB");
  });
});
