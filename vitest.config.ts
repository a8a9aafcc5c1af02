import path from "node:path";
import { defineConfig } from "vitest/config";
import { BaseSequencer, type TestSpecification } from "vitest/node";

/**
 * The integration suite shares one seeded database and runs its files one at a time.
 * Files that check the seed's exact figures (DOMAIN §5) run first, before any other
 * file adds activities, units or positions of its own.
 */
const PRISTINE = [/seed-figures\.test\.ts$/, /metrics\.test\.ts$/];
class PristineFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (f: TestSpecification) => {
      const i = PRISTINE.findIndex((re) => re.test(f.moduleId));
      return i === -1 ? PRISTINE.length : i;
    };
    return sorted.map((f, i) => ({ f, i })).sort((a, b) => rank(a.f) - rank(b.f) || a.i - b.i).map(({ f }) => f);
  }
}

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
