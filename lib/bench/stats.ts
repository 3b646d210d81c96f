// Summaries of repeated timings for the benchmark report.

/** The q-quantile (0..1) of the values by the nearest-rank method: the value below which q of them fall. */
export function nearestRank(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil(q * sorted.length));
  return sorted[Math.min(sorted.length, rank) - 1];
}

export interface TimingSummary {
  runs: number;
  minMs: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
}

export function summarise(ms: readonly number[]): TimingSummary {
  return {
    runs: ms.length,
    minMs: Math.min(...ms),
    p50Ms: nearestRank(ms, 0.5),
    p95Ms: nearestRank(ms, 0.95),
    p99Ms: nearestRank(ms, 0.99),
    maxMs: Math.max(...ms),
  };
}

/** Times `fn` `runs` times after `warmup` untimed runs; returns each run's milliseconds. */
export async function timeRuns(fn: () => Promise<unknown>, runs: number, warmup = 1): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn();
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    out.push(performance.now() - t0);
  }
  return out;
}
