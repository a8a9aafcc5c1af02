/**
 * The request id: one per request, set by proxy.ts on the request (x-request-id) and the
 * response (X-Request-Id), logged with every request line and stored with its audit entries.
 * A caller's own id (a reverse proxy's, say) is kept when it is a plain one; anything else is
 * replaced, so the id is safe to log and to store. Plain TypeScript: proxy.ts uses it.
 */
export const REQUEST_ID_HEADER = "x-request-id";

const SAFE_ID = /^[A-Za-z0-9-]{1,64}$/;

/** The incoming id when it is safe (≤ 64 of [A-Za-z0-9-]), or null. */
export function safeRequestId(incoming: string | null | undefined): string | null {
  return incoming && SAFE_ID.test(incoming) ? incoming : null;
}

/** The incoming id when it is safe, else a fresh random one. */
export function requestIdFrom(incoming: string | null | undefined): string {
  return safeRequestId(incoming) ?? crypto.randomUUID();
}
