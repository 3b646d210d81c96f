// `npm run db:seed -- --demo [--force]`: migrates the configured database (DATABASE_URL → PostgreSQL, else
// PGlite in WARDEN_DATA_DIR or .data/pglite) and seeds the demo data. Refuses a database that is neither
// empty nor a demo unless --force; a second run finds the demo marker and does nothing.
import { openDatabase } from "../lib/db/connection";
import { applyMigrations } from "../lib/db/migrate";
import { decideSeed, inspectSeedTarget } from "../lib/demo/demo-guard";
import { DEMO_PASSWORD, DEMO_USERS } from "../lib/demo/demo-users";
import { countDemoTables, seedDemo } from "../lib/demo/seed-demo";

const USAGE = `usage: npm run db:seed -- --demo [--force]

  --demo    seed the demo data (team accounts, workflows, models, approvals, 90 days of usage)
  --force   seed even when the database already holds users and is not a demo database`;

function parseArgs(argv: string[]) {
  const flags = { demo: false, force: false };
  for (const arg of argv) {
    if (arg === "--") continue;
    else if (arg === "--demo") flags.demo = true;
    else if (arg === "--force") flags.force = true;
    else if (arg === "--help" || arg === "-h") {
      console.log(USAGE);
      process.exit(0);
    } else {
      console.error(`db:seed: unknown argument "${arg}"\n${USAGE}`);
      process.exit(2);
    }
  }
  if (!flags.demo) {
    console.error(`db:seed: say what to seed.\n${USAGE}`);
    process.exit(2);
  }
  return flags;
}

function printCounts(counts: Record<string, number>) {
  for (const [table, n] of Object.entries(counts)) console.log(`  ${table.padEnd(18)} ${n.toLocaleString("en-US").padStart(9)}`);
}

async function main() {
  const flags = parseArgs(process.argv.slice(2));
  const t0 = performance.now();
  const elapsed = () => `${((performance.now() - t0) / 1000).toFixed(1)} s`;
  const db = await openDatabase();
  try {
    console.log(`Database: ${db.kind} (${db.location})`);
    const migrations = await applyMigrations(db.sql);
    console.log(`Migrations: ${migrations.applied.length} applied, ${migrations.alreadyApplied} already there.`);

    const decision = decideSeed(await inspectSeedTarget(db.prisma), { force: flags.force });
    if (decision.action === "refuse") {
      console.error(decision.message);
      process.exitCode = 1;
      return;
    }
    console.log(decision.message);
    if (decision.action === "nothing_to_do") {
      printCounts(await countDemoTables(db.prisma));
      console.log(`Done in ${elapsed()}.`);
      return;
    }

    const result = await seedDemo(db, { log: (line) => console.log(line) });
    const created = Object.entries(result.created).map(([kind, n]) => `${kind} ${n.toLocaleString("en-US")}`);
    console.log(`Created: ${created.length > 0 ? created.join(", ") : "nothing (already there)"}.`);
    const { usage } = result;
    if (usage.firstAt && usage.lastAt) {
      console.log(
        `Usage: ${usage.generated.toLocaleString("en-US")} events from ${usage.firstAt.toISOString()} to ${usage.lastAt.toISOString()}, ${usage.inserted.toLocaleString("en-US")} new.`,
      );
    }
    console.log("Rows now in the database:");
    printCounts(await countDemoTables(db.prisma));
    console.log(
      `Sign in as ${DEMO_USERS.slice(0, 6)
        .map((u) => u.email)
        .join(", ")} (and ${DEMO_USERS.length - 6} more), password "${DEMO_PASSWORD}".`,
    );
    console.log(`Done in ${elapsed()} (seeding ${(result.ms / 1000).toFixed(1)} s).`);
  } finally {
    await db.close();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
