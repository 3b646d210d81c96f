// What disabling a model does to everything around it, pure: the approvals it loses, the workflows
// left without a primary, the models and approvals that name it as their fallback. Used when a model is
// disabled and, before that, to show "what would happen if" on workflow and model pages.

export interface ImpactApproval {
  id: string;
  modelId: string;
  workflowId: string;
  workflowName: string;
  role: "primary" | "fallback";
  fallbackModelId: string | null;
}

export interface DisableImpact {
  revokedApprovalIds: string[];
  /** Workflows whose only primary was this model. */
  workflowsAtRisk: { id: string; name: string }[];
  /** Workflows that keep a primary but lose this model as a fallback. */
  workflowsLosingFallback: { id: string; name: string }[];
  /** Models whose catalog fallback is this model. */
  modelsNamingItAsFallback: { id: string; name: string }[];
  /** Approvals (of other models) that name this model as their fallback. */
  approvalsNamingItAsFallback: string[];
}

export function disableImpact(
  modelId: string,
  activeApprovals: readonly ImpactApproval[],
  modelsWithFallback: readonly { id: string; name: string; fallbackModelId: string | null }[],
): DisableImpact {
  const own = activeApprovals.filter((a) => a.modelId === modelId);
  const atRisk = new Map<string, string>();
  const losingFallback = new Map<string, string>();
  for (const approval of own) {
    if (approval.role === "primary") {
      const otherPrimary = activeApprovals.some((a) => a.workflowId === approval.workflowId && a.role === "primary" && a.modelId !== modelId);
      if (!otherPrimary) atRisk.set(approval.workflowId, approval.workflowName);
    } else {
      losingFallback.set(approval.workflowId, approval.workflowName);
    }
  }
  return {
    revokedApprovalIds: own.map((a) => a.id),
    workflowsAtRisk: [...atRisk].map(([id, name]) => ({ id, name })),
    workflowsLosingFallback: [...losingFallback].filter(([id]) => !atRisk.has(id)).map(([id, name]) => ({ id, name })),
    modelsNamingItAsFallback: modelsWithFallback.filter((m) => m.fallbackModelId === modelId && m.id !== modelId).map((m) => ({ id: m.id, name: m.name })),
    approvalsNamingItAsFallback: activeApprovals.filter((a) => a.fallbackModelId === modelId && a.modelId !== modelId).map((a) => a.id),
  };
}
