import "server-only";
// A/B comparison: the database side. The rates need per-call facts the rollups only hold as sums (a
// retry rate is the share of calls retried at least once) and the rank test needs individual latencies,
// so this reads "UsageEvent" for one workflow and period, through the (workflowId, timestamp) index when
// the workflow is in the catalog. Three bounded statements:
//   1. exact per-arm counts, means, variances and p50/p95 (percentile_cont over the arm's successful calls);
//   2. the successful calls' latencies, all of them up to LATENCY_SAMPLE_CAP per arm, beyond that a
//      deterministic pseudo-random sample (ordered by md5 of the event id: the same data always gives the
//      same sample, hence the same p-value and interval);
// plus the choices for the form (arms and workflows with traffic in the period) from the rollups.
import { assertCan, type Actor } from "@/lib/authz/actor";
import type { Database } from "@/lib/db/connection";
import { type CompareParams, parseCompareParams } from "./compare-params";
import { type ArmFigures, type CompareReport, buildCompareReport } from "./compare-report";
import { rollupSource, sqlTimestamp } from "./rollup-sql";

export const LATENCY_SAMPLE_CAP = 50_000;
export const BOOTSTRAP_CAP = 10_000;

type Db = Pick<Database, "sql">;

export interface ArmChoice {
  value: string;
  calls: number;
  /** Share of the calls that were fallbacks (a fallback arm is rarely what someone means to A/B). */
  fallbackShare: number;
}

export interface CompareChoices {
  workflows: ArmChoice[];
  /** Arms (models or bundles) of the chosen workflow, busiest first. */
  arms: ArmChoice[];
}

const armColumn = (params: Pick<CompareParams, "by">, alias = "u") =>
  params.by === "model" ? `coalesce(${alias}."responseModel", ${alias}."model")` : `coalesce(${alias}."bundle", '')`;

/** Arms that mostly serve their own traffic (not fallbacks for another model). */
const ownTraffic = (c: ArmChoice) => c.fallbackShare < 0.5;

/** Workflows with calls in the period, and the arms of each, from the rollups (daily rows, hourly at the ends; one statement). */
async function choicesByWorkflow(db: Db, params: CompareParams): Promise<Map<string, ArmChoice[]>> {
  const range = { from: params.from, to: params.to };
  const source = rollupSource({ ...range, preset: null, workflow: [], model: [], provider: [], region: [], bundle: [] }, [range], 1);
  const rows = await db.sql.query<{ workflow: string; arm: string; calls: number; fallbacks: number }>(
    `SELECT r."workflow" AS workflow, r."${params.by}" AS arm, sum(r."requests")::float8 AS calls, sum(r."fallbacks")::float8 AS fallbacks
     FROM ${source.sql} r WHERE r."workflow" <> '' GROUP BY 1, 2`,
    source.params,
  );
  const out = new Map<string, ArmChoice[]>();
  for (const r of rows) {
    const list = out.get(r.workflow) ?? [];
    list.push({ value: r.arm, calls: Number(r.calls), fallbackShare: Number(r.calls) ? Number(r.fallbacks) / Number(r.calls) : 0 });
    out.set(r.workflow, list);
  }
  for (const list of out.values()) list.sort((x, y) => y.calls - x.calls || x.value.localeCompare(y.value));
  return out;
}

/** The form's choices; without a workflow, the page's default is the busiest one with two arms of their own traffic. */
export async function compareChoices(db: Db, params: CompareParams): Promise<CompareChoices & { suggestedWorkflow: string | null }> {
  const byWorkflow = await choicesByWorkflow(db, params);
  const workflows = [...byWorkflow.entries()]
    .map(([value, arms]) => {
      const calls = arms.reduce((n, a) => n + a.calls, 0);
      return { value, calls, fallbackShare: calls ? arms.reduce((n, a) => n + a.fallbackShare * a.calls, 0) / calls : 0 };
    })
    .sort((x, y) => y.calls - x.calls || x.value.localeCompare(y.value));
  const comparable = workflows.find((w) => (byWorkflow.get(w.value) ?? []).filter((a) => a.value !== "" && ownTraffic(a)).length >= 2);
  const suggestedWorkflow = comparable?.value ?? workflows[0]?.value ?? null;
  const workflow = params.workflow ?? suggestedWorkflow;
  const arms = workflow ? (byWorkflow.get(workflow) ?? []).filter((a) => a.value !== "") : [];
  return { workflows, arms, suggestedWorkflow };
}

interface FiguresRow {
  arm: string;
  calls: number;
  errors: number;
  fallbacks: number;
  retried: number;
  lat_n: number;
  lat_mean: number | null;
  lat_var: number | null;
  p50: number | null;
  p95: number | null;
  cost_n: number;
  cost_mean: number | null;
  cost_var: number | null;
  q_n: number;
  q_mean: number | null;
  q_var: number | null;
}

/** The WHERE clause for one workflow, the period and the two arms ($1..$n), using the catalog id's index when it resolves. */
async function eventWhere(db: Db, params: CompareParams & { workflow: string; a: string; b: string }) {
  const [catalog] = await db.sql.query<{ id: string }>(`SELECT "id" FROM "Workflow" WHERE "slug" = $1`, [params.workflow]);
  const conditions: string[] = [];
  const values: unknown[] = [];
  const next = (value: unknown) => {
    values.push(value);
    return `$${values.length}`;
  };
  // Events whose workflow resolved carry its id; the text condition keeps exactly the rollups' calls.
  if (catalog) conditions.push(`u."workflowId" = ${next(catalog.id)}`);
  conditions.push(`u."workflow" = ${next(params.workflow)}`);
  conditions.push(`u."timestamp" >= ${next(sqlTimestamp(params.from))}::timestamp(3)`, `u."timestamp" < ${next(sqlTimestamp(params.to))}::timestamp(3)`);
  conditions.push(`${armColumn(params)} = ANY(${next([params.a, params.b])}::text[])`);
  return { sql: conditions.join(" AND "), params: values };
}

/** Per-arm figures for the report (statements 1 and 2 above). */
export async function loadArmFigures(db: Db, params: CompareParams & { workflow: string; a: string; b: string }): Promise<{ a: ArmFigures; b: ArmFigures }> {
  const where = await eventWhere(db, params);
  const arm = armColumn(params);
  const figures = await db.sql.query<FiguresRow>(
    `SELECT ${arm} AS arm, count(*)::int AS calls,
       (count(*) FILTER (WHERE u."status" = 'error'))::int AS errors,
       (count(*) FILTER (WHERE u."isFallback"))::int AS fallbacks,
       (count(*) FILTER (WHERE u."retries" > 0))::int AS retried,
       (count(u."latencyMs") FILTER (WHERE u."status" = 'ok'))::int AS lat_n,
       (avg(u."latencyMs") FILTER (WHERE u."status" = 'ok'))::float8 AS lat_mean,
       (var_samp(u."latencyMs") FILTER (WHERE u."status" = 'ok'))::float8 AS lat_var,
       (percentile_cont(0.5) WITHIN GROUP (ORDER BY u."latencyMs") FILTER (WHERE u."status" = 'ok'))::float8 AS p50,
       (percentile_cont(0.95) WITHIN GROUP (ORDER BY u."latencyMs") FILTER (WHERE u."status" = 'ok'))::float8 AS p95,
       count(u."costUsd")::int AS cost_n, avg(u."costUsd")::float8 AS cost_mean, var_samp(u."costUsd")::float8 AS cost_var,
       count(u."qualityScore")::int AS q_n, avg(u."qualityScore")::float8 AS q_mean, var_samp(u."qualityScore")::float8 AS q_var
     FROM "UsageEvent" u WHERE ${where.sql} GROUP BY 1`,
    where.params,
  );
  const byArm = new Map(figures.map((f) => [f.arm, f]));
  const needsSample = figures.some((f) => Number(f.lat_n) > LATENCY_SAMPLE_CAP);
  const capIndex = where.params.length + 1;
  const samples = await db.sql.query<{ arm: string; latencies: number[] }>(
    needsSample
      ? `SELECT arm, array_agg(lat ORDER BY rn) AS latencies FROM (
           SELECT ${arm} AS arm, u."latencyMs" AS lat, row_number() OVER (PARTITION BY ${arm} ORDER BY md5(u."eventId")) AS rn
           FROM "UsageEvent" u WHERE ${where.sql} AND u."status" = 'ok' AND u."latencyMs" IS NOT NULL
         ) s WHERE rn <= $${capIndex} GROUP BY arm`
      : // Everything fits: no sort, but still a fixed order (by event id's hash) so the bootstrap's prefix is random.
        `SELECT ${arm} AS arm, array_agg(u."latencyMs" ORDER BY md5(u."eventId")) AS latencies
         FROM "UsageEvent" u WHERE ${where.sql} AND u."status" = 'ok' AND u."latencyMs" IS NOT NULL GROUP BY 1`,
    needsSample ? [...where.params, LATENCY_SAMPLE_CAP] : where.params,
  );
  const sampleOf = new Map(samples.map((s) => [s.arm, (s.latencies ?? []).map(Number)]));
  const toFigures = (label: string): ArmFigures => {
    const f = byArm.get(label);
    const n = (v: unknown) => (v === null || v === undefined ? null : Number(v));
    return {
      label,
      calls: Number(f?.calls ?? 0),
      errors: Number(f?.errors ?? 0),
      fallbacks: Number(f?.fallbacks ?? 0),
      retried: Number(f?.retried ?? 0),
      latency: { n: Number(f?.lat_n ?? 0), mean: n(f?.lat_mean), variance: n(f?.lat_var), p50: n(f?.p50), p95: n(f?.p95) },
      latencySample: sampleOf.get(label) ?? [],
      cost: { n: Number(f?.cost_n ?? 0), mean: n(f?.cost_mean), variance: n(f?.cost_var) },
      quality: { n: Number(f?.q_n ?? 0), mean: n(f?.q_mean), variance: n(f?.q_var) },
    };
  };
  return { a: toFigures(params.a), b: toFigures(params.b) };
}

export interface CompareResult {
  params: CompareParams;
  choices: CompareChoices;
  /** Null until a workflow and two arms are chosen. */
  report: CompareReport | null;
  elapsedMs: number;
}

/**
 * The comparison service. On the page (`requireArms` false) a missing workflow or arm is filled with the
 * busiest ones, so the page opens on a useful comparison; the API requires all three.
 */
export async function getComparison(
  db: Db,
  actor: Actor | null,
  input: Record<string, unknown>,
  options: { requireArms?: boolean; now?: () => number } = {},
): Promise<CompareResult> {
  assertCan(actor, "analytics:read");
  const started = performance.now();
  let params = parseCompareParams(input, options);
  const { suggestedWorkflow, ...choices } = await compareChoices(db, params);
  if (!options.requireArms) {
    if (!params.workflow && suggestedWorkflow) params = { ...params, workflow: suggestedWorkflow };
    // Busiest arms first, preferring those that serve their own traffic over fallbacks.
    const ranked = [...choices.arms.filter(ownTraffic), ...choices.arms.filter((c) => !ownTraffic(c))].map((c) => c.value);
    const free = ranked.filter((v) => v !== params.a && v !== params.b);
    if (!params.a && free.length) params = { ...params, a: free.shift() as string };
    if (!params.b && free.length) params = { ...params, b: free.shift() as string };
  }
  const { workflow, a, b } = params;
  let report: CompareReport | null = null;
  if (workflow && a && b && a !== b) {
    const arms = await loadArmFigures(db, { ...params, workflow, a, b });
    report = buildCompareReport(arms.a, arms.b, { alpha: params.alpha, mde: params.mde, bootstrapCap: BOOTSTRAP_CAP });
  }
  return { params, choices, report, elapsedMs: performance.now() - started };
}

/** The JSON body of GET /api/v1/analytics/compare. */
export function compareApiBody(result: CompareResult) {
  const { params, report } = result;
  return {
    workflow: params.workflow,
    by: params.by,
    arms: { a: params.a, b: params.b },
    period: { from: params.from.toISOString(), to: params.to.toISOString() },
    alpha: params.alpha,
    mde: params.mde,
    latencySample: report?.latencySample ?? null,
    sampleCaps: { latencyPerArm: LATENCY_SAMPLE_CAP, bootstrapPerArm: BOOTSTRAP_CAP },
    metrics: report?.rows ?? [],
    elapsedMs: Math.round(result.elapsedMs * 10) / 10,
  };
}
