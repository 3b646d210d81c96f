// Facts derived the same way for entries of either catalog.
import { providerRole } from "./provider-slugs";
import type { CatalogKind, CatalogMode } from "./catalog-entry";

/** Modes a governed language workload calls; everything else (image, audio, video, OCR, search, …) is skipped. */
export const LANGUAGE_MODES: ReadonlySet<string> = new Set<CatalogMode>(["chat", "completion", "embedding", "responses", "rerank"]);

export function isLanguageMode(mode: string): mode is CatalogMode {
  return LANGUAGE_MODES.has(mode);
}

/** Who runs it decides first (self-hosted), then what it is (embedding); the mode still says embedding. */
export function catalogKind(mode: CatalogMode | null, providerSlug: string): CatalogKind {
  if (providerRole(providerSlug) === "self_hosted") return "self_hosted";
  return mode === "embedding" ? "embedding" : "hosted";
}

/** A human name when the catalog gives none: the id without its vendor namespace. */
export function derivedName(snapshotId: string): string {
  return snapshotId.split("/").pop() || snapshotId;
}

/** Catalogs write 0 for "not known" in token limits; the catalog stores null instead. */
export function positiveOrNull(value: number | null | undefined): number | null {
  return typeof value === "number" && value > 0 ? value : null;
}

/** A UTC date from "YYYY", "YYYY-MM" or "YYYY-MM-DD" (missing parts are the first month or day). */
export function utcDate(text: string): Date {
  const [year, month = "01", day = "01"] = text.split("-");
  return new Date(`${year}-${month}-${day}T00:00:00.000Z`);
}

/** True when the text is a real calendar date in one of the forms utcDate takes. */
export function isCalendarDate(text: string): boolean {
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(text);
  if (!match) return false;
  const date = utcDate(text);
  return (
    !Number.isNaN(date.getTime()) &&
    date.getUTCFullYear() === Number(match[1]) &&
    date.getUTCMonth() + 1 === Number(match[2] ?? "1") &&
    date.getUTCDate() === Number(match[3] ?? "1")
  );
}
