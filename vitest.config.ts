import path from "node:path";
import { defineConfig } from "vitest/config";

// Two projects: `unit` (pure code and in-memory PGlite, no external services) and `db` (needs the real
// PostgreSQL that scripts/test.ts starts or DATABASE_URL names). Both run under `npm test`.
const alias = { "@": path.resolve(import.meta.dirname) };
const serverOnlyStub = { "server-only": path.resolve(import.meta.dirname, "lib/testing/server-only-stub.ts") };

export default defineConfig({
  test: {
    projects: [
      {
        resolve: { alias: { ...alias, ...serverOnlyStub } },
        test: {
          name: "unit",
          include: ["lib/**/*.test.ts", "components/**/*.test.{ts,tsx}", "scripts/**/*.test.ts"],
          exclude: ["**/*.db.test.ts", "node_modules/**"],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        resolve: { alias: { ...alias, ...serverOnlyStub } },
        test: {
          name: "db",
          include: ["lib/**/*.db.test.ts", "scripts/**/*.db.test.ts"],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
