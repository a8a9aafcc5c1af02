/**
 * The ZIP container of an uploaded .xlsx, checked before any XML is parsed: its
 * central directory read by hand, every entry's declared size and compression ratio
 * checked (zip bombs), then each entry inflated once as a stream that is cut off as
 * soon as it yields more than it declared or the whole file more than
 * MAX_INFLATED_BYTES. Only after that does exceljs see the bytes.
 *
 * `storedZipChunks` then lets the reader hand exceljs's streaming reader a ZIP of only
 * the parts it reads, in the order and pieces it needs them (see read-file.ts).
 */
import "server-only";
import zlib from "node:zlib";
import { ImportFileError } from "@/lib/server/imports/file-errors";

/**
 * What the inflated parts of one workbook may add up to. A sheet of 50,000 rows × 13
 * columns is about 30–40 MB of XML; the parts read are held in memory while exceljs
 * reads them (see read-file.ts), so this also bounds the reader's memory.
 */
export const MAX_INFLATED_BYTES = 120 * 1024 * 1024;
/** Deflate cannot do better than ~1030:1; real sheets stay far below this. */
const MAX_RATIO = 300;
const MAX_ENTRIES = 10_000;

export interface ZipEntry {
  name: string;
  flags: number;
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

const u16 = (b: Buffer, at: number) => b.readUInt16LE(at);
const u32 = (b: Buffer, at: number) => b.readUInt32LE(at);

const DAMAGED = "文件已损坏，无法读取，请在 Excel 中重新保存后再上传";
const BOMB = "文件解压后过大，不像正常的表格文件，请检查文件后再上传";
export const PASSWORD = "文件设有密码，请在 Excel 中取消密码后再上传";

/** The entries of the central directory (found through the end record at the tail). */
export function readZipDirectory(b: Buffer): ZipEntry[] {
  const floor = Math.max(0, b.length - 22 - 0xffff);
  let eocd = -1;
  for (let at = b.length - 22; at >= floor; at--) {
    if (u32(b, at) === 0x06054b50) {
      eocd = at;
      break;
    }
  }
  if (eocd < 0) throw new ImportFileError(DAMAGED);
  const count = u16(b, eocd + 10);
  const dirOffset = u32(b, eocd + 16);
  if (count === 0xffff || dirOffset === 0xffffffff) throw new ImportFileError(DAMAGED); // ZIP64: never needed below 20 MiB
  if (count > MAX_ENTRIES) throw new ImportFileError(BOMB);
  const entries: ZipEntry[] = [];
  let at = dirOffset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > b.length || u32(b, at) !== 0x02014b50) throw new ImportFileError(DAMAGED);
    const nameLen = u16(b, at + 28);
    const entry: ZipEntry = {
      flags: u16(b, at + 8),
      method: u16(b, at + 10),
      crc: u32(b, at + 16),
      compressedSize: u32(b, at + 20),
      size: u32(b, at + 24),
      localOffset: u32(b, at + 42),
      name: b.toString("utf8", at + 46, Math.min(b.length, at + 46 + nameLen)),
    };
    if (entry.compressedSize === 0xffffffff || entry.size === 0xffffffff || entry.localOffset === 0xffffffff) {
      throw new ImportFileError(DAMAGED);
    }
    entries.push(entry);
    at += 46 + nameLen + u16(b, at + 30) + u16(b, at + 32);
  }
  return entries;
}

/** Where an entry's compressed data starts (after its local header). */
function dataOffset(b: Buffer, e: ZipEntry): number {
  if (e.localOffset + 30 > b.length || u32(b, e.localOffset) !== 0x04034b50) throw new ImportFileError(DAMAGED);
  const start = e.localOffset + 30 + u16(b, e.localOffset + 26) + u16(b, e.localOffset + 28);
  if (start + e.compressedSize > b.length) throw new ImportFileError(DAMAGED);
  return start;
}

/** Declared sizes and ratios, before a single byte is inflated. */
export function checkDeclaredSizes(entries: readonly ZipEntry[]): void {
  let total = 0;
  for (const e of entries) {
    if (e.flags & 0x01) throw new ImportFileError(PASSWORD); // a ZIP-level password
    if (e.method !== 0 && e.method !== 8) throw new ImportFileError(DAMAGED);
    total += e.size;
    if (total > MAX_INFLATED_BYTES) throw new ImportFileError(BOMB);
    if (e.size > 1024 * 1024 && e.size > MAX_RATIO * Math.max(1, e.compressedSize)) throw new ImportFileError(BOMB);
  }
}

/**
 * Inflates one entry as a stream, passing each chunk to `onChunk` and keeping nothing;
 * stops as soon as the output exceeds what the entry declared (a lying header) or the
 * remaining budget. Resolves to the number of bytes inflated.
 */
export function inflateEntry(b: Buffer, e: ZipEntry, budget: number, onChunk?: (chunk: Buffer) => void): Promise<number> {
  const start = dataOffset(b, e);
  const data = b.subarray(start, start + e.compressedSize);
  if (e.method === 0) {
    if (data.length !== e.size) throw new ImportFileError(DAMAGED);
    onChunk?.(data);
    return Promise.resolve(data.length);
  }
  const limit = Math.min(e.size, budget);
  return new Promise((resolve, reject) => {
    const inflate = zlib.createInflateRaw({ chunkSize: 64 * 1024 });
    let out = 0;
    let done = false;
    const fail = (message: string) => {
      if (done) return;
      done = true;
      inflate.destroy();
      reject(new ImportFileError(message));
    };
    inflate.on("data", (chunk: Buffer) => {
      out += chunk.length;
      if (out > limit) return fail(out > budget ? BOMB : DAMAGED);
      onChunk?.(chunk);
    });
    inflate.on("error", () => fail(DAMAGED));
    inflate.on("end", () => {
      if (done) return;
      done = true;
      if (out !== e.size) reject(new ImportFileError(DAMAGED));
      else resolve(out);
    });
    inflate.end(data);
  });
}

/** One inflated entry as text (for the small parts: workbook.xml and its relationships). */
export async function entryText(b: Buffer, e: ZipEntry): Promise<string> {
  const chunks: Buffer[] = [];
  await inflateEntry(b, e, MAX_INFLATED_BYTES, (c) => chunks.push(Buffer.from(c)));
  return Buffer.concat(chunks).toString("utf8");
}

export type ZipPart = { name: string; data: Buffer };

/** Pieces of UTF-8 text of at most `size` bytes, each ending on a character boundary. */
export function* utf8Pieces(data: Buffer, size = 64 * 1024): Generator<Buffer> {
  let at = 0;
  while (at < data.length) {
    let end = Math.min(data.length, at + size);
    // Step back over continuation bytes (10xxxxxx) so no character is cut in two.
    while (end < data.length && end > at + 1 && (data[end] & 0xc0) === 0x80) end--;
    yield data.subarray(at, end);
    at = end;
  }
}

/**
 * A new ZIP of these parts in this order, every part STORED (uncompressed), as a list of
 * chunks to stream: each local header on its own, each part's data in UTF-8-safe pieces
 * of at most 64 KiB. A streaming unzipper passes a stored part's data on in the pieces it
 * was given, so whoever decodes each piece to text on its own (exceljs does) never sees
 * half a Chinese character. Local records only, then an empty end record: a streaming
 * reader needs no central directory.
 */
export function storedZipChunks(parts: readonly ZipPart[]): Buffer[] {
  const out: Buffer[] = [];
  for (const p of parts) {
    const name = Buffer.from(p.name, "utf8");
    const h = Buffer.alloc(30);
    h.writeUInt32LE(0x04034b50, 0);
    h.writeUInt16LE(20, 4);
    h.writeUInt16LE(0x0800, 6); // UTF-8 names, no data descriptor
    h.writeUInt16LE(0, 8); // stored
    h.writeUInt32LE(zlib.crc32(p.data) >>> 0, 14);
    h.writeUInt32LE(p.data.length, 18);
    h.writeUInt32LE(p.data.length, 22);
    h.writeUInt16LE(name.length, 26);
    out.push(Buffer.concat([h, name]), ...utf8Pieces(p.data));
  }
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  out.push(end);
  return out;
}
