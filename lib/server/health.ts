import "server-only";
/**
 * Readiness (GET /api/health/ready): the database answers within a few seconds and every
 * migration folder this build ships (prisma/migrations) has been applied. The applied names
 * come from qingmiao_applied_migrations() (a SECURITY DEFINER function: the app role may not
 * read _prisma_migrations). Says nothing else: no versions, hosts or counts.
 */
import { db } from "./db";
import { readMigrations } from "./database/migrations-dir";
import { logLine } from "./unavailable";

export const READY_TIMEOUT_MS = 5_000;

export type Readiness = { ready: true } | { ready: false; reason: "database" | "migrations" };

export async function readiness(timeoutMs = READY_TIMEOUT_MS): Promise<Readiness> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => resolve("timeout"), timeoutMs);
  });
  try {
    const rows = await Promise.race([db().$queryRaw<{ name: string }[]>`SELECT qingmiao_applied_migrations() AS name`, timeout]);
    if (rows === "timeout") return { ready: false, reason: "database" };
    const applied = new Set(rows.map((r) => r.name));
    return readMigrations().every((m) => applied.has(m.name)) ? { ready: true } : { ready: false, reason: "migrations" };
  } catch (e) {
    // undefined_function: the migration that adds it is itself still pending.
    if ((e as { meta?: { code?: string } }).meta?.code === "42883" || /qingmiao_applied_migrations/.test(String((e as Error).message))) {
      return { ready: false, reason: "migrations" };
    }
    console.error("[health] database not ready:", logLine(e));
    return { ready: false, reason: "database" };
  } finally {
    clearTimeout(timer);
  }
}
