// The evaluation runs' filters (components/ui/filter-bar.tsx): they land in the URL, so a copied link
// reproduces the view.
import { FilterBar, InputFilter, SelectFilter } from "@/components/ui/filter-bar";
import type { EvaluationFilters } from "@/lib/evaluations/evaluation-input";

const GATE_OPTIONS = [
  { value: "passed", label: "Passed" },
  { value: "failed", label: "Failed" },
];

export function EvaluationFilterBar({ filters, workflows }: { filters: EvaluationFilters; workflows: { slug: string; name: string }[] }) {
  return (
    <FilterBar
      action="/evaluations"
      label="Filter evaluation runs"
      columns={4}
      buttonsSpan={4}
      keep={{ pageSize: filters.pageSize !== 50 ? filters.pageSize : undefined }}
    >
      <InputFilter id="model" label="Model" type="search" span={2} value={filters.model} placeholder="Name, snapshot id or provider/snapshot" />
      <SelectFilter id="workflow" label="Workflow" value={filters.workflow} options={workflows.map((w) => ({ value: w.slug, label: w.name }))} />
      <SelectFilter id="passed" label="Gate" value={filters.passed === undefined ? undefined : filters.passed ? "passed" : "failed"} options={GATE_OPTIONS} />
    </FilterBar>
  );
}
