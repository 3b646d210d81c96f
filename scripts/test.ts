// `npm test`: lint and format check, unit tests, db tests against PostgreSQL, then a production build and the browser tests,
// then a fresh clone of HEAD with nothing beside it running `npm run demo` to a served catalog.
// Starts a throwaway PostgreSQL cluster unless DATABASE_URL names a server, and always stops it.
//   npm test -- --skip-e2e          everything but build + browser tests
//   npm test -- --only lint|unit|db|e2e|clone  one group (comma-separate or repeat for several)
//   npm test -- --only e2e --spec e2e/audit.spec.ts   browser tests of one spec (repeatable)
// Every step runs even after an earlier one failed (more signal per CI run), except steps whose
// prerequisite failed; those are reported as failed, "not run".
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { TEST_IDP_ROLE_MAP, startTestIdentityProvider } from "../lib/testing/oidc-test-provider";
import { createDatabase, startPostgresCluster, type PostgresCluster } from "../lib/testing/postgres-cluster";

const root = path.resolve(import.meta.dirname, "..");
const bin = (name: string) => path.join(root, "node_modules", ".bin", name);
const groups = ["lint", "unit", "db", "e2e", "clone"] as const;
type Group = (typeof groups)[number];

const specs: string[] = [];

function parseArgs(argv: string[]): Set<Group> {
  const only = new Set<Group>();
  let skipE2e = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--skip-e2e") skipE2e = true;
    else if (arg === "--spec") specs.push(argv[++i] ?? usage("--spec expects a file under e2e/"));
    else if (arg === "--only" || arg.startsWith("--only=")) {
      const value = arg === "--only" ? argv[++i] : arg.slice("--only=".length);
      for (const g of (value ?? "").split(",")) {
        if (!groups.includes(g as Group)) usage(`--only expects lint, unit, db, e2e or clone, got "${g}"`);
        only.add(g as Group);
      }
    } else usage(`unknown argument "${arg}"`);
  }
  const selected = new Set<Group>(only.size > 0 ? only : groups);
  if (skipE2e) selected.delete("e2e");
  return selected;
}

function usage(message: string): never {
  console.error(`scripts/test.ts: ${message}\nusage: npm test -- [--skip-e2e] [--only lint|unit|db|e2e|clone] [--spec e2e/<file>.spec.ts]`);
  process.exit(2);
}

const selected = parseArgs(process.argv.slice(2));
process.env.NEXT_TELEMETRY_DISABLED = "1";
process.env.CHECKPOINT_DISABLE = "1";

let cluster: PostgresCluster | undefined;
let child: ChildProcess | undefined;

// Registered before the cluster's own handlers so the running child is stopped first. Children run in
// their own process group (see exec) so the signal reaches their workers too, e.g. vitest's forks,
// which otherwise outlive a SIGTERM sent to us alone.
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    console.error(`\n${signal}: stopping`);
    if (child?.pid) {
      try {
        process.kill(-child.pid, signal);
      } catch {
        // already gone
      }
    }
    cluster?.stop();
    process.exit(signal === "SIGINT" ? 130 : 143);
  });
}

/** Runs a command with inherited stdio; resolves true on exit code 0. */
function exec(cmd: string, args: string[], env: Record<string, string> = {}): Promise<boolean> {
  console.log(`\n$ ${[path.relative(root, cmd) || cmd, ...args].join(" ")}`);
  return new Promise((resolve) => {
    child = spawn(cmd, args, { cwd: root, stdio: "inherit", env: { ...process.env, ...env }, detached: true });
    child.on("error", (error) => {
      console.error(`could not run ${cmd}: ${error.message}`);
      resolve(false);
    });
    child.on("close", (code) => {
      child = undefined;
      resolve(code === 0);
    });
  });
}

interface Result {
  name: string;
  ok: boolean;
  seconds?: number;
  note?: string;
}
const results: Result[] = [];

async function step(name: string, fn: () => Promise<boolean>): Promise<boolean> {
  console.log(`\n━━━ ${name} ━━━`);
  const started = performance.now();
  let ok: boolean;
  try {
    ok = await fn();
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    ok = false;
  }
  const seconds = (performance.now() - started) / 1000;
  results.push({ name, ok, seconds });
  console.log(`━━━ ${name}: ${ok ? "passed" : "FAILED"} in ${seconds.toFixed(1)}s`);
  return ok;
}

function notRun(name: string, reason: string) {
  results.push({ name, ok: false, note: `not run (${reason})` });
}

async function main() {
  if (selected.has("lint")) {
    // ESLint (Next.js rules, typescript-eslint's promise rules, import order), then Prettier's check.
    await step("lint", async () => (await exec(bin("eslint"), ["."])) && (await exec(bin("prettier"), ["--check", "."])));
  }

  if (selected.has("unit")) {
    await step("unit", () => exec(bin("vitest"), ["run", "--project", "unit"]));
  }

  const needsPostgres = selected.has("db") || selected.has("e2e");
  let pgReady = Boolean(process.env.DATABASE_URL);
  // Started after the unit step so unit tests never see a DATABASE_URL they did not ask for.
  if (needsPostgres && !pgReady) {
    pgReady = await step("postgres", async () => {
      cluster = await startPostgresCluster();
      process.env.DATABASE_URL = cluster.url;
      console.log(`PostgreSQL at ${cluster.url} (data in ${cluster.dir})`);
      return true;
    });
  }
  process.env.TEST_DATABASE_URL ??= process.env.DATABASE_URL;

  if (selected.has("db")) {
    if (pgReady) await step("db", () => exec(bin("vitest"), ["run", "--project", "db"]));
    else notRun("db", "no PostgreSQL");
  }

  if (selected.has("e2e")) {
    let e2eUrl: string | undefined;
    let dbOk = false;
    if (pgReady) {
      dbOk = await step("e2e database", async () => {
        e2eUrl = await createDatabase(process.env.DATABASE_URL!, "warden_e2e");
        const env = { DATABASE_URL: e2eUrl };
        return (
          (await exec(bin("tsx"), ["scripts/db-migrate.ts"], env)) &&
          (await exec(bin("tsx"), ["--import", "./scripts/server-only-hook.mjs", "scripts/db-seed.ts", "--demo", "--force"], env))
        );
      });
    } else notRun("e2e database", "no PostgreSQL");
    // The build runs even without a database: its errors are worth seeing on their own.
    const buildOk = await step("build", () => exec(bin("next"), ["build"], e2eUrl ? { DATABASE_URL: e2eUrl } : {}));
    if (dbOk && buildOk) {
      // A real OpenID provider for the single sign-on spec; Warden (started by Playwright) is its client.
      // The spec reaches Warden as "localhost": the host name Next.js gives the sign-in callback's URL.
      const port = Number(process.env.E2E_PORT ?? 3100);
      const idp = await startTestIdentityProvider(`http://localhost:${port}/api/auth/callback/oidc`);
      const oidcEnv = {
        OIDC_ISSUER: idp.issuer,
        OIDC_CLIENT_ID: idp.clientId,
        OIDC_CLIENT_SECRET: idp.clientSecret,
        OIDC_NAME: "Test identity provider",
        OIDC_ROLES_CLAIM: "groups",
        OIDC_ROLE_MAP: TEST_IDP_ROLE_MAP,
      };
      await step("e2e", () => exec(bin("playwright"), ["test", ...specs], { DATABASE_URL: e2eUrl!, E2E_DATABASE_URL: e2eUrl!, ...oidcEnv }));
      await idp.stop();
    } else notRun("e2e", dbOk ? "build failed" : "e2e database failed");
  }

  if (selected.has("clone")) {
    // What is committed, as a new user gets it: the check clones HEAD (uncommitted changes are not in it).
    await step("fresh clone", () => exec(bin("tsx"), ["scripts/fresh-clone-check.ts"]));
  }
}

let exitCode = 1;
try {
  await main();
} catch (error) {
  console.error(error);
  results.push({ name: "scripts/test.ts", ok: false, note: "crashed (see above)" });
} finally {
  if (cluster) {
    const started = performance.now();
    cluster.stop();
    console.log(`\nPostgreSQL stopped in ${((performance.now() - started) / 1000).toFixed(1)}s`);
  }
  const passed = results.filter((r) => r.ok).length;
  const failed = results.length - passed;
  console.log("\n━━━ summary ━━━");
  for (const r of results) {
    const detail = r.note ?? `${r.seconds!.toFixed(1)}s`;
    console.log(`  ${r.ok ? "✔" : "✘"} ${r.name.padEnd(14)} ${detail}`);
  }
  console.log(`${passed} passed, ${failed} failed`);
  exitCode = failed === 0 && results.length > 0 ? 0 : 1;
}
process.exit(exitCode);
