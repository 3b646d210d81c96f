import { describe, expect, it } from "vitest";
import { type Permission, type Role, rolesCan } from "@/lib/authz/permissions";
import { statusMoves, whoMay } from "./status-moves";
import { type LifecycleFacts, TRANSITIONS, checkPreconditions, findTransition } from "./transitions";

const facts = (overrides: Partial<LifecycleFacts> = {}): LifecycleFacts => ({
  status: "approved",
  pinning: "strict",
  intendedUse: "Answers.",
  limitations: "None known.",
  approvedWorkflowIds: ["wf-1"],
  requestedWorkflowIds: [],
  passedGates: [{ workflowId: "wf-1", createdAt: new Date("2026-01-01") }],
  plan: null,
  liveBundles: 0,
  ...overrides,
});
const as =
  (...roles: Role[]) =>
  (p: Permission) =>
    rolesCan(roles, p);
const byName = (moves: ReturnType<typeof statusMoves>) => Object.fromEntries(moves.map((m) => [m.name, m]));

describe("statusMoves", () => {
  it("lists every transition out of the status, none other", () => {
    expect(
      statusMoves(facts(), as("ml_lead"))
        .map((m) => m.name)
        .sort(),
    ).toEqual(["approved_to_fallback_only", "disable", "to_deprecated"]);
    expect(statusMoves(facts({ status: "retired" }), as("admin"))).toEqual([]);
  });

  it("asks for a reason exactly where the transition's preconditions include one", () => {
    for (const status of ["testing", "approved", "fallback_only", "deprecated", "disabled"] as const) {
      for (const move of statusMoves(facts({ status }), as("ml_lead"))) {
        expect(move.needsReason, move.name).toBe(findTransition(status, move.to)!.preconditions.includes("reason"));
      }
    }
    expect(
      TRANSITIONS.filter((t) => t.preconditions.includes("reason"))
        .map((t) => t.name)
        .sort(),
    ).toEqual(["disable", "disabled_to_testing"]);
  });

  it("opens a direct move to its permission holders when its preconditions hold, and says why otherwise", () => {
    const lead = byName(statusMoves(facts(), as("ml_lead")));
    expect(lead.approved_to_fallback_only).toMatchObject({ open: true, why: null });
    expect(lead.disable).toMatchObject({ open: true, why: null, needsReason: true });
    // Serving a workflow without a deprecation plan: the precondition's own message.
    expect(lead.to_deprecated.open).toBe(false);
    expect(lead.to_deprecated.why).toBe(checkPreconditions(findTransition("approved", "deprecated")!, facts())[0].message);

    const engineer = byName(statusMoves(facts(), as("engineer")));
    expect(engineer.approved_to_fallback_only).toMatchObject({ open: false, why: "only ML lead may make this move." });
    expect(engineer.disable).toMatchObject({ open: false, why: "only ML lead or Compliance may make this move." });
  });

  it("offers a change request to those who may open one, with what stands in its way now", () => {
    const unready = facts({ status: "testing", approvedWorkflowIds: [], passedGates: [], pinning: "family" });
    const engineer = byName(statusMoves(unready, as("engineer")));
    expect(engineer.testing_to_approved).toMatchObject({ mode: "change_request", mayRequest: true, open: false });
    expect(engineer.testing_to_approved.why).toMatch(/strictly pinned/);
    const lead = byName(statusMoves(unready, as("ml_lead")));
    expect(lead.testing_to_approved).toMatchObject({ mayRequest: false, open: false, why: "an engineer opens the change request and approvers decide it." });
  });

  it("names who may, in words", () => {
    expect(whoMay("model:change_status")).toBe("ML lead");
    expect(whoMay("model:retire")).toBe("Compliance or Admin");
  });
});
