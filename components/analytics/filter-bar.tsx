"use client";
// The overview's range and dimension filters. Each change goes into the URL and the server renders the
// figures for it (analytics-navigation.tsx); the controls show the new choice while it loads.
import { type FormEvent, useState } from "react";
import { DIMENSIONS, type Dimension, RANGE_PRESETS, type RangePreset } from "@/lib/analytics/filter-query";
import { useAnalyticsNavigation } from "./analytics-navigation";

const PRESET_LABELS: Record<RangePreset, string> = { "24h": "24 hours", "7d": "7 days", "30d": "30 days", "90d": "90 days" };
const DIMENSION_LABELS: Record<Dimension, { label: string; all: string }> = {
  workflow: { label: "Workflow", all: "All workflows" },
  model: { label: "Model", all: "All models" },
  provider: { label: "Provider", all: "All providers" },
  region: { label: "Region", all: "All regions" },
  bundle: { label: "Bundle", all: "All bundles" },
};
const MULTIPLE = "__multiple__";

/** The date (YYYY-MM-DD, UTC) of an instant; for an exclusive end, the last day it covers. */
function day(iso: string, exclusiveEnd = false): string {
  const ms = new Date(iso).getTime() - (exclusiveEnd ? 1 : 0);
  return new Date(ms).toISOString().slice(0, 10);
}

export function FilterBar({ options, range }: { options: Record<Dimension, string[]> | undefined; range: { from: string; to: string } }) {
  const { searchParams, update } = useAnalyticsNavigation();
  const custom = searchParams.has("from") || searchParams.has("to");
  const preset = custom
    ? null
    : (RANGE_PRESETS as readonly string[]).includes(searchParams.get("range") ?? "")
      ? (searchParams.get("range") as RangePreset)
      : "30d";
  const [customError, setCustomError] = useState<string | null>(null);
  const selected = (d: Dimension) =>
    (searchParams.get(d) ?? "")
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
  const anyFilter = DIMENSIONS.some((d) => selected(d).length > 0);

  const applyCustom = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const from = String(data.get("from") ?? "");
    const to = String(data.get("to") ?? "");
    if (!from || !to) return setCustomError("Choose both a first and a last day.");
    if (from > to) return setCustomError("The first day is after the last day.");
    setCustomError(null);
    update({ from, to, range: null });
  };

  return (
    <section aria-label="Filters" className="card space-y-3" data-testid="filter-bar">
      <div className="flex flex-wrap items-end gap-x-6 gap-y-3">
        <div>
          <span id="range-label" className="mb-1 block text-xs font-medium text-slate-600 dark:text-slate-400">
            Time range (last …)
          </span>
          <div role="group" aria-labelledby="range-label" className="inline-flex overflow-hidden rounded-md border border-slate-300 dark:border-slate-700">
            {RANGE_PRESETS.map((p) => (
              <button
                key={p}
                type="button"
                aria-pressed={preset === p}
                onClick={() => update({ range: p === "30d" ? null : p, from: null, to: null })}
                className={`px-3 py-1.5 text-sm font-medium focus-visible:relative ${
                  preset === p
                    ? "bg-indigo-600 text-white"
                    : "bg-white text-slate-800 hover:bg-slate-100 dark:bg-slate-900 dark:text-slate-100 dark:hover:bg-slate-800"
                } border-l border-slate-300 first:border-l-0 dark:border-slate-700`}
              >
                {PRESET_LABELS[p]}
              </button>
            ))}
          </div>
        </div>
        {/* Keyed by the range so the inputs show the current one after a preset or back navigation. */}
        <form key={`${range.from}|${range.to}`} onSubmit={applyCustom} className="flex flex-wrap items-end gap-2" aria-label="Custom range">
          <label className="text-xs font-medium text-slate-600 dark:text-slate-400">
            From
            <input type="date" name="from" defaultValue={day(range.from)} className="input mt-1 w-40" aria-invalid={customError ? true : undefined} />
          </label>
          <label className="text-xs font-medium text-slate-600 dark:text-slate-400">
            To (inclusive)
            <input type="date" name="to" defaultValue={day(range.to, true)} className="input mt-1 w-40" aria-invalid={customError ? true : undefined} />
          </label>
          <button type="submit" className={custom ? "btn-primary" : "btn-secondary"}>
            Apply range
          </button>
          {customError && (
            <p role="alert" className="w-full text-sm text-red-700 dark:text-red-400">
              {customError}
            </p>
          )}
        </form>
      </div>
      <div className="flex flex-wrap items-end gap-3">
        {DIMENSIONS.map((d) => {
          const values = selected(d);
          const choices = [...new Set([...(options?.[d] ?? []), ...values])].sort();
          const value = values.length === 0 ? "" : values.length === 1 ? values[0] : MULTIPLE;
          return (
            <label key={d} className="text-xs font-medium text-slate-600 dark:text-slate-400">
              {DIMENSION_LABELS[d].label}
              <select
                name={d}
                value={value}
                onChange={(e) => e.target.value !== MULTIPLE && update({ [d]: e.target.value || null })}
                className="input mt-1 w-52 max-w-full"
                data-testid={`filter-${d}`}
              >
                <option value="">{DIMENSION_LABELS[d].all}</option>
                {values.length > 1 && (
                  <option value={MULTIPLE} disabled>
                    {values.length} selected
                  </option>
                )}
                {choices.map((c) => (
                  <option key={c} value={c}>
                    {c}
                  </option>
                ))}
              </select>
            </label>
          );
        })}
        {anyFilter && (
          <button type="button" className="btn-secondary" onClick={() => update(Object.fromEntries(DIMENSIONS.map((d) => [d, null])))}>
            Clear filters
          </button>
        )}
      </div>
    </section>
  );
}
