/**
 * A test-only seam for calling server actions from the integration suite: runs a function
 * inside the request context Next gives a server action (a work store and a request store
 * in "action" phase), built from request headers with a real session cookie. `cookies()`
 * and `headers()` then read that request, so the code under test resolves the caller
 * exactly as in production (lib/server/auth/session.ts: cookie → JWT → Session row → user
 * row); nothing in Prisma, the scope layer or the session code is replaced.
 *
 * It uses Next's own store constructors (the ones its route and action handlers call),
 * which are internal to `next` (pinned in package.json); if an upgrade moves them, this
 * file is the one place to adapt.
 */
import "./next-async-storage";
import { encode } from "next-auth/jwt";
import { workAsyncStorage } from "next/dist/server/app-render/work-async-storage.external";
import { workUnitAsyncStorage } from "next/dist/server/app-render/work-unit-async-storage.external";
import { createRequestStoreForAPI } from "next/dist/server/async-storage/request-store";
import { createWorkStore } from "next/dist/server/async-storage/work-store";
import { isRedirectError } from "next/dist/client/components/redirect-error";
import { getURLFromRedirectError } from "next/dist/client/components/redirect";
import { isHTTPAccessFallbackError } from "next/dist/client/components/http-access-fallback/http-access-fallback";
import { db } from "@/lib/server/db";
import { authSecret } from "@/lib/server/auth/secret";
import { SESSION_COOKIE } from "@/lib/server/auth/cookie";
import { nowSeconds } from "@/lib/server/auth/session-policy";
import { startSession } from "@/lib/server/auth/session";

export const TEST_ORIGIN = "http://localhost:3000";

/**
 * A live session cookie for a user, as sign-in issues it: a server-side Session row and
 * the JWT naming it (`sid`), with the user's current session version. For a user enrolled in
 * 两步验证 the session has passed the code step, unless `codeStep: false` (signed in with the
 * password only, the code still to come).
 */
export async function sessionCookieFor(username: string, opts: { codeStep?: boolean } = {}): Promise<string> {
  const u = await db().user.findUniqueOrThrow({ where: { username }, select: { id: true, sessionVersion: true, mfaEnabledAt: true } });
  const sid = await startSession(u.id, { ip: "127.0.0.1", userAgent: "vitest" });
  if (u.mfaEnabledAt && opts.codeStep !== false) await db().session.update({ where: { id: sid }, data: { mfaVerifiedAt: new Date() } });
  const t = nowSeconds();
  const jwt = await encode({ token: { sub: u.id, sv: u.sessionVersion, authTime: t - 10, lastActive: t - 1, sid }, secret: authSecret() });
  return `${SESSION_COOKIE}=${jwt}`;
}

/** Runs `fn` as Next runs a server action of a request to `path` carrying these cookies. */
export async function inActionRequest<T>(cookie: string | undefined, fn: () => Promise<T>, path = "/"): Promise<T> {
  const url = new URL(path, TEST_ORIGIN);
  const headers = new Headers({ host: url.host, origin: TEST_ORIGIN, "user-agent": "vitest", ...(cookie ? { cookie } : {}) });
  const requestStore = createRequestStoreForAPI(
    { headers } as unknown as Parameters<typeof createRequestStoreForAPI>[0],
    url as unknown as Parameters<typeof createRequestStoreForAPI>[1],
    { tags: [], expirationsByCacheKind: new Map() } as unknown as Parameters<typeof createRequestStoreForAPI>[2],
    undefined,
    undefined,
    undefined,
  );
  const workStore = createWorkStore({
    page: path,
    renderOpts: {
      // revalidatePath() only records tags on the store; no cache is read or written here.
      incrementalCache: {},
      cacheLifeProfiles: {},
      staticPageGenerationTimeout: 60,
      cacheComponents: false,
      validationLevel: "none",
      experimental: { isRoutePPREnabled: false, authInterrupts: false, useCacheTimeout: 60_000, durableUseCacheEntries: false },
    } as unknown as Parameters<typeof createWorkStore>[0]["renderOpts"],
    buildId: "vitest",
    deploymentId: "",
    previouslyRevalidatedTags: [],
  } as unknown as Parameters<typeof createWorkStore>[0]);
  return workAsyncStorage.run(workStore, () => workUnitAsyncStorage.run(requestStore, fn));
}

/** How a server action call ended, as the browser would learn it. */
export type ActionEnd =
  | { kind: "state"; state: { ok: boolean; message?: string; fieldErrors?: Record<string, string> } }
  | { kind: "redirect"; to: string }
  | { kind: "not_found" };

/** Calls an action in a request context and says how it ended (redirects and 404s are thrown by Next's helpers). */
export async function callAction(cookie: string | undefined, action: (prev: unknown, fd: FormData) => Promise<unknown>, fd: FormData): Promise<ActionEnd> {
  try {
    const state = (await inActionRequest(cookie, () => action({ ok: false }, fd))) as { ok: boolean; message?: string };
    return { kind: "state", state };
  } catch (e) {
    if (isRedirectError(e)) return { kind: "redirect", to: getURLFromRedirectError(e) };
    if (isHTTPAccessFallbackError(e)) return { kind: "not_found" };
    throw e;
  }
}
