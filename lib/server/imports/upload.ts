import "server-only";
/**
 * The uploaded import file of a request: the raw body (name in ?fileName= or the
 * X-File-Name header, URL-encoded for non-ASCII names) or the multipart field `file`.
 * At most MAX_IMPORT_BYTES; the route answers a bad upload with one Chinese sentence.
 */
import { createHash } from "node:crypto";
import type { NextRequest } from "next/server";
import { IMPORT_KINDS, TEMPLATES, type ImportKind, type Template } from "@/lib/imports/templates";
import { notFound } from "../errors";
import { ImportFileError, MAX_IMPORT_BYTES } from "./read-file";

/** Multipart adds a few hundred bytes of boundaries and headers around the file. */
const MULTIPART_SLACK = 64 * 1024;
const TOO_BIG = `文件超过 ${MAX_IMPORT_BYTES / 1024 / 1024} MiB，请分成几个文件上传`;

export interface Upload {
  bytes: Uint8Array;
  fileName: string;
  sha256: string;
}

/** The kind from the URL, or NOT_FOUND. */
export function importKind(raw: string): { kind: ImportKind; template: Template } {
  if (!(IMPORT_KINDS as readonly string[]).includes(raw)) throw notFound();
  const kind = raw as ImportKind;
  return { kind, template: TEMPLATES[kind] };
}

function decodedName(raw: string | null): string | null {
  if (!raw) return null;
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/** The raw body, refused as soon as it passes `max` (a chunked upload declares no length). */
async function readCapped(body: ReadableStream<Uint8Array> | null, max: number): Promise<Uint8Array<ArrayBuffer>> {
  if (!body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel();
      throw new ImportFileError(TOO_BIG);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, size);
}

export async function readUpload(req: NextRequest): Promise<Upload> {
  const declared = Number(req.headers.get("content-length") ?? 0);
  if (declared > MAX_IMPORT_BYTES + MULTIPART_SLACK) throw new ImportFileError(TOO_BIG);
  const type = req.headers.get("content-type") ?? "";
  let bytes: Uint8Array;
  let fileName: string | null;
  if (type.startsWith("multipart/form-data")) {
    // Read under the same cap as a raw body: a chunked multipart upload declares no length,
    // and req.formData() alone would take in whatever arrives.
    const raw = await readCapped(req.body, MAX_IMPORT_BYTES + MULTIPART_SLACK);
    let form: FormData;
    try {
      form = await new Response(raw, { headers: { "content-type": type } }).formData();
    } catch {
      throw new ImportFileError("上传的内容无法读取，请重新选择文件上传");
    }
    const file = form.get("file");
    if (!file || typeof file === "string") throw new ImportFileError("请选择要上传的文件（表单字段 file）");
    bytes = new Uint8Array(await file.arrayBuffer());
    fileName = file.name;
  } else {
    bytes = await readCapped(req.body, MAX_IMPORT_BYTES);
    fileName = req.nextUrl.searchParams.get("fileName") ?? decodedName(req.headers.get("x-file-name"));
  }
  if (bytes.byteLength === 0) throw new ImportFileError("文件是空的，请选择填好的表格再上传");
  if (bytes.byteLength > MAX_IMPORT_BYTES) throw new ImportFileError(TOO_BIG);
  return { bytes, fileName: (fileName || "upload.xlsx").slice(0, 200), sha256: createHash("sha256").update(bytes).digest("hex") };
}
