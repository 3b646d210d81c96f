// `npm run db:migrate`: applies pending migrations to the configured database (DATABASE_URL, else the
// embedded PGlite folder).
import { openDatabase } from "@/lib/db/connection";
import { applyMigrations } from "@/lib/db/migrate";

const db = await openDatabase();
try {
  const report = await applyMigrations(db.sql);
  console.log(
    report.applied.length
      ? `Applied ${report.applied.length} migration(s) to ${db.kind} (${db.location}): ${report.applied.join(", ")}`
      : `Database ${db.kind} (${db.location}) is up to date (${report.alreadyApplied} migration(s)).`,
  );
} catch (error) {
  console.error(`Migration failed: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  await db.close();
}
