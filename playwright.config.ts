import { defineConfig, devices } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://localhost:${PORT}`;

export default defineConfig({
  testDir: "tests/e2e",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  workers: 1,
  reporter: [["list"]],
  use: { baseURL, trace: "retain-on-failure", locale: "zh-CN", timezoneId: "Asia/Shanghai" },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        // Playwright cannot download its own browsers here: Debian's chromium (apt-get install chromium).
        launchOptions: {
          executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
          args: [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
          ],
        },
      },
    },
  ],
  webServer: {
    // Builds if needed, then serves a freshly seeded e2e database on the embedded cluster.
    command: "node_modules/.bin/tsx scripts/e2e-server.ts",
    url: `${baseURL}/login`,
    reuseExistingServer: false,
    timeout: 300_000,
    gracefulShutdown: { signal: "SIGTERM", timeout: 15_000 },
    stdout: "ignore",
    stderr: "pipe",
    env: { PORT: String(PORT), DATABASE_URL: "", DEMO_PASSWORD: "", AUTH_SECRET: "e2e-only-secret-0123456789abcdef" },
  },
});
