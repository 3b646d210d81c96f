// How firmly a catalog id pins the weights behind it (docs/vocabulary.md: strict | family | tier).
//   strict: the id names one snapshot: it carries a date (20250929, 2024-08-06, 0613, 2407, 08-2024, 251201) or a
//           revision (gemini-2.0-flash-001, @001, Bedrock's ":0").
//   tier:   a moving alias for a capability tier with no generation number, which can jump to a new generation
//           ("mistral-large-latest", "gemini-flash-latest", "kimi-latest", "auto", "model-router").
//   family: everything else: an undated alias that moves within one generation ("gpt-4o", "gpt-4o-mini",
//           "claude-sonnet-4-5", "claude-3-5-sonnet-latest", "gemini-3-pro-preview", "@default").
// Aliases win over dates: "-latest", "-preview" and "@default" ids are never strict, even with a date inside.
import type { CatalogPinning } from "./catalog-entry";

const MOVING_ALIAS = /(?:^|[-_.:@])(latest|default)$/i;
const TIER_ROUTER = /(?:^|[-_])(auto|router)$/i;
const PREVIEW_SUFFIX = /-preview$/i;

const B = "(?:^|[-_@.:])"; // before a date: start or a separator
const A = "(?=$|[-_@.:])"; // after a date: end or a separator
const MONTH = "(?:0[1-9]|1[0-2])";
const DAY = "(?:0[1-9]|[12]\\d|3[01])";
const SNAPSHOT_MARKERS = [
  new RegExp(`${B}20\\d{2}-?${MONTH}-?${DAY}${A}`), // 20250929, 2024-08-06
  new RegExp(`${B}2\\d${MONTH}${DAY}${A}`), // 251201 (YYMMDD)
  new RegExp(`${B}(?:${MONTH}${DAY}|2\\d${MONTH})${A}`), // 0613 (MMDD), 2407 (YYMM)
  new RegExp(`-${MONTH}-20\\d{2}${A}`), // 08-2024 (MM-YYYY)
  new RegExp(`-${MONTH}-${DAY}$`), // -05-20 (MM-DD at the end)
  /(?:-|@)\d{3}$/, // -001, @001: a provider's stable revision
  /:\d+$/, // Bedrock revision "-v1:0"
];

export function pinningLevel(snapshotId: string): CatalogPinning {
  const id = snapshotId.split("/").pop() ?? snapshotId;
  const alias = id.match(MOVING_ALIAS);
  if (alias || TIER_ROUTER.test(id)) {
    if (alias && alias[1].toLowerCase() === "default") return "family";
    const stem = alias ? id.slice(0, alias.index) : id.replace(TIER_ROUTER, "");
    return /\d/.test(stem) ? "family" : "tier";
  }
  if (PREVIEW_SUFFIX.test(id)) return "family";
  return SNAPSHOT_MARKERS.some((marker) => marker.test(id)) ? "strict" : "family";
}
