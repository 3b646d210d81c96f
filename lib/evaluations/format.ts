// How thresholds and metric lines are written in the upload form (the text format of evaluation-input.ts).
// Plain functions with no dependencies, so the browser form can use them without the schema.
import type { MetricThreshold } from "./gate";

/** { min: 0.85, maxRegression: 0.02 } → "min 0.85, maxRegression 0.02" */
export function thresholdText(t: MetricThreshold): string {
  return [
    t.min !== undefined && `min ${t.min}`,
    t.max !== undefined && `max ${t.max}`,
    t.maxRegression !== undefined && `maxRegression ${t.maxRegression}`,
    t.direction && `direction ${t.direction}`,
  ]
    .filter(Boolean)
    .join(", ");
}

/** The form's thresholds textarea for a set of thresholds: one "name = …" line each. */
export function thresholdLines(thresholds: Record<string, MetricThreshold>): string {
  return Object.entries(thresholds)
    .map(([metric, t]) => `${metric} = ${thresholdText(t)}`)
    .join("\n");
}
