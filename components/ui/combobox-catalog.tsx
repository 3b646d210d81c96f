"use client";
// Comboboxes over the catalog's models and workflows, fed by the JSON API with the viewer's session
// (GET /api/v1/models, GET /api/v1/workflows): the page carries only the chosen value, never the list.
import { Combobox, type ComboboxOption, type ComboboxResults } from "./combobox";
import { modelOptionLabel, workflowOptionLabel } from "./combobox-labels";

const MATCHES = 25;

async function getJson<T>(url: string, signal: AbortSignal): Promise<T> {
  const response = await fetch(url, { signal, headers: { accept: "application/json" } });
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
    throw new Error(body?.error?.message ?? `the server answered ${response.status}`);
  }
  return (await response.json()) as T;
}

function searchParams(query: string, size: [name: string, value: number]): URLSearchParams {
  const params = new URLSearchParams([[size[0], String(size[1])]]);
  if (query) params.set("q", query);
  return params;
}

interface ModelsAnswer {
  total: number;
  items: { id: string; name: string; snapshotId: string; provider: { name: string } }[];
}

async function searchModels(query: string, signal: AbortSignal): Promise<ComboboxResults> {
  const answer = await getJson<ModelsAnswer>(`/api/v1/models?${searchParams(query, ["pageSize", MATCHES])}`, signal);
  return {
    total: answer.total,
    options: answer.items.map((m) => ({ value: m.id, label: modelOptionLabel(m), detail: `${m.provider.name} · ${m.snapshotId}` })),
  };
}

interface WorkflowsAnswer {
  total: number;
  items: { id: string; slug: string; name: string }[];
}

async function searchWorkflows(query: string, signal: AbortSignal): Promise<ComboboxResults> {
  const answer = await getJson<WorkflowsAnswer>(`/api/v1/workflows?${searchParams(query, ["limit", MATCHES])}`, signal);
  return { total: answer.total, options: answer.items.map((w) => ({ value: w.id, label: workflowOptionLabel(w), detail: w.slug })) };
}

interface CatalogComboboxProps {
  id: string;
  name: string;
  /** The chosen one, by id, as the page was loaded. */
  selected: ComboboxOption | null;
}

/** Chooses a catalog model by id; type part of its name, snapshot id or provider. */
export function ModelCombobox(props: CatalogComboboxProps) {
  return <Combobox {...props} listLabel="Models" noun={["model", "models"]} search={searchModels} placeholder="Any model" />;
}

/** Chooses a workflow by id; type part of its name or slug. */
export function WorkflowCombobox(props: CatalogComboboxProps) {
  return <Combobox {...props} listLabel="Workflows" noun={["workflow", "workflows"]} search={searchWorkflows} placeholder="Any workflow" />;
}
