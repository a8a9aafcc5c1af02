import "server-only";
/**
 * Metric answers, kept per process and labelled with the tenant's data version
 * (Tenant.dataVersion, moved by a trigger on every audit entry, i.e. by every write).
 * A repeat read of an unchanged district costs one primary-key lookup instead of the
 * metric statement; the first read after any write recomputes. The key holds everything
 * the answer depends on besides the data (unit, year, window, "today", metric keys); the
 * scope check stays outside, on every request.
 */
import type { Tx } from "../db";

const MAX_ENTRIES = 500;
const entries = new Map<string, { version: bigint; value: unknown }>();

export async function dataVersion(client: Pick<Tx, "tenant">, tenantId: string): Promise<bigint> {
  const t = await client.tenant.findUniqueOrThrow({ where: { id: tenantId }, select: { dataVersion: true } });
  return t.dataVersion;
}

/** The cached value for `key` if computed at `version`, else `compute()` (stored). Callers get their own copy. */
export async function cachedAt<T>(key: unknown[], version: bigint, compute: () => Promise<T>): Promise<T> {
  const k = JSON.stringify(key);
  const hit = entries.get(k);
  if (hit && hit.version === version) {
    entries.delete(k); // most recently used goes last
    entries.set(k, hit);
    return structuredClone(hit.value) as T;
  }
  const value = await compute();
  entries.set(k, { version, value: structuredClone(value) });
  if (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value!);
  return value;
}
