import Link from "next/link";
import { redirect } from "next/navigation";
import { type EvidenceOption, NewRequestForm } from "@/components/approvals/new-request-form";
import { Forbidden } from "@/components/ui/forbidden";
import { FormAlert } from "@/components/ui/form";
import { currentUser } from "@/lib/auth/current-actor";
import { rolesCan } from "@/lib/authz/permissions";
import { formatDate } from "@/lib/catalog/format";
import { modelFormOptions } from "@/lib/catalog/model-detail";
import { type ModelStatus, STATUS_LABELS } from "@/lib/catalog/model-vocabulary";
import { getPrisma } from "@/lib/db/server-db";
import { activeApprovalWhere } from "@/lib/approvals/approval-state";
import { transitionsFrom } from "@/lib/lifecycle/transitions";

export const metadata = { title: "New change request" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;
const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default async function NewChangeRequestPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const user = await currentUser();
  if (!user) redirect("/sign-in");
  if (!rolesCan(user.roles, "change_request:open")) return <Forbidden what="Opening change requests is for engineers." />;
  const prisma = await getPrisma();
  const now = new Date();

  const modelParam = first(params.model) ?? "";
  const workflowParam = first(params.workflow) ?? "";
  const kind = first(params.kind) === "status_change" ? "status_change" : "approval";
  const toParam = first(params.to) ?? null;
  const roleParam = first(params.role) === "fallback" ? "fallback" : "primary";

  const [options, workflows, chosen] = await Promise.all([
    modelFormOptions(prisma),
    prisma.workflow.findMany({ orderBy: { name: "asc" }, select: { id: true, slug: true, name: true, riskClass: true, languages: true, maxCostPerTaskUsd: true, minContextWindow: true } }),
    UUID.test(modelParam) ? prisma.model.findUnique({ where: { id: modelParam }, select: { id: true, name: true, snapshotId: true, status: true, languages: true, contextWindow: true } }) : null,
  ]);
  const models = options.candidates.some((c) => c.id === chosen?.id) || !chosen ? options.candidates : [chosen, ...options.candidates];
  const workflow = workflows.find((w) => w.slug === workflowParam) ?? null;
  const problems: string[] = [];
  if (modelParam && !chosen) problems.push("That model is not in the catalog; choose one from the list.");
  if (workflowParam && !workflow) problems.push(`There is no workflow "${workflowParam}"; choose one from the list.`);

  let form = null;
  if (chosen && kind === "approval" && workflow) {
    const [runs, fallbackModels, approvedHere] = await Promise.all([
      prisma.evaluationRun.findMany({ where: { modelId: chosen.id, workflowId: workflow.id }, orderBy: { createdAt: "desc" }, take: 50 }),
      prisma.model.findMany({ where: { status: { in: ["approved", "fallback_only"] }, id: { not: chosen.id } }, orderBy: { name: "asc" }, select: { id: true, name: true, status: true } }),
      prisma.approval.findMany({ where: { workflowId: workflow.id, ...activeApprovalWhere(now) }, select: { modelId: true, role: true } }),
    ]);
    const approvedIds = new Set(approvedHere.map((a) => a.modelId));
    const languages = chosen.languages.length ? workflow.languages.filter((l) => chosen.languages.includes(l)) : workflow.languages;
    form = (
      <NewRequestForm
        kind="approval"
        model={chosen}
        workflow={workflow}
        defaultRole={roleParam}
        defaultLanguages={languages.join(", ")}
        runs={runs.map((run): EvidenceOption => ({ id: run.id, gatePassed: run.gatePassed, label: `${run.suite} · ${run.datasetVersion} · ${formatDate(run.createdAt)}` }))}
        fallbacks={[...fallbackModels]
          .sort((a, b) => Number(approvedIds.has(b.id)) - Number(approvedIds.has(a.id)))
          .map((m) => ({ id: m.id, label: `${m.name} (${STATUS_LABELS[m.status]}${approvedIds.has(m.id) ? ", approved for this workflow" : ", not approved for this workflow"})` }))}
      />
    );
  } else if (chosen && kind === "status_change") {
    const targets = transitionsFrom(chosen.status).filter((t) => t.mode === "change_request");
    const [runs, approved] = await Promise.all([
      prisma.evaluationRun.findMany({ where: { modelId: chosen.id }, include: { workflow: { select: { name: true } } }, orderBy: { createdAt: "desc" }, take: 50 }),
      prisma.approval.findMany({ where: { modelId: chosen.id, ...activeApprovalWhere(now) }, select: { workflowId: true } }),
    ]);
    form = targets.length ? (
      <NewRequestForm
        kind="status_change"
        model={chosen}
        targets={targets.map((t) => ({ status: t.to, label: STATUS_LABELS[t.to] }))}
        defaultTo={targets.some((t) => t.to === toParam) ? toParam : null}
        workflows={workflows.map((w) => ({ slug: w.slug, name: w.name, approved: approved.some((a) => a.workflowId === w.id) }))}
        runs={runs.map((run): EvidenceOption => ({ id: run.id, gatePassed: run.gatePassed, label: `${run.workflow.name}: ${run.suite} · ${run.datasetVersion} · ${formatDate(run.createdAt)}` }))}
      />
    ) : (
      <FormAlert tone="info">
        From {STATUS_LABELS[chosen.status as ModelStatus]}, no status change goes through a change request. The moves open from here are on the{" "}
        <Link href={`/models/${chosen.id}`} className="link">
          model&apos;s page
        </Link>
        .
      </FormAlert>
    );
  }

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
