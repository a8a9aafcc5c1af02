/**
 * The backup file (docs/decisions/002-backups.md): one gzip stream of text, readable with
 * `zcat file | less`, written and read as a stream (never the whole database in memory):
 *
 *   QINGMIAO-BACKUP 1                       magic and format version
 *   {"createdAt":…,"migrations":[…],…}      the header (BackupHeader), one JSON line
 *   TABLE "Tenant"                          a section per table, in foreign-key order:
 *   <rows exactly as COPY … TO STDOUT wrote them (text format: one line a row, \-escaped)>
 *   \.                                      end of the section (COPY's own end marker)
 *   TABLE "OrgUnit"
 *   …
 *   END {"tables":[{"name":…,"rows":…,"sha256":…}],"sequences":[…],…}   the trailer
 *
 * COPY's text format escapes newlines and backslashes inside values, so a data line is never
 * `\.` and a row is exactly one line. The trailer holds each section's row count and the
 * sha256 of its bytes; gzip's CRC catches damage to the compressed bytes, the trailer's
 * absence a truncated file.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import { once } from "node:events";
import path from "node:path";
import { Readable } from "node:stream";
import zlib from "node:zlib";
import { dataDir } from "../database/data-dir";

export const MAGIC = "QINGMIAO-BACKUP";
export const FORMAT_VERSION = 1;
export const SECTION_END = Buffer.from("\\.\n");

/**
 * Tables a backup leaves out, and why (they are recreated empty):
 * - `_prisma_migrations`: the header lists the applied migrations; the restore re-runs them.
 * - `Session`: signed-in browsers. Restoring them would revive sessions ended after the
 *   backup (sign-out, password change); after a restore everybody signs in again.
 * - `SignInThrottle`: failed-attempt counters of the last minutes; stale after any restore.
 */
export const EXCLUDED_TABLES: Record<string, string> = {
  _prisma_migrations: "migration history: listed in the header, recreated by re-running the migrations",
  Session: "signed-in browsers: not revived by a restore (everybody signs in again)",
  SignInThrottle: "failed sign-in counters of the last minutes",
};

/** Session settings for both ends, so COPY's text is the same whatever the server's defaults. */
export const SESSION_SETTINGS = `SET statement_timeout = 0; SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8'; SET DateStyle = 'ISO, YMD'; SET IntervalStyle = 'postgres';
SET TimeZone = 'UTC'; SET extra_float_digits = 3; SET bytea_output = 'hex'`;

export interface BackupColumn {
  name: string;
  type: string;
}
export interface BackupTable {
  name: string;
  columns: BackupColumn[];
}
export interface BackupHeader {
  format: number;
  app: "qingmiao";
  /** The instant of the snapshot (the transaction's now()), ISO 8601 UTC. */
  createdAt: string;
  database: string;
  serverVersion: string;
  /** Applied migrations in the order they were applied: the schema the rows belong to. */
  migrations: { name: string; checksum: string }[];
  /** Section order: every table of the schema but EXCLUDED_TABLES, parents before children. */
  tables: BackupTable[];
  excluded: string[];
  /** Short fingerprint of the AUTH_SECRET in use when the backup was made (null: unknown), see authSecretId(). */
  authSecretId: string | null;
}
export interface BackupSummary {
  tables: { name: string; rows: number; sha256: string }[];
  sequences: { name: string; lastValue: string; isCalled: boolean }[];
  finishedAt: string;
}

/** A file that is not a complete, intact backup. The message is for the operator (Chinese). */
export class BackupFileError extends Error {}

/**
 * A short, non-reversible fingerprint of the AUTH_SECRET this process would use, or null
 * when none is set up (read as lib/server/auth/secret.ts does, without creating one).
 * 两步验证 secrets are encrypted under a key derived from AUTH_SECRET, so a restore with another
 * secret leaves enrolled users needing their recovery codes: the restore warns.
 */
export function authSecretId(): string | null {
  let secret = process.env.AUTH_SECRET || process.env.NEXTAUTH_SECRET;
  if (!secret) {
    try {
      secret = fs.readFileSync(/*turbopackIgnore: true*/ path.join(dataDir(), "auth-secret"), "utf8").trim();
    } catch {
      return null;
    }
  }
  return secret ? crypto.createHash("sha256").update(`qingmiao-backup:${secret}`).digest("hex").slice(0, 16) : null;
}

export const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

export function countLines(chunk: Buffer): number {
  let n = 0;
  for (let i = chunk.indexOf(0x0a); i !== -1; i = chunk.indexOf(0x0a, i + 1)) n++;
  return n;
}

/** Writes into a stream, waiting while its buffer is full; `failed` rejects when the stream fails. */
export async function writeTo(stream: NodeJS.WritableStream, chunk: Buffer | string, failed: Promise<unknown>) {
  if (!stream.write(chunk)) await Promise.race([once(stream as NodeJS.EventEmitter, "drain"), failed]);
}

/** Running sha256 and row count of one section. */
export class SectionTally {
  rows = 0;
  private hash = crypto.createHash("sha256");
  add(chunk: Buffer) {
    this.hash.update(chunk);
    this.rows += countLines(chunk);
  }
  digest() {
    return this.hash.digest("hex");
  }
}

type Item = { kind: "line"; text: string } | { kind: "data"; chunk: Buffer } | { kind: "end" };

const MAX_CONTROL_LINE = 64 * 1024 * 1024;

/**
 * Splits the decompressed stream into control lines and section data. Data is passed on in
 * the chunks it arrived in (never gathered into whole rows: a 40 MB file row stays in
 * pieces); only a possible start of the end marker (at most two bytes) waits for the next
 * chunk.
 */
async function* items(source: AsyncIterable<Buffer>): AsyncGenerator<Item> {
  let carry: Buffer = Buffer.alloc(0);
  let inData = false;
  let atLineStart = true;
  for await (const chunk of source) {
    const buf: Buffer = carry.length ? Buffer.concat([carry, chunk]) : chunk;
    carry = Buffer.alloc(0);
    let pos = 0;
    while (pos < buf.length) {
      if (!inData) {
        const nl = buf.indexOf(0x0a, pos);
        if (nl === -1) {
          carry = buf.subarray(pos);
          if (carry.length > MAX_CONTROL_LINE) throw new BackupFileError("这不是青苗的备份文件（格式不对）");
          break;
        }
        const text = buf.toString("utf8", pos, nl);
        pos = nl + 1;
        if (text.startsWith("TABLE ")) {
          inData = true;
          atLineStart = true;
        }
        yield { kind: "line", text };
        continue;
      }
      const start = pos;
      let ended = false;
      let waiting = false;
      while (pos < buf.length) {
        if (atLineStart) {
          const rest = Math.min(buf.length - pos, SECTION_END.length);
          if (buf.compare(SECTION_END, 0, rest, pos, pos + rest) === 0) {
            if (rest < SECTION_END.length) waiting = true;
            else ended = true;
            break;
          }
        }
        const nl = buf.indexOf(0x0a, pos);
        if (nl === -1) {
          pos = buf.length;
          atLineStart = false;
        } else {
          pos = nl + 1;
          atLineStart = true;
        }
      }
      if (pos > start) yield { kind: "data", chunk: buf.subarray(start, pos) };
      if (waiting) {
        carry = buf.subarray(pos);
        pos = buf.length;
      } else if (ended) {
        pos += SECTION_END.length;
        inData = false;
        yield { kind: "end" };
      }
    }
  }
  if (carry.length || inData) throw new BackupFileError("备份文件不完整（可能在写入或复制时被截断）");
}

/** What to do with one section's data: the restore's COPY FROM; absent when only checking. */
export interface SectionSink {
  write(chunk: Buffer): Promise<void>;
  /** Called after the section's last byte; returns the number of rows the sink took (COPY's count). */
  end(): Promise<number>;
}

export interface ReadResult {
  header: BackupHeader;
  summary: BackupSummary;
}

function parseJson<T>(text: string, what: string): T {
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new BackupFileError(`备份文件已损坏（${what}不是有效的 JSON）`);
  }
}

/**
 * Reads a backup file from start to end and checks it: magic, format version, sections in
 * the header's order, each section's row count and sha256 against the trailer. With
 * `onTable`, each section's bytes also go to the sink it returns (after `onHeader`).
 * Throws BackupFileError (Chinese) on any damage; the sinks then have seen part of the data,
 * so a caller writing to a database runs this inside a transaction it rolls back.
 */
export async function readBackup(
  file: string,
  handlers: { onHeader?: (h: BackupHeader) => Promise<void>; onTable?: (t: BackupTable) => Promise<SectionSink> } = {},
): Promise<ReadResult> {
  let input: fs.ReadStream;
  try {
    await fs.promises.access(file, fs.constants.R_OK);
    input = fs.createReadStream(file);
  } catch (e) {
    throw new BackupFileError(`无法读取备份文件 ${file}：${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const gunzip = zlib.createGunzip();
  input.on("error", (e) => gunzip.destroy(e));
  input.pipe(gunzip);
  const source = (async function* () {
    try {
      for await (const c of gunzip as Readable) yield c as Buffer;
    } catch (e) {
      if (e instanceof BackupFileError) throw e;
      const code = (e as NodeJS.ErrnoException).code ?? "";
      const message = (e as Error).message;
      if (code === "Z_BUF_ERROR") throw new BackupFileError("备份文件不完整（可能在写入或复制时被截断）");
      if (/incorrect header check/.test(message)) throw new BackupFileError("这不是青苗的备份文件（不是 gzip 压缩文件）");
      if (code.startsWith("Z_")) throw new BackupFileError(`备份文件已损坏（解压失败：${message}）`);
      throw new BackupFileError(`无法读取备份文件 ${file}：${code || message}`);
    }
  })();

  let lineNo = 0;
  let header: BackupHeader | null = null;
  let summary: BackupSummary | null = null;
  const seen: { name: string; rows: number; sha256: string }[] = [];
  let current: { table: BackupTable; tally: SectionTally; sink?: SectionSink } | null = null;

  try {
    for await (const item of items(source)) {
      if (summary) throw new BackupFileError("备份文件已损坏（结束标记之后还有内容）");
      if (item.kind === "data") {
        current!.tally.add(item.chunk);
        if (current!.sink) await current!.sink.write(item.chunk);
        continue;
      }
      if (item.kind === "end") {
        const c = current!;
        const taken = c.sink ? await c.sink.end() : c.tally.rows;
        if (taken !== c.tally.rows) {
          throw new BackupFileError(`表 ${c.table.name} 导入了 ${taken} 行，文件中有 ${c.tally.rows} 行`);
        }
        seen.push({ name: c.table.name, rows: c.tally.rows, sha256: c.tally.digest() });
        current = null;
        continue;
      }
      lineNo++;
      const text = item.text;
      if (lineNo === 1) {
        const [magic, version] = text.split(" ");
        if (magic !== MAGIC) throw new BackupFileError("这不是青苗的备份文件（开头标记不对）");
        if (Number(version) > FORMAT_VERSION) {
          throw new BackupFileError(`备份文件格式为第 ${version} 版，本程序只认识到第 ${FORMAT_VERSION} 版：请先升级程序`);
        }
        if (Number(version) !== FORMAT_VERSION) throw new BackupFileError("这不是青苗的备份文件（格式版本不对）");
      } else if (lineNo === 2) {
        header = parseJson<BackupHeader>(text, "文件头");
        if (header.app !== "qingmiao" || !Array.isArray(header.tables) || !Array.isArray(header.migrations)) {
          throw new BackupFileError("这不是青苗的备份文件（文件头不对）");
        }
        await handlers.onHeader?.(header);
      } else if (text.startsWith("TABLE ")) {
        const name = parseJson<string>(text.slice(6), "表名");
        const table = header!.tables[seen.length];
        if (!table || table.name !== name) throw new BackupFileError(`备份文件已损坏（表 ${name} 不在文件头所列的位置）`);
        current = { table, tally: new SectionTally(), sink: await handlers.onTable?.(table) };
      } else if (text.startsWith("END ")) {
        summary = parseJson<BackupSummary>(text.slice(4), "结束清单");
      } else {
        throw new BackupFileError(`备份文件已损坏（第 ${lineNo} 个标记行无法识别）`);
      }
    }
  } finally {
    input.destroy();
  }
  if (!header || !summary) throw new BackupFileError("备份文件不完整（可能在写入或复制时被截断）");
  if (seen.length !== header.tables.length || summary.tables.length !== seen.length) {
    throw new BackupFileError("备份文件不完整（表的数目与清单不符）");
  }
  for (const [i, s] of seen.entries()) {
    const listed = summary.tables[i];
    if (listed.name !== s.name) throw new BackupFileError(`备份文件已损坏（清单中第 ${i + 1} 张表不是 ${s.name}）`);
    if (listed.rows !== s.rows) {
      throw new BackupFileError(`备份文件已损坏：表 ${s.name} 有 ${s.rows} 行，清单记为 ${listed.rows} 行`);
    }
    if (listed.sha256 !== s.sha256) throw new BackupFileError(`备份文件已损坏：表 ${s.name} 的校验和不一致`);
  }
  return { header, summary };
}
