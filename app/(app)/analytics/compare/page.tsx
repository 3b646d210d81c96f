import Link from "next/link";
import { CompareControls } from "@/components/analytics/compare-controls";
import { CompareTable } from "@/components/analytics/compare-table";
import { Forbidden } from "@/components/ui/forbidden";
import { FormAlert } from "@/components/ui/form";
import { currentUser } from "@/lib/auth/current-actor";
import { rolesCan } from "@/lib/authz/permissions";
import { compareQuery } from "@/lib/analytics/compare-params";
import { BOOTSTRAP_CAP, LATENCY_SAMPLE_CAP, getComparison } from "@/lib/analytics/compare-query";
import { searchParamsToAnalyticsInput } from "@/lib/analytics/rollup-filters";
import { getDb } from "@/lib/db/server-db";
import { DomainError } from "@/lib/errors";

export const metadata = { title: "Compare" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const day = (d: Date) => d.toISOString().slice(0, 10);
const int = (n: number) => n.toLocaleString("en-US");

export default async function ComparePage({ searchParams }: { searchParams: SearchParams }) {
  const user = await currentUser();
  if (!user || !rolesCan(user.roles, "analytics:read")) return <Forbidden what="Comparisons are not available to your role." />;
  const input = searchParamsToAnalyticsInput(await searchParams);
  const db = await getDb();
  let fieldErrors: Record<string, string[]> = {};
  let errorMessage: string | null = null;
  let result;
  try {
    result = await getComparison(db, user, input);
  } catch (error) {
    if (!(error instanceof DomainError) || error.code !== "validation") throw error;
    fieldErrors = error.fieldErrors ?? {};
    errorMessage = error.message;
    result = await getComparison(db, user, {});
  }
  const { params, choices, report, elapsedMs } = result;
  const kind = params.by === "bundle" ? "bundle" : "model";
  const swapped = compareQuery(params, { a: params.b, b: params.a });
  const apiQuery = compareQuery(params);

  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-2xl font-semibold">A/B and canary comparison</h1>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Two models or two bundles serving the same workflow over the same period. A is the control (what runs today), B the candidate; every difference is B − A, with a
          confidence interval and whether it is significant, and for rates the calls each arm still needs.
        </p>
      </div>
      {errorMessage && <FormAlert>{errorMessage.replace(/\.?$/, ".")} Showing the default comparison instead.</FormAlert>}
      <CompareControls
        key={apiQuery}
        values={{
          workflow: params.workflow ?? "",
          by: params.by,
          a: params.a ?? "",
          b: params.b ?? "",
          range: params.preset ?? "",
          from: day(params.from),
          to: day(new Date(params.to.getTime() - 1)),
          alpha: String(params.alpha),
          mde: params.mde === null ? "" : String(params.mde),
        }}
        workflows={choices.workflows}
        arms={choices.arms}
        fieldErrors={fieldErrors}
      />

      {choices.workflows.length === 0 ? (
        <div className="card text-sm" role="status" data-testid="compare-empty">
          <p className="font-medium">No calls in this period.</p>
          <p className="mt-1 text-slate-600 dark:text-slate-400">
            Choose a longer period or <Link href="/usage/import" className="link">import usage logs</Link>.
          </p>
        </div>
      ) : !report ? (
        <div className="card text-sm" role="status" data-testid="compare-empty">
          {choices.arms.length < 2 ? (
            <p>
              Only {choices.arms.length === 0 ? "no" : "one"} {kind} served {params.workflow} in this period, so there is nothing to compare.{" "}
              {params.by === "model" ? "Try comparing bundles, or another workflow." : "Try comparing models, or another workflow."}
            </p>
          ) : (
            <p>Choose two different {kind}s to compare.</p>
          )}
        </div>
      ) : (
        <>
          <p className="text-sm" role="status" data-testid="compare-summary">
            <span className="font-mono">{report.armB}</span> (B) against <span className="font-mono">{report.armA}</span> (A) on {params.workflow}, {day(params.from)} to{" "}
            {day(new Date(params.to.getTime() - 1))} (UTC).{" "}
            <Link className="link" href={`/analytics/compare?${swapped}`}>
              Swap A and B
            </Link>
          </p>
          <CompareTable report={report} />
          <p className="text-xs text-slate-500 dark:text-slate-400" data-testid="compare-sampling">
            Rates, means and percentiles use every call in the period. Latency is of successful calls; the rank test uses{" "}
            {report.latencySample.a < report.latencySample.totalA || report.latencySample.b < report.latencySample.totalB
              ? `a fixed pseudo-random sample of ${int(report.latencySample.a)} of ${int(report.latencySample.totalA)} (A) and ${int(report.latencySample.b)} of ${int(report.latencySample.totalB)} (B) calls (at most ${int(LATENCY_SAMPLE_CAP)} per arm)`
              : `all ${int(report.latencySample.a)} (A) and ${int(report.latencySample.b)} (B) of them`}
            , and the median&apos;s interval is a bootstrap (1,000 resamples) over {int(report.latencySample.bootstrapA)} and {int(report.latencySample.bootstrapB)} of those (at most{" "}
            {int(BOOTSTRAP_CAP)} per arm). Sample sizes are for 80 % power at the chosen confidence. Computed in {elapsedMs.toFixed(0)} ms. The same numbers:{" "}
            <a className="link" href={`/api/v1/analytics/compare?${apiQuery}`}>
              GET /api/v1/analytics/compare
            </a>
            .
          </p>
        </>
      )}
    </div>
  );
}
