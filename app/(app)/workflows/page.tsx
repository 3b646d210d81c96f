import Link from "next/link";
import { RiskBadge } from "@/components/workflows/risk-badge";
import { requirePage } from "@/lib/server/page";
import { workflowsView } from "@/lib/workflows/workflows-view";

export const metadata = { title: "Workflows" };

function ModelLinks({ models }: { models: { id: string; name: string }[] }) {
  if (!models.length) return <span className="text-slate-500 dark:text-slate-400">—</span>;
  return (
    <>
      {models.map((m, i) => (
        <span key={m.id}>
          {i > 0 && ", "}
          <Link href={`/models/${m.id}`} className="link">
            {m.name}
          </Link>
        </span>
      ))}
    </>
  );
}

export default async function WorkflowsPage() {
  const viewer = await requirePage("catalog:read");
  const { workflows } = await workflowsView(viewer);
  return (
    <>
      <h1 className="text-2xl font-semibold">Workflows</h1>
      <p className="mb-4 text-sm text-slate-600 dark:text-slate-400">
        The use cases models serve: who serves each now, what waits to, and which have no primary approved.
      </p>
      {workflows.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">No workflows yet.</p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
          <table className="min-w-full text-sm">
            <caption className="sr-only">Workflows</caption>
            <thead className="bg-slate-100 text-left text-xs uppercase tracking-wide text-slate-600 dark:bg-slate-800 dark:text-slate-300">
              <tr>
                <th scope="col" className="px-3 py-2">
                  Workflow
                </th>
                <th scope="col" className="px-3 py-2">
                  Owner
                </th>
                <th scope="col" className="px-3 py-2">
                  Risk class
                </th>
                <th scope="col" className="px-3 py-2">
                  Traffic
                </th>
                <th scope="col" className="px-3 py-2">
                  Primary
                </th>
                <th scope="col" className="px-3 py-2">
                  Fallbacks
                </th>
                <th scope="col" className="px-3 py-2 text-right">
                  Open requests
                </th>
                <th scope="col" className="px-3 py-2">
                  At risk
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
              {workflows.map((w) => (
                <tr key={w.id} className="hover:bg-slate-50 dark:hover:bg-slate-800/50" data-testid="workflow-row">
                  <td className="px-3 py-2 font-medium">
                    <Link href={`/workflows/${w.slug}`} className="link">
                      {w.name}
                    </Link>
                  </td>
                  <td className="px-3 py-2">{w.owner?.name ?? "—"}</td>
                  <td className="px-3 py-2">
                    <RiskBadge riskClass={w.riskClass} />
                  </td>
                  <td className="px-3 py-2">{w.trafficTier}</td>
                  <td className="px-3 py-2">
                    <ModelLinks models={w.primary} />
                  </td>
                  <td className="px-3 py-2">
                    <ModelLinks models={w.fallbacks} />
                  </td>
                  <td className="px-3 py-2 text-right tabular-nums">{w.openRequests}</td>
                  <td className="px-3 py-2">
                    {w.atRisk ? (
                      <span className="font-medium text-red-700 dark:text-red-400" data-testid="at-risk">
                        ⚠ No primary
                      </span>
                    ) : (
                      <span className="text-slate-500 dark:text-slate-400">—</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
