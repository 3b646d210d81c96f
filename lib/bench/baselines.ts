// The physical baselines the import is measured against, on exactly the rows the import stored:
//  - PostgreSQL: `COPY "UsageEvent" FROM STDIN` of a dump of the imported table (text format), through
//    pg-copy-streams on one connection: the fastest way rows get into that table.
//  - PGlite: a prepared-statement loop: the INSERT is parsed once as a named statement, then each row is
//    one Bind + Execute + Sync round trip into the engine, all inside one transaction, values as text.
//    Rows are decoded from the dump before the clock starts, so only the engine's work is timed.
import { createReadStream, createWriteStream } from "node:fs";
import { writeFile } from "node:fs/promises";
import { createInterface } from "node:readline";
import { pipeline } from "node:stream/promises";
import { protocol } from "@electric-sql/pglite";
import pg from "pg";
import { from as copyFrom, to as copyTo } from "pg-copy-streams";
import type { PGlite } from "@electric-sql/pglite";

export const USAGE_EVENT_TABLE = `"UsageEvent"`;

/** Dumps a table in COPY text format to a file (PostgreSQL). */
export async function dumpTablePostgres(url: string, table: string, file: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await pipeline(client.query(copyTo(`COPY ${table} TO STDOUT`)), createWriteStream(file));
  } finally {
    await client.end();
  }
}

/** Loads a COPY text file into a table with COPY FROM STDIN; returns the milliseconds the COPY took. */
export async function copyIntoPostgres(url: string, table: string, file: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const t0 = performance.now();
    await pipeline(createReadStream(file, { highWaterMark: 1 << 20 }), client.query(copyFrom(`COPY ${table} FROM STDIN`)));
    return performance.now() - t0;
  } finally {
    await client.end();
  }
}

/** Dumps a table in COPY text format to a file (PGlite, through its /dev/blob device). */
export async function dumpTablePglite(db: PGlite, table: string, file: string): Promise<void> {
  const result = await db.query(`COPY ${table} TO '/dev/blob'`);
  if (!result.blob) throw new Error("PGlite returned no blob for COPY TO");
  await writeFile(file, Buffer.from(await result.blob.arrayBuffer()));
}

/** COPY text format field → value (\N is NULL; backslash escapes decoded). */
export function decodeCopyField(field: string): string | null {
  if (field === "\\N") return null;
  if (!field.includes("\\")) return field;
  return field.replace(/\\(.)/g, (_, c: string) => ({ t: "\t", n: "\n", r: "\r", b: "\b", f: "\f", v: "\v" })[c] ?? c);
}

/** Reads a COPY text file in chunks of decoded rows. */
export async function* copyFileRows(file: string, chunk = 20_000): AsyncGenerator<(string | null)[][]> {
  let rows: (string | null)[][] = [];
  for await (const line of createInterface({ input: createReadStream(file, { highWaterMark: 1 << 20 }), crlfDelay: Infinity })) {
    if (line === "") continue;
    rows.push(line.split("\t").map(decodeCopyField));
    if (rows.length >= chunk) {
      yield rows;
      rows = [];
    }
  }
  if (rows.length) yield rows;
}

const concat = (parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};

/** Throws on an ErrorResponse in a raw protocol answer (message type 'E'). */
function assertNoError(answer: Uint8Array) {
  let at = 0;
  while (at + 5 <= answer.length) {
    const type = answer[at];
    const length = (answer[at + 1] << 24) | (answer[at + 2] << 16) | (answer[at + 3] << 8) | answer[at + 4];
    if (type === 0x45) {
      const body = Buffer.from(answer.subarray(at + 5, at + 1 + length)).toString("utf8");
      const message = body
        .split("\0")
        .find((f) => f.startsWith("M"))
        ?.slice(1);
      throw new Error(`PGlite: ${message ?? body}`);
    }
    at += 1 + length;
  }
}

/**
 * Inserts every row of a COPY text file with a prepared INSERT, one row per round trip, in one
 * transaction; returns the milliseconds spent in the engine (decoding the file is not counted).
 */
export async function preparedLoopPglite(db: PGlite, table: string, columns: readonly string[], file: string): Promise<number> {
  const { serialize } = protocol;
  const placeholders = columns.map((_, i) => `$${i + 1}`).join(", ");
  const statement = "bench_insert";
  await db.exec("BEGIN");
  let ms = 0;
  try {
    assertNoError(
      await db.execProtocolRaw(
        concat([serialize.parse({ name: statement, text: `INSERT INTO ${table} (${columns.join(", ")}) VALUES (${placeholders})` }), serialize.sync()]),
        { syncToFs: false },
      ),
    );
    const execute = serialize.execute();
    const sync = serialize.sync();
    for await (const rows of copyFileRows(file)) {
      const t0 = performance.now();
      for (const values of rows) {
        const answer = await db.execProtocolRaw(concat([serialize.bind({ statement, values }), execute, sync]), { syncToFs: false });
        // The answer is BindComplete, CommandComplete, ReadyForQuery: anything longer carries an error.
        if (answer.length > 40) assertNoError(answer);
      }
      ms += performance.now() - t0;
    }
    const t0 = performance.now();
    await db.exec("COMMIT");
    ms += performance.now() - t0;
  } catch (error) {
    await db.exec("ROLLBACK").catch(() => undefined);
    throw error;
  }
  return ms;
}

/** The column list of a table in its physical order (the order COPY TO writes). */
export async function tableColumns(query: (sql: string) => Promise<{ column_name: string }[]>, table: string): Promise<string[]> {
  const rows = await query(
    `SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = '${table.replace(/"/g, "")}' ORDER BY ordinal_position`,
  );
  return rows.map((r) => `"${r.column_name}"`);
}
