import { describe, expect, it } from "vitest";
import { type ModelComplianceFacts, modelChecklist } from "./checklist";

const compliant: ModelComplianceFacts = {
  id: "m1",
  name: "Claude Sonnet 4.5",
  snapshotId: "claude-sonnet-4-5-20250929",
  provider: "Anthropic",
  purpose: "Support answers",
  owner: "team-support",
  status: "approved",
  pinning: "strict",
  kind: "hosted",
  baseModelId: null,
  trainingData: null,
  trainingDate: null,
  providerDeprecationDate: null,
  providerDeprecationSource: null,
  catalogFeeds: ["litellm"],
  evaluationRuns: 3,
  passedEvaluationRuns: 2,
  bundles: 1,
  deprecationPlans: 1,
  plansWithSteps: 1,
  activeApprovals: 2,
  approvalsWithoutRequest: 0,
  recentCalls: 5_000,
  baselineCalls: 20_000,
};

const states = (facts: ModelComplianceFacts) => Object.fromEntries(modelChecklist(facts).map((i) => [i.id, i.state]));

describe("the compliance checklist of a model", () => {
  it("is all met (or not applicable) for a well-governed hosted model in service", () => {
    expect(states(compliant)).toEqual({
      registry_record: "met",
      pinned_version: "met",
      evaluation_process: "met",
      controlled_rollout: "met",
      deprecation_planned: "met",
      provider_notices_tracked: "met",
      fine_tune_lineage: "not_applicable",
      changes_through_requests: "met",
      embedding_migration_planned: "not_applicable",
      monitored_in_production: "met",
    });
  });

  it("names each gap and links to where it is fixed", () => {
    const items = modelChecklist({
      ...compliant,
      owner: null,
      purpose: null,
      pinning: "family",
      passedEvaluationRuns: 0,
      bundles: 0,
      deprecationPlans: 0,
      catalogFeeds: [],
      approvalsWithoutRequest: 1,
      recentCalls: 40,
    });
    const gap = (id: string) => items.find((i) => i.id === id)!;
    expect(gap("registry_record")).toMatchObject({ state: "gap", detail: "Missing: purpose, owner.", href: "/models/m1/edit" });
    expect(gap("pinned_version")).toMatchObject({ state: "gap", detail: expect.stringContaining('"family"') });
    expect(gap("evaluation_process")).toMatchObject({ state: "gap", detail: "3 evaluation runs, none passed its gate.", href: "/evaluations/new?modelId=m1" });
    expect(gap("controlled_rollout").state).toBe("gap");
    expect(gap("deprecation_planned").state).toBe("gap");
    expect(gap("provider_notices_tracked").state).toBe("gap");
    expect(gap("changes_through_requests")).toMatchObject({ state: "gap", detail: "1 of 2 approvals in force were not granted through a change request." });
    expect(gap("monitored_in_production")).toMatchObject({ state: "gap", detail: expect.stringContaining("Too few calls to check drift (40 recent") });
  });

  it("asks a fine-tuned model for its lineage and an embedding model leaving service for its migration plan", () => {
    const fineTuned = modelChecklist({ ...compliant, kind: "fine_tuned", baseModelId: "base", trainingData: null, trainingDate: new Date("2026-05-01") });
    expect(fineTuned.find((i) => i.id === "fine_tune_lineage")).toMatchObject({ state: "gap", detail: "Missing: training data." });
    expect(
      states({ ...compliant, kind: "fine_tuned", baseModelId: "base", trainingData: "tickets-2026q1", trainingDate: new Date("2026-05-01") }).fine_tune_lineage,
    ).toBe("met");
    expect(states({ ...compliant, kind: "embedding", status: "deprecated", plansWithSteps: 0 }).embedding_migration_planned).toBe("gap");
    expect(states({ ...compliant, kind: "embedding", status: "deprecated", plansWithSteps: 1 }).embedding_migration_planned).toBe("met");
    expect(states({ ...compliant, kind: "embedding", providerDeprecationDate: null, plansWithSteps: 0 }).embedding_migration_planned).toBe("not_applicable");
  });

  it("does not ask a model out of service to be monitored or rolled out", () => {
    expect(states({ ...compliant, status: "testing", bundles: 0, recentCalls: 0, activeApprovals: 0 })).toMatchObject({
      controlled_rollout: "not_applicable",
      monitored_in_production: "not_applicable",
      changes_through_requests: "not_applicable",
    });
  });
});

describe("the compliance page's filters", () => {
  const row = (name: string, gaps: number, status = "approved") => {
    const items = modelChecklist({ ...compliant, name, status, owner: gaps > 0 ? null : "team" });
    return { facts: { ...compliant, name, status }, items, gaps };
  };
  const rows = [row("B", 0), row("A", 2), row("C", 1, "testing")];

  it("sorts by gaps (most first) by default, by name or status when asked, and keeps only gaps when asked", async () => {
    const { applyChecklistFilters, parseChecklistFilters, checklistQuery } = await import("./checklist-filters");
    expect(applyChecklistFilters(rows, parseChecklistFilters({})).map((r) => r.facts.name)).toEqual(["A", "C", "B"]);
    expect(applyChecklistFilters(rows, parseChecklistFilters({ sort: "name" })).map((r) => r.facts.name)).toEqual(["A", "B", "C"]);
    expect(applyChecklistFilters(rows, parseChecklistFilters({ sort: "status", dir: "desc" })).map((r) => r.facts.name)).toEqual(["C", "A", "B"]);
    expect(applyChecklistFilters(rows, parseChecklistFilters({ gaps: "only" })).map((r) => r.facts.name)).toEqual(["A", "C"]);
    expect(applyChecklistFilters(rows, parseChecklistFilters({ item: "registry_record" })).map((r) => r.facts.name)).toEqual(["A", "C"]);
    expect(checklistQuery(parseChecklistFilters({ gaps: "only" }), { sort: "name" })).toBe("?gaps=only&sort=name");
    expect(() => parseChecklistFilters({ item: "everything" })).toThrow(/item must be one of/);
  });
});
