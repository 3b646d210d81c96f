// The audit trail's filters (components/ui/filter-bar.tsx): they land in the URL, so a copied link (and
// the exports) reproduce the view. Models and workflows are searched as the viewer types (the catalog
// holds thousands); the page carries only the chosen one, by name, and its id in a hidden input.
import { ModelCombobox, WorkflowCombobox } from "@/components/ui/combobox-catalog";
import { modelOptionLabel, workflowOptionLabel } from "@/components/ui/combobox-labels";
import { FilterBar, FilterField, InputFilter, SelectFilter, type SelectOptionGroup } from "@/components/ui/filter-bar";
import type { AuditFilters } from "@/lib/audit/audit-filters";
import type { AuditFilterChoices } from "@/lib/audit/audit-view";

/** Actions grouped by family ("model.status_change" under "model"), each family selectable whole. */
function actionGroups(actions: readonly string[]): SelectOptionGroup[] {
  const families = [...new Set(actions.map((a) => a.split(".")[0]))];
  return families.map((family) => ({
    group: family,
    options: [
      { value: `${family}.`, label: `all ${family} actions` },
      ...actions.filter((a) => a.startsWith(`${family}.`)).map((a) => ({ value: a, label: a })),
    ],
  }));
}

/** The chosen one as the combobox shows it; an id that names nothing (an old link) still filters, and says so. */
function chosen<T>(id: string | undefined, subject: T | null, label: (subject: T) => string, what: string) {
  if (!id) return null;
  return { value: id, label: subject ? label(subject) : `Unknown ${what} ${id}` };
}

export function AuditFilterBar({ filters, choices }: { filters: AuditFilters; choices: AuditFilterChoices }) {
  return (
    <FilterBar action="/audit" label="Filter the audit trail" columns={6} buttonsSpan={6} keep={{ limit: filters.limit !== 50 ? filters.limit : undefined }}>
      <InputFilter id="from" label="From" type="date" value={filters.fromText?.slice(0, 10)} />
      <InputFilter id="to" label="To (through)" type="date" value={filters.toText?.slice(0, 10)} />
      <SelectFilter id="actor" label="Actor" anyLabel="Anyone" value={filters.actor} options={choices.actors} />
      <SelectFilter id="action" label="Action" value={filters.action} options={actionGroups(choices.actions)} />
      <FilterField id="model" label="Model">
        <ModelCombobox id="model" name="model" selected={chosen(filters.model, choices.model, modelOptionLabel, "model")} />
      </FilterField>
      <FilterField id="workflow" label="Workflow">
        <WorkflowCombobox id="workflow" name="workflow" selected={chosen(filters.workflow, choices.workflow, workflowOptionLabel, "workflow")} />
      </FilterField>
    </FilterBar>
  );
}
