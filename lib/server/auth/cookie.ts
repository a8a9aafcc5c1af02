/** The session cookie's name: next-auth prefixes it with __Secure- on https deployments. */
export const useSecureCookies = (process.env.NEXTAUTH_URL ?? "").startsWith("https://");
export const SESSION_COOKIE = `${useSecureCookies ? "__Secure-" : ""}next-auth.session-token`;

/**
 * Whether this request reached us over https: the deployment's URL says so, or the TLS proxy in
 * front of us does (X-Forwarded-Proto, first hop). A cookie set on such a request is marked Secure
 * even when NEXTAUTH_URL is unset, so it never travels over plain http.
 */
export function secureCookiesFor(headers: Headers): boolean {
  if (useSecureCookies) return true;
  return headers.get("x-forwarded-proto")?.split(",")[0]?.trim().toLowerCase() === "https";
}

/**
 * The session cookie's name for this request, as next-auth names it when `useSecureCookies`
 * is secureCookiesFor(the request). Not used yet: next-auth (lib/server/auth/options.ts) and
 * the readers still take the deployment-wide SESSION_COOKIE; switching to the per-request name
 * must happen in all of them at once, or a cookie written under one name is looked for under
 * the other.
 */
export function sessionCookieName(headers: Headers): string {
  return `${secureCookiesFor(headers) ? "__Secure-" : ""}next-auth.session-token`;
}
