/**
 * npm run restore -- <file> [--force]      restore a backup (npm run backup) into an empty database
 * npm run restore -- --check <file>        only check the file (checksums, completeness); no database
 *
 * The target is the database `npm start` would use: DATABASE_URL (as MIGRATE_DATABASE_URL's
 * owner when set), else the embedded cluster under DATA_DIR (created when DATA_DIR is empty).
 * Stop the app first. A database holding data is refused unless --force, which drops
 * everything in it first. The file is checked in full before any database is touched.
 * See lib/server/backup/restore.ts and docs/OPERATIONS.md.
 */
import path from "node:path";
import { parseArgs } from "node:util";
import { ensureDatabaseUrl, type EmbeddedCluster } from "../lib/server/database/embedded";
import { cliActor } from "../lib/server/platform/platform-write";
import { usage } from "../lib/server/platform/cli";
import { restoreBackup, verifyBackup } from "../lib/server/backup/restore";

const USAGE = [
  "用法: npm run restore -- <备份文件> [--force]",
  "      npm run restore -- --check <备份文件>",
  "      --force  目标数据库中已有数据时，先清空（删除其中的全部数据）再恢复",
  "      --check  只检查备份文件是否完好，不连接数据库",
];
let values: { force?: boolean; check?: boolean };
let positionals: string[];
try {
  ({ values, positionals } = parseArgs({
    allowPositionals: true,
    options: { force: { type: "boolean" }, check: { type: "boolean" } },
  }));
} catch (e) {
  usage((e as Error).message, USAGE);
}
if (positionals.length !== 1) usage(positionals.length ? "只能指定一个备份文件" : "请指定备份文件", USAGE);
// `npm run` starts scripts in the project folder; a relative path means the caller's folder.
const file = path.resolve(process.env.INIT_CWD || process.cwd(), positionals[0]);
const log = (m: string) => console.error(`[restore] ${m}`);

let embedded: EmbeddedCluster | undefined;
try {
  const verified = await verifyBackup(file);
  const { header, summary } = verified;
  const rows = summary.tables.reduce((n, t) => n + t.rows, 0);
  console.log(
    `备份文件完好：快照时间 ${header.createdAt}，${header.tables.length} 张表，共 ${rows} 行，` +
      `数据库版本 ${header.migrations.at(-1)?.name ?? "（无）"}。`,
  );
  if (!values.check) {
    const found = await ensureDatabaseUrl({ log: (m) => console.error(`[db] ${m}`) });
    embedded = found.embedded;
    const r = await restoreBackup({ ownerUrl: found.url, appUrl: found.appUrl }, file, {
      force: values.force,
      verified,
      log,
      actorName: cliActor().username,
    });
    if (r.emptied) console.log("目标数据库中原有的表已先删除。");
    if (r.migratedForward.length) console.log(`备份来自较早的版本，已升级：执行了 ${r.migratedForward.length} 个数据库迁移。`);
    for (const w of r.warnings) console.log(`注意：${w}`);
    console.log(`已恢复：${r.header.tables.length} 张表，共 ${r.rows} 行。所有用户需要重新登录。`);
  }
} catch (e) {
  console.error(`错误：${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 1;
} finally {
  await embedded?.release().catch((e) => console.error(`[db] 无法停止 PostgreSQL：${e}`));
}
