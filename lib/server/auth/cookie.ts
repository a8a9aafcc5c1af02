/** The session cookie's name: next-auth prefixes it with __Secure- on https deployments. */
export const useSecureCookies = (process.env.NEXTAUTH_URL ?? "").startsWith("https://");
export const SESSION_COOKIE = `${useSecureCookies ? "__Secure-" : ""}next-auth.session-token`;
