// The benchmark's own PostgreSQL: the test suite's throwaway cluster (lib/testing/postgres-cluster.ts:
// temp folder, free port, trust auth, fsync off, removed at exit), restarted once with the memory and
// WAL settings a server holding ten million events would be given, so the figures measure Warden and
// not a 128 MB default buffer pool or a checkpoint every few hundred megabytes of WAL.
import { spawnSync } from "node:child_process";
import path from "node:path";
import pg from "pg";
import { findPostgresBinDir, startPostgresCluster, type PostgresCluster } from "@/lib/testing/postgres-cluster";

export const BENCH_POSTGRES_SETTINGS: Record<string, string> = {
  shared_buffers: "1GB",
  work_mem: "64MB",
  maintenance_work_mem: "512MB",
  effective_cache_size: "8GB",
  max_wal_size: "8GB",
  checkpoint_timeout: "30min",
  // Timed runs load the same table again and again; a vacuum of the previous run must not land in the
  // next one. The dashboard data is vacuumed and analysed explicitly once loaded.
  autovacuum: "off",
};

const isRoot = process.getuid?.() === 0;

function pgCtl(args: string[], cwd: string) {
  const bin = path.join(findPostgresBinDir(), "pg_ctl");
  const [cmd, argv] = isRoot ? ["runuser", ["-u", "postgres", "--", bin, ...args]] : [bin, args];
  const result = spawnSync(cmd, argv, { cwd, encoding: "utf8" });
  if (result.status !== 0) throw new Error(`pg_ctl ${args[0]} failed:\n${result.stdout}${result.stderr}`);
}

export async function startBenchPostgres(): Promise<PostgresCluster> {
  const cluster = await startPostgresCluster();
  try {
    const client = new pg.Client({ connectionString: cluster.url });
    await client.connect();
    try {
      for (const [name, value] of Object.entries(BENCH_POSTGRES_SETTINGS)) await client.query(`ALTER SYSTEM SET ${name} = '${value}'`);
    } finally {
      await client.end();
    }
    const data = path.join(cluster.dir, "data");
    pgCtl(["restart", "-D", data, "-l", path.join(cluster.dir, "postgres.log"), "-w", "-t", "60", "-m", "fast", "-o", `-p ${cluster.port}`], cluster.dir);
    return cluster;
  } catch (error) {
    cluster.stop();
    throw error;
  }
}

/** The server's version and the settings that shape the figures, for the report. */
export async function describePostgres(url: string): Promise<{ version: string; settings: Record<string, string> }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const version = (await client.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0].v;
    const names = [...Object.keys(BENCH_POSTGRES_SETTINGS), "fsync", "synchronous_commit", "full_page_writes", "wal_level", "jit"];
    const rows = (
      await client.query<{ name: string; setting: string; unit: string | null }>(
        `SELECT name, current_setting(name) AS setting FROM pg_settings WHERE name = ANY($1)`,
        [names],
      )
    ).rows;
    return { version, settings: Object.fromEntries(rows.map((r) => [r.name, r.setting])) };
  } finally {
    await client.end();
  }
}
