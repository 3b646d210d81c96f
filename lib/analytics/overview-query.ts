import "server-only";
// The health overview read from the hourly rollups (never the raw events): two statements, run at once, sum
// the rollup rows of the chosen range and of the previous period of the same length, per period × workflow
// × model, counters and latency / TTFT histograms summed in SQL so only a few hundred grouped rows travel. The
// per-workflow, per-model and overall figures are then added up from those rows in overview.ts (cheap:
// arrays of 122 numbers), which is why percentiles stay exact to the histogram.
//
// overviewFromRawEvents answers the same question straight from "UsageEvent" with exact percentiles
// (percentile_cont): the baseline for the benchmark and the check in the tests.
import { type Actor, assertCan } from "@/lib/authz/actor";
import type { Database } from "@/lib/db/connection";
import { parseInput } from "@/lib/validation";
import { LATENCY_MS_LAYOUT, histogramSize } from "./latency-buckets";
import {
  type CatalogNames,
  type HealthComparison,
  type Overview,
  type PeriodGroupRow,
  type RollupAggregate,
  buildOverview,
  compareMetrics,
  emptyAggregate,
  groupOverviewRows,
  metricsOf,
} from "./overview";
import { type AnalyticsFilters, DIMENSIONS, type Dimension, analyticsFiltersSchema, previousRange } from "./rollup-filters";
import { histogramSumSql, queryRollups, rollupSource, sqlTimestamp, usageEventWhere } from "./rollup-sql";

type Db = Pick<Database, "sql" | "prisma">;

/** Raw query input (search params as an object) or filters already parsed by the caller. */
export type AnalyticsInput = AnalyticsFilters | Record<string, unknown>;

export function resolveFilters(input: AnalyticsInput): AnalyticsFilters {
  return input.from instanceof Date && input.to instanceof Date ? (input as AnalyticsFilters) : parseInput(analyticsFiltersSchema, input);
}

const LATENCY_SIZE = histogramSize(LATENCY_MS_LAYOUT);

/**
 * The overview statement for one period ("current" or "previous", the last parameter): its rows summed
 * per workflow × model. The two periods are two statements that run at once on separate connections
 * (at 1 M events each adds ~250 histogram buckets for each of ~1,700 rollup rows: 40 ms of work in one
 * statement, about half that from asking to answer when two cores share it); both have the same text, so
 * one prepared statement serves both.
 */
export function overviewSql(filters: AnalyticsFilters, range: { from: Date; to: Date }, label: "current" | "previous"): { sql: string; params: unknown[] } {
  const source = rollupSource(filters, [range]);
  const where = { sql: "TRUE", params: source.params };
  const period = `$${where.params.length + 1}::text`;
  const sql = `WITH sums AS (
  SELECT ${period} AS period, r."workflow", r."model",
    sum(r."requests")::float8 AS "requests", sum(r."errors")::float8 AS "errors", sum(r."retries")::float8 AS "retries",
    sum(r."fallbacks")::float8 AS "fallbacks", sum(r."inputTokens")::float8 AS "inputTokens", sum(r."outputTokens")::float8 AS "outputTokens",
    sum(r."costUsd")::float8 AS "costUsd", sum(r."latencySumMs")::float8 AS "latencySumMs", sum(r."qualitySum")::float8 AS "qualitySum",
    sum(r."qualityCount")::float8 AS "qualityCount", sum(r."feedbackUp")::float8 AS "feedbackUp", sum(r."feedbackDown")::float8 AS "feedbackDown",
    ${histogramSumSql("latencyHist", LATENCY_SIZE, "r")} AS "latencyHist",
    ${histogramSumSql("ttftHist", LATENCY_SIZE, "r")} AS "ttftHist"
  FROM ${source.sql} r
  WHERE ${where.sql}
  GROUP BY 1, 2, 3
), types AS (
  SELECT period, "workflow", "model", jsonb_object_agg(type, n) AS "errorTypes"
  FROM (
    SELECT ${period} AS period, r."workflow", r."model", e.key AS type, sum(e.value::float8) AS n
    FROM ${source.sql} r CROSS JOIN LATERAL jsonb_each_text(r."errorTypes") e
    WHERE ${where.sql} AND r."errors" > 0
    GROUP BY 1, 2, 3, 4
  ) t
  GROUP BY 1, 2, 3
), models AS (
  -- Catalog names and ids for links, in the same round trip. As at ingest, the team's curated entry wins
  -- over a public-catalog listing of the same snapshot from another provider.
  SELECT DISTINCT ON (lower(m."snapshotId")) lower(m."snapshotId") AS key, m."id", m."name"
  FROM "Model" m
  WHERE lower(m."snapshotId") IN (SELECT lower("model") FROM sums)
  ORDER BY lower(m."snapshotId"), ('manual' = ANY(m."sources") OR m."status" <> 'testing') DESC, m."id"
)
SELECT sums.*, coalesce(types."errorTypes", '{}'::jsonb) AS "errorTypes",
  w."id" AS "workflowId", w."name" AS "workflowName", models."id" AS "modelId", models."name" AS "modelName"
FROM sums
LEFT JOIN types USING (period, "workflow", "model")
LEFT JOIN "Workflow" w ON w."slug" = sums."workflow"
LEFT JOIN models ON models.key = lower(sums."model")`;
  return { sql, params: [...where.params, label] };
}

/** Looks up catalog names and ids for the workflows and models seen, for labels and links. */
export async function catalogNames(db: Db, workflows: string[], models: string[]): Promise<CatalogNames> {
  const [w, m] = await Promise.all([
    workflows.length ? db.prisma.workflow.findMany({ where: { slug: { in: workflows } }, select: { id: true, slug: true, name: true } }) : [],
    models.length
      ? db.prisma.model.findMany({
          where: { snapshotId: { in: models, mode: "insensitive" } },
          select: { id: true, snapshotId: true, name: true, status: true, sources: true },
        })
      : [],
  ]);
  const modelMap = new Map<string, { id: string; name: string }>();
  // As at ingest: the team's curated entry wins over a listing of the same snapshot from another provider.
  const preferred = (c: (typeof m)[number]) => c.sources.includes("manual") || c.status !== "testing";
  for (const c of [...m].sort((a, b) => Number(preferred(b)) - Number(preferred(a)))) {
    const key = c.snapshotId.toLowerCase();
    if (!modelMap.has(key)) modelMap.set(key, { id: c.id, name: c.name });
  }
  return { workflows: new Map(w.map((x) => [x.slug, { id: x.id, name: x.name }])), models: modelMap };
}

export interface OverviewRow extends PeriodGroupRow {
  workflowId: string | null;
  workflowName: string | null;
  modelId: string | null;
  modelName: string | null;
}

/** The grouped rows of the overview statement (exported for the benchmark). */
export async function overviewRows(db: Pick<Database, "sql">, filters: AnalyticsFilters): Promise<OverviewRow[]> {
  const periods = [overviewSql(filters, previousRange(filters), "previous"), overviewSql(filters, { from: filters.from, to: filters.to }, "current")];
  const [previous, current] = await Promise.all(periods.map(({ sql, params }) => queryRollups<OverviewRow>(db.sql, sql, params)));
  return [...previous, ...current];
}

/** The health overview for the filters' range, compared with the previous period of the same length. */
export async function getOverview(db: Pick<Database, "sql">, actor: Actor | null, input: AnalyticsInput): Promise<Overview> {
  assertCan(actor, "analytics:read");
  const filters = resolveFilters(input);
  const rows = await overviewRows(db, filters);
  const names: CatalogNames = { workflows: new Map(), models: new Map() };
  for (const r of rows) {
    if (r.workflowId && r.workflowName) names.workflows.set(r.workflow, { id: r.workflowId, name: r.workflowName });
    if (r.modelId && r.modelName) names.models.set(r.model.toLowerCase(), { id: r.modelId, name: r.modelName });
  }
  return buildOverview(groupOverviewRows(rows), filters, previousRange(filters), names);
}

// ── The same answer from the raw events ─────────────────────────────────────

interface RawGroupRow extends Omit<RollupAggregate, "latencyHist" | "ttftHist" | "errorTypes"> {
  period: "current" | "previous";
  workflow: string | null;
  model: string | null;
  /** 0: period × workflow, 1: period × model, 2: period. */
  level: number;
  latency: number[] | null;
  ttft: number[] | null;
}

interface RawTypeRow {
  period: "current" | "previous";
  workflow: string | null;
  model: string | null;
  level: number;
  type: string;
  n: number;
}

/**
 * The overview computed from "UsageEvent" directly, with exact (type 7, percentile_cont) percentiles:
 * the raw-table baseline the rollup path is measured and checked against. Same shape as getOverview.
 */
export async function overviewFromRawEvents(db: Db, actor: Actor | null, input: AnalyticsInput): Promise<Overview> {
  assertCan(actor, "analytics:read");
  const filters = resolveFilters(input);
  const previous = previousRange(filters);
  const where = usageEventWhere(filters, 1, { from: previous.from, to: filters.to, alias: "e" });
  const currentFrom = `$${where.params.length + 1}::timestamp(3)`;
  const params = [...where.params, sqlTimestamp(filters.from)];
  const wf = `coalesce(e."workflow", '')`;
  // The rollups count a call under the model that answered it.
  const served = `coalesce(e."responseModel", e."model")`;
  const keys = `CASE WHEN e."timestamp" >= ${currentFrom} THEN 'current' ELSE 'previous' END AS period, ${wf} AS "workflow", ${served} AS "model"`;
  // grouping(wf, model): 1 when grouped by workflow only, 2 by model only, 3 by neither (the totals).
  const levelSql = `CASE grouping(${wf}, ${served}) WHEN 1 THEN 0 WHEN 2 THEN 1 ELSE 2 END`;
  const groupingSets = `GROUP BY GROUPING SETS ((period, ${wf}), (period, ${served}), (period))`;
  const [rows, typeRows] = await Promise.all([
    db.sql.query<RawGroupRow>(
      `SELECT ${keys}, ${levelSql} AS level,
        count(*)::float8 AS "requests", (count(*) FILTER (WHERE e."status" = 'error'))::float8 AS "errors", sum(e."retries")::float8 AS "retries",
        (count(*) FILTER (WHERE e."isFallback"))::float8 AS "fallbacks", coalesce(sum(e."inputTokens"), 0)::float8 AS "inputTokens",
        coalesce(sum(e."outputTokens"), 0)::float8 AS "outputTokens", coalesce(sum(e."costUsd"), 0)::float8 AS "costUsd",
        coalesce(sum(e."latencyMs"), 0)::float8 AS "latencySumMs", coalesce(sum(e."qualityScore"), 0)::float8 AS "qualitySum",
        count(e."qualityScore")::float8 AS "qualityCount", (count(*) FILTER (WHERE e."feedback" = 1))::float8 AS "feedbackUp",
        (count(*) FILTER (WHERE e."feedback" = -1))::float8 AS "feedbackDown",
        percentile_cont(ARRAY[0.5, 0.95, 0.99]) WITHIN GROUP (ORDER BY e."latencyMs") AS latency,
        percentile_cont(ARRAY[0.5, 0.95]) WITHIN GROUP (ORDER BY e."ttftMs") AS ttft
      FROM "UsageEvent" e WHERE ${where.sql}
      ${groupingSets}`,
      params,
    ),
    db.sql.query<RawTypeRow>(
      `SELECT ${keys}, ${levelSql} AS level, coalesce(e."errorType", 'unknown') AS type, count(*)::float8 AS n
      FROM "UsageEvent" e WHERE ${where.sql} AND e."status" = 'error'
      GROUP BY GROUPING SETS ((period, ${wf}, type), (period, ${served}, type), (period, type))`,
      params,
    ),
  ]);

  type Pair = { current: ReturnType<typeof rawMetrics>; previous: ReturnType<typeof rawMetrics> };
  const empty = (): Pair => ({ current: rawMetrics(null, {}), previous: rawMetrics(null, {}) });
  const keyOf = (r: { level: number; workflow: string | null; model: string | null }) =>
    r.level === 0 ? `w\u0000${r.workflow}` : r.level === 1 ? `m\u0000${r.model}` : "t";
  const typesByKey = new Map<string, Record<string, number>>();
  for (const t of typeRows) {
    const k = `${t.period}\u0000${keyOf(t)}`;
    const types = typesByKey.get(k) ?? {};
    types[t.type] = Number(t.n);
    typesByKey.set(k, types);
  }
  const pairs = new Map<string, Pair & { workflow: string | null; model: string | null; level: number }>();
  for (const r of rows) {
    const k = keyOf(r);
    const p = pairs.get(k) ?? { ...empty(), workflow: r.workflow, model: r.model, level: r.level };
    p[r.period] = rawMetrics(r, typesByKey.get(`${r.period}\u0000${k}`) ?? {});
    pairs.set(k, p);
  }
  const compare = (p: Pair | undefined): HealthComparison =>
    p ? compareMetrics(p.current, p.previous) : compareMetrics(rawMetrics(null, {}), rawMetrics(null, {}));
  const all = [...pairs.values()];
  const names = await catalogNames(
    db,
    all.filter((p) => p.level === 0 && p.workflow).map((p) => p.workflow!),
    all.filter((p) => p.level === 1).map((p) => p.model!),
  );
  const requests = (c: HealthComparison) => c.metrics.requests.value ?? 0;
  return {
    range: { from: filters.from.toISOString(), to: filters.to.toISOString() },
    previousRange: { from: previous.from.toISOString(), to: previous.to.toISOString() },
    totals: compare(pairs.get("t")),
    byWorkflow: all
      .filter((p) => p.level === 0)
      .map((p) => {
        const w = names.workflows.get(p.workflow!);
        return { workflow: p.workflow!, workflowId: w?.id ?? null, workflowName: w?.name ?? null, ...compare(p) };
      })
      .sort((a, b) => requests(b) - requests(a) || (a.workflow < b.workflow ? -1 : 1)),
    byModel: all
      .filter((p) => p.level === 1)
      .map((p) => {
        const m = names.models.get(p.model!.toLowerCase());
        return { model: p.model!, modelId: m?.id ?? null, modelName: m?.name ?? null, ...compare(p) };
      })
      .sort((a, b) => requests(b) - requests(a) || (a.model < b.model ? -1 : 1)),
  };
}

function rawMetrics(row: RawGroupRow | null, errorTypes: Record<string, number>) {
  const agg = emptyAggregate();
  if (row) {
    for (const key of Object.keys(agg) as (keyof RollupAggregate)[]) {
      if (typeof agg[key] === "number") (agg as unknown as Record<string, number>)[key] = Number(row[key as keyof RawGroupRow] ?? 0);
    }
    agg.errorTypes = errorTypes;
  }
  const exact = (values: number[] | null, i: number) => (values && values[i] !== null && values[i] !== undefined ? Number(values[i]) : null);
  return {
    ...metricsOf(agg),
    latencyP50Ms: exact(row?.latency ?? null, 0),
    latencyP95Ms: exact(row?.latency ?? null, 1),
    latencyP99Ms: exact(row?.latency ?? null, 2),
    ttftP50Ms: exact(row?.ttft ?? null, 0),
    ttftP95Ms: exact(row?.ttft ?? null, 1),
  };
}

// ── Filter options and findings ─────────────────────────────────────────────

export type FilterOptions = Record<Dimension, string[]>;

/**
 * Distinct workflow / model / provider / region / bundle values with traffic in the range, for the
 * filter lists. Dimension filters are ignored on purpose: choosing one model must not hide the others.
 */
export async function filterOptions(db: Pick<Database, "sql">, filters: AnalyticsFilters): Promise<FilterOptions> {
  const unfiltered = { ...filters, workflow: [], model: [], provider: [], region: [], bundle: [] };
  const source = rollupSource(unfiltered, [unfiltered]);
  // Serial and prepared like the aggregates: parallel workers alone took longer (10 ms) than the grouping.
  const rows = await queryRollups<Record<Dimension, string>>(
    db.sql,
    `SELECT r."workflow", r."model", r."provider", r."region", r."bundle" FROM ${source.sql} r GROUP BY 1, 2, 3, 4, 5`,
    source.params,
  );
  const options = {} as FilterOptions;
  for (const d of DIMENSIONS) {
    // The current selection stays listed even when the range has no traffic for it.
    options[d] = [...new Set([...rows.map((r) => r[d]).filter(Boolean), ...filters[d]])].sort();
  }
  return options;
}

export const FINDING_LABELS = {
  deprecated_model_traffic: "Traffic to a deprecated model",
  disabled_model_traffic: "Traffic to a disabled model",
  retired_model_traffic: "Traffic to a retired model",
  unapproved_workflow_traffic: "Model not approved for this workflow",
  silent_substitution: "Silent substitution",
} as const;

export interface OpenFinding {
  id: string;
  kind: keyof typeof FINDING_LABELS;
  label: string;
  model: string;
  workflow: string;
  modelId: string | null;
  workflowId: string | null;
  detail: string | null;
  events: number;
  firstSeen: string;
  lastSeen: string;
}

const FINDINGS_LIMIT = 200;

interface FindingRow {
  id: string;
  kind: OpenFinding["kind"];
  model: string;
  workflow: string;
  modelId: string | null;
  workflowId: string | null;
  detail: string | null;
  events: number;
  firstSeen: number;
  lastSeen: number;
}

/**
 * Open (unresolved) usage findings, most events first (at most 200). Small: one row per kind × model ×
 * workflow. With filters, only the findings they select, decided in SQL:
 * - the range: a finding whose traffic (first seen … last seen) overlaps it;
 * - workflow and model: the finding's, where for a silent substitution the model may be the requested
 *   one or the one that answered (the filter lists name the model that answered);
 * - provider, region and bundle, which a finding does not record: its model × workflow had calls
 *   matching them in the range (from the rollups, keyed by the model that answered).
 */
export async function listOpenFindings(db: Pick<Database, "sql">, actor: Actor | null, filters?: AnalyticsFilters): Promise<OpenFinding[]> {
  assertCan(actor, "analytics:read");
  const params: unknown[] = [];
  const bind = (value: unknown) => `$${params.push(value)}`;
  // The model that answered: a substitution's detail reads "Answered by <model>" (lib/ingestion/usage-findings.ts).
  const served = `CASE WHEN f."kind" = 'silent_substitution' THEN coalesce(substring(f."detail" from '^Answered by (.+)$'), f."model") ELSE f."model" END`;
  const conditions = [`f."resolvedAt" IS NULL`];
  if (filters) {
    conditions.push(`f."lastSeen" >= ${bind(sqlTimestamp(filters.from))}::timestamp(3)`, `f."firstSeen" < ${bind(sqlTimestamp(filters.to))}::timestamp(3)`);
    if (filters.workflow.length) conditions.push(`f."workflow" = ANY(${bind(filters.workflow)}::text[])`);
    if (filters.model.length) {
      const models = bind(filters.model);
      conditions.push(`(f."model" = ANY(${models}::text[]) OR ${served} = ANY(${models}::text[]))`);
    }
    if (filters.provider.length || filters.region.length || filters.bundle.length) {
      const traffic = { ...filters, workflow: [], model: [] };
      const source = rollupSource(traffic, [traffic], params.length + 1);
      params.push(...source.params);
      conditions.push(`(f."workflow", ${served}) IN (SELECT r."workflow", r."model" FROM ${source.sql} r)`);
    }
  }
  const rows = await db.sql.query<FindingRow>(
    `SELECT f."id", f."kind"::text AS "kind", f."model", f."workflow", f."modelId", f."workflowId", f."detail", f."events",
       (extract(epoch FROM f."firstSeen") * 1000)::float8 AS "firstSeen", (extract(epoch FROM f."lastSeen") * 1000)::float8 AS "lastSeen"
     FROM "UsageFinding" f
     WHERE ${conditions.join(" AND ")}
     ORDER BY f."events" DESC, f."lastSeen" DESC, f."id"
     LIMIT ${FINDINGS_LIMIT}`,
    params,
  );
  return rows.map((f) => {
    // The ingest writes "Answered by <model>" for substitutions; the label names the substitute.
    const substitute = f.kind === "silent_substitution" ? f.detail?.match(/^Answered by (.+)$/)?.[1] : undefined;
    return {
      id: f.id,
      kind: f.kind,
      label: substitute ? `Silent substitution: answered by ${substitute}` : FINDING_LABELS[f.kind],
      model: f.model,
      workflow: f.workflow,
      modelId: f.modelId,
      workflowId: f.workflowId,
      detail: f.detail,
      events: Number(f.events),
      firstSeen: new Date(f.firstSeen).toISOString(),
      lastSeen: new Date(f.lastSeen).toISOString(),
    };
  });
}
