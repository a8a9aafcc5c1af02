/**
 * One answer to "is this error the database being out of reach?" (stopped, restarting,
 * refusing connections, too slow to answer), so the API, the sign-in and the pages can say
 * "try again later" instead of a 500 with a driver's text (which names the host and port).
 * Plain TypeScript (no `server-only`): unit tests and scripts use it too.
 */

import { DATABASE_UNAVAILABLE_MESSAGE } from "../unavailable-message";

export { DATABASE_UNAVAILABLE_MESSAGE };

/** Seconds a client should wait before retrying (the API's Retry-After). */
export const RETRY_AFTER_SECONDS = 30;

/** Prisma's codes for an unreachable server, a connect timeout, a closed connection, a pool timeout. */
const PRISMA_CODES = new Set(["P1001", "P1002", "P1008", "P1017", "P2024"]);
/** The driver adapter's error kinds (meta.driverAdapterError.cause.kind) for the same. */
const ADAPTER_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections"]);
/** Node socket errors. */
const SOCKET_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH", "EPIPE", "EAI_AGAIN"]);
/**
 * PostgreSQL SQLSTATEs: 57P01 admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now,
 * 53300 too_many_connections; class 08 connection_exception.
 */
const SQLSTATES = new Set(["57P01", "57P02", "57P03", "53300"]);
/** node-postgres says these in words only. */
const MESSAGES = [/connection terminated/i, /timeout exceeded when trying to connect/i, /can't reach database server/i, /server closed the connection/i];

type Loose = { code?: unknown; kind?: unknown; message?: unknown; cause?: unknown; meta?: unknown; originalCode?: unknown; errors?: unknown };

function matchesOne(e: Loose): boolean {
  const code = typeof e.code === "string" ? e.code : typeof e.originalCode === "string" ? e.originalCode : "";
  if (PRISMA_CODES.has(code) || SOCKET_CODES.has(code) || SQLSTATES.has(code) || /^08[0-9A-Z]{3}$/.test(code)) return true;
  if (typeof e.kind === "string" && ADAPTER_KINDS.has(e.kind)) return true;
  return typeof e.message === "string" && MESSAGES.some((re) => re.test(e.message as string));
}

/** True when `e` (or anything it wraps: cause, Prisma's driver adapter error, an AggregateError) says the database is out of reach. */
export function isDatabaseUnavailable(e: unknown): boolean {
  const seen = new Set<unknown>();
  const queue: unknown[] = [e];
  while (queue.length > 0) {
    const x = queue.shift();
    if (typeof x !== "object" || x === null || seen.has(x)) continue;
    seen.add(x);
    if (x instanceof DatabaseUnavailableError) return true;
    const l = x as Loose;
    if (matchesOne(l)) return true;
    queue.push(l.cause);
    const adapter = (l.meta as { driverAdapterError?: unknown } | undefined)?.driverAdapterError;
    if (adapter) queue.push(adapter);
    if (Array.isArray(l.errors)) queue.push(...l.errors);
  }
  return false;
}

/** Thrown where the database is known to be out of reach; its message is safe to show. */
export class DatabaseUnavailableError extends Error {
  constructor() {
    super(DATABASE_UNAVAILABLE_MESSAGE);
    this.name = "DatabaseUnavailableError";
  }
}

/** The last line of an error's message (Prisma's open with the calling code): one log line for the server log. */
export function logLine(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  return text.split("\n").map((l) => l.trim()).filter(Boolean).pop() ?? text;
}
