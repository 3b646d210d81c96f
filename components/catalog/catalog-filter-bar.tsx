// A plain GET form: every filter lands in the URL, works without JavaScript and with the keyboard.
import Link from "next/link";
import type { CatalogFilters } from "@/lib/catalog/catalog-filters";
import { LEVELS, MODEL_STATUSES, STATUS_LABELS } from "@/lib/catalog/model-vocabulary";

interface Facets {
  providers: { slug: string; name: string; models: number }[];
  workflows: { slug: string; name: string }[];
  languages: string[];
}

export function CatalogFilterBar({ filters, facets }: { filters: CatalogFilters; facets: Facets }) {
  return (
    <form method="get" action="/models" className="card grid gap-4 md:grid-cols-4" aria-label="Filter the catalog">
      <div className="md:col-span-2">
        <label htmlFor="q" className="block text-sm font-medium">
          Search
        </label>
        <input id="q" name="q" type="search" defaultValue={filters.q ?? ""} placeholder="Name, provider or snapshot id" className="input mt-1" />
      </div>
      <div>
        <label htmlFor="provider" className="block text-sm font-medium">
          Provider
        </label>
        <input id="provider" name="provider" list="provider-options" defaultValue={filters.provider.join(",")} placeholder="e.g. openai,anthropic" className="input mt-1" />
        <datalist id="provider-options">
          {facets.providers.map((p) => (
            <option key={p.slug} value={p.slug}>
              {p.name} ({p.models})
            </option>
          ))}
        </datalist>
      </div>
      <div>
        <label htmlFor="workflow" className="block text-sm font-medium">
          Approved for workflow
        </label>
        <select id="workflow" name="workflow" defaultValue={filters.workflow ?? ""} className="input mt-1">
          <option value="">Any</option>
          {facets.workflows.map((w) => (
            <option key={w.slug} value={w.slug}>
              {w.name}
            </option>
          ))}
        </select>
      </div>
      <fieldset className="md:col-span-2">
        <legend className="text-sm font-medium">Status</legend>
        <div className="mt-1 flex flex-wrap gap-3">
          {MODEL_STATUSES.map((status) => (
            <label key={status} className="inline-flex items-center gap-1.5 text-sm">
              <input type="checkbox" name="status" value={status} defaultChecked={filters.status.includes(status)} />
              {STATUS_LABELS[status]}
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset>
        <legend className="text-sm font-medium">Cost level</legend>
        <div className="mt-1 flex gap-3">
          {LEVELS.map((level) => (
            <label key={level} className="inline-flex items-center gap-1.5 text-sm capitalize">
              <input type="checkbox" name="cost" value={level} defaultChecked={filters.cost.includes(level)} />
              {level}
            </label>
          ))}
        </div>
      </fieldset>
      <div>
        <label htmlFor="language" className="block text-sm font-medium">
          Language
        </label>
        <select id="language" name="language" defaultValue={filters.language ?? ""} className="input mt-1">
          <option value="">Any</option>
          {facets.languages.map((language) => (
            <option key={language} value={language}>
              {language}
            </option>
          ))}
        </select>
      </div>
      <div>
        <span className="block text-sm font-medium" id="ctx-label">
          Context window (tokens)
        </span>
        <div className="mt-1 flex items-center gap-2" aria-labelledby="ctx-label">
          <input name="ctxMin" type="number" min={0} aria-label="Minimum context window" defaultValue={filters.ctxMin ?? ""} placeholder="min" className="input" />
          <span aria-hidden>–</span>
          <input name="ctxMax" type="number" min={0} aria-label="Maximum context window" defaultValue={filters.ctxMax ?? ""} placeholder="max" className="input" />
        </div>
      </div>
      <div>
        <label htmlFor="deprecatingWithin" className="block text-sm font-medium">
          Provider deprecation within (days)
        </label>
        <input id="deprecatingWithin" name="deprecatingWithin" type="number" min={0} defaultValue={filters.deprecatingWithin ?? ""} className="input mt-1" />
      </div>
      {filters.sort !== "name" && <input type="hidden" name="sort" value={filters.sort} />}
      {filters.dir !== "asc" && <input type="hidden" name="dir" value={filters.dir} />}
      {filters.pageSize !== 50 && <input type="hidden" name="pageSize" value={filters.pageSize} />}
      <div className="flex items-end gap-2 md:col-span-2 md:justify-end">
        <Link href="/models" className="btn-secondary">
          Reset
        </Link>
        <button type="submit" className="btn-primary">
          Apply filters
        </button>
      </div>
    </form>
  );
}
