import Link from "next/link";
import { NewRequestForm } from "@/components/approvals/new-request-form";
import { FormAlert } from "@/components/ui/form";
import { newRequestView } from "@/lib/approvals/new-request-view";
import { type ModelStatus, STATUS_LABELS } from "@/lib/catalog/model-vocabulary";
import { requirePage } from "@/lib/server/page";

export const metadata = { title: "New change request" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function NewChangeRequestPage({ searchParams }: { searchParams: SearchParams }) {
  const viewer = await requirePage("change_request:open");
  const { kind, models, workflows, chosen, workflow, problems, next } = await newRequestView(viewer, await searchParams);
  const form =
    next.step === "form" ? (
      <NewRequestForm {...next.form} />
    ) : next.step === "no_request_moves" ? (
      <FormAlert tone="info">
        From {STATUS_LABELS[next.model.status]}, no status change goes through a change request. The moves open from here are on the{" "}
        <Link href={`/models/${next.model.id}`} className="link">
          model&apos;s page
        </Link>
        .
      </FormAlert>
    ) : null;

  return (
    <>
      <h1 className="mb-1 text-2xl font-semibold">New change request</h1>
      <p className="mb-4 text-sm text-slate-600 dark:text-slate-400">
        Ask for an approval of a model for a workflow, or for a status change. Approvers see your evidence beside the model serving the workflow now.
      </p>
      {problems.map((p) => (
        <FormAlert key={p}>{p}</FormAlert>
      ))}
      {/* Step 1 lives in the URL, so the evidence offered below always belongs to the model and workflow chosen. */}
      <form method="get" action="/approvals/new" className="card mb-6 grid gap-4 md:grid-cols-4" aria-label="What to request">
        <div className="md:col-span-2">
          <label htmlFor="pick-model" className="block text-sm font-medium">
            Model
          </label>
          <select id="pick-model" name="model" className="input mt-1" defaultValue={chosen?.id ?? ""}>
            <option value="">Choose a model</option>
            {models.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name} ({m.snapshotId}, {STATUS_LABELS[m.status as ModelStatus] ?? m.status})
              </option>
            ))}
          </select>
        </div>
        <fieldset>
          <legend className="block text-sm font-medium">Kind</legend>
          <label className="mt-1 flex items-center gap-2 text-sm">
            <input type="radio" name="kind" value="approval" defaultChecked={kind === "approval"} /> Approval for a workflow
          </label>
          <label className="mt-1 flex items-center gap-2 text-sm">
            <input type="radio" name="kind" value="status_change" defaultChecked={kind === "status_change"} /> Status change
          </label>
        </fieldset>
        <div>
          <label htmlFor="pick-workflow" className="block text-sm font-medium">
            Workflow
          </label>
          <select id="pick-workflow" name="workflow" className="input mt-1" defaultValue={workflow?.slug ?? ""}>
            <option value="">Choose a workflow</option>
            {workflows.map((w) => (
              <option key={w.slug} value={w.slug}>
                {w.name}
                {w.riskClass === "high" ? " (high risk)" : ""}
              </option>
            ))}
          </select>
          <p className="mt-1 text-xs text-slate-500 dark:text-slate-400">For an approval.</p>
        </div>
        <div className="flex items-end justify-end md:col-span-4">
          <button type="submit" className="btn-secondary">
            Continue
          </button>
        </div>
      </form>
      {form ?? (
        <p className="text-sm text-slate-600 dark:text-slate-400" data-testid="choose-first">
          {!chosen ? "Choose a model" : "Choose a workflow"}
          {kind === "approval" && !chosen ? " and a workflow" : ""}, then Continue.
        </p>
      )}
    </>
  );
}
