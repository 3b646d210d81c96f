// A plain GET form: the filters land in the URL, so a copied link (and the exports) reproduce the view.
import Link from "next/link";
import type { AuditFilters } from "@/lib/audit/audit-filters";
import type { AuditFacets } from "@/lib/audit/audit-query";

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
      <div>
        <label htmlFor="actor" className="block text-sm font-medium">
          Actor
        </label>
        <select id="actor" name="actor" defaultValue={filters.actor ?? ""} className="input mt-1">
          <option value="">Anyone</option>
          {facets.actors.map((a) => (
            <option key={a.value} value={a.value}>
              {a.label}
            </option>
          ))}
        </select>
      </div>
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
      <div>
        <label htmlFor="model" className="block text-sm font-medium">
          Model
        </label>
        <select id="model" name="model" defaultValue={filters.model ?? ""} className="input mt-1">
          <option value="">Any</option>
          {facets.models.map((m) => (
            <option key={m.id} value={m.id}>
              {m.label}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="workflow" className="block text-sm font-medium">
          Workflow
        </label>
        <select id="workflow" name="workflow" defaultValue={filters.workflow ?? ""} className="input mt-1">
          <option value="">Any</option>
          {facets.workflows.map((w) => (
            <option key={w.id} value={w.id}>
              {w.label}
            </option>
          ))}
        </select>
      </div>
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
