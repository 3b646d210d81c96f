// A plain GET form: the filters land in the URL, so a copied link (and the exports) reproduce the view.
import Link from "next/link";
import type { AuditFilters } from "@/lib/audit/audit-filters";
import type { AuditFacets } from "@/lib/audit/audit-query";

function SelectFilter({ name, label, value, options, anyLabel = "Any" }: { name: string; label: string; value: string | undefined; options: { value: string; label: string }[]; anyLabel?: string }) {
  return (
    <div>
      <label htmlFor={name} className="block text-sm font-medium">
        {label}
      </label>
      <select id={name} name={name} defaultValue={value ?? ""} className="input mt-1">
        <option value="">{anyLabel}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export function AuditFilterBar({ filters, facets }: { filters: AuditFilters; facets: AuditFacets }) {
  const families = [...new Set(facets.actions.map((a) => `${a.split(".")[0]}.`))];
  return (
    <form method="get" action="/audit" className="card grid gap-4 md:grid-cols-6" aria-label="Filter the audit trail">
      <div>
        <label htmlFor="from" className="block text-sm font-medium">
          From
        </label>
        <input id="from" name="from" type="date" defaultValue={filters.fromText?.slice(0, 10) ?? ""} className="input mt-1" />
      </div>
      <div>
        <label htmlFor="to" className="block text-sm font-medium">
          To (through)
        </label>
        <input id="to" name="to" type="date" defaultValue={filters.toText?.slice(0, 10) ?? ""} className="input mt-1" />
      </div>
      <SelectFilter name="actor" label="Actor" anyLabel="Anyone" value={filters.actor} options={facets.actors.map((a) => ({ value: a.value, label: a.label }))} />
      <div>
        <label htmlFor="action" className="block text-sm font-medium">
          Action
        </label>
        <select id="action" name="action" defaultValue={filters.action ?? ""} className="input mt-1">
          <option value="">Any</option>
          {families.map((family) => (
            <optgroup key={family} label={family.slice(0, -1)}>
              <option value={family}>all {family.slice(0, -1)} actions</option>
              {facets.actions
                .filter((a) => a.startsWith(family))
                .map((a) => (
                  <option key={a} value={a}>
                    {a}
                  </option>
                ))}
            </optgroup>
          ))}
        </select>
      </div>
      <SelectFilter name="model" label="Model" value={filters.model} options={facets.models.map((m) => ({ value: m.id, label: m.label }))} />
      <SelectFilter name="workflow" label="Workflow" value={filters.workflow} options={facets.workflows.map((w) => ({ value: w.id, label: w.label }))} />
      {filters.limit !== 50 && <input type="hidden" name="limit" value={filters.limit} />}
      <div className="flex items-end gap-2 md:col-span-6 md:justify-end">
        <Link href="/audit" className="btn-secondary">
          Reset
        </Link>
        <button type="submit" className="btn-primary">
          Apply filters
        </button>
      </div>
    </form>
  );
}
