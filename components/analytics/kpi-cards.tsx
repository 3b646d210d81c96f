import { METRIC_INFO, type HealthComparison, type MetricKey } from "@/lib/analytics/overview";
import { formatMetric } from "./format";
import { MetricDelta } from "./metric-delta";

interface Card {
  metric: MetricKey;
  /** Smaller figures shown under the main one. */
  extra?: MetricKey[];
}

const CARDS: Card[] = [
  { metric: "requests" },
  { metric: "costUsd" },
  { metric: "costPerTask" },
  { metric: "latencyP95Ms", extra: ["latencyP50Ms", "latencyP99Ms"] },
  { metric: "ttftP95Ms", extra: ["ttftP50Ms"] },
  { metric: "errorRate" },
  { metric: "retryRate" },
  { metric: "fallbackRate" },
  { metric: "inputTokens", extra: ["outputTokens"] },
  { metric: "qualityMean" },
  { metric: "feedbackPositiveShare", extra: ["feedbackUp", "feedbackDown"] },
];

const SHORT: Partial<Record<MetricKey, string>> = {
  latencyP50Ms: "p50",
  latencyP99Ms: "p99",
  ttftP50Ms: "p50",
  outputTokens: "Output",
  feedbackUp: "Up",
  feedbackDown: "Down",
};

/** The totals for the range, each with its previous-period value and change. */
export function KpiCards({ totals }: { totals: HealthComparison }) {
  return (
    <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-4 xl:grid-cols-6" data-testid="kpi-cards">
      {CARDS.map(({ metric, extra }) => {
        const info = METRIC_INFO[metric];
        const c = totals.metrics[metric];
        const label = metric === "inputTokens" ? "Tokens in / out" : metric === "ttftP95Ms" ? "Time to first token p95" : info.label;
        return (
          <div key={metric} className="card flex flex-col gap-1 p-3" data-testid={`kpi-${metric}`}>
            <dt className="text-xs font-medium text-slate-600 dark:text-slate-400">{label}</dt>
            <dd className="text-xl font-semibold tabular-nums" data-testid={`kpi-${metric}-value`}>
              {formatMetric(info.unit, c.value)}
            </dd>
            <dd className="flex flex-wrap items-center gap-x-2 text-xs text-slate-500 dark:text-slate-400">
              <MetricDelta metric={metric} comparison={c} />
              <span>was {formatMetric(info.unit, c.previous)}</span>
            </dd>
            {extra && (
              <dd className="text-xs text-slate-600 dark:text-slate-400">
                {extra.map((key) => (
                  <span key={key} className="mr-2 whitespace-nowrap">
                    {SHORT[key] ?? METRIC_INFO[key].label}{" "}
                    <span className="font-medium tabular-nums text-slate-800 dark:text-slate-200">
                      {formatMetric(METRIC_INFO[key].unit, totals.metrics[key].value)}
                    </span>
                  </span>
                ))}
              </dd>
            )}
          </div>
        );
      })}
    </dl>
  );
}

/** Error rate by error type, now and in the previous period. */
export function ErrorTypesCard({ totals }: { totals: HealthComparison }) {
  return (
    <section className="card" aria-labelledby="error-types-heading">
      <h2 id="error-types-heading" className="text-sm font-semibold">
        Errors by type
      </h2>
      {totals.errorTypes.length === 0 ? (
        <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">No failed calls in this range or the previous one.</p>
      ) : (
        <table className="mt-2 w-full text-sm" data-testid="error-types">
          <thead className="text-left text-xs text-slate-500 dark:text-slate-400">
            <tr>
              <th scope="col" className="py-1 font-medium">
                Type
              </th>
              <th scope="col" className="py-1 text-right font-medium">
                Calls
              </th>
              <th scope="col" className="py-1 text-right font-medium">
                Rate
              </th>
              <th scope="col" className="py-1 text-right font-medium">
                Change
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
            {totals.errorTypes.map((e) => (
              <tr key={e.type}>
                <th scope="row" className="py-1 text-left font-mono text-xs font-normal">
                  {e.type}
                </th>
                <td className="py-1 text-right tabular-nums">{formatMetric("count", e.count)}</td>
                <td className="py-1 text-right tabular-nums">{formatMetric("rate", e.rate)}</td>
                <td className="py-1 text-right">
                  <MetricDelta unit="rate" better="lower" comparison={{ value: e.rate, previous: e.previousRate, change: e.change, relativeChange: null }} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
