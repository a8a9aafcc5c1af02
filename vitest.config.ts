import path from "node:path";
import { defineConfig } from "vitest/config";
import { PristineFirstSequencer } from "./tests/support/sequencer";

const alias = {
  "@": path.resolve(import.meta.dirname),
  // `server-only` guards Next bundles; in tests every module is server-side.
  "server-only": path.resolve(import.meta.dirname, "tests/support/server-only.ts"),
};

export default defineConfig({
  resolve: { alias },
  test: {
    sequence: { sequencer: PristineFirstSequencer },
    projects: [
      {
        resolve: { alias },
        test: { name: "unit", environment: "node", include: ["tests/unit/**/*.test.ts"] },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
          environment: "node",
          include: ["tests/integration/**/*.test.ts"],
          globalSetup: ["tests/integration/global-setup.ts"],
          setupFiles: ["tests/integration/setup-env.ts"],
          fileParallelism: false, // one database, seeded once
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
