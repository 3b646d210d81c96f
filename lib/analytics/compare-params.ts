// The A/B (canary) comparison's parameters, from the URL of /analytics/compare or
// GET /api/v1/analytics/compare:
//   workflow     the workflow both arms serve (as logged, like the overview's filter)
//   by           "model" (default: the model that answered, as in the rollups) or "bundle"
//   a, b         the two arms: A is the control (the current model or bundle), B the candidate; every
//                difference is B − A
//   from, to, range
//                the period, read exactly like the overview's (rollup-filters.ts): default the last 30 days
//   alpha        significance level 0.01, 0.05 (default) or 0.1
//   mde          optional minimum detectable effect for the error rate, in percentage points (e.g. 0.5):
//                the sample size still needed is then for that difference instead of the observed one
import { z } from "zod";
import { DomainError } from "@/lib/errors";
import { type RangePreset, analyticsFiltersSchema } from "./rollup-filters";

export const COMPARE_BY = ["model", "bundle"] as const;
export type CompareBy = (typeof COMPARE_BY)[number];
export const ALPHAS = [0.01, 0.05, 0.1] as const;

export interface CompareParams {
  workflow: string | null;
  by: CompareBy;
  a: string | null;
  b: string | null;
  from: Date;
  to: Date;
  preset: RangePreset | null;
  alpha: number;
  /** Percentage points, or null for "the observed difference". */
  mde: number | null;
}

const text = (label: string) =>
  z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v) => (Array.isArray(v) ? v[v.length - 1] : v))
    .transform((v) => (v === undefined || v.trim() === "" ? null : v.trim()))
    .pipe(z.string().max(300, `${label} is at most 300 characters`).nullable());

const schema = z.object({
  workflow: text("workflow"),
  by: text("by").pipe(z.enum(COMPARE_BY, { error: `by must be one of ${COMPARE_BY.join(", ")}` }).nullable()),
  a: text("Arm A"),
  b: text("Arm B"),
  alpha: text("alpha").pipe(
    z
      .enum(ALPHAS.map(String) as [string, ...string[]], { error: `alpha must be one of ${ALPHAS.join(", ")}` })
      .nullable()
      .transform((v) => (v === null ? null : Number(v))),
  ),
  mde: text("mde").pipe(
    z
      .string()
      .nullable()
      .transform((v, ctx) => {
        if (v === null) return null;
        const n = Number(v);
        if (!Number.isFinite(n) || n <= 0 || n >= 100) {
          ctx.addIssue({ code: "custom", message: "mde must be a number of percentage points between 0 and 100 (e.g. 0.5)" });
          return z.NEVER;
        }
        return n;
      }),
  ),
});

/** Parses comparison parameters; throws a 422 DomainError with fieldErrors. `requireArms` for the API. */
export function parseCompareParams(input: Record<string, unknown>, options: { requireArms?: boolean; now?: () => number } = {}): CompareParams {
  const fieldErrors: Record<string, string[]> = {};
  const fail = (field: string, message: string) => (fieldErrors[field] ??= []).push(message);
  const parsed = schema.safeParse(input);
  if (!parsed.success) for (const issue of parsed.error.issues) fail(issue.path.join(".") || "_form", issue.message);
  const range = analyticsFiltersSchema.safeParse({ from: input.from, to: input.to, range: input.range });
  if (!range.success) for (const issue of range.error.issues) fail(issue.path.join(".") || "_form", issue.message);
  if (parsed.success && options.requireArms) {
    if (!parsed.data.workflow) fail("workflow", "workflow is required");
    if (!parsed.data.a) fail("a", "Arm A is required");
    if (!parsed.data.b) fail("b", "Arm B is required");
  }
  if (parsed.success && parsed.data.a && parsed.data.a === parsed.data.b) fail("b", "Arm B must differ from arm A");
  if (!parsed.success || !range.success || Object.keys(fieldErrors).length) {
    const summary = Object.entries(fieldErrors)
      .map(([field, messages]) => `${field}: ${messages[0]}`)
      .join("; ");
    throw new DomainError("validation", `Invalid comparison parameters: ${summary}`, fieldErrors);
  }
  const p = parsed.data;
  return {
    workflow: p.workflow,
    by: p.by ?? "model",
    a: p.a,
    b: p.b,
    from: range.data.from,
    to: range.data.to,
    preset: range.data.preset,
    alpha: p.alpha ?? 0.05,
    mde: p.mde,
  };
}

/** The query string for a parameter set (defaults left out; a preset range stays a preset). */
export function compareQuery(params: CompareParams, change: Partial<CompareParams> = {}): string {
  const next = { ...params, ...change };
  const q = new URLSearchParams();
  if (next.workflow) q.set("workflow", next.workflow);
  if (next.by !== "model") q.set("by", next.by);
  if (next.a) q.set("a", next.a);
  if (next.b) q.set("b", next.b);
  if (next.preset) {
    if (next.preset !== "30d") q.set("range", next.preset);
  } else {
    q.set("from", next.from.toISOString());
    q.set("to", next.to.toISOString());
  }
  if (next.alpha !== 0.05) q.set("alpha", String(next.alpha));
  if (next.mde !== null) q.set("mde", String(next.mde));
  return q.toString();
}
