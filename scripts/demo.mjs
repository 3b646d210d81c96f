// `npm run demo`: one command from a fresh clone to a running Warden with demo data on the embedded
// database. Plain Node (no dependencies) because it is what installs them.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", CHECKPOINT_DISABLE: "1", PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: "1" };
// The demo always uses the embedded database, even if the shell has DATABASE_URL set for other work.
delete env.DATABASE_URL;

function run(label, command, args) {
  console.log(`\n▶ ${label}`);
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit", env });
  if (result.status !== 0) {
    console.error(`\n✖ ${label} failed.`);
    process.exit(result.status ?? 1);
  }
}

const lock = path.join(root, "package-lock.json");
const installed = path.join(root, "node_modules/.package-lock.json");
if (!existsSync(installed) || statSync(installed).mtimeMs < statSync(lock).mtimeMs) {
  run("Installing dependencies (npm ci)", "npm", ["ci", "--no-audit", "--no-fund"]);
}

const tsx = path.join(root, "node_modules/.bin/tsx");
run("Creating the embedded database and loading demo data", tsx, ["--import", "./scripts/server-only-hook.mjs", "scripts/db-seed.ts", "--demo"]);

// Rebuild only when the sources changed since the last build.
const stamp = path.join(root, ".next/warden-source-stamp");
const sourceStamp =
  spawnSync("git", ["rev-parse", "HEAD"], { cwd: root, encoding: "utf8" }).stdout.trim() +
  spawnSync("git", ["status", "--porcelain"], { cwd: root, encoding: "utf8" }).stdout;
if (!existsSync(path.join(root, ".next/BUILD_ID")) || !existsSync(stamp) || readFileSync(stamp, "utf8") !== sourceStamp || !sourceStamp) {
  run("Building the production app", path.join(root, "node_modules/.bin/next"), ["build"]);
  writeFileSync(stamp, sourceStamp);
}

const port = env.PORT ?? "3000";
console.log(`\n✔ Warden is starting on http://localhost:${port}`);
console.log("  Demo accounts (password warden-demo): viewer@, engineer@, owner@, lead@, compliance@, admin@warden.test\n");
run("Serving", tsx, ["scripts/start.ts"]);
