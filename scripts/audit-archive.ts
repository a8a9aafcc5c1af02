/**
 * npm run audit:archive [-- --keep-days N] [--out <dir>]
 * Audit retention: moves 操作日志 entries older than N days (default 365, at least 180 —
 * 等保 2.0 and the Cybersecurity Law ask for six months) into a gzip JSON Lines file with a
 * sha256 sidecar under DATA_DIR/audit-archive (or --out), and deletes them only once that
 * file is complete on disk (lib/server/audit-log/archive.ts). Meant for a nightly cron job.
 */
import { parseArgs } from "node:util";
import { AppError } from "../lib/server/errors";
import { formatDate } from "../lib/format";
import { cliActor } from "../lib/server/platform/platform-write";
import { runCli, usage } from "../lib/server/platform/cli";
import { archiveAuditLog, DEFAULT_KEEP_DAYS, MIN_KEEP_DAYS, parseArchiveOptions } from "../lib/server/audit-log/archive";

const USAGE = [
  `用法: npm run audit:archive [-- --keep-days <天数>] [--out <目录>]`,
  `      --keep-days  数据库中保留最近多少天的操作日志（默认 ${DEFAULT_KEEP_DAYS}，不少于 ${MIN_KEEP_DAYS}）`,
  `      --out        归档文件存放目录（默认 DATA_DIR/audit-archive）`,
];
let values: { "keep-days"?: string; out?: string };
try {
  ({ values } = parseArgs({ options: { "keep-days": { type: "string" }, out: { type: "string" } } }));
} catch (e) {
  usage((e as Error).message, USAGE);
}
const raw = { keepDays: values["keep-days"], outDir: values.out };
try {
  parseArchiveOptions(raw);
} catch (e) {
  if (e instanceof AppError) usage(e.message, USAGE);
  throw e;
}

await runCli(async (prisma) => {
  const r = await archiveAuditLog(prisma, cliActor(), raw);
  const before = `${formatDate(r.cutoff)}（${r.cutoff.toISOString()}）`;
  if (!r.file) {
    console.log(`没有早于 ${before} 的操作日志，无需归档（保留最近 ${r.keepDays} 天）。`);
    return;
  }
  console.log(`已归档 ${r.rows} 条早于 ${before} 的操作日志，并已从数据库删除（保留最近 ${r.keepDays} 天）。`);
  console.log(`归档文件：${r.file}（${r.bytes} 字节，gzip 压缩的 JSON Lines，每行一条记录）`);
  console.log(`SHA-256：${r.sha256}`);
  console.log(`校验文件：${r.file}.sha256（核对：sha256sum -c ${r.file}.sha256）`);
});
