// `npm start`: the production server. Applies pending migrations, then serves the built app with
// `next start` on PORT (default 3000). PostgreSQL when DATABASE_URL is set, else the embedded PGlite.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { openDatabase } from "@/lib/db/connection";
import { applyMigrations } from "@/lib/db/migrate";
import { readEnv } from "@/lib/env";

const root = path.resolve(import.meta.dirname, "..");
if (!existsSync(path.join(root, ".next/BUILD_ID"))) {
  console.error("No production build found: run `npm run build` first.");
  process.exit(1);
}

// PGlite allows one process at a time, so the migration connection is closed before the server opens its own.
const db = await openDatabase();
try {
  const report = await applyMigrations(db.sql);
  if (report.applied.length) console.log(`Applied migrations: ${report.applied.join(", ")}`);
} finally {
  await db.close();
}

const port = String(readEnv().PORT);
const server = spawn(process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "start", "-p", port], {
  cwd: root,
  stdio: "inherit",
  env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
});
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
server.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
