// Figure 4: the dashboard statements for a 30-day range (the drift page's default windows: the last 7
// days against the 28 before), each from the rollups (what the pages run) and the same answer from the
// raw events, on a database holding N synthetic events over the last 35 days. The rollup path runs many
// times (p50 / p95 against the target); the raw path fewer times (its median is the baseline).
// The analytics modules are imported lazily: scripts/bench.ts lets them load outside Next first.
import type { BenchDatabase } from "@/lib/bench/bench-database";
import { rawCharts } from "@/lib/bench/raw-charts";
import { summarise, type TimingSummary } from "@/lib/bench/stats";
import { type Figure, fmtMs, log } from "./figures";

const ACTOR = { kind: "cli" as const, label: "bench" };
const DAY_MS = 86_400_000;

export interface DashboardOptions {
  now: Date;
  events: number;
  rollupRuns: number;
  rawRuns: number;
  /** p95 target for this size, in ms. */
  targetP95Ms: number;
}

interface Query {
  name: string;
  rollup: () => Promise<unknown>;
  raw: () => Promise<unknown>;
  /** Compares the two answers (what a person would see differ); returns notes. */
  check?: (rollup: unknown, raw: unknown) => string[];
}

async function timed(fn: () => Promise<unknown>, runs: number, warmup: number): Promise<{ ms: number[]; last: unknown }> {
  let last: unknown;
  for (let i = 0; i < warmup; i++) last = await fn();
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    last = await fn();
    ms.push(performance.now() - t0);
  }
  return { ms, last };
}

const relative = (a: number | null, b: number | null) => (a === null || b === null || b === 0 ? 0 : Math.abs(a - b) / b);

export async function dashboardsBench(bench: BenchDatabase, options: DashboardOptions): Promise<Figure[]> {
  const { getOverview, overviewFromRawEvents } = await import("@/lib/analytics/overview-query");
  const { getAnalyticsCharts } = await import("@/lib/analytics/timeseries-query");
  const { driftFromRawEvents, driftFromRollups } = await import("@/lib/analytics/drift-query");
  const { parseDriftParams } = await import("@/lib/analytics/drift-params");
  const { granularityFor } = await import("@/lib/analytics/rollup-filters");
  const { db } = bench;
  const to = options.now;
  const from = new Date(to.getTime() - 30 * DAY_MS);
  const input = { from: from.toISOString(), to: to.toISOString() };
  const driftParams = parseDriftParams({ currentTo: to.toISOString() }, to.getTime());
  const granularity = granularityFor({ from, to });

  const queries: Query[] = [
    {
      name: "Health overview (per workflow and model, vs the previous 30 days)",
      rollup: () => getOverview(db, ACTOR, input),
      raw: () => overviewFromRawEvents(db, ACTOR, input),
      check: (r, w) => {
        const a = r as Awaited<ReturnType<typeof getOverview>>;
        const b = w as Awaited<ReturnType<typeof overviewFromRawEvents>>;
        const req = (x: typeof a) => x.totals.metrics.requests.value;
        const p95 = (x: typeof a) => x.totals.metrics.latencyP95Ms.value;
        return [
          `requests ${req(a)} (rollups) vs ${req(b)} (raw); overall p95 latency ${Math.round(p95(a) ?? 0)} ms vs ${Math.round(p95(b) ?? 0)} ms exact (${(relative(p95(a), p95(b)) * 100).toFixed(1)} % apart; histogram bound 12.7 %)`,
        ];
      },
    },
    {
      name: `Latency percentiles over time (the charts: per-${granularity} p50/p95/p99, cost by model, rates, token distributions)`,
      rollup: () => getAnalyticsCharts(db, ACTOR, input),
      raw: () => rawCharts(db.sql, { from, to, granularity }),
      check: (r, w) => {
        const a = r as Awaited<ReturnType<typeof getAnalyticsCharts>>;
        const b = w as Awaited<ReturnType<typeof rawCharts>>;
        const exact = new Map(b.points.map((p) => [p.t, p]));
        let worst = 0;
        for (const p of a.points) {
          const e = exact.get(Date.parse(p.t));
          if (e && e.requests >= 100) worst = Math.max(worst, relative(p.latencyP95Ms, e.latencyP95Ms), relative(p.latencyP50Ms, e.latencyP50Ms));
        }
        return [`largest p50/p95 gap between a bucket's histogram percentile and the exact one: ${(worst * 100).toFixed(1)} %`];
      },
    },
    {
      name: "Drift (PSI and KS per model × workflow: last 7 days vs the 28 before)",
      rollup: () => driftFromRollups(db.sql, driftParams),
      raw: () => driftFromRawEvents(db.sql, driftParams),
      check: (r, w) => {
        const a = r as Awaited<ReturnType<typeof driftFromRollups>>;
        const b = w as Awaited<ReturnType<typeof driftFromRawEvents>>;
        const psi = (x: typeof a) => JSON.stringify(x.rows.map((row) => [row.model, row.workflow, row.maxPsi?.toFixed(6) ?? null]));
        return [`${a.rows.length} model × workflow pairs; ${psi(a) === psi(b) ? "the same PSI from both paths" : "PSI DIFFERS between the paths"}`];
      },
    },
  ];

  const figures: Figure[] = [];
  for (const q of queries) {
    log(`  ${q.name}`);
    const rollup = await timed(q.rollup, options.rollupRuns, 3);
    const r = summarise(rollup.ms);
    log(`    rollups: p50 ${fmtMs(r.p50Ms)}, p95 ${fmtMs(r.p95Ms)} (${r.runs} runs)`);
    const raw = await timed(q.raw, options.rawRuns, 1);
    const w = summarise(raw.ms);
    log(`    raw rows: p50 ${fmtMs(w.p50Ms)} (${w.runs} runs)`);
    const ratio = w.p50Ms / r.p50Ms;
    const notes = q.check ? q.check(rollup.last, raw.last) : [];
    figures.push({
      section: "dashboards",
      backend: bench.backend,
      what: `${q.name}, ${options.events.toLocaleString("en-US")} events`,
      measured: `p50 ${fmtMs(r.p50Ms)}, p95 ${fmtMs(r.p95Ms)} (${r.runs} runs)`,
      baseline: `raw rows: p50 ${fmtMs(w.p50Ms)} (${w.runs} runs${w.runs > 1 ? `, min ${fmtMs(w.minMs)}` : ""})`,
      ratio,
      target: `p95 ≤ ${options.targetP95Ms} ms and ≥ 20 × faster`,
      pass: r.p95Ms <= options.targetP95Ms && ratio >= 20,
      notes,
      data: { rollupMs: rollup.ms, rawMs: raw.ms, rollup: r, raw: w } satisfies Record<string, number[] | TimingSummary>,
    });
  }
  return figures;
}
