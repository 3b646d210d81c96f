// The smallest SQL surface shared by PGlite and node-postgres, used where Prisma is the wrong tool:
// the migration runner, bulk ingest and tests that must reach under the ORM.
export interface SqlExecutor {
  query<Row = Record<string, unknown>>(text: string, params?: unknown[]): Promise<Row[]>;
  /** Runs one or more statements without parameters (a migration file). */
  exec(text: string): Promise<void>;
  /** Runs fn on one connection inside BEGIN/COMMIT, rolling back if it throws. */
  transaction<T>(fn: (sql: SqlExecutor) => Promise<T>): Promise<T>;
}
