// Runs `prisma generate` offline. Prisma 7's CLI insists on locating a native schema engine before any
// command, but `generate` never uses it; pointing the variable at any existing file satisfies the check
// (see docs/layout.md). Migrations are applied by lib/db/migrate.ts, not by the CLI.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
if (!existsSync(path.join(root, "prisma/schema.prisma"))) process.exit(0);

const result = spawnSync(process.execPath, [path.join(root, "node_modules/prisma/build/index.js"), "generate"], {
  cwd: root,
  stdio: "inherit",
  env: {
    ...process.env,
    PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath,
    PRISMA_HIDE_UPDATE_MESSAGE: "1",
    CHECKPOINT_DISABLE: "1",
  },
});
process.exit(result.status ?? 1);
