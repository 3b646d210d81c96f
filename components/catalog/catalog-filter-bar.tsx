// The catalog's filters (components/ui/filter-bar.tsx): every filter lands in the URL, works without
// JavaScript and with the keyboard.
import { FilterBar, InputFilter, SelectFilter } from "@/components/ui/filter-bar";
import type { CatalogFilters } from "@/lib/catalog/catalog-filters";
import { LEVELS, MODEL_STATUSES, STATUS_LABELS } from "@/lib/catalog/model-vocabulary";

interface Facets {
  providers: { slug: string; name: string; models: number }[];
  workflows: { slug: string; name: string }[];
  languages: string[];
}

export function CatalogFilterBar({ filters, facets }: { filters: CatalogFilters; facets: Facets }) {
  return (
    <FilterBar
      action="/models"
      label="Filter the catalog"
      columns={4}
      buttonsSpan={2}
      keep={{
        sort: filters.sort !== "name" ? filters.sort : undefined,
        dir: filters.dir !== "asc" ? filters.dir : undefined,
        pageSize: filters.pageSize !== 50 ? filters.pageSize : undefined,
      }}
    >
      <InputFilter id="q" label="Search" type="search" span={2} value={filters.q} placeholder="Name, provider or snapshot id" />
      <InputFilter id="provider" label="Provider" list="provider-options" value={filters.provider.join(",")} placeholder="e.g. openai,anthropic" />
      <datalist id="provider-options">
        {facets.providers.map((p) => (
          <option key={p.slug} value={p.slug}>
            {p.name} ({p.models})
          </option>
        ))}
      </datalist>
      <SelectFilter
        id="workflow"
        label="Approved for workflow"
        value={filters.workflow}
        options={facets.workflows.map((w) => ({ value: w.slug, label: w.name }))}
      />
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
      <SelectFilter
        id="language"
        label="Language"
        value={filters.language}
        options={facets.languages.map((language) => ({ value: language, label: language }))}
      />
      <div>
        <span className="block text-sm font-medium" id="ctx-label">
          Context window (tokens)
        </span>
        <div className="mt-1 flex items-center gap-2" aria-labelledby="ctx-label">
          <input
            name="ctxMin"
            type="number"
            min={0}
            aria-label="Minimum context window"
            defaultValue={filters.ctxMin ?? ""}
            placeholder="min"
            className="input"
          />
          <span aria-hidden>–</span>
          <input
            name="ctxMax"
            type="number"
            min={0}
            aria-label="Maximum context window"
            defaultValue={filters.ctxMax ?? ""}
            placeholder="max"
            className="input"
          />
        </div>
      </div>
      <InputFilter id="deprecatingWithin" label="Provider deprecation within (days)" type="number" min={0} value={filters.deprecatingWithin} />
    </FilterBar>
  );
}
