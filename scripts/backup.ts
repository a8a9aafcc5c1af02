/**
 * npm run backup [-- --out <dir>] [--keep <n>]
 * A consistent online backup of the whole database while the app keeps serving
 * (lib/server/backup/take.ts; docs/decisions/002-backups.md): one file under BACKUP_DIR,
 * else DATA_DIR/backups (or --out); then only the newest BACKUP_KEEP (default 14) backups
 * of that folder are kept. The file's path is the last line printed.
 */
import path from "node:path";
import { parseArgs } from "node:util";
import { runCli, usage } from "../lib/server/platform/cli";
import { backupDir, backupKeep, pruneBackups } from "../lib/server/backup/files";
import { takeBackup } from "../lib/server/backup/take";

const USAGE = [
  "用法: npm run backup [-- --out <目录>] [--keep <份数>]",
  "      --out   备份文件存放目录（默认 BACKUP_DIR，未设置时为 DATA_DIR/backups）",
  "      --keep  该目录中保留最新的几份备份（默认 BACKUP_KEEP，未设置时为 14）",
];
let values: { out?: string; keep?: string };
try {
  ({ values } = parseArgs({ options: { out: { type: "string" }, keep: { type: "string" } } }));
} catch (e) {
  usage((e as Error).message, USAGE);
}
let keep: number;
try {
  keep = backupKeep(values.keep ?? process.env.BACKUP_KEEP);
} catch (e) {
  usage((e as Error).message, USAGE);
}
// `npm run` starts scripts in the project folder; a relative --out means the caller's folder.
const dir = values.out ? path.resolve(process.env.INIT_CWD || process.cwd(), values.out) : backupDir();

await runCli(async () => {
  // runCli found the database as the owner: MIGRATE_DATABASE_URL when set, else DATABASE_URL
  // (which ensureDatabaseUrl set to the embedded cluster's superuser when there was none).
  const ownerUrl = process.env.MIGRATE_DATABASE_URL || process.env.DATABASE_URL!;
  const r = await takeBackup(ownerUrl, { dir });
  const removed = pruneBackups(dir, keep);
  console.log(
    `已备份：${r.tables} 张表，共 ${r.rows} 行，文件 ${(r.bytes / 1048576).toFixed(1)} MB，用时 ${(r.ms / 1000).toFixed(1)} 秒（快照时间 ${r.createdAt.toISOString()}）。`,
  );
  if (removed.length) console.log(`按保留 ${keep} 份的设置，删除了较早的 ${removed.length} 个文件。`);
  console.log(r.file);
});
