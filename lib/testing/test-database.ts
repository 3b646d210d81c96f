// A fresh, migrated database for a test: in-memory PGlite by default (unit project), or a new database
// on the real PostgreSQL that scripts/test.ts started (db project, TEST_DATABASE_URL).
import { randomBytes } from "node:crypto";
import pg from "pg";
import { type Database, openDatabase } from "@/lib/db/connection";
import { applyMigrations } from "@/lib/db/migrate";

export async function openTestDatabase(): Promise<Database> {
  const db = await openDatabase({ dataDir: "memory://" });
  await applyMigrations(db.sql);
  return db;
}

export function requirePostgresUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error("TEST_DATABASE_URL is not set: run database tests through `npm test` (it starts PostgreSQL).");
  return url;
}

/** Creates an empty database on the test cluster, migrates it and opens it. */
export async function openPostgresTestDatabase(poolSize = 10): Promise<Database & { url: string }> {
  const base = requirePostgresUrl();
  const name = `warden_test_${randomBytes(5).toString("hex")}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  const db = await openDatabase({ url: url.toString(), poolSize });
  await applyMigrations(db.sql);
  return Object.assign(db, { url: url.toString() });
}
