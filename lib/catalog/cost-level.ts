// Cost level from list prices: a blended price per 1M tokens (three input tokens per output token, the
// usual chat mix) against two thresholds. Low is under $1, high is $10 and above.
import type { Level } from "./model-vocabulary";

export const COST_LEVEL_THRESHOLDS = { low: 1, high: 10 } as const;

export function blendedPricePerMTok(input: number | null, output: number | null): number | null {
  if (input === null && output === null) return null;
  return ((input ?? output ?? 0) * 3 + (output ?? input ?? 0)) / 4;
}

export function costLevelFor(input: number | null, output: number | null): Level | null {
  const blended = blendedPricePerMTok(input, output);
  if (blended === null) return null;
  if (blended < COST_LEVEL_THRESHOLDS.low) return "low";
  if (blended < COST_LEVEL_THRESHOLDS.high) return "medium";
  return "high";
}
