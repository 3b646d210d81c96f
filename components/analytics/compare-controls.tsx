"use client";
// Workflow, arms, period and test settings for the A/B comparison, all in the URL. Changing the workflow
// or what the arms are (models / bundles) reloads the arm choices at once, since the old arms may not
// exist there; the rest apply with the Compare button (a plain GET form without JavaScript). The
// comparison on screen stays, marked busy, until the server has computed the next (analytics-navigation.tsx).
import { FieldError } from "@/components/ui/form";
import { PendingStatus, useAnalyticsNavigation } from "./analytics-navigation";
import type { ChangeEvent, FormEvent } from "react";

export interface CompareControlValues {
  workflow: string;
  by: "model" | "bundle";
  a: string;
  b: string;
  range: string;
  from: string;
  to: string;
  alpha: string;
  mde: string;
}

const DEFAULTS: Record<string, string> = { by: "model", alpha: "0.05", range: "30d" };
const RANGES = [
  ["24h", "Last 24 hours"],
  ["7d", "Last 7 days"],
  ["30d", "Last 30 days"],
  ["90d", "Last 90 days"],
  ["", "Custom (from – to)"],
] as const;

function toQuery(entries: Iterable<[string, FormDataEntryValue]>): string {
  const query = new URLSearchParams();
  const values = new Map<string, string>();
  for (const [key, value] of entries) values.set(key, String(value).trim());
  const custom = values.get("range") === "";
  for (const [key, text] of values) {
    if (text === "" || DEFAULTS[key] === text) continue;
    if ((key === "from" || key === "to") && !custom) continue;
    query.set(key, text);
  }
  return query.toString();
}

export function CompareControls({
  values,
  workflows,
  arms,
  fieldErrors,
}: {
  values: CompareControlValues;
  workflows: { value: string; calls: number }[];
  arms: { value: string; calls: number; fallbackShare: number }[];
  fieldErrors: Record<string, string[]>;
}) {
  const navigation = useAnalyticsNavigation();
  const go = (query: string) => navigation.go(query ? `/analytics/compare?${query}` : "/analytics/compare", { scroll: false });
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    go(toQuery(new FormData(event.currentTarget)));
  };
  // A new workflow or arm kind: keep the period and settings, let the page pick the busiest arms.
  const onScopeChange = (event: ChangeEvent<HTMLSelectElement | HTMLInputElement>) => {
    const form = event.currentTarget.form;
    if (!form) return;
    const data = [...new FormData(form)].filter(([key]) => key !== "a" && key !== "b");
    go(toQuery(data));
  };
  const errorProps = (name: string) => (fieldErrors[name] ? { "aria-invalid": true, "aria-describedby": `${name}-error` } : {});
  const armOptions = (current: string) => {
    const options = arms.some((o) => o.value === current) || !current ? arms : [{ value: current, calls: 0, fallbackShare: 0 }, ...arms];
    return options.map((o) => (
      <option key={o.value} value={o.value}>
        {o.value} ({o.calls.toLocaleString("en-US")} calls{o.fallbackShare >= 0.5 ? `, ${Math.round(o.fallbackShare * 100)} % as a fallback` : ""})
      </option>
    ));
  };
  const kind = values.by === "bundle" ? "Bundle" : "Model";
  return (
    <form method="get" action="/analytics/compare" onSubmit={onSubmit} className="card grid gap-4 md:grid-cols-2 lg:grid-cols-4" aria-label="What to compare">
      <div>
        <label htmlFor="workflow" className="block text-sm font-medium">
          Workflow
        </label>
        <select id="workflow" name="workflow" defaultValue={values.workflow} onChange={onScopeChange} className="input mt-1" {...errorProps("workflow")}>
          {workflows.length === 0 && <option value="">No workflow has calls in this period</option>}
          {workflows.map((w) => (
            <option key={w.value} value={w.value}>
              {w.value} ({w.calls.toLocaleString("en-US")} calls)
            </option>
          ))}
        </select>
        <FieldError id="workflow-error" messages={fieldErrors.workflow} />
      </div>
      <fieldset>
        <legend className="text-sm font-medium">Compare</legend>
        <div className="mt-2 flex gap-4 text-sm">
          {(["model", "bundle"] as const).map((by) => (
            <label key={by} className="inline-flex items-center gap-1.5">
              <input type="radio" name="by" value={by} defaultChecked={values.by === by} onChange={onScopeChange} />
              {by === "model" ? "Two models" : "Two bundles"}
            </label>
          ))}
        </div>
      </fieldset>
      <div>
        <label htmlFor="a" className="block text-sm font-medium">
          {kind} A (control)
        </label>
        <select id="a" name="a" defaultValue={values.a} className="input mt-1" {...errorProps("a")}>
          {armOptions(values.a)}
        </select>
        <FieldError id="a-error" messages={fieldErrors.a} />
      </div>
      <div>
        <label htmlFor="b" className="block text-sm font-medium">
          {kind} B (candidate)
        </label>
        <select id="b" name="b" defaultValue={values.b} className="input mt-1" {...errorProps("b")}>
          {armOptions(values.b)}
        </select>
        <FieldError id="b-error" messages={fieldErrors.b} />
      </div>
      <div>
        <label htmlFor="range" className="block text-sm font-medium">
          Period
        </label>
        <select id="range" name="range" defaultValue={values.range} className="input mt-1">
          {RANGES.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </div>
      <div className="grid grid-cols-2 gap-2">
        <div>
          <label htmlFor="from" className="block text-sm font-medium">
            From
          </label>
          <input id="from" name="from" type="date" defaultValue={values.from} className="input mt-1" {...errorProps("from")} />
        </div>
        <div>
          <label htmlFor="to" className="block text-sm font-medium">
            To (inclusive)
          </label>
          <input id="to" name="to" type="date" defaultValue={values.to} className="input mt-1" {...errorProps("to")} />
        </div>
        <p className="col-span-2 text-xs text-slate-500 dark:text-slate-400">Used when the period is Custom; UTC days.</p>
        <div className="col-span-2">
          <FieldError id="from-error" messages={fieldErrors.from ?? fieldErrors.to} />
        </div>
      </div>
      <div>
        <label htmlFor="alpha" className="block text-sm font-medium">
          Confidence
        </label>
        <select id="alpha" name="alpha" defaultValue={values.alpha} className="input mt-1">
          <option value="0.1">90 %</option>
          <option value="0.05">95 %</option>
          <option value="0.01">99 %</option>
        </select>
      </div>
      <div>
        <label htmlFor="mde" className="block text-sm font-medium">
          Error-rate difference to detect (points)
        </label>
        <input
          id="mde"
          name="mde"
          type="number"
          step="0.05"
          min="0.05"
          max="99"
          placeholder="the observed one"
          defaultValue={values.mde}
          className="input mt-1"
          {...errorProps("mde")}
        />
        <FieldError id="mde-error" messages={fieldErrors.mde} />
      </div>
      <div className="flex items-end justify-end gap-2 md:col-span-2 lg:col-span-4">
        <PendingStatus className="self-center text-sm" />
        <a href="/analytics/compare" className="btn-secondary">
          Reset
        </a>
        <button type="submit" className="btn-primary">
          Compare
        </button>
      </div>
    </form>
  );
}
