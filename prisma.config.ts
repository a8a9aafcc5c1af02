import fs from "node:fs";
import path from "node:path";
import { defineConfig } from "prisma/config";

// Offline: every Prisma 7 CLI command first "ensures" the native schema engine and
// would download it. Pointing PRISMA_SCHEMA_ENGINE_BINARY at a stub keeps `prisma
// generate` offline (it never runs the engine). Migrations go through
// scripts/migrate.ts (wasm engine) instead. Opt out with PRISMA_OFFLINE=0.
const enginesDir = path.join(import.meta.dirname, "node_modules/@prisma/engines");
const hasNativeEngine =
  fs.existsSync(enginesDir) && fs.readdirSync(enginesDir).some((f) => f.startsWith("schema-engine-"));
if (!hasNativeEngine && process.env.PRISMA_OFFLINE !== "0") {
  process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= path.join(import.meta.dirname, "scripts/no-schema-engine.sh");
}

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "" },
});
