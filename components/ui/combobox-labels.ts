// How a catalog model or a workflow reads in a combobox: one function for the option the server shows
// as already chosen and for the options the browser fetches, so both read the same.

export function modelOptionLabel(model: { name: string; snapshotId: string }): string {
  return `${model.name} (${model.snapshotId})`;
}

export function workflowOptionLabel(workflow: { name: string }): string {
  return workflow.name;
}
