// Proves the PostgreSQL that scripts/test.ts provides is reachable and that createDatabase works.
import pg from "pg";
import { afterAll, expect, it } from "vitest";
import { createDatabase } from "./postgres-cluster";

const serverUrl = process.env.TEST_DATABASE_URL;
const dbName = `warden_cluster_check_${process.pid}`;

function requireServerUrl(): string {
  // Fail rather than skip: a skipped db suite in CI looks green while testing nothing.
  if (!serverUrl) {
    throw new Error(
      "TEST_DATABASE_URL is not set. Run the db tests via `npm test` (or `npm test -- --only db`), " +
        "which starts a throwaway PostgreSQL, or set TEST_DATABASE_URL to a server you can create databases on.",
    );
  }
  return serverUrl;
}

afterAll(async () => {
  if (!serverUrl) return;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
  await admin.end();
});

it("creates a fresh database and runs queries in it", async () => {
  const url = await createDatabase(requireServerUrl(), dbName);
  expect(new URL(url).pathname).toBe(`/${dbName}`);

  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ db: string; version: number }>(
      "SELECT current_database() AS db, current_setting('server_version_num')::int AS version",
    );
    expect(rows[0].db).toBe(dbName);
    expect(rows[0].version).toBeGreaterThanOrEqual(130000); // createDatabase uses DROP ... WITH (FORCE)

    await client.query("CREATE TABLE t (id serial PRIMARY KEY, name text NOT NULL)");
    await client.query("INSERT INTO t (name) VALUES ($1), ($2)", ["a", "b"]);
    const count = await client.query<{ n: number }>("SELECT count(*)::int AS n FROM t");
    expect(count.rows[0].n).toBe(2);
  } finally {
    await client.end();
  }

  // Calling it again must hand back an empty database, not the old one.
  const again = new pg.Client({ connectionString: await createDatabase(serverUrl!, dbName) });
  await again.connect();
  const tables = await again.query("SELECT 1 FROM pg_tables WHERE tablename = 't'");
  await again.end();
  expect(tables.rowCount).toBe(0);
});
