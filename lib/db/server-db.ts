import "server-only";
// The server's one database handle. PGlite is a single in-process connection, so the Next server opens
// it once (instrumentation.ts warms it at start) and every request shares it.
import { type Database, openDatabase } from "./connection";

const globalForDb = globalThis as unknown as { wardenDb?: Promise<Database> };

export function getDb(): Promise<Database> {
  globalForDb.wardenDb ??= openDatabase().catch((error) => {
    globalForDb.wardenDb = undefined;
    throw error;
  });
  return globalForDb.wardenDb;
}

export async function getPrisma() {
  return (await getDb()).prisma;
}
