// The gate, metric by metric: value, baseline, delta, the bounds it was held to, and the verdict with its
// reasons. Then every raw score, gated or not.
import { formatMetricValue, type GateResult, type MetricThreshold, type MetricVerdict } from "@/lib/evaluations/gate";

const num = (n: number | null | undefined) => (n === null || n === undefined ? "—" : formatMetricValue(n));
const signed = (n: number | null) => (n === null ? "—" : n > 0 ? `+${formatMetricValue(n)}` : n < 0 ? `−${formatMetricValue(-n)}` : "0");

function bounds(v: Pick<MetricVerdict, "min" | "max" | "maxRegression" | "direction">): string[] {
  const out: string[] = [];
  if (v.min !== undefined) out.push(`≥ ${num(v.min)}`);
  if (v.max !== undefined) out.push(`≤ ${num(v.max)}`);
  if (v.maxRegression !== undefined) out.push(`${v.direction === "higher" ? "drop" : "rise"} vs baseline ≤ ${num(v.maxRegression)}`);
  return out;
}

/** Whether the delta moved the metric the way its direction calls better. */
function deltaTone(v: MetricVerdict): string {
  if (v.delta === null || v.delta === 0) return "";
  const better = v.direction === "higher" ? v.delta > 0 : v.delta < 0;
  return better ? "text-emerald-700 dark:text-emerald-300" : "text-amber-700 dark:text-amber-300";
}

export function GateTable({ gate }: { gate: GateResult }) {
  return (
    <div className="overflow-x-auto">
      <table className="min-w-full text-sm" data-testid="gate-table">
        <thead className="text-left text-xs uppercase text-slate-500 dark:text-slate-400">
          <tr>
            <th scope="col" className="py-1 pr-4">
              Metric
            </th>
            <th scope="col" className="py-1 pr-4 text-right">
              Value
            </th>
            <th scope="col" className="py-1 pr-4 text-right">
              Baseline
            </th>
            <th scope="col" className="py-1 pr-4 text-right">
              Delta
            </th>
            <th scope="col" className="py-1 pr-4">
              Threshold
            </th>
            <th scope="col" className="py-1 pr-4">
              Verdict
            </th>
          </tr>
        </thead>
        <tbody>
          {gate.metrics.map((v) => (
            <tr key={v.metric} className="border-t border-slate-100 align-top dark:border-slate-800" data-metric={v.metric}>
              <th scope="row" className="py-1.5 pr-4 text-left font-mono text-xs font-medium">
                {v.metric}
                <span className="block font-sans text-xs font-normal text-slate-500 dark:text-slate-400">
                  {v.direction === "higher" ? "higher is better" : "lower is better"}
                </span>
              </th>
              <td className="py-1.5 pr-4 text-right tabular-nums">{num(v.value)}</td>
              <td className="py-1.5 pr-4 text-right tabular-nums">{num(v.baseline)}</td>
              <td className={`py-1.5 pr-4 text-right tabular-nums ${deltaTone(v)}`}>{signed(v.delta)}</td>
              <td className="py-1.5 pr-4 text-xs">{bounds(v).join(", ") || "—"}</td>
              <td className="py-1.5 pr-4">
                <span className={`font-medium ${v.passed ? "text-emerald-700 dark:text-emerald-300" : "text-red-700 dark:text-red-300"}`}>
                  {v.passed ? "✓ Pass" : "✗ Fail"}
                </span>
                {v.reasons.length > 0 && (
                  <ul className="mt-0.5 text-xs text-slate-600 dark:text-slate-400">
                    {v.reasons.map((reason) => (
                      <li key={reason}>{reason}</li>
                    ))}
                  </ul>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function RawScores({ metrics, thresholds }: { metrics: Record<string, number>; thresholds: Record<string, MetricThreshold> }) {
  const names = Object.keys(metrics).sort();
  if (names.length === 0) return <p className="text-sm text-slate-600 dark:text-slate-400">No scores were uploaded.</p>;
  return (
    <table className="min-w-full text-sm" data-testid="raw-scores">
      <thead className="text-left text-xs uppercase text-slate-500 dark:text-slate-400">
        <tr>
          <th scope="col" className="py-1 pr-4">
            Metric
          </th>
          <th scope="col" className="py-1 pr-4 text-right">
            Score
          </th>
          <th scope="col" className="py-1 pr-4">
            In the gate
          </th>
        </tr>
      </thead>
      <tbody>
        {names.map((name) => (
          <tr key={name} className="border-t border-slate-100 dark:border-slate-800">
            <th scope="row" className="py-1 pr-4 text-left font-mono text-xs font-medium">
              {name}
            </th>
            <td className="py-1 pr-4 text-right tabular-nums">{metrics[name]}</td>
            <td className="py-1 pr-4 text-xs">{Object.hasOwn(thresholds, name) ? "yes" : "no threshold (kept, not gating)"}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
