import type { RequestMeta } from "../actor";

type HeaderSource = Headers | Record<string, string | string[] | undefined>;

function header(h: HeaderSource, name: string): string | null {
  if (h instanceof Headers) return h.get(name);
  const v = h[name];
  return Array.isArray(v) ? (v[0] ?? null) : (v ?? null);
}

/** Where a request came from, for the audit trail. */
export function metaFromHeaders(h: HeaderSource): RequestMeta {
  const forwarded = header(h, "x-forwarded-for")?.split(",")[0]?.trim();
  return {
    ip: forwarded || header(h, "x-real-ip") || null,
    userAgent: header(h, "user-agent"),
  };
}
