/**
 * Audit retention (等保 2.0 and 网络安全法 §21: logs kept at least six months): the rows older
 * than the kept period move out of the database into an archive file, and only then are
 * deleted. Run by the operator (`npm run audit:archive`, scripts/audit-archive.ts, as the
 * schema owner), never by the app, whose database role cannot delete audit rows at all.
 *
 * The file is gzip-compressed JSON Lines, one audit row per line exactly as stored (id as
 * text, times in UTC ISO 8601, before/after as the JSON they are), beside a `.sha256` in
 * `sha256sum` format. Chosen because it loses nothing (a 20 KB before/after snapshot stays
 * whole, where an Excel cell stops at 32,767 characters and a sheet at 1,048,576 rows), is
 * written as a stream, and is read back by standard tools: `sha256sum -c <file>.sha256`,
 * `zcat <file> | jq .`, or any language's gzip and JSON.
 *
 * One run is one REPEATABLE READ transaction, so the file and the deletion see the same rows:
 * 1. an advisory lock (a second run at the same time is refused);
 * 2. the rows with `at` before the cutoff are read in id order, BATCH at a time, and streamed
 *    into `<name>.partial`; the file is fsynced, renamed, its directory fsynced, and read back
 *    (count and checksum must match) — only then
 * 3. the same rows are deleted, batch by batch, under the transaction-local setting
 *    `qingmiao.archive_audit_before` = cutoff. The audit trigger allows exactly that: rows
 *    older than the cutoff, and only when the cutoff is at least 180 days old (checked in SQL,
 *    prisma/migrations/20261202030000_audit_archive), whatever this code asks;
 * 4. the run's own audit entries: one without a district (the whole run) and one per district
 *    whose rows were archived (so its 操作日志 says where the older entries went).
 * Interrupted before the commit, nothing is deleted: the next run archives those rows again
 * into a new file (an earlier incomplete `.partial` is never valid, a complete earlier file
 * merely duplicates rows). Rows are never deleted before their file is complete on disk.
 *
 * Plain Node (no `server-only`): the CLI runs it with its own Prisma client.
 */
import crypto from "node:crypto";
import { once } from "node:events";
import fs from "node:fs";
import path from "node:path";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import zlib from "node:zlib";
import { z } from "zod";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import { dataDir } from "../database/data-dir";
import { AppError, invalid } from "../errors";
import type { PlatformActor } from "../platform/platform-write";

/** The legal minimum: six months, rounded up. The audit trigger enforces the same number. */
export const MIN_KEEP_DAYS = 180;
export const DEFAULT_KEEP_DAYS = 365;
const BATCH = 5000;
const DAY_MS = 86_400_000;
/** pg_advisory_xact_lock key of the archive job ("QMAR"). */
const ARCHIVE_LOCK_KEY = 0x514d4152;

/** Where archives go unless `--out` says otherwise: DATA_DIR/audit-archive. */
export const defaultArchiveDir = () => path.join(dataDir(), "audit-archive");

export const ZArchiveOptions = z.object({
  keepDays: z.coerce
    .number({ error: "保留天数须为整数" })
    .int("保留天数须为整数")
    .min(MIN_KEEP_DAYS, `保留天数不能少于 ${MIN_KEEP_DAYS} 天：等保 2.0 和《网络安全法》要求网络日志至少保存六个月`)
    .max(36_500, "保留天数太大了，请检查")
    .default(DEFAULT_KEEP_DAYS),
  outDir: z.string().trim().min(1, "请指定归档目录").optional(),
});
export type ArchiveOptions = z.input<typeof ZArchiveOptions>;

export interface ArchiveResult {
  /** Rows with `at` before this instant were archived. */
  cutoff: Date;
  keepDays: number;
  rows: number;
  /** Absolute path of the archive; null when there was nothing to archive. */
  file: string | null;
  sha256: string | null;
  bytes: number;
  /** Rows archived per district (null: rows of no district). */
  byTenant: { tenantId: string | null; rows: number }[];
}

type Tx = Prisma.TransactionClient;

/** A row as one JSON line: bigint id as text, times as ISO 8601 UTC. */
const line = (r: Prisma.AuditLogGetPayload<object>) =>
  `${JSON.stringify({ ...r, id: r.id.toString(), at: r.at.toISOString() })}\n`;

export function parseArchiveOptions(raw: ArchiveOptions) {
  const r = ZArchiveOptions.safeParse(raw);
  if (r.success) return r.data;
  const first = r.error.issues[0];
  throw invalid(r.error.issues.map((i) => ({ path: i.path.join(".") || "_", message: i.message })), first.message);
}

export async function archiveAuditLog(prisma: PrismaClient, who: PlatformActor, raw: ArchiveOptions): Promise<ArchiveResult> {
  const { keepDays, outDir = defaultArchiveDir() } = parseArchiveOptions(raw);
  const dir = path.resolve(outDir);
  let written: string | null = null;
  try {
    return await prisma.$transaction(
      async (tx) => {
        const [{ locked, now }] = await tx.$queryRaw<{ locked: boolean; now: Date }[]>`
          SELECT pg_try_advisory_xact_lock(${ARCHIVE_LOCK_KEY}::bigint) AS locked, now() AS now`;
        if (!locked) throw new AppError("CONFLICT", "另一个归档任务正在运行，请等它结束后再试");
        const cutoff = new Date(now.getTime() - keepDays * DAY_MS);
        const file = await writeArchive(tx, cutoff, dir, now, (f) => (written = f));
        await deleteArchived(tx, cutoff, file.batches);
        const result: ArchiveResult = { cutoff, keepDays, rows: file.rows, file: file.path, sha256: file.sha256, bytes: file.bytes, byTenant: file.byTenant };
        await auditRun(tx, who, result);
        return result;
      },
      { isolationLevel: Prisma.TransactionIsolationLevel.RepeatableRead, timeout: 3 * 3600_000, maxWait: 30_000 },
    );
  } catch (e) {
    if (written) {
      const why = e instanceof Error ? e.message : String(e);
      throw new AppError("CONFLICT", `归档文件 ${written} 已写好，但删除没有完成（已整体撤销），数据库中的记录都还在，下次运行会重新归档。原因：${why}`);
    }
    throw e;
  }
}

interface Written {
  path: string | null;
  sha256: string | null;
  bytes: number;
  rows: number;
  /** Id ranges read, with the number of rows in each: what the deletion must remove. */
  batches: { first: bigint; last: bigint; rows: number }[];
  byTenant: { tenantId: string | null; rows: number }[];
}

/** Streams the rows before the cutoff into a gzip JSON Lines file, made durable and checked before returning. */
async function writeArchive(tx: Tx, cutoff: Date, dir: string, now: Date, onWritten: (file: string) => void): Promise<Written> {
  const page = (after: bigint) =>
    tx.auditLog.findMany({ where: { at: { lt: cutoff }, id: { gt: after } }, orderBy: { id: "asc" }, take: BATCH });
  let rows = await page(BigInt(0));
  if (rows.length === 0) return { path: null, sha256: null, bytes: 0, rows: 0, batches: [], byTenant: [] };

  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const stamp = now.toISOString().replace(/[-:]/g, "");
  const name = `auditlog-before-${cutoff.toISOString().slice(0, 10)}-${stamp}.jsonl.gz`;
  const final = path.join(dir, name);
  const partial = `${final}.partial`;

  const hash = crypto.createHash("sha256");
  let bytes = 0;
  const gzip = zlib.createGzip({ level: 9 });
  const measure = new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      bytes += chunk.length;
      done(null, chunk);
    },
  });
  const done = pipeline(gzip, measure, fs.createWriteStream(partial, { mode: 0o600 }));
  // A failed write surfaces through `done`; until it is awaited, keep it from being unhandled.
  done.catch(() => {});

  const batches: Written["batches"] = [];
  const byTenant = new Map<string | null, number>();
  let count = 0;
  while (rows.length > 0) {
    for (const r of rows) {
      if (!gzip.write(line(r))) await once(gzip, "drain");
      byTenant.set(r.tenantId, (byTenant.get(r.tenantId) ?? 0) + 1);
    }
    batches.push({ first: rows[0].id, last: rows[rows.length - 1].id, rows: rows.length });
    count += rows.length;
    rows = rows.length < BATCH ? [] : await page(rows[rows.length - 1].id);
  }
  gzip.end();
  await done;

  await fsyncPath(partial);
  // link + unlink, not rename: an existing archive of that name is never replaced (EEXIST).
  fs.linkSync(partial, final);
  fs.unlinkSync(partial);
  const sha256 = hash.digest("hex");
  fs.writeFileSync(`${final}.sha256`, `${sha256}  ${name}\n`, { mode: 0o600, flag: "wx" });
  await fsyncPath(`${final}.sha256`);
  await fsyncPath(dir);
  onWritten(final);

  const check = await readBack(final);
  if (check.sha256 !== sha256 || check.rows !== count) {
    throw new Error(`归档文件核对不一致（写入 ${count} 条、${sha256}；读回 ${check.rows} 条、${check.sha256}）`);
  }
  return {
    path: final,
    sha256,
    bytes,
    rows: count,
    batches,
    byTenant: [...byTenant].map(([tenantId, n]) => ({ tenantId, rows: n })),
  };
}

async function fsyncPath(p: string) {
  const fh = await fs.promises.open(p, "r");
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/** The file as a reader finds it: its checksum, and its lines after gunzip. */
export async function readBack(file: string): Promise<{ sha256: string; rows: number }> {
  const hash = crypto.createHash("sha256");
  let rows = 0;
  await pipeline(
    fs.createReadStream(file),
    new Transform({
      transform(chunk: Buffer, _enc, done) {
        hash.update(chunk);
        done(null, chunk);
      },
    }),
    zlib.createGunzip(),
    async function (source: AsyncIterable<Buffer>) {
      for await (const chunk of source) for (let i = chunk.indexOf(0x0a); i !== -1; i = chunk.indexOf(0x0a, i + 1)) rows++;
    },
  );
  return { sha256: hash.digest("hex"), rows };
}

/** Deletes exactly the rows written (same snapshot, same id ranges); any other count undoes the run. */
async function deleteArchived(tx: Tx, cutoff: Date, batches: Written["batches"]) {
  if (batches.length === 0) return;
  // "at" is a timestamp without zone holding UTC (Prisma's convention): the cutoff as the same text.
  const before = cutoff.toISOString().replace("Z", "");
  await tx.$executeRaw`SELECT set_config('qingmiao.archive_audit_before', ${before}, true)`;
  for (const b of batches) {
    const n = await tx.$executeRaw`
      DELETE FROM "AuditLog" WHERE id BETWEEN ${b.first} AND ${b.last} AND "at" < ${before}::timestamp`;
    if (n !== b.rows) throw new Error(`删除的记录数（${n}）与归档的（${b.rows}）不一致，已全部撤销`);
  }
  await tx.$executeRaw`SELECT set_config('qingmiao.archive_audit_before', '', true)`;
}

/** The run's own entries: one for the whole run, one per district whose rows left. */
async function auditRun(tx: Tx, who: PlatformActor, r: ArchiveResult) {
  const base = {
    actorId: who.userId,
    actorName: who.username,
    action: "audit.archive",
    entity: "AuditLog",
    ip: who.ip,
    userAgent: who.userAgent,
    via: who.via,
  };
  const summary = { cutoff: r.cutoff.toISOString(), keepDays: r.keepDays, file: r.file, sha256: r.sha256 };
  await tx.auditLog.create({ data: { ...base, tenantId: null, after: { ...summary, rows: r.rows, bytes: r.bytes } } });
  for (const t of r.byTenant) {
    if (t.tenantId) await tx.auditLog.create({ data: { ...base, tenantId: t.tenantId, after: { ...summary, rows: t.rows } } });
  }
}
