// Opens Warden's database: PostgreSQL when DATABASE_URL is set, else the embedded PGlite in a data folder.
// Both speak the same SQL; the Prisma client gets the matching driver adapter. Kept free of `server-only`
// so the command-line scripts can use it too.
import { createHash } from "node:crypto";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { readEnv } from "@/lib/env";
import { PrismaClient } from "@/lib/generated/prisma/client";
import type { QueryOptions, SqlExecutor } from "./sql-executor";

export type DatabaseKind = "postgres" | "pglite";

export interface Database {
  kind: DatabaseKind;
  /** Where it lives, without credentials: a host/database or a folder. */
  location: string;
  prisma: PrismaClient;
  sql: SqlExecutor;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** A postgres:// URL; defaults to DATABASE_URL. */
  url?: string;
  /** PGlite data folder; defaults to WARDEN_DATA_DIR or .data/pglite. `memory://` for in-memory. */
  dataDir?: string;
  /** Pool size for PostgreSQL. */
  poolSize?: number;
  /** PGlite's shared_buffers (its default is 128MB, all of it touched, so resident, from the start). */
  pgliteSharedBuffers?: string;
}

export function defaultDataDir(): string {
  return readEnv().WARDEN_DATA_DIR ?? path.resolve(process.cwd(), ".data/pglite");
}

export async function openDatabase(options: OpenOptions = {}): Promise<Database> {
  const url = options.url ?? (options.dataDir ? undefined : readEnv().DATABASE_URL);
  return url ? openPostgres(url, options.poolSize) : openPglite(options.dataDir ?? defaultDataDir(), options.pgliteSharedBuffers);
}

function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || 5432}${u.pathname}`;
  } catch {
    return "postgres";
  }
}

async function openPostgres(url: string, poolSize = 10): Promise<Database> {
  // Idle connections are kept for 5 minutes, not pg's 10 s: under steady load the pool would otherwise
  // close the ones a lull left idle and reopen them in the next burst, each paying connection set-up and
  // the planning of its prepared statements just when the server is busiest.
  const pool = new pg.Pool({ connectionString: url, max: poolSize, idleTimeoutMillis: 300_000 });
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  const sql = poolExecutor(pool);
  return {
    kind: "postgres",
    location: describeUrl(url),
    prisma,
    sql,
    async close() {
      await prisma.$disconnect();
      await pool.end().catch(() => undefined);
    },
  };
}

/**
 * node-postgres prepares a statement given a name once per connection and reuses it after; the name is
 * the text's hash, so one text always maps to one name (pg refuses a known name with another text).
 */
function pgQuery(text: string, params: unknown[] | undefined, options: QueryOptions | undefined): pg.QueryConfig {
  const name = options?.reuse ? `w_${createHash("sha1").update(text).digest("hex").slice(0, 24)}` : undefined;
  return { text, values: params, name };
}

function clientExecutor(client: pg.PoolClient): SqlExecutor {
  const self: SqlExecutor = {
    async query(text, params, options) {
      return (await client.query(pgQuery(text, params, options))).rows;
    },
    async exec(text) {
      await client.query(text);
    },
    async transaction(fn) {
      // Already on one connection: a savepoint would do, but nothing here nests transactions.
      return fn(self);
    },
  };
  return self;
}

function poolExecutor(pool: pg.Pool): SqlExecutor {
  return {
    async query(text, params, options) {
      return (await pool.query(pgQuery(text, params, options))).rows;
    },
    async exec(text) {
      await pool.query(text);
    },
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query("BEGIN");
        const result = await fn(clientExecutor(client));
        await client.query("COMMIT");
        return result;
      } catch (error) {
        await client.query("ROLLBACK").catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
  };
}

export function pgliteExecutor(db: PGlite): SqlExecutor {
  const wrap = (q: Pick<PGlite, "query" | "exec">): SqlExecutor => ({
    async query(text, params) {
      return (await q.query(text, params as unknown[])).rows as never[];
    },
    async exec(text) {
      await q.exec(text);
    },
    async transaction(fn) {
      return db.transaction(async (tx) => fn(wrap(tx as unknown as PGlite)));
    },
  });
  return wrap(db);
}

async function openPglite(dataDir: string, sharedBuffers?: string): Promise<Database> {
  if (!dataDir.startsWith("memory://")) mkdirSync(dataDir, { recursive: true });
  const db = await PGlite.create(dataDir, sharedBuffers ? { startParams: [...PGlite.defaultStartParams, "-c", `shared_buffers=${sharedBuffers}`] } : {});
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(db) });
  return {
    kind: "pglite",
    location: dataDir,
    prisma,
    sql: pgliteExecutor(db),
    async close() {
      await prisma.$disconnect();
      await db.close();
    },
  };
}
