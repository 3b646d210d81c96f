import { describe, expect, it } from "vitest";
import { type ApprovalCheckInput, approvabilityViolation, checkApproval } from "./approval-rules";

const NOW = new Date("2025-06-01T00:00:00Z");

/** A request that breaks no rule; each test changes one thing. */
function valid(): ApprovalCheckInput {
  return {
    model: { id: "m-1", status: "testing", contextWindow: 128_000, languages: ["en", "de"] },
    workflow: { id: "wf-1", name: "Support triage", minContextWindow: 32_000, maxCostPerTaskUsd: 0.05 },
    role: "primary",
    requestedMaxCostPerTaskUsd: 0.04,
    expectedCostPerTaskUsd: 0.02,
    requestedLanguages: ["en"],
    evidence: [{ id: "run-1", modelId: "m-1", workflowId: "wf-1", gatePassed: true }],
    fallback: { id: "m-2", name: "Backup model", status: "approved", approvedForWorkflow: true },
    validUntil: new Date("2026-01-01T00:00:00Z"),
    now: NOW,
  };
}

function rulesOf(change: (input: ApprovalCheckInput) => void): string[] {
  const input = valid();
  change(input);
  const violations = checkApproval(input);
  for (const v of violations) expect(v.message.startsWith(`${v.rule}: `)).toBe(true);
  return violations.map((v) => v.rule);
}

describe("a fully valid approval", () => {
  it("breaks no rule", () => {
    expect(checkApproval(valid())).toEqual([]);
  });

  it("stays valid without the optional parts", () => {
    expect(
      rulesOf((i) => {
        i.fallback = null;
        i.validUntil = null;
        i.requestedMaxCostPerTaskUsd = null;
        i.expectedCostPerTaskUsd = null;
        i.requestedLanguages = [];
        i.role = "fallback";
      }),
    ).toEqual([]);
  });
});

describe("model_not_approvable", () => {
  it.each(["deprecated", "disabled", "retired"])("fires for a %s model", (status) => {
    const input = valid();
    input.model.status = status;
    expect(checkApproval(input)).toEqual([{ rule: "model_not_approvable", message: `model_not_approvable: a ${status} model gets no new approvals.` }]);
  });

  it.each(["testing", "approved", "fallback_only"])("does not fire for a %s model", (status) => {
    expect(
      rulesOf((i) => {
        i.model.status = status;
      }),
    ).toEqual([]);
  });

  it("is the same rule the model page asks before offering a request", () => {
    for (const status of ["testing", "approved", "fallback_only", "deprecated", "disabled", "retired"]) {
      const input = valid();
      input.model.status = status;
      expect(checkApproval(input).filter((v) => v.rule === "model_not_approvable")).toEqual([approvabilityViolation(status)].filter(Boolean));
    }
  });
});

describe("evidence", () => {
  it("evidence_required: no run given", () => {
    const input = valid();
    input.evidence = [];
    expect(checkApproval(input)).toEqual([
      { rule: "evidence_required", message: "evidence_required: give at least one evaluation run of this model on Support triage." },
    ]);
  });

  it("gate_failed: runs given but none passed", () => {
    expect(
      rulesOf((i) => {
        i.evidence = [{ id: "run-1", modelId: "m-1", workflowId: "wf-1", gatePassed: false }];
      }),
    ).toEqual(["gate_failed"]);
  });

  it("one passed run is enough among failed ones", () => {
    expect(
      rulesOf((i) => {
        i.evidence.push({ id: "run-2", modelId: "m-1", workflowId: "wf-1", gatePassed: false });
      }),
    ).toEqual([]);
  });

  it("accepts a run without a model id for this workflow", () => {
    expect(
      rulesOf((i) => {
        i.evidence = [{ id: "run-1", modelId: null, workflowId: "wf-1", gatePassed: true }];
      }),
    ).toEqual([]);
  });

  it("evidence_mismatch: a run of another model", () => {
    expect(
      rulesOf((i) => {
        i.evidence.push({ id: "run-x", modelId: "m-other", workflowId: "wf-1", gatePassed: true });
      }),
    ).toEqual(["evidence_mismatch"]);
  });

  it("evidence_mismatch: a run on another workflow", () => {
    expect(
      rulesOf((i) => {
        i.evidence.push({ id: "run-y", modelId: "m-1", workflowId: "wf-other", gatePassed: true });
      }),
    ).toEqual(["evidence_mismatch"]);
  });

  it("a passed run of another model does not count as evidence for this one", () => {
    expect(
      rulesOf((i) => {
        i.evidence = [{ id: "run-x", modelId: "m-other", workflowId: "wf-1", gatePassed: true }];
      }),
    ).toEqual(["evidence_required", "evidence_mismatch"]);
  });
});

describe("context_window_below_minimum", () => {
  it("fires when the model's context window is below the workflow's minimum", () => {
    const input = valid();
    input.model.contextWindow = 16_000;
    expect(checkApproval(input)).toEqual([
      { rule: "context_window_below_minimum", message: "context_window_below_minimum: Support triage needs 32,000 tokens of context; the model has 16,000." },
    ]);
  });

  it("treats an unknown context window as 0", () => {
    const input = valid();
    input.model.contextWindow = null;
    expect(checkApproval(input)).toEqual([
      { rule: "context_window_below_minimum", message: "context_window_below_minimum: Support triage needs 32,000 tokens of context; the model has 0." },
    ]);
  });

  it("accepts exactly the minimum", () => {
    expect(
      rulesOf((i) => {
        i.model.contextWindow = 32_000;
      }),
    ).toEqual([]);
  });

  it("never fires when the workflow has no minimum", () => {
    expect(
      rulesOf((i) => {
        i.workflow.minContextWindow = 0;
        i.model.contextWindow = null;
      }),
    ).toEqual([]);
    expect(
      rulesOf((i) => {
        i.workflow.minContextWindow = 0;
        i.model.contextWindow = 0;
      }),
    ).toEqual([]);
  });
});

describe("cost", () => {
  it("cost_limit_above_workflow_maximum: the limit asked is above the workflow's maximum", () => {
    const input = valid();
    input.requestedMaxCostPerTaskUsd = 0.06;
    expect(checkApproval(input)).toEqual([
      {
        rule: "cost_limit_above_workflow_maximum",
        message: "cost_limit_above_workflow_maximum: the limit asked, $0.06, is above Support triage's maximum of $0.05 per task.",
      },
    ]);
    expect(
      rulesOf((i) => {
        i.requestedMaxCostPerTaskUsd = 0.05;
      }),
    ).toEqual([]);
  });

  it("expected_cost_above_maximum: the expected cost per task is above the workflow's maximum", () => {
    const input = valid();
    input.expectedCostPerTaskUsd = 0.0712;
    expect(checkApproval(input)).toEqual([
      {
        rule: "expected_cost_above_maximum",
        message: "expected_cost_above_maximum: expected cost per task $0.0712 is above Support triage's maximum of $0.05.",
      },
    ]);
    expect(
      rulesOf((i) => {
        i.expectedCostPerTaskUsd = 0.05;
      }),
    ).toEqual([]);
  });

  it("an unknown expected cost does not fire", () => {
    expect(
      rulesOf((i) => {
        i.expectedCostPerTaskUsd = null;
      }),
    ).toEqual([]);
  });

  it("a workflow without a maximum never fires either cost rule", () => {
    expect(
      rulesOf((i) => {
        i.workflow.maxCostPerTaskUsd = null;
        i.requestedMaxCostPerTaskUsd = 100;
        i.expectedCostPerTaskUsd = 100;
      }),
    ).toEqual([]);
  });
});

describe("fallback", () => {
  it("fallback_not_approved: the fallback is disabled", () => {
    const input = valid();
    input.fallback = { id: "m-2", name: "Backup model", status: "disabled", approvedForWorkflow: true };
    expect(checkApproval(input)).toEqual([
      {
        rule: "fallback_not_approved",
        message: "fallback_not_approved: the fallback Backup model must itself be approved or fallback-only for Support triage.",
      },
    ]);
  });

  it.each(["testing", "deprecated", "retired"])("fallback_not_approved: the fallback is %s", (status) => {
    expect(
      rulesOf((i) => {
        i.fallback = { id: "m-2", name: "Backup model", status, approvedForWorkflow: true };
      }),
    ).toEqual(["fallback_not_approved"]);
  });

  it("fallback_not_approved: the fallback is approved, but not for this workflow", () => {
    expect(
      rulesOf((i) => {
        i.fallback = { id: "m-2", name: "Backup model", status: "approved", approvedForWorkflow: false };
      }),
    ).toEqual(["fallback_not_approved"]);
    expect(
      rulesOf((i) => {
        i.fallback = { id: "m-2", name: "Backup model", status: "fallback_only", approvedForWorkflow: false };
      }),
    ).toEqual(["fallback_not_approved"]);
  });

  it("accepts a fallback-only fallback approved for this workflow", () => {
    expect(
      rulesOf((i) => {
        i.fallback = { id: "m-2", name: "Backup model", status: "fallback_only", approvedForWorkflow: true };
      }),
    ).toEqual([]);
  });

  it("fallback_is_self: the model names itself", () => {
    const input = valid();
    input.fallback = { id: "m-1", name: "Itself", status: "approved", approvedForWorkflow: true };
    expect(checkApproval(input)).toEqual([{ rule: "fallback_is_self", message: "fallback_is_self: a model cannot be its own fallback." }]);
    // Naming itself is reported as that, not additionally as an unapproved fallback.
    expect(
      rulesOf((i) => {
        i.fallback = { id: "m-1", name: "Itself", status: "testing", approvedForWorkflow: false };
      }),
    ).toEqual(["fallback_is_self"]);
  });
});

describe("language_not_supported", () => {
  it("fires for a language the model does not list, naming it", () => {
    const input = valid();
    input.requestedLanguages = ["en", "fr", "ja"];
    expect(checkApproval(input)).toEqual([{ rule: "language_not_supported", message: "language_not_supported: the model does not list fr, ja." }]);
  });

  it("accepts languages the model lists", () => {
    expect(
      rulesOf((i) => {
        i.requestedLanguages = ["de", "en"];
      }),
    ).toEqual([]);
  });

  it("never fires for a model that lists no languages", () => {
    expect(
      rulesOf((i) => {
        i.model.languages = [];
        i.requestedLanguages = ["fr", "ja"];
      }),
    ).toEqual([]);
  });
});

describe("valid_until_in_past", () => {
  it("fires for a date before now, or now itself", () => {
    const input = valid();
    input.validUntil = new Date("2025-05-31T00:00:00Z");
    expect(checkApproval(input)).toEqual([{ rule: "valid_until_in_past", message: "valid_until_in_past: an approval must be valid until a future date." }]);
    expect(
      rulesOf((i) => {
        i.validUntil = new Date(NOW);
      }),
    ).toEqual(["valid_until_in_past"]);
  });

  it("accepts a future date or none", () => {
    expect(
      rulesOf((i) => {
        i.validUntil = new Date(NOW.getTime() + 1);
      }),
    ).toEqual([]);
    expect(
      rulesOf((i) => {
        i.validUntil = null;
      }),
    ).toEqual([]);
  });
});

describe("several problems at once", () => {
  it("reports every broken rule", () => {
    expect(
      rulesOf((i) => {
        i.model.status = "deprecated";
        i.evidence = [{ id: "run-1", modelId: "m-1", workflowId: "wf-1", gatePassed: false }];
        i.model.contextWindow = 1000;
        i.requestedMaxCostPerTaskUsd = 1;
        i.expectedCostPerTaskUsd = 1;
        i.fallback = { id: "m-2", name: "Backup model", status: "disabled", approvedForWorkflow: false };
        i.requestedLanguages = ["fr"];
        i.validUntil = new Date("2020-01-01T00:00:00Z");
      }),
    ).toEqual([
      "model_not_approvable",
      "gate_failed",
      "context_window_below_minimum",
      "cost_limit_above_workflow_maximum",
      "expected_cost_above_maximum",
      "fallback_not_approved",
      "language_not_supported",
      "valid_until_in_past",
    ]);
  });
});
