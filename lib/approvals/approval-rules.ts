// The side rules of docs/lifecycle.md for approving a model for a workflow, pure. Checked when a
// request is opened (to show at once what it already breaks) and again when it is applied.
import type { Violation } from "@/lib/lifecycle/transitions";

export interface ApprovalCheckInput {
  model: { id: string; status: string; contextWindow: number | null; languages: string[] };
  workflow: { id: string; name: string; minContextWindow: number; maxCostPerTaskUsd: number | null };
  role: "primary" | "fallback";
  requestedMaxCostPerTaskUsd: number | null;
  /** Expected cost per task from the evidence (or usage), when known. */
  expectedCostPerTaskUsd: number | null;
  requestedLanguages: string[];
  /** The evaluation runs given as evidence. */
  evidence: { id: string; modelId: string | null; workflowId: string; gatePassed: boolean }[];
  /** The named fallback, with whether it is approved (as primary or fallback) for this workflow. */
  fallback: { id: string; name: string; status: string; approvedForWorkflow: boolean } | null;
  validUntil: Date | null;
  now: Date;
}

const NOT_APPROVABLE = new Set(["deprecated", "disabled", "retired"]);

/** Whether a model in this status may get a new approval for a workflow; the model page hides its request link by it. */
export function approvabilityViolation(status: string): Violation | null {
  return NOT_APPROVABLE.has(status) ? { rule: "model_not_approvable", message: `model_not_approvable: a ${status} model gets no new approvals.` } : null;
}

export function checkApproval(input: ApprovalCheckInput): Violation[] {
  const v: Violation[] = [];
  const { model, workflow } = input;
  const notApprovable = approvabilityViolation(model.status);
  if (notApprovable) v.push(notApprovable);
  const relevant = input.evidence.filter((e) => e.workflowId === workflow.id && (e.modelId === null || e.modelId === model.id));
  if (relevant.length === 0) {
    v.push({ rule: "evidence_required", message: `evidence_required: give at least one evaluation run of this model on ${workflow.name}.` });
  } else if (!relevant.some((e) => e.gatePassed)) {
    v.push({ rule: "gate_failed", message: `gate_failed: no evaluation run given for ${workflow.name} passed its gate.` });
  }
  if (input.evidence.some((e) => e.workflowId !== workflow.id || (e.modelId !== null && e.modelId !== model.id))) {
    v.push({ rule: "evidence_mismatch", message: "evidence_mismatch: every evaluation run given must be of this model on this workflow." });
  }
  if (workflow.minContextWindow > 0 && (model.contextWindow ?? 0) < workflow.minContextWindow) {
    v.push({
      rule: "context_window_below_minimum",
      message: `context_window_below_minimum: ${workflow.name} needs ${workflow.minContextWindow.toLocaleString("en-US")} tokens of context; the model has ${(model.contextWindow ?? 0).toLocaleString("en-US")}.`,
    });
  }
  const max = workflow.maxCostPerTaskUsd;
  if (max !== null) {
    if (input.requestedMaxCostPerTaskUsd !== null && input.requestedMaxCostPerTaskUsd > max) {
      v.push({
        rule: "cost_limit_above_workflow_maximum",
        message: `cost_limit_above_workflow_maximum: the limit asked, $${input.requestedMaxCostPerTaskUsd}, is above ${workflow.name}'s maximum of $${max} per task.`,
      });
    }
    if (input.expectedCostPerTaskUsd !== null && input.expectedCostPerTaskUsd > max) {
      v.push({
        rule: "expected_cost_above_maximum",
        message: `expected_cost_above_maximum: expected cost per task $${input.expectedCostPerTaskUsd.toFixed(4)} is above ${workflow.name}'s maximum of $${max}.`,
      });
    }
  }
  if (input.fallback) {
    if (input.fallback.id === model.id) {
      v.push({ rule: "fallback_is_self", message: "fallback_is_self: a model cannot be its own fallback." });
    } else if (!["approved", "fallback_only"].includes(input.fallback.status) || !input.fallback.approvedForWorkflow) {
      v.push({
        rule: "fallback_not_approved",
        message: `fallback_not_approved: the fallback ${input.fallback.name} must itself be approved or fallback-only for ${workflow.name}.`,
      });
    }
  }
  if (model.languages.length > 0) {
    const unsupported = input.requestedLanguages.filter((l) => !model.languages.includes(l));
    if (unsupported.length) v.push({ rule: "language_not_supported", message: `language_not_supported: the model does not list ${unsupported.join(", ")}.` });
  }
  if (input.validUntil && input.validUntil <= input.now) {
    v.push({ rule: "valid_until_in_past", message: "valid_until_in_past: an approval must be valid until a future date." });
  }
  return v;
}
