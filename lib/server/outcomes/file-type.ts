/**
 * What an uploaded policy document really is, judged by its bytes (magic numbers), and
 * whether that agrees with its name's extension. Pure: no I/O, unit-tested on its own.
 *
 * A name is easy to change and browsers send whatever type the extension suggests, so
 * neither is trusted: a ".pdf" must start like a PDF, a ".docx" must be a ZIP whose
 * directory holds [Content_Types].xml and word/ parts, a ".doc" must be an OLE2
 * compound file with a WordDocument stream. The stored type is the one checked here.
 */
import { ACCEPTED_TYPES_TEXT, MAX_FILE_BYTES, NO_FILE, fileTooLarge } from "@/lib/schemas/document";

export type FileKind = "pdf" | "doc" | "docx" | "jpeg" | "png" | "gif" | "webp";

export const FILE_KINDS: Record<FileKind, { label: string; mimeType: string; extensions: readonly string[] }> = {
  pdf: { label: "PDF", mimeType: "application/pdf", extensions: ["pdf"] },
  doc: { label: "Word 97-2003 文档", mimeType: "application/msword", extensions: ["doc"] },
  docx: {
    label: "Word 文档",
    mimeType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    extensions: ["docx"],
  },
  jpeg: { label: "JPEG 图片", mimeType: "image/jpeg", extensions: ["jpg", "jpeg"] },
  png: { label: "PNG 图片", mimeType: "image/png", extensions: ["png"] },
  gif: { label: "GIF 图片", mimeType: "image/gif", extensions: ["gif"] },
  webp: { label: "WebP 图片", mimeType: "image/webp", extensions: ["webp"] },
};

/** Containers that are recognised but are not one of the kinds (a ZIP that is no .docx, an .xls), and programs. */
type Detected = FileKind | "zip" | "ole2" | "program" | null;
const DETECTED_LABELS: Record<"zip" | "ole2", string> = { zip: "ZIP 压缩包", ole2: "Office 97-2003 文件，但不是 Word 文档" };

const kindOfExtension = new Map<string, FileKind>(
  (Object.entries(FILE_KINDS) as [FileKind, (typeof FILE_KINDS)[FileKind]][]).flatMap(([kind, k]) => k.extensions.map((e) => [e, kind] as const)),
);

function hasBytes(b: Uint8Array, at: number, sig: readonly number[]): boolean {
  if (b.length < at + sig.length) return false;
  return sig.every((x, i) => b[at + i] === x);
}
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));
const u16 = (b: Uint8Array, at: number) => b[at] | (b[at + 1] << 8);
const u32 = (b: Uint8Array, at: number) => (b[at] | (b[at + 1] << 8) | (b[at + 2] << 16)) + b[at + 3] * 0x1000000;
const latin1 = (b: Uint8Array, from: number, to: number) => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString("latin1", from, Math.min(to, b.length));

const PDF = ascii("%PDF-");
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ZIP_LOCAL = [0x50, 0x4b, 0x03, 0x04];
const ZIP_EMPTY = [0x50, 0x4b, 0x05, 0x06];
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];
/** Programs: Windows (MZ), Linux (ELF), macOS (Mach-O, both byte orders, 32 and 64 bit). */
const PROGRAMS = [[0x4d, 0x5a], [0x7f, 0x45, 0x4c, 0x46], [0xfe, 0xed, 0xfa, 0xce], [0xfe, 0xed, 0xfa, 0xcf], [0xce, 0xfa, 0xed, 0xfe], [0xcf, 0xfa, 0xed, 0xfe]];
/** "WordDocument" as UTF-16LE: the name of a Word file's main stream in the OLE2 directory. */
const WORD_STREAM = Uint8Array.from([..."WordDocument"].flatMap((c) => [c.charCodeAt(0), 0]));

function indexOf(hay: Uint8Array, needle: Uint8Array): number {
  return Buffer.from(hay.buffer, hay.byteOffset, hay.byteLength).indexOf(needle);
}

/**
 * Entry names of a ZIP, from its central directory (found through the end record at
 * the tail); when that is missing or ZIP64, from the local headers in order, as far as
 * their sizes are known. At most 5,000 names: a .docx has a few dozen.
 */
export function zipEntryNames(b: Uint8Array): string[] {
  const names: string[] = [];
  const floor = Math.max(0, b.length - 22 - 0xffff);
  for (let eocd = b.length - 22; eocd >= floor; eocd--) {
    if (!hasBytes(b, eocd, ZIP_EMPTY)) continue;
    const count = u16(b, eocd + 10);
    let at = u32(b, eocd + 16);
    for (let i = 0; i < count && i < 5000 && hasBytes(b, at, [0x50, 0x4b, 0x01, 0x02]); i++) {
      const nameLen = u16(b, at + 28);
      names.push(latin1(b, at + 46, at + 46 + nameLen));
      at += 46 + nameLen + u16(b, at + 30) + u16(b, at + 32);
    }
    if (names.length > 0) return names;
    break;
  }
  let at = 0;
  while (names.length < 5000 && hasBytes(b, at, ZIP_LOCAL)) {
    const nameLen = u16(b, at + 26);
    names.push(latin1(b, at + 30, at + 30 + nameLen));
    const flags = u16(b, at + 6);
    const size = u32(b, at + 18);
    if (flags & 0x08 || size === 0xffffffff) break; // size only in a trailing descriptor, or ZIP64
    at += 30 + nameLen + u16(b, at + 28) + size;
  }
  return names;
}

/** What the bytes are, by their signature; null when nothing known. */
export function detectFileKind(b: Uint8Array): Detected {
  // First: a program stays a program whatever it carries (a PDF header in its first KiB makes a PE/PDF polyglot).
  if (PROGRAMS.some((sig) => hasBytes(b, 0, sig))) return "program";
  if (hasBytes(b, 0, PNG)) return "png";
  if (hasBytes(b, 0, JPEG)) return "jpeg";
  if (hasBytes(b, 0, ascii("GIF87a")) || hasBytes(b, 0, ascii("GIF89a"))) return "gif";
  if (hasBytes(b, 0, ascii("RIFF")) && hasBytes(b, 8, ascii("WEBP"))) return "webp";
  if (hasBytes(b, 0, OLE2)) return indexOf(b, WORD_STREAM) >= 0 ? "doc" : "ole2";
  if (hasBytes(b, 0, ZIP_LOCAL) || hasBytes(b, 0, ZIP_EMPTY)) {
    const names = zipEntryNames(b);
    const isWord = names.includes("[Content_Types].xml") && names.some((n) => n.startsWith("word/") && n.endsWith(".xml"));
    return isWord ? "docx" : "zip";
  }
  // Readers accept the PDF header anywhere in the first 1 KiB (some scanners prepend bytes).
  if (indexOf(b.subarray(0, 1024), Uint8Array.from(PDF)) >= 0) return "pdf";
  return null;
}

/** The extension after the last dot, lower-case, or "" when there is none. */
export function extensionOf(fileName: string): string {
  const m = /\.([^./\\]+)$/.exec(fileName);
  return m ? m[1].toLowerCase() : "";
}

/**
 * The name to keep: no folders (some clients send a path), no control characters, at
 * most 200 characters with the extension kept.
 */
export function safeFileName(raw: string): string {
  const base = (raw.split(/[/\\]/).pop() ?? "").replace(/[\u0000-\u001f\u007f]/g, "").trim();
  if (base.length <= 200) return base;
  const ext = extensionOf(base);
  return ext && ext.length < 20 ? `${base.slice(0, 199 - ext.length)}.${ext}` : base.slice(0, 200);
}

export type UploadCheck = { ok: true; kind: FileKind; mimeType: string; fileName: string } | { ok: false; message: string };

/** Accepts a file only when its content is a kind we keep and its extension says the same kind. */
export function checkUpload(rawName: string, bytes: Uint8Array): UploadCheck {
  const fileName = safeFileName(rawName);
  if (bytes.length === 0) return { ok: false, message: fileName ? "所选文件是空的，请重新选择" : NO_FILE };
  if (bytes.length > MAX_FILE_BYTES) return { ok: false, message: fileTooLarge(bytes.length) };
  const ext = extensionOf(fileName);
  if (!ext) return { ok: false, message: `文件名缺少扩展名，无法判断类型：只能上传 ${ACCEPTED_TYPES_TEXT} 文件` };
  const expected = kindOfExtension.get(ext);
  if (!expected) return { ok: false, message: `不能上传 .${ext} 文件：只能上传 ${ACCEPTED_TYPES_TEXT} 文件` };
  const detected = detectFileKind(bytes);
  if (detected === "program") return { ok: false, message: `这是一个程序文件，不能上传：只能上传 ${ACCEPTED_TYPES_TEXT} 文件` };
  if (detected === expected) return { ok: true, kind: expected, mimeType: FILE_KINDS[expected].mimeType, fileName };
  const actual =
    detected === null
      ? ""
      : detected === "zip" || detected === "ole2"
        ? `（实际是 ${DETECTED_LABELS[detected]}）`
        : `（实际是 ${FILE_KINDS[detected].label}，扩展名应为 .${FILE_KINDS[detected].extensions[0]}）`;
  return { ok: false, message: `文件内容与扩展名不符：文件名为 .${ext}，内容不是 ${FILE_KINDS[expected].label}${actual}` };
}

/**
 * Content-Disposition for a download: an ASCII fallback name and the real one as
 * RFC 5987/6266 `filename*` (UTF-8, percent-encoded; also ' ( ) * which
 * encodeURIComponent leaves alone but attr-char does not allow).
 */
export function contentDisposition(fileName: string): string {
  const ext = extensionOf(fileName);
  const fallback = /^[\x20-\x7e]+$/.test(fileName) ? fileName.replace(/["\\;%]/g, "_") : `document${ext ? `.${ext}` : ""}`;
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
