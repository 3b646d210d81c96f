// Browser tests against the production build. scripts/test.ts builds the app and prepares a fresh,
// migrated and seeded database (warden_e2e) first and passes it as E2E_DATABASE_URL; this config only
// starts the server on it. Playwright's own browser download is unreachable here: use Debian's chromium.
import { defineConfig } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${port}`;
const databaseUrl = process.env.E2E_DATABASE_URL ?? process.env.DATABASE_URL;

export default defineConfig({
  testDir: "e2e",
  workers: 2,
  retries: process.env.CI ? 1 : 0,
  forbidOnly: Boolean(process.env.CI),
  reporter: "list",
  use: { baseURL, trace: "retain-on-failure" },
  projects: [
    {
      name: "chromium",
      use: {
        browserName: "chromium",
        launchOptions: {
          executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
          args: [
            "--headless",
            "--no-sandbox", // we run as root in CI containers
            "--disable-gpu",
            "--disable-quic",
            // No network beyond localhost: keep chromium from trying (and stalling on) its services.
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
          ],
        },
      },
    },
  ],
  webServer: {
    // `npm start`: applies migrations, then `next start` on $PORT.
    command: "npx tsx scripts/start.ts",
    url: baseURL,
    // Developers may point a spec at a running dev server (E2E_PORT=… E2E_REUSE_SERVER=1); the suite never does.
    reuseExistingServer: process.env.E2E_REUSE_SERVER === "1",
    timeout: 120_000,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      PORT: String(port),
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
      AUTH_SECRET: "e2e-test-secret-not-for-production-0123456789",
      AUTH_TRUST_HOST: "true",
      // The test identity provider npm test starts (lib/testing/oidc-test-provider.ts).
      ...Object.fromEntries(Object.entries(process.env).filter(([key]) => key.startsWith("OIDC_")) as [string, string][]),
      NEXT_TELEMETRY_DISABLED: "1",
      CHECKPOINT_DISABLE: "1",
    },
  },
});
