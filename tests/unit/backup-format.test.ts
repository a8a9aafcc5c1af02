/**
 * The backup file reader (lib/server/backup/format.ts) where streams split: gunzip hands
 * out 16 KiB chunks, so a section's end marker or a row starting with a backslash (`\N`,
 * NULL in COPY's text format) can be cut anywhere. Every split must give back exactly the
 * section's bytes and rows.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { BackupFileError, FORMAT_VERSION, MAGIC, readBackup, type BackupHeader } from "@/lib/server/backup/format";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "qm-backup-format-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
const CHUNK = 16 * 1024; // zlib's default output chunk

function header(names: string[]): BackupHeader {
  return {
    format: FORMAT_VERSION,
    app: "qingmiao",
    createdAt: new Date().toISOString(),
    database: "t",
    serverVersion: "18",
    migrations: [],
    tables: names.map((name) => ({ name, columns: [{ name: "a", type: "text" }] })),
    excluded: [],
    authSecretId: null,
  };
}

/** The decompressed text of a backup with these sections. */
function text(sections: { name: string; data: Buffer }[], lead = "") {
  const head = Buffer.from(`${MAGIC} ${FORMAT_VERSION}\n${JSON.stringify({ ...header(sections.map((s) => s.name)), database: lead })}\n`);
  const parts: Buffer[] = [head];
  const tables = sections.map((s) => {
    parts.push(Buffer.from(`TABLE ${JSON.stringify(s.name)}\n`), s.data, Buffer.from("\\.\n"));
    const rows = s.data.toString("latin1").split("\n").length - 1;
    return { name: s.name, rows, sha256: crypto.createHash("sha256").update(s.data).digest("hex") };
  });
  parts.push(Buffer.from(`END ${JSON.stringify({ tables, sequences: [], finishedAt: "" })}\n`));
  return Buffer.concat(parts);
}

async function read(bytes: Buffer) {
  const file = path.join(tmp, `${crypto.randomUUID()}.gz`);
  fs.writeFileSync(file, zlib.gzipSync(bytes));
  const got: Record<string, Buffer[]> = {};
  const result = await readBackup(file, {
    onTable: async (t) => {
      got[t.name] = [];
      return {
        write: async (c) => void got[t.name].push(Buffer.from(c)),
        end: async () => Buffer.concat(got[t.name]).toString("latin1").split("\n").length - 1,
      };
    },
  });
  return { result, got: Object.fromEntries(Object.entries(got).map(([k, v]) => [k, Buffer.concat(v)])) };
}

describe("readBackup across chunk boundaries", () => {
  it.each([...Array(20).keys()])("the end marker (or the next section's \\N row) %i bytes before a 16 KiB boundary", async (shift) => {
    // Pad the first section so that its end marker (and then the next section's first row,
    // which starts with a backslash) begins `shift` bytes before the first chunk boundary.
    const probe = text([{ name: "A", data: Buffer.from("") }, { name: "B", data: Buffer.from("\\N\tx\n") }]);
    const markerAt = probe.indexOf(Buffer.from('TABLE "A"\n')) + 'TABLE "A"\n'.length;
    const pad = CHUNK - shift - markerAt - 1; // one data line: pad bytes + "\n"
    const a = Buffer.from(`${"x".repeat(pad)}\n`);
    const b = Buffer.from("\\N\tB1\n\\\\.\t2\n.\n\\N\n");
    const bytes = text([{ name: "A", data: a }, { name: "B", data: b }]);
    expect(bytes.indexOf(Buffer.from("\\.\n"), markerAt)).toBe(CHUNK - shift);
    const { result, got } = await read(bytes);
    expect(got.A.equals(a)).toBe(true);
    expect(got.B.equals(b)).toBe(true);
    expect(result.summary.tables.map((t) => t.rows)).toEqual([1, 4]);
  });

  it("a row far longer than a chunk stays whole and is passed on in pieces", async () => {
    const big = Buffer.from(`\\\\x${crypto.randomBytes(100_000).toString("hex")}\n`);
    const { got } = await read(text([{ name: "F", data: big }]));
    expect(got.F.equals(big)).toBe(true);
  });

  it("a section that lost its end marker, or a file cut off, is incomplete", async () => {
    const whole = text([{ name: "A", data: Buffer.from("1\n2\n") }]);
    const cut = whole.subarray(0, whole.indexOf(Buffer.from("\\.\n")) + 1);
    await expect(read(cut)).rejects.toThrow(new BackupFileError("备份文件不完整（可能在写入或复制时被截断）"));
    const noEnd = whole.subarray(0, whole.indexOf(Buffer.from("END ")));
    await expect(read(noEnd)).rejects.toThrow(/备份文件不完整/);
  });

  it("a row added to a section is caught by the checksum, a section out of order by its place", async () => {
    const whole = text([{ name: "A", data: Buffer.from("1\n") }, { name: "B", data: Buffer.from("2\n") }]);
    const added = Buffer.from(whole.toString("latin1").replace('TABLE "B"\n2\n', 'TABLE "B"\n2\n3\n'), "latin1");
    await expect(read(added)).rejects.toThrow("备份文件已损坏：表 B 有 2 行，清单记为 1 行");
    const swapped = Buffer.from(whole.toString("latin1").replace('TABLE "A"', 'TABLE "B"'), "latin1");
    await expect(read(swapped)).rejects.toThrow("备份文件已损坏（表 B 不在文件头所列的位置）");
  });
});
