/**
 * The running app's daily backup (issue 13): `npm start` (scripts/start.ts, which holds the
 * owner's URL) calls startDailyBackups once. Every hour it looks at the backup folder and,
 * when the newest backup is a day old or there is none, takes one and prunes to BACKUP_KEEP.
 * Restarts do not reset the clock (the folder is the clock) and two app processes at most
 * take one extra backup. Failures are logged and tried again at the next check.
 */
import { backupDir, backupKeep, lastBackupAt, pruneBackups } from "./files";
import { takeBackup, type BackupResult } from "./take";

type Log = (msg: string) => void;

export interface ScheduleOptions {
  /** Default BACKUP_DIR, else DATA_DIR/backups. */
  dir?: string;
  /** Default BACKUP_KEEP, else 14. */
  keep?: number;
  /** A backup is due when the newest is older than this (default 24 hours). */
  everyMs?: number;
  log?: Log;
}

const DAY_MS = 24 * 3600_000;

/** Takes a backup (and prunes) when the newest one is older than `everyMs`; null when none was due. */
export async function backupIfDue(ownerUrl: string, opts: ScheduleOptions & { now?: Date } = {}): Promise<BackupResult | null> {
  const dir = opts.dir ?? backupDir();
  const last = lastBackupAt(dir);
  const now = opts.now ?? new Date();
  if (last && now.getTime() - last.getTime() < (opts.everyMs ?? DAY_MS)) return null;
  const r = await takeBackup(ownerUrl, { dir, log: opts.log });
  pruneBackups(dir, opts.keep ?? backupKeep());
  return r;
}

/**
 * Checks a minute after the call (`firstCheckMs`), then every `checkEveryMs` (default one
 * hour); returns stop(). The timers do not keep the process alive. BACKUP_DAILY=0 turns the
 * job off (e.g. for throw-away test servers).
 */
export function startDailyBackups(
  ownerUrl: string,
  opts: ScheduleOptions & { checkEveryMs?: number; firstCheckMs?: number } = {},
): { stop: () => void } {
  const log = opts.log ?? ((m) => console.log(`[backup] ${m}`));
  if (process.env.BACKUP_DAILY === "0") {
    log("daily backups are off (BACKUP_DAILY=0)");
    return { stop: () => {} };
  }
  let running = false;
  const check = async () => {
    if (running) return;
    running = true;
    try {
      await backupIfDue(ownerUrl, { ...opts, log });
    } catch (e) {
      log(`daily backup failed (tried again in an hour): ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      running = false;
    }
  };
  const first = setTimeout(() => void check(), opts.firstCheckMs ?? 60_000);
  const timer = setInterval(() => void check(), opts.checkEveryMs ?? 3600_000);
  first.unref();
  timer.unref();
  return {
    stop: () => {
      clearTimeout(first);
      clearInterval(timer);
    },
  };
}
