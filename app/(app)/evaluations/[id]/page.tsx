import Link from "next/link";
import { StatusBadge } from "@/components/catalog/status-badge";
import { GateBadge } from "@/components/evaluations/gate-badge";
import { GateTable, RawScores } from "@/components/evaluations/gate-table";
import { fact } from "@/components/ui/fact";
import { FormAlert } from "@/components/ui/form";
import { formatDateTime } from "@/lib/catalog/format";
import { evaluationView } from "@/lib/evaluations/evaluation-view";
import { orNotFound, requirePage } from "@/lib/server/page";

export const metadata = { title: "Evaluation run" };

export default async function EvaluationPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ uploaded?: string }> }) {
  const viewer = await requirePage("catalog:read");
  const [{ id }, { uploaded }] = await Promise.all([params, searchParams]);
  const { run, failureReason } = await orNotFound(evaluationView(viewer, id));
  const gate = run.gateResult;
  return (
    <article className="space-y-6">
      {uploaded && <FormAlert tone="success">Evaluation uploaded. It is in the model&apos;s history.</FormAlert>}
      <header className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <p className="text-sm text-slate-500 dark:text-slate-400">
            <Link href="/evaluations" className="link">
              Evaluations
            </Link>{" "}
            / {run.workflow.name}
          </p>
          <h1 className="text-2xl font-semibold">
            {run.model?.name ?? "Bundle"} on {run.workflow.name}
          </h1>
          <p className="text-sm">
            {run.suite} · dataset <span className="font-mono">{run.datasetVersion}</span>
          </p>
        </div>
        <GateBadge passed={run.gatePassed} />
      </header>

      {!run.gatePassed && gate.failing.length > 0 && (
        <FormAlert>
          The gate failed on {gate.failing.join(", ")}. {failureReason}
        </FormAlert>
      )}

      <section className="card" aria-labelledby="facts">
        <h2 id="facts" className="mb-3 font-semibold">
          Run
        </h2>
        <dl className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
          {fact(
            "Model",
            run.model ? (
              <span className="flex flex-wrap items-center gap-2">
                <Link href={`/models/${run.model.id}`} className="link">
                  {run.model.name}
                </Link>
                <StatusBadge status={run.model.status} />
                <span className="block w-full font-mono text-xs">
                  {run.model.provider.slug}/{run.model.snapshotId}
                </span>
              </span>
            ) : null,
          )}
          {fact(
            "Workflow",
            <span>
              <Link href={`/workflows/${run.workflow.slug}`} className="link">
                {run.workflow.name}
              </Link>
              <Link href={`/evaluations?workflow=${run.workflow.slug}`} className="link block text-xs">
                All runs on this workflow
              </Link>
            </span>,
          )}
          {run.bundle && fact("Bundle", `version ${run.bundle.version}`)}
          {fact(
            "Baseline",
            run.baseline ? (
              <span>
                <Link href={`/evaluations/${run.baseline.id}`} className="link">
                  {run.baseline.model?.name ?? "Bundle"}, {run.baseline.suite} {run.baseline.datasetVersion}
                </Link>
                <span className="block text-xs text-slate-500 dark:text-slate-400">
                  {formatDateTime(run.baseline.createdAt)} · gate {run.baseline.gatePassed ? "passed" : "failed"}
                </span>
              </span>
            ) : (
              "None: regressions not checked"
            ),
          )}
          {fact("Uploaded", `${formatDateTime(run.createdAt)} by ${run.createdBy?.name ?? "an API key"} (${run.source})`)}
        </dl>
      </section>

      <section className="card" aria-labelledby="gate">
        <h2 id="gate" className="mb-1 font-semibold">
          Gate, metric by metric
        </h2>
        <p className="mb-3 text-sm text-slate-600 dark:text-slate-400">Bounds are inclusive. The gate passes only when every metric with a threshold passes.</p>
        {gate.metrics.length ? <GateTable gate={gate} /> : <p className="text-sm">No thresholds applied.</p>}
      </section>

      <section className="card" aria-labelledby="raw">
        <h2 id="raw" className="mb-3 font-semibold">
          Raw scores
        </h2>
        <RawScores metrics={run.metrics} thresholds={run.thresholds} />
      </section>
    </article>
  );
}
