/**
 * Response security headers, shared by proxy.ts (pages, API, sign-in, next-auth: a CSP with a
 * fresh nonce per request) and next.config.ts (headers that never change, on every response,
 * and a fixed CSP for the static files proxy.ts does not run for).
 */

/** The same on every response; next.config.ts sets them for every path. */
export const STATIC_SECURITY_HEADERS: { key: string; value: string }[] = [
  { key: "X-Frame-Options", value: "DENY" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  {
    key: "Permissions-Policy",
    value: "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=(), interest-cohort=()",
  },
];

export const HSTS_VALUE = "max-age=31536000; includeSubDomains";

/**
 * Static files (scripts, styles, images) are not documents that run anything of ours, so they
 * get a CSP that allows nothing but their own styles and images — it matters only when one is
 * opened directly (an SVG).
 */
export const STATIC_FILE_CSP = "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; frame-ancestors 'none'";

/** https as the browser sees it: our TLS proxy says so, or the deployment's own URL is https. */
export function servedOverHttps(headers: Headers): boolean {
  const proto = headers.get("x-forwarded-proto")?.split(",")[0]?.trim().toLowerCase();
  return proto === "https" || (process.env.NEXTAUTH_URL ?? "").startsWith("https://");
}

export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

/**
 * The CSP of pages and API responses. Scripts: only those carrying this request's nonce (Next
 * reads the nonce from the request's Content-Security-Policy header and puts it on its own
 * inline and chunk scripts); 'strict-dynamic' lets those load the chunks they import.
 * Styles keep 'unsafe-inline': React renders `style={{…}}` attributes (recharts sizes and
 * positions its SVG with them, progress bars set widths) and style attributes cannot carry a
 * nonce; injected styles cannot run code, so scripts stay strict.
 * Development only: React's dev build evaluates code (source maps, fast refresh) and needs 'unsafe-eval'.
 */
export function pageCsp(nonce: string, opts: { https: boolean; dev?: boolean }): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${opts.dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(opts.https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}
