/**
 * Where backups live and which of them to keep (docs/decisions/002-backups.md).
 * Plain Node, no database: the home page's "last backup" warning reads it too.
 *
 * A backup is one file `qingmiao-backup-<UTC yyyymmddTHHMMSSZ>[-n].gz`, named by the instant
 * of its snapshot; it appears under that name only once complete (written as `.partial`,
 * fsynced, then linked into place), so every file with that name is a whole backup.
 */
import fs from "node:fs";
import path from "node:path";
import { dataDir } from "../database/data-dir";

export const DEFAULT_KEEP = 14;
/** The home page warns a district admin when the newest backup is older than this. */
export const BACKUP_WARN_HOURS = 48;

const NAME = /^qingmiao-backup-(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z(?:-(\d+))?\.gz$/;
/** A `.partial` left by a crashed run is removed by pruning once it is this old (a running backup writes to its own). */
const STALE_PARTIAL_MS = 24 * 3600_000;

/** BACKUP_DIR, else DATA_DIR/backups. */
export function backupDir(): string {
  const fromEnv = process.env.BACKUP_DIR?.trim();
  return fromEnv ? path.resolve(/*turbopackIgnore: true*/ process.cwd(), fromEnv) : path.join(dataDir(), "backups");
}

/** BACKUP_KEEP (default 14): how many of the newest backups pruning keeps. */
export function backupKeep(raw = process.env.BACKUP_KEEP): number {
  if (raw === undefined || raw.trim() === "") return DEFAULT_KEEP;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`BACKUP_KEEP 须为正整数（现为 "${raw}"）`);
  return n;
}

/** The file name of a backup whose snapshot was taken at `at`; `n` > 1 when that name is taken. */
export function backupFileName(at: Date, n = 1): string {
  const stamp = at.toISOString().replace(/\.\d{3}Z$/, "Z").replace(/[-:]/g, "");
  return `qingmiao-backup-${stamp}${n > 1 ? `-${n}` : ""}.gz`;
}

export interface BackupFile {
  file: string;
  name: string;
  /** The instant of the snapshot, from the name. */
  at: Date;
  bytes: number;
}

/** The complete backups in `dir`, newest first (files of other names are not ours and are left alone). */
export function listBackups(dir = backupDir()): BackupFile[] {
  let names: string[];
  try {
    names = fs.readdirSync(/*turbopackIgnore: true*/ dir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw e;
  }
  const found: { b: BackupFile; n: number }[] = [];
  for (const name of names) {
    const m = NAME.exec(name);
    if (!m) continue;
    const at = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]));
    const file = path.join(dir, name);
    let bytes: number;
    try {
      bytes = fs.statSync(/*turbopackIgnore: true*/ file).size;
    } catch {
      continue; // removed meanwhile
    }
    found.push({ b: { file, name, at, bytes }, n: Number(m[7] ?? 1) });
  }
  return found.sort((x, y) => y.b.at.getTime() - x.b.at.getTime() || y.n - x.n).map((x) => x.b);
}

/** The snapshot time of the newest complete backup in `dir`, or null when there is none. */
export function lastBackupAt(dir = backupDir()): Date | null {
  return listBackups(dir)[0]?.at ?? null;
}

/** For the home page: the newest backup and whether it is older than BACKUP_WARN_HOURS (or missing). */
export function backupStatus(dir = backupDir(), now = new Date()): { last: Date | null; overdue: boolean } {
  const last = lastBackupAt(dir);
  return { last, overdue: !last || now.getTime() - last.getTime() > BACKUP_WARN_HOURS * 3600_000 };
}

/**
 * Keeps the newest `keep` backups in `dir` and deletes the older ones (and `.partial` files
 * of crashed runs older than a day). Returns the deleted paths.
 */
export function pruneBackups(dir: string, keep: number): string[] {
  if (!Number.isInteger(keep) || keep < 1) throw new Error(`保留份数须为正整数（现为 ${keep}）`);
  const removed: string[] = [];
  for (const b of listBackups(dir).slice(keep)) {
    fs.rmSync(/*turbopackIgnore: true*/ b.file, { force: true });
    removed.push(b.file);
  }
  let names: string[] = [];
  try {
    names = fs.readdirSync(/*turbopackIgnore: true*/ dir);
  } catch {
    return removed;
  }
  for (const name of names) {
    if (!name.endsWith(".partial") || !NAME.test(name.slice(0, -".partial".length))) continue;
    const file = path.join(dir, name);
    try {
      if (Date.now() - fs.statSync(/*turbopackIgnore: true*/ file).mtimeMs > STALE_PARTIAL_MS) {
        fs.rmSync(/*turbopackIgnore: true*/ file, { force: true });
        removed.push(file);
      }
    } catch {
      // removed meanwhile
    }
  }
  return removed;
}
