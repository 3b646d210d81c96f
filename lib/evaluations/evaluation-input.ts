// What an engineer or a pipeline may send as an evaluation run, with the message each field shows.
// One schema for the three ways in: the form (strings; metrics and thresholds as "name = …" lines), a
// JSON file uploaded through the form, and POST /api/v1/evaluations (JSON).
//
// The upload JSON format (file or API body):
//
//   {
//     "model": "anthropic/claude-sonnet-4-5-20250929",   // "<provider>/<snapshotId>", or the model's id;
//                                                          // or "modelId": "<uuid>"; or "bundleId": "<uuid>"
//     "workflow": "support-chat",                         // the workflow's slug or id ("workflowId" also accepted)
//     "suite": "support-chat-suite",
//     "datasetVersion": "2026.01",
//     "baselineRunId": "<uuid>",                          // optional: an earlier run on the same workflow
//     "metrics": { "answer_accuracy": 0.91, "toxicity": 0.002, "p95_latency_ms": 5200 },
//     "thresholds": {                                     // optional: defaults to the workflow's quality bar;
//       "answer_accuracy": { "min": 0.85, "maxRegression": 0.02 }  // a metric named here replaces the
//     }                                                   // workflow's threshold for that metric only
//   }
//
// Exactly one of model / modelId / bundleId. Metric values are finite JSON numbers (at least one metric,
// at most 200). A threshold has at least one of min, max, maxRegression (≥ 0), and an optional direction
// ("higher" | "lower"; see lib/evaluations/gate.ts for the defaults). Unknown keys are refused so a typo
// ("minimum", "max_regression") cannot silently drop a bound.
//
// Form text formats, one metric per line (blank lines and lines starting with # are ignored):
//   metrics:     answer_accuracy = 0.91
//   thresholds:  answer_accuracy = min 0.85, maxRegression 0.02
//                p95_latency_ms = max 8000
//                tone_drift = maxRegression 0.05, direction lower
import { z } from "zod";
import { blankToUndefined, optionalField } from "@/lib/validation/form-fields";
import type { Direction, MetricThreshold } from "./gate";

export const MAX_METRICS = 200;
const METRIC_NAME = /^[A-Za-z0-9][A-Za-z0-9_.:@/-]*$/;
const DECIMAL = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const THRESHOLD_KEYS = ["min", "max", "maxRegression", "direction"] as const;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function shown(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "string") return `"${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
  return typeof value === "object" ? "an object" : String(value);
}

function checkMetricName(name: string): string | null {
  if (name.length > 100) return `metric name "${name.slice(0, 40)}…" is longer than 100 characters`;
  if (!METRIC_NAME.test(name)) return `metric name "${name}" may use letters, digits and _ . : @ / - only, starting with a letter or digit`;
  return null;
}

function parseDecimal(text: string): number | null {
  const trimmed = text.trim();
  if (!DECIMAL.test(trimmed)) return null;
  const n = Number(trimmed);
  return Number.isFinite(n) ? n : null;
}

/** "name = …" lines → [name, right-hand side, line number] with the lines' own problems. */
function splitLines(text: string, what: string): { entries: [string, string, number][]; problems: string[] } {
  const entries: [string, string, number][] = [];
  const problems: string[] = [];
  const seen = new Set<string>();
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    const lineNo = index + 1;
    if (line === "" || line.startsWith("#")) return;
    const eq = line.indexOf("=");
    if (eq < 0) {
      problems.push(`Line ${lineNo}: expected "name = ${what}", got "${line.slice(0, 60)}"`);
      return;
    }
    const name = line.slice(0, eq).trim();
    const nameProblem = name === "" ? "the metric name is missing before =" : checkMetricName(name);
    if (nameProblem) {
      problems.push(`Line ${lineNo}: ${nameProblem}`);
      return;
    }
    if (seen.has(name)) {
      problems.push(`Line ${lineNo}: ${name} is given twice`);
      return;
    }
    seen.add(name);
    entries.push([name, line.slice(eq + 1).trim(), lineNo]);
  });
  return { entries, problems };
}

// ─── Metrics ─────────────────────────────────────────────────────────────────

/** Raw scores: an object of finite numbers, or the form's "name = value" lines. Returns the problems found. */
export function readMetrics(input: unknown): { metrics: Record<string, number>; problems: string[] } {
  const metrics: Record<string, number> = {};
  const problems: string[] = [];
  if (typeof input === "string") {
    const { entries, problems: lineProblems } = splitLines(input, "number");
    problems.push(...lineProblems);
    for (const [name, rhs, lineNo] of entries) {
      const value = parseDecimal(rhs);
      if (value === null) problems.push(`Line ${lineNo}: ${name} must be a number, got "${rhs.slice(0, 40)}"`);
      else metrics[name] = value;
    }
  } else if (isRecord(input)) {
    for (const [name, value] of Object.entries(input)) {
      const nameProblem = checkMetricName(name);
      if (nameProblem) problems.push(nameProblem);
      else if (typeof value !== "number" || !Number.isFinite(value)) problems.push(`${name} must be a finite number, got ${shown(value)}`);
      else metrics[name] = value;
    }
  } else if (input !== undefined && input !== null) {
    problems.push(`Metrics must be an object of metric name → number, got ${shown(input)}`);
  }
  if (problems.length === 0 && Object.keys(metrics).length === 0) problems.push("Give at least one metric");
  if (Object.keys(metrics).length > MAX_METRICS) problems.push(`At most ${MAX_METRICS} metrics per run`);
  return { metrics, problems };
}

// ─── Thresholds ──────────────────────────────────────────────────────────────

function checkThreshold(name: string, raw: Record<string, unknown>): { threshold?: MetricThreshold; problems: string[] } {
  const problems: string[] = [];
  const threshold: MetricThreshold = {};
  for (const [key, value] of Object.entries(raw)) {
    if (!(THRESHOLD_KEYS as readonly string[]).includes(key)) {
      problems.push(`${name}: unknown threshold "${key}"; expected ${THRESHOLD_KEYS.join(", ")}`);
    } else if (key === "direction") {
      if (value === "higher" || value === "lower") threshold.direction = value as Direction;
      else problems.push(`${name}: direction must be "higher" or "lower", got ${shown(value)}`);
    } else if (typeof value !== "number" || !Number.isFinite(value)) {
      problems.push(`${name}: ${key} must be a finite number, got ${shown(value)}`);
    } else {
      threshold[key as "min" | "max" | "maxRegression"] = value;
    }
  }
  if (problems.length) return { problems };
  if (threshold.min === undefined && threshold.max === undefined && threshold.maxRegression === undefined) {
    problems.push(`${name}: give at least one of min, max, maxRegression`);
  }
  if (threshold.maxRegression !== undefined && threshold.maxRegression < 0) problems.push(`${name}: maxRegression cannot be negative`);
  if (threshold.min !== undefined && threshold.max !== undefined && threshold.min > threshold.max) {
    problems.push(`${name}: min ${threshold.min} is above max ${threshold.max}`);
  }
  return problems.length ? { problems } : { threshold, problems };
}

const THRESHOLD_PART = /^(min|max|maxRegression|max_regression|direction)\s*[=:]?\s*(\S+)$/i;

/** "min 0.85, maxRegression 0.02" → the threshold's raw fields, or the line's problems. */
function thresholdFromText(name: string, rhs: string, lineNo: number): { raw?: Record<string, unknown>; problems: string[] } {
  const raw: Record<string, unknown> = {};
  const problems: string[] = [];
  const parts = rhs
    .split(/[,;]/)
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length === 0) problems.push(`Line ${lineNo}: ${name} needs a bound, e.g. "${name} = min 0.85, maxRegression 0.02"`);
  for (const part of parts) {
    const match = THRESHOLD_PART.exec(part);
    if (!match) {
      problems.push(`Line ${lineNo}: "${part.slice(0, 40)}" is not min, max, maxRegression or direction followed by a value`);
      continue;
    }
    const key = { min: "min", max: "max", maxregression: "maxRegression", max_regression: "maxRegression", direction: "direction" }[match[1].toLowerCase()]!;
    if (key in raw) {
      problems.push(`Line ${lineNo}: ${name} gives ${key} twice`);
      continue;
    }
    if (key === "direction") raw[key] = match[2].toLowerCase();
    else {
      const value = parseDecimal(match[2]);
      if (value === null) problems.push(`Line ${lineNo}: ${name} ${key} must be a number, got "${match[2].slice(0, 40)}"`);
      else raw[key] = value;
    }
  }
  return problems.length ? { problems } : { raw, problems };
}

/** Thresholds: metric → { min?, max?, maxRegression?, direction? }, or the form's lines. Empty input → {}. */
export function readThresholds(input: unknown): { thresholds: Record<string, MetricThreshold>; problems: string[] } {
  const thresholds: Record<string, MetricThreshold> = {};
  const problems: string[] = [];
  if (input === undefined || input === null) return { thresholds, problems };
  if (typeof input === "string") {
    const { entries, problems: lineProblems } = splitLines(input, "min 0.85, maxRegression 0.02");
    problems.push(...lineProblems);
    for (const [name, rhs, lineNo] of entries) {
      const parsed = thresholdFromText(name, rhs, lineNo);
      problems.push(...parsed.problems);
      if (!parsed.raw) continue;
      const checked = checkThreshold(name, parsed.raw);
      problems.push(...checked.problems.map((p) => `Line ${lineNo}: ${p}`));
      if (checked.threshold) thresholds[name] = checked.threshold;
    }
  } else if (isRecord(input)) {
    for (const [name, raw] of Object.entries(input)) {
      const nameProblem = checkMetricName(name);
      if (nameProblem) {
        problems.push(nameProblem);
        continue;
      }
      if (!isRecord(raw)) {
        problems.push(`${name}: a threshold is an object like { "min": 0.85, "maxRegression": 0.02 }, got ${shown(raw)}`);
        continue;
      }
      const checked = checkThreshold(name, raw);
      problems.push(...checked.problems);
      if (checked.threshold) thresholds[name] = checked.threshold;
    }
  } else {
    problems.push(`Thresholds must be an object of metric name → { min, max, maxRegression }, got ${shown(input)}`);
  }
  if (Object.keys(thresholds).length > MAX_METRICS) problems.push(`At most ${MAX_METRICS} thresholds per run`);
  return { thresholds, problems };
}

/**
 * The workflow's own quality bar, with explicit thresholds replacing it metric by metric. Sorted by metric
 * name: the database's JSON columns do not keep key order, so the gate's verdicts are ordered by name.
 */
export function effectiveThresholds(workflowBar: Record<string, MetricThreshold>, explicit: Record<string, MetricThreshold> | undefined) {
  const merged: Record<string, MetricThreshold> = { ...workflowBar, ...explicit };
  const thresholds = Object.fromEntries(
    Object.keys(merged)
      .sort()
      .map((metric) => [metric, merged[metric]]),
  );
  const overridden = Object.keys(explicit ?? {}).filter(
    (metric) => Object.hasOwn(workflowBar, metric) && JSON.stringify(workflowBar[metric]) !== JSON.stringify(explicit![metric]),
  );
  const added = Object.keys(explicit ?? {}).filter((metric) => !Object.hasOwn(workflowBar, metric));
  return { thresholds, overridden, added };
}

// ─── The whole run ───────────────────────────────────────────────────────────

// .optional() so that a missing key still reaches the transform (which says what is missing).
const metricsField = z
  .unknown()
  .optional()
  .transform((value, ctx) => {
    const { metrics, problems } = readMetrics(blankToUndefined(value));
    for (const message of problems) ctx.addIssue({ code: "custom", message });
    return problems.length ? z.NEVER : metrics;
  });

const thresholdsField = z
  .unknown()
  .optional()
  .transform((value, ctx) => {
    const { thresholds, problems } = readThresholds(blankToUndefined(value));
    for (const message of problems) ctx.addIssue({ code: "custom", message });
    return problems.length ? z.NEVER : thresholds;
  });

export type ModelRef = { id: string } | { provider: string; snapshotId: string };

/** The fields of an upload, whichever way it comes in. */
export const EVALUATION_FIELDS = ["model", "modelId", "bundleId", "workflow", "suite", "datasetVersion", "baselineRunId", "metrics", "thresholds"] as const;

export const evaluationInputSchema = z
  .strictObject(
    {
      modelId: optionalField(z.string({ error: "Model id must be text" }).trim().regex(UUID, "Choose the model from the catalog (a model id)")),
      model: optionalField(
        z
          .string({ error: 'Model must be "<provider>/<snapshot id>" or a model id' })
          .trim()
          .max(300, "Model is limited to 300 characters")
          .refine(
            (s) => isUuid(s) || /^[a-z0-9][a-z0-9._-]*\/\S+$/i.test(s),
            'Model must be "<provider>/<snapshot id>", e.g. anthropic/claude-sonnet-4-5-20250929, or a model id',
          ),
      ),
      bundleId: optionalField(z.string({ error: "Bundle id must be text" }).trim().regex(UUID, "Bundle id must be a bundle's id")),
      workflow: z
        .string({ error: "Choose a workflow" })
        .trim()
        .min(1, "Choose a workflow")
        .max(200, "Workflow is limited to 200 characters")
        .refine((s) => s === "" || isUuid(s) || /^[a-z0-9][a-z0-9_-]*$/i.test(s), "Workflow must be a workflow's slug (e.g. support-chat) or id"),
      suite: z.string({ error: "Suite is required" }).trim().min(1, "Suite is required").max(200, "Suite is limited to 200 characters"),
      datasetVersion: z
        .string({ error: "Dataset version is required" })
        .trim()
        .min(1, "Dataset version is required")
        .max(100, "Dataset version is limited to 100 characters"),
      baselineRunId: optionalField(
        z.string({ error: "Baseline run must be a run id" }).trim().regex(UUID, "Choose the baseline from the earlier runs (a run id)"),
      ),
      metrics: metricsField,
      thresholds: thresholdsField,
    },
    {
      error: (issue) =>
        issue.code === "unrecognized_keys"
          ? `Unknown field${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((k) => `"${k}"`).join(", ")}; the fields are ${EVALUATION_FIELDS.join(", ")}`
          : undefined,
    },
  )
  // Checked even when other fields failed (`when`), so the form shows a missing model in the same round;
  // the values may then be unparsed, hence the blank test.
  .superRefine(
    (input, ctx) => {
      const given = [input.modelId, input.model, input.bundleId].filter((v) => blankToUndefined(v) !== undefined).length;
      if (given === 0) ctx.addIssue({ code: "custom", path: ["model"], message: "Choose the model that was evaluated (or give a bundle id)" });
      if (given > 1)
        ctx.addIssue({
          code: "custom",
          path: ["model"],
          message: "Give the model once: a model from the list, a provider/snapshot id or a bundle id, not several",
        });
    },
    { when: (payload) => typeof payload.value === "object" && payload.value !== null },
  )
  .transform(({ modelId, model, bundleId, ...rest }) => {
    let modelRef: ModelRef | null = null;
    const ref = modelId ?? model;
    if (ref !== undefined) {
      if (isUuid(ref)) modelRef = { id: ref.toLowerCase() };
      else {
        const slash = ref.indexOf("/");
        modelRef = { provider: ref.slice(0, slash).toLowerCase(), snapshotId: ref.slice(slash + 1) };
      }
    }
    return { ...rest, modelRef, bundleId: bundleId?.toLowerCase() ?? null };
  });

export type EvaluationFields = z.infer<typeof evaluationInputSchema>;

/** Accepts `workflowId` as another name for `workflow` (clients that send ids tend to say so). */
export function normaliseEvaluationInput(input: unknown): unknown {
  if (!isRecord(input)) return input;
  if (input.workflow === undefined && input.workflowId !== undefined) {
    const { workflowId, ...rest } = input;
    return { ...rest, workflow: workflowId };
  }
  return input;
}

// ─── Filters of the list ─────────────────────────────────────────────────────

export const EVALUATION_PAGE_SIZES = [25, 50, 100] as const;

export const evaluationFiltersSchema = z.object({
  model: optionalField(z.string().trim().max(300, "Model filter is too long")),
  workflow: optionalField(z.string().trim().max(200, "Workflow filter is too long")),
  passed: optionalField(
    z.enum(["true", "false", "passed", "failed"], { error: 'Gate filter must be "passed" or "failed"' }).transform((v) => v === "true" || v === "passed"),
  ),
  page: z.coerce.number({ error: "Page must be a number" }).int("Page must be a whole number").min(1, "Page starts at 1").default(1),
  pageSize: z.coerce
    .number({ error: "Page size must be a number" })
    .int()
    .refine((n) => (EVALUATION_PAGE_SIZES as readonly number[]).includes(n), `Page size must be one of ${EVALUATION_PAGE_SIZES.join(", ")}`)
    .default(50),
});

export type EvaluationFilters = z.infer<typeof evaluationFiltersSchema>;

export function evaluationFiltersFrom(params: URLSearchParams | Record<string, string | string[] | undefined>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const entries: [string, string | string[] | undefined][] = params instanceof URLSearchParams ? [...params.entries()] : Object.entries(params);
  for (const [key, value] of entries) {
    const v = Array.isArray(value) ? value[0] : value;
    if (v !== undefined && v !== "") out[key] = v;
  }
  return out;
}

export function evaluationFiltersToQuery(filters: Partial<EvaluationFilters>): string {
  const params = new URLSearchParams();
  if (filters.model) params.set("model", filters.model);
  if (filters.workflow) params.set("workflow", filters.workflow);
  if (filters.passed !== undefined) params.set("passed", filters.passed ? "passed" : "failed");
  if (filters.page && filters.page !== 1) params.set("page", String(filters.page));
  if (filters.pageSize && filters.pageSize !== 50) params.set("pageSize", String(filters.pageSize));
  return params.toString();
}
