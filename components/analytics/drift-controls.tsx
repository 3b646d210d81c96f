"use client";
// The drift page's windows, thresholds and filters. A GET form (works without JavaScript); with JavaScript
// it drops empty fields and defaults before navigating, so the URL stays short and an untouched window
// keeps meaning "the last 7 days" instead of freezing today's dates into the link. The report on screen
// stays, marked busy, until the server has computed the new one (analytics-navigation.tsx).
import { FieldError } from "@/components/ui/form";
import { PendingStatus, useAnalyticsNavigation } from "./analytics-navigation";
import type { FormEvent } from "react";

export interface DriftControlValues {
  baselineFrom: string;
  baselineTo: string;
  currentFrom: string;
  currentTo: string;
  watch: string;
  alert: string;
  minSamples: string;
  workflow: string;
  model: string;
  /** Kept across a submit: the table order and the open row. */
  hidden: Record<string, string>;
}

const DEFAULTS: Record<string, string> = { watch: "0.1", alert: "0.2", minSamples: "100" };

export function DriftControls({
  values,
  windowHints,
  workflows,
  models,
  fieldErrors,
}: {
  values: DriftControlValues;
  windowHints: { baseline: string; current: string };
  workflows: string[];
  models: string[];
  fieldErrors: Record<string, string[]>;
}) {
  const { go } = useAnalyticsNavigation();
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const query = new URLSearchParams();
    for (const [key, value] of new FormData(event.currentTarget)) {
      const text = String(value).trim();
      if (text === "" || DEFAULTS[key] === text) continue;
      query.set(key, text);
    }
    const qs = query.toString();
    go(qs ? `/analytics/drift?${qs}` : "/analytics/drift");
  };
  const errorProps = (name: string) => (fieldErrors[name] ? { "aria-invalid": true, "aria-describedby": `${name}-error` } : {});
  const dateField = (name: keyof DriftControlValues, label: string) => (
    <div>
      <label htmlFor={name} className="block text-xs font-medium">
        {label}
      </label>
      <input id={name} name={name} type="datetime-local" step={3600} defaultValue={values[name] as string} className="input mt-1" {...errorProps(name)} />
      <FieldError id={`${name}-error`} messages={fieldErrors[name]} />
    </div>
  );
  return (
    <form
      method="get"
      action="/analytics/drift"
      onSubmit={onSubmit}
      className="card grid gap-4 lg:grid-cols-[2fr_1fr_1fr]"
      aria-label="Drift windows, thresholds and filters"
    >
      <fieldset className="grid grid-cols-2 gap-3">
        <legend className="col-span-2 text-sm font-medium">Windows (UTC, whole hours; empty = default)</legend>
        {dateField("baselineFrom", "Baseline from")}
        {dateField("baselineTo", "Baseline to")}
        {dateField("currentFrom", "Current from")}
        {dateField("currentTo", "Current to")}
        <p className="col-span-2 text-xs text-slate-500 dark:text-slate-400" data-testid="windows-used">
          Baseline {windowHints.baseline} · current {windowHints.current}
        </p>
      </fieldset>
      <fieldset className="grid grid-cols-2 content-start gap-3">
        <legend className="col-span-2 text-sm font-medium">PSI thresholds</legend>
        <div>
          <label htmlFor="watch" className="block text-xs font-medium">
            Watch at
          </label>
          <input
            id="watch"
            name="watch"
            type="number"
            step="0.01"
            min="0.01"
            max="10"
            defaultValue={values.watch}
            className="input mt-1"
            {...errorProps("watch")}
          />
          <FieldError id="watch-error" messages={fieldErrors.watch} />
        </div>
        <div>
          <label htmlFor="alert" className="block text-xs font-medium">
            Alert at
          </label>
          <input
            id="alert"
            name="alert"
            type="number"
            step="0.01"
            min="0.01"
            max="10"
            defaultValue={values.alert}
            className="input mt-1"
            {...errorProps("alert")}
          />
          <FieldError id="alert-error" messages={fieldErrors.alert} />
        </div>
        <div className="col-span-2">
          <label htmlFor="minSamples" className="block text-xs font-medium">
            Minimum calls per window
          </label>
          <input
            id="minSamples"
            name="minSamples"
            type="number"
            step="1"
            min="1"
            defaultValue={values.minSamples}
            className="input mt-1"
            {...errorProps("minSamples")}
          />
          <FieldError id="minSamples-error" messages={fieldErrors.minSamples} />
        </div>
      </fieldset>
      <fieldset className="grid content-start gap-3">
        <legend className="text-sm font-medium">Filters</legend>
        <div>
          <label htmlFor="workflow" className="block text-xs font-medium">
            Workflow
          </label>
          <select id="workflow" name="workflow" defaultValue={values.workflow} className="input mt-1">
            <option value="">Any</option>
            {workflows.map((w) => (
              <option key={w} value={w}>
                {w || "(no workflow)"}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="model" className="block text-xs font-medium">
            Model (that answered)
          </label>
          <select id="model" name="model" defaultValue={values.model} className="input mt-1">
            <option value="">Any</option>
            {models.map((m) => (
              <option key={m} value={m}>
                {m}
              </option>
            ))}
          </select>
        </div>
        {Object.entries(values.hidden).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        <div className="flex items-center justify-end gap-2">
          <PendingStatus className="text-sm" />
          <a href="/analytics/drift" className="btn-secondary">
            Reset
          </a>
          <button type="submit" className="btn-primary">
            Apply
          </button>
        </div>
      </fieldset>
    </form>
  );
}
