// A throwaway PostgreSQL cluster for tests: a temp folder, a free port, trust auth, torn down at the end.
// Used by scripts/test.ts; the db tests only see its URL (TEST_DATABASE_URL).
import { spawnSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, appendFileSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";

export interface PostgresCluster {
  /** postgresql://postgres@127.0.0.1:<port>/postgres */
  url: string;
  port: number;
  dir: string;
  /** Synchronous so it can run from an `exit` handler; safe to call any number of times. */
  stop(): void;
}

/** Highest /usr/lib/postgresql/<v>/bin holding initdb, else `pg_config --bindir` (if it has initdb). */
export function findPostgresBinDir(): string {
  const base = "/usr/lib/postgresql";
  const versions = existsSync(base)
    ? readdirSync(base)
        .filter((v) => existsSync(path.join(base, v, "bin", "initdb")))
        .sort((a, b) => Number.parseFloat(b) - Number.parseFloat(a))
    : [];
  if (versions.length > 0) return path.join(base, versions[0], "bin");
  const fromPgConfig = spawnSync("pg_config", ["--bindir"], { encoding: "utf8" });
  const bindir = fromPgConfig.status === 0 ? fromPgConfig.stdout.trim() : "";
  // /usr/bin/pg_config on Debian comes from libpq-dev and points at /usr/bin, which has no initdb.
  if (bindir && existsSync(path.join(bindir, "initdb"))) return bindir;
  throw new Error(
    "PostgreSQL server binaries (initdb, pg_ctl) not found in /usr/lib/postgresql/*/bin or `pg_config --bindir`. " +
      "Install them with: apt-get install -y postgresql   (or set DATABASE_URL to an existing server)",
  );
}

/** Asks the kernel for a free port. Another process could grab it before postgres binds; start() retries. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

const isRoot = process.getuid?.() === 0;

/** initdb and pg_ctl refuse to run as root, so as root they run as the `postgres` user. */
function run(bin: string, args: string[], cwd: string) {
  const [cmd, argv] = isRoot ? ["runuser", ["-u", "postgres", "--", bin, ...args]] : [bin, args];
  return spawnSync(cmd, argv, { cwd, encoding: "utf8" });
}

function postgresUserIds(): { uid: number; gid: number } {
  const uid = spawnSync("id", ["-u", "postgres"], { encoding: "utf8" });
  const gid = spawnSync("id", ["-g", "postgres"], { encoding: "utf8" });
  if (uid.status !== 0 || gid.status !== 0) {
    throw new Error("Running as root but there is no `postgres` user to run initdb as (apt-get install -y postgresql creates it).");
  }
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

function tail(file: string, lines = 20): string {
  try {
    return readFileSync(file, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
  } catch {
    return "(no log)";
  }
}

export async function startPostgresCluster(): Promise<PostgresCluster> {
  const bin = findPostgresBinDir();
  const dir = mkdtempSync(path.join(os.tmpdir(), "warden-pg-"));
  const data = path.join(dir, "data");
  const log = path.join(dir, "postgres.log");

  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    process.off("exit", stop);
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
    // "immediate" skips the shutdown checkpoint: the data is thrown away anyway. The pid file check also
    // catches a server that came up after `pg_ctl start -w` gave up waiting.
    if (existsSync(path.join(data, "postmaster.pid"))) run(path.join(bin, "pg_ctl"), ["stop", "-D", data, "-m", "immediate", "-w"], dir);
    rmSync(dir, { recursive: true, force: true });
  };
  const onSignal = (signal: NodeJS.Signals) => {
    stop();
    process.exit(128 + (os.constants.signals[signal] ?? 1));
  };
  process.on("exit", stop);
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);

  try {
    if (isRoot) {
      const { uid, gid } = postgresUserIds();
      chownSync(dir, uid, gid);
    }
    // --no-sync and the settings below trade durability for speed: nothing here outlives the run.
    const init = run(path.join(bin, "initdb"), ["-D", data, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C", "--no-sync"], dir);
    if (init.status !== 0) throw new Error(`initdb failed:\n${init.stdout}${init.stderr}`);
    appendFileSync(
      path.join(data, "postgresql.conf"),
      [
        "",
        "listen_addresses = '127.0.0.1'",
        `unix_socket_directories = '${dir}'`, // not /var/run/postgresql: may not exist or be writable
        "fsync = off",
        "synchronous_commit = off",
        "full_page_writes = off",
        "max_connections = 200", // parallel test workers each hold a pool
        "",
      ].join("\n"),
    );

    for (let attempt = 1; ; attempt++) {
      const port = await freePort();
      const start = run(path.join(bin, "pg_ctl"), ["start", "-D", data, "-l", log, "-w", "-t", "60", "-o", `-p ${port}`], dir);
      if (start.status === 0) {
        return { url: `postgresql://postgres@127.0.0.1:${port}/postgres`, port, dir, stop };
      }
      // A lost race for the port is the one failure worth retrying.
      if (attempt >= 3 || !/could not bind|address already in use/i.test(tail(log, 50))) {
        throw new Error(`pg_ctl start failed:\n${start.stdout}${start.stderr}\n--- ${log} ---\n${tail(log)}`);
      }
    }
  } catch (error) {
    stop();
    throw error;
  }
}

/** Drops (if present) and creates database `name` on the server at `url`; returns its URL. */
export async function createDatabase(url: string, name: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const ident = `"${name.replace(/"/g, '""')}"`;
    // FORCE (PostgreSQL 13+) ends connections left over from an earlier run.
    await client.query(`DROP DATABASE IF EXISTS ${ident} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${ident}`);
  } finally {
    await client.end();
  }
  const dbUrl = new URL(url);
  dbUrl.pathname = `/${encodeURIComponent(name)}`;
  return dbUrl.toString();
}
