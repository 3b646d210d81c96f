// A plain GET form: the filters land in the URL, so a copied link reproduces the view.
import Link from "next/link";
import type { EvaluationFilters } from "@/lib/evaluations/evaluation-input";

export function EvaluationFilterBar({ filters, workflows }: { filters: EvaluationFilters; workflows: { slug: string; name: string }[] }) {
  return (
    <form method="get" action="/evaluations" className="card grid gap-4 md:grid-cols-4" aria-label="Filter evaluation runs">
      <div className="md:col-span-2">
        <label htmlFor="model" className="block text-sm font-medium">
          Model
        </label>
        <input id="model" name="model" type="search" defaultValue={filters.model ?? ""} placeholder="Name, snapshot id or provider/snapshot" className="input mt-1" />
      </div>
      <div>
        <label htmlFor="workflow" className="block text-sm font-medium">
          Workflow
        </label>
        <select id="workflow" name="workflow" defaultValue={filters.workflow ?? ""} className="input mt-1">
          <option value="">Any</option>
          {workflows.map((w) => (
            <option key={w.slug} value={w.slug}>
              {w.name}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="passed" className="block text-sm font-medium">
          Gate
        </label>
        <select id="passed" name="passed" defaultValue={filters.passed === undefined ? "" : filters.passed ? "passed" : "failed"} className="input mt-1">
          <option value="">Any</option>
          <option value="passed">Passed</option>
          <option value="failed">Failed</option>
        </select>
      </div>
      {filters.pageSize !== 50 && <input type="hidden" name="pageSize" value={filters.pageSize} />}
      <div className="flex items-end gap-2 md:col-span-4 md:justify-end">
        <Link href="/evaluations" className="btn-secondary">
          Reset
        </Link>
        <button type="submit" className="btn-primary">
          Apply filters
        </button>
      </div>
    </form>
  );
}
