/**
 * The session cookie, named per request: `__Secure-next-auth.session-token` on a request that
 * reached us over https, `next-auth.session-token` otherwise. next-auth (options.ts, with
 * `useSecureCookies: secureCookiesFor(request)`) writes it, and every reader (session.ts,
 * api.ts, proxy.ts) and re-writer (the change-password action, settings) looks for it under the
 * same per-request name. On an https request only the `__Secure-` name is read: a browser
 * accepts that name only from a secure origin with the Secure flag, so a plain-named cookie
 * planted over http or by a sibling subdomain (cookie tossing) is never taken for a session.
 *
 * Whether a request is https: the deployment's URL says so (NEXTAUTH_URL https: always), or
 * X-Forwarded-Proto (first hop) says https, as security-headers.ts decides for HSTS. The header
 * is taken without checking TRUSTED_PROXIES: Next.js does not show us the peer's address, and a
 * forged value can only affect the forger's own response — "https" makes their cookie stricter
 * (Secure, and their browser drops it over plain http), and a browser cannot be made to send the
 * header cross-site without a CORS preflight, which we never answer. Behind a TLS proxy, the
 * proxy must set (overwrite) the header.
 */
const PLAIN_NAME = "next-auth.session-token";
const SECURE_NAME = `__Secure-${PLAIN_NAME}`;

/** The deployment itself is served over https (NEXTAUTH_URL): every cookie is a secure one. */
const deploymentIsHttps = () => (process.env.NEXTAUTH_URL ?? "").startsWith("https://");

type HeaderSource = Headers | Record<string, string | string[] | undefined>;

function header(h: HeaderSource, name: string): string | undefined {
  if (h instanceof Headers) return h.get(name) ?? undefined;
  const v = h[name];
  return Array.isArray(v) ? v[0] : v;
}

/** Whether this request reached us over https: cookies set on it are Secure and `__Secure-` named. */
export function secureCookiesFor(headers: HeaderSource): boolean {
  if (deploymentIsHttps()) return true;
  return header(headers, "x-forwarded-proto")?.split(",")[0]?.trim().toLowerCase() === "https";
}

/** The session cookie's name for this request, as next-auth names it (options.ts). */
export function sessionCookieName(headers: HeaderSource): string {
  return secureCookiesFor(headers) ? SECURE_NAME : PLAIN_NAME;
}

/**
 * The name on a request that does not say https (tests build such requests). Readers never use
 * it: they call sessionCookieName(the request's headers).
 */
export const SESSION_COOKIE = deploymentIsHttps() ? SECURE_NAME : PLAIN_NAME;

/** The attributes next-auth gives the session cookie, for re-issuing it (proxy, password change). */
export function sessionCookieOptions(headers: HeaderSource, maxAge: number) {
  return { httpOnly: true, sameSite: "lax" as const, path: "/", secure: secureCookiesFor(headers), maxAge };
}

/**
 * Clearing the cookie: an expired copy with the same attributes (a browser refuses a
 * `__Secure-` Set-Cookie without Secure, the deletion included).
 */
export function clearedSessionCookie(headers: HeaderSource) {
  return { name: sessionCookieName(headers), value: "", ...sessionCookieOptions(headers, 0) };
}
