/**
 * The one check for a user-supplied place to go next (the sign-in page's callbackUrl): a
 * path on this site, or the fallback. Browsers are lenient in ways that turn a path into
 * another site: "//host" and "/\host" are protocol-relative, tabs and newlines inside a URL
 * are dropped ("/\t/host" becomes "//host"), and a value may arrive percent-encoded once
 * more than it is decoded. So every decoding of the value must be a plain path, and the
 * parsed result must still be on our origin.
 */
const BASE = "http://qingmiao.invalid";
// Backslashes (read as "/") and C0 controls, DEL (dropped or mangled by URL parsers).
const UNSAFE = /[\\\u0000-\u001f\u007f]/;

function plainPath(v: string): boolean {
  return v.startsWith("/") && !v.startsWith("//") && !UNSAFE.test(v);
}

export function safeRedirectPath(raw: unknown, fallback = "/"): string {
  if (typeof raw !== "string" || raw.length > 2000) return fallback;
  let v = raw;
  for (let i = 0; i < 4; i++) {
    if (!plainPath(v)) return fallback;
    let decoded: string;
    try {
      decoded = decodeURIComponent(v);
    } catch {
      return fallback; // malformed escapes: not a path we wrote
    }
    if (decoded === v) break;
    v = decoded;
  }
  if (!plainPath(v)) return fallback;
  const url = new URL(raw, BASE);
  if (url.origin !== BASE) return fallback;
  return url.pathname + url.search + url.hash;
}
