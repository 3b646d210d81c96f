// Databases for the benchmark: a fresh database on a PostgreSQL server, or a PGlite data folder, each
// opened the way the app opens them (lib/db/connection.ts) but with the engine handle kept, because the
// baselines talk to the engine below Prisma (COPY, raw protocol).
import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { type Database, openDatabase, pgliteExecutor } from "@/lib/db/connection";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { createDatabase } from "@/lib/testing/postgres-cluster";

export type Backend = "postgres" | "pglite";

export type BenchDatabase =
  /** serverPid: the postmaster, when the server runs on this machine (its CPU time is then counted). */
  { backend: "postgres"; url: string; db: Database; serverPid: number | null } | { backend: "pglite"; dir: string; pglite: PGlite; db: Database };

/** Drops and recreates database `name` on the server, then opens it. */
export async function freshPostgres(serverUrl: string, name: string, serverPid: number | null, poolSize = 10): Promise<BenchDatabase> {
  const url = await createDatabase(serverUrl, name);
  return { backend: "postgres", url, db: await openDatabase({ url, poolSize }), serverPid };
}

export async function openPgliteAt(dir: string): Promise<BenchDatabase> {
  mkdirSync(dir, { recursive: true });
  const pglite = await PGlite.create(dir);
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
  const db: Database = {
    kind: "pglite",
    location: dir,
    prisma,
    sql: pgliteExecutor(pglite),
    async close() {
      await prisma.$disconnect();
      await pglite.close();
    },
  };
  return { backend: "pglite", dir, pglite, db };
}

/** Empties the usage tables (events, rollups, findings): the fresh state each timed run starts from. */
export async function resetUsage(bench: BenchDatabase): Promise<void> {
  await bench.db.sql.exec(`TRUNCATE "UsageEvent", "UsageRollup", "UsageRollupDaily", "UsageRollupPending", "UsageFinding"`);
  // Flush what earlier runs left dirty, so a run does not pay for the previous run's writes.
  await bench.db.sql.exec("CHECKPOINT");
}
