// What disabling a model would do (or did): approvals revoked, workflows left without a primary,
// workflows losing a fallback, models and approvals that name it as their fallback. The figures come
// from lib/lifecycle/disable-impact; this only lays them out.
import Link from "next/link";
import type { DisableImpact } from "@/lib/lifecycle/disable-impact";

function Names({ items, hrefFor }: { items: { id: string; name: string }[]; hrefFor: (id: string) => string | null }) {
  return (
    <>
      {items.map((item, i) => {
        const href = hrefFor(item.id);
        return (
          <span key={item.id}>
            {i > 0 && ", "}
            {href ? (
              <Link href={href} className="link">
                {item.name}
              </Link>
            ) : (
              item.name
            )}
          </span>
        );
      })}
    </>
  );
}

export function ImpactList({ impact, workflowHref }: { impact: DisableImpact; workflowHref: (id: string) => string | null }) {
  const none =
    !impact.revokedApprovalIds.length &&
    !impact.workflowsAtRisk.length &&
    !impact.workflowsLosingFallback.length &&
    !impact.modelsNamingItAsFallback.length &&
    !impact.approvalsNamingItAsFallback.length;
  if (none) return <p className="text-sm text-slate-600 dark:text-slate-400">Nothing: no approval, workflow or model depends on it.</p>;
  return (
    <ul className="list-disc space-y-1 pl-5 text-sm">
      <li>
        {impact.revokedApprovalIds.length} approval{impact.revokedApprovalIds.length === 1 ? "" : "s"} revoked
      </li>
      {impact.workflowsAtRisk.length > 0 && (
        <li className="font-medium text-red-700 dark:text-red-400" data-testid="impact-at-risk">
          Workflows left without a primary (at risk): <Names items={impact.workflowsAtRisk} hrefFor={workflowHref} />
        </li>
      )}
      {impact.workflowsLosingFallback.length > 0 && (
        <li data-testid="impact-losing-fallback">
          Workflows losing a fallback: <Names items={impact.workflowsLosingFallback} hrefFor={workflowHref} />
        </li>
      )}
      {impact.modelsNamingItAsFallback.length > 0 && (
        <li className="text-amber-800 dark:text-amber-300" data-testid="impact-dependants">
          Models naming it as fallback, to be flagged: <Names items={impact.modelsNamingItAsFallback} hrefFor={(id) => `/models/${id}`} />
        </li>
      )}
      {impact.approvalsNamingItAsFallback.length > 0 && (
        <li>
          {impact.approvalsNamingItAsFallback.length} approval{impact.approvalsNamingItAsFallback.length === 1 ? "" : "s"} of other models name it as fallback
        </li>
      )}
    </ul>
  );
}
