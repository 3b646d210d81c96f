// The smallest SQL surface shared by PGlite and node-postgres, used where Prisma is the wrong tool:
// the migration runner, bulk ingest and tests that must reach under the ORM.
export interface QueryOptions {
  /**
   * Keep the statement prepared on the connection and reuse it when the same text comes again, so it is
   * parsed and planned once per connection (PostgreSQL; PGlite ignores it). For big, often-repeated
   * statements such as the rollup reads, whose hundreds of aggregates take longer to plan than to run.
   */
  reuse?: boolean;
}

export interface SqlExecutor {
  query<Row = Record<string, unknown>>(text: string, params?: unknown[], options?: QueryOptions): Promise<Row[]>;
  /** Runs one or more statements without parameters (a migration file). */
  exec(text: string): Promise<void>;
  /** Runs fn on one connection inside BEGIN/COMMIT, rolling back if it throws. */
  transaction<T>(fn: (sql: SqlExecutor) => Promise<T>): Promise<T>;
}
