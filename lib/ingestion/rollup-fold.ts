import "server-only";
// Moves online ingest's pending rollup deltas ("UsageRollupPending") into the hourly and daily rollup
// tables. Many small concurrent batches each adding to the same hour's rollup rows would queue on those
// rows' locks and rewrite ~1 KB histogram rows dozens of times a second; instead each request appends its
// deltas and one fold a second adds them up and writes each key once.
//
// A fold is one statement in one transaction (usage-rollup.ts FOLD_PENDING_SQL): it takes every pending row
// (DELETE … RETURNING), sums them per key and upserts them, all inside the database, so a reader's
// snapshot sees each delta either pending or folded, never both or neither (rollupSource reads the
// pending table with the rollups). An advisory lock keeps folds from running side
// by side (several server processes, or a fold still running when the next is due).
import type { SqlExecutor } from "@/lib/db/sql-executor";
import { FOLD_PENDING_SQL } from "./usage-rollup";

/** Arbitrary, fixed: the advisory lock key that serialises folds across processes. */
const FOLD_LOCK_KEY = 7_346_201_911;

/** How long after the first pending write a fold runs: long enough to gather many requests' deltas. */
export const FOLD_DELAY_MS = 1_000;

/**
 * Folds every pending delta into the rollup tables. Returns how many pending rows were folded, or null
 * when another fold holds the lock (that fold will take these rows, or the next one will).
 */
export async function foldPendingRollups(sql: Pick<SqlExecutor, "transaction">): Promise<number | null> {
  return sql.transaction(async (tx) => {
    // JIT off for this transaction: the planner has no statistics for a table emptied every second and
    // guesses tens of thousands of rows, which puts the fold over the JIT thresholds; compiling its ~800
    // aggregates took 5 s to fold 900 rows that take 40 ms interpreted.
    const [lock] = await tx.query<{ locked: boolean }>(`SELECT pg_try_advisory_xact_lock($1::int8) AS locked, set_config('jit', 'off', true)`, [FOLD_LOCK_KEY]);
    if (!lock?.locked) return null;
    const [result] = await tx.query<{ folded: number }>(FOLD_PENDING_SQL, [], { reuse: true });
    return Number(result?.folded ?? 0);
  });
}

/**
 * Runs a fold FOLD_DELAY_MS after the first pending write since the last fold, one at a time per process.
 * A fold that fails (the database went away) leaves the rows pending, where readers still count them;
 * the next write schedules another attempt.
 */
export class PendingRollupFolder {
  private scheduled: ReturnType<typeof setTimeout> | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly delayMs = FOLD_DELAY_MS,
    private readonly onError: (error: unknown) => void = (error) => console.error("Folding pending usage rollups failed:", error),
  ) {}

  /** Called after a transaction that wrote pending deltas has committed. */
  schedule(sql: Pick<SqlExecutor, "transaction">): void {
    if (this.scheduled) return;
    this.scheduled = setTimeout(() => {
      // Writes that commit from here on schedule the next fold.
      this.scheduled = null;
      const fold: Promise<void> = (this.running ?? Promise.resolve())
        .then(() => foldPendingRollups(sql))
        .then(() => undefined, this.onError)
        .finally(() => {
          if (this.running === fold) this.running = null;
        });
      this.running = fold;
    }, this.delayMs);
    // A pending fold never keeps a command-line process alive: its rows stay readable and fold next time.
    this.scheduled.unref?.();
  }

  /** Waits for a scheduled or running fold (tests, shutdown). */
  async settle(sql: Pick<SqlExecutor, "transaction">): Promise<void> {
    if (this.scheduled) {
      clearTimeout(this.scheduled);
      this.scheduled = null;
      await this.running;
      await foldPendingRollups(sql).catch(this.onError);
    }
    await this.running;
  }
}

/** One folder per server process, shared by the online ingest routes. */
export const pendingRollupFolder = new PendingRollupFolder();
