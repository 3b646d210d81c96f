// The candidate beside what serves the workflow now: every metric with its delta and whether the
// candidate passed its threshold, then cost per task and p95 latency from the evaluations and from
// usage logs, and the recommendation computed from the gate. Figures come from lib/approvals/comparison.
import Link from "next/link";
import type { compareWithIncumbent, recommend } from "@/lib/approvals/comparison";
import { formatDate } from "@/lib/catalog/format";

type Comparison = NonNullable<Awaited<ReturnType<typeof compareWithIncumbent>>>;
type Recommendation = ReturnType<typeof recommend>;

function num(value: number | null, metric = ""): string {
  if (value === null || value === undefined) return "—";
  if (/cost/i.test(metric)) return `$${value < 0.01 ? value.toPrecision(3) : value.toFixed(4)}`;
  if (Number.isInteger(value)) return value.toLocaleString("en-US");
  return String(Number(value.toPrecision(4)));
}

function signed(value: number, metric: string): string {
  const shown = num(Math.abs(value), metric);
  return `${value > 0 ? "+" : value < 0 ? "−" : "±"}${shown}`;
}

function Delta({ value, better, metric }: { value: number | null; better: boolean | null; metric: string }) {
  if (value === null) return <span className="text-slate-500 dark:text-slate-400">—</span>;
  if (better === null) return <span>{signed(value, metric)} (same)</span>;
  return better ? (
    <span className="font-medium text-emerald-700 dark:text-emerald-300">
      {signed(value, metric)} <span className="text-xs">▲ better</span>
    </span>
  ) : (
    <span className="font-medium text-red-700 dark:text-red-400">
      {signed(value, metric)} <span className="text-xs">▼ worse</span>
    </span>
  );
}

function Passed({ passed }: { passed: boolean | null }) {
  if (passed === null) return <span className="text-slate-500 dark:text-slate-400">no threshold</span>;
  return passed ? (
    <span className="font-medium text-emerald-700 dark:text-emerald-300">✓ pass</span>
  ) : (
    <span className="font-medium text-red-700 dark:text-red-400">✗ fail</span>
  );
}

const VERDICT: Record<Recommendation["verdict"], { label: string; style: string }> = {
  approve: {
    label: "Recommend: approve",
    style: "border-emerald-300 bg-emerald-50 text-emerald-900 dark:border-emerald-800 dark:bg-emerald-950 dark:text-emerald-200",
  },
  reject: { label: "Recommend: reject", style: "border-red-300 bg-red-50 text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-200" },
  needs_evidence: { label: "Needs evidence", style: "border-amber-300 bg-amber-50 text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-200" },
};

export function RecommendationBox({ recommendation }: { recommendation: Recommendation }) {
  const v = VERDICT[recommendation.verdict];
  return (
    <div className={`rounded-md border px-3 py-2 text-sm ${v.style}`} data-testid="recommendation">
      <p className="font-semibold">{v.label}</p>
      <p>{recommendation.because}</p>
    </div>
  );
}

export function ComparisonTable({ comparison, candidateName, workflowName }: { comparison: Comparison; candidateName: string; workflowName: string }) {
  const { rows, usage, incumbent, candidateRun } = comparison;
  const current = incumbent ? incumbent.model.name : "no current primary";
  const metric = (name: string) => rows.find((r) => r.metric === name);
  const evalCost = metric("cost_per_task_usd");
  const evalP95 = metric("p95_latency_ms");
  const headCell = "px-3 py-2";
  return (
    <div className="space-y-4">
      <p className="text-sm text-slate-600 dark:text-slate-400">
        {candidateName} against{" "}
        {incumbent ? (
          <Link href={`/models/${incumbent.model.id}`} className="link">
            {incumbent.model.name}
          </Link>
        ) : (
          "nothing: the workflow has no primary approved now"
        )}
        , the current primary of {workflowName}.{" "}
        {candidateRun ? (
          <>
            Candidate run:{" "}
            <Link href={`/evaluations/${candidateRun.id}`} className="link">
              {candidateRun.suite} {candidateRun.datasetVersion}
            </Link>{" "}
            of {formatDate(candidateRun.createdAt)}
            {incumbent?.runId && (
              <>
                ; current primary&apos;s run:{" "}
                <Link href={`/evaluations/${incumbent.runId}`} className="link">
                  evidence of its approval
                </Link>
              </>
            )}
            .
          </>
        ) : (
          "No evaluation run of this workflow was given as evidence."
        )}
      </p>
      {rows.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">No metrics to compare.</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="min-w-full text-sm" data-testid="comparison">
            <caption className="sr-only">Metrics of the candidate against the current primary</caption>
            <thead className="text-left text-xs uppercase text-slate-500 dark:text-slate-400">
              <tr>
                <th scope="col" className={headCell}>
                  Metric
                </th>
                <th scope="col" className={`${headCell} text-right`}>
                  Candidate
                </th>
                <th scope="col" className={`${headCell} text-right`}>
                  Current ({current})
                </th>
                <th scope="col" className={`${headCell} text-right`}>
                  Delta
                </th>
                <th scope="col" className={headCell}>
                  Threshold
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
              {rows.map((r) => (
                <tr key={r.metric}>
                  <th scope="row" className="px-3 py-1.5 text-left font-mono text-xs font-normal">
                    {r.metric}
                  </th>
                  <td className="px-3 py-1.5 text-right tabular-nums">{num(r.candidate, r.metric)}</td>
                  <td className="px-3 py-1.5 text-right tabular-nums">{num(r.incumbent, r.metric)}</td>
                  <td className="px-3 py-1.5 text-right tabular-nums">
                    <Delta value={r.delta} better={r.better} metric={r.metric} />
                  </td>
                  <td className="px-3 py-1.5">
                    {r.candidate === null ? <span className="text-slate-500 dark:text-slate-400">—</span> : <Passed passed={r.candidatePassed} />}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div className="overflow-x-auto">
        <table className="min-w-full text-sm" data-testid="cost-latency">
          <caption className="mb-1 text-left text-sm font-medium">Cost and latency</caption>
          <thead className="text-left text-xs uppercase text-slate-500 dark:text-slate-400">
            <tr>
              <th scope="col" className={headCell}>
                Figure
              </th>
              <th scope="col" className={`${headCell} text-right`}>
                Candidate
              </th>
              <th scope="col" className={`${headCell} text-right`}>
                Current
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
            <tr>
              <th scope="row" className="px-3 py-1.5 text-left font-normal">
                Cost per task (evaluation)
              </th>
              <td className="px-3 py-1.5 text-right tabular-nums">{num(evalCost?.candidate ?? null, "cost")}</td>
              <td className="px-3 py-1.5 text-right tabular-nums">{num(evalCost?.incumbent ?? null, "cost")}</td>
            </tr>
            <tr>
              <th scope="row" className="px-3 py-1.5 text-left font-normal">
                p95 latency (evaluation)
              </th>
              <td className="px-3 py-1.5 text-right tabular-nums">{evalP95?.candidate != null ? `${num(evalP95.candidate)} ms` : "—"}</td>
              <td className="px-3 py-1.5 text-right tabular-nums">{evalP95?.incumbent != null ? `${num(evalP95.incumbent)} ms` : "—"}</td>
            </tr>
            <tr>
              <th scope="row" className="px-3 py-1.5 text-left font-normal">
                Cost per task (usage, last 28 days)
              </th>
              <td className="px-3 py-1.5 text-right tabular-nums">{num(usage.candidate.costPerTaskUsd, "cost")}</td>
              <td className="px-3 py-1.5 text-right tabular-nums">{num(usage.incumbent?.costPerTaskUsd ?? null, "cost")}</td>
            </tr>
            <tr>
              <th scope="row" className="px-3 py-1.5 text-left font-normal">
                p95 latency (usage, last 28 days)
              </th>
              <td className="px-3 py-1.5 text-right tabular-nums">{usage.candidate.p95LatencyMs !== null ? `${num(usage.candidate.p95LatencyMs)} ms` : "—"}</td>
              <td className="px-3 py-1.5 text-right tabular-nums">{usage.incumbent?.p95LatencyMs != null ? `${num(usage.incumbent.p95LatencyMs)} ms` : "—"}</td>
            </tr>
            <tr>
              <th scope="row" className="px-3 py-1.5 text-left font-normal">
                Requests (usage, last 28 days)
              </th>
              <td className="px-3 py-1.5 text-right tabular-nums">{usage.candidate.requests.toLocaleString("en-US")}</td>
              <td className="px-3 py-1.5 text-right tabular-nums">{usage.incumbent ? usage.incumbent.requests.toLocaleString("en-US") : "—"}</td>
            </tr>
          </tbody>
        </table>
      </div>
    </div>
  );
}
