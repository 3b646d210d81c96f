import { describe, expect, it } from "vitest";
import { PERMISSIONS, type Permission } from "@/lib/authz/permissions";
import type { ModelStatus } from "@/lib/catalog/model-vocabulary";
import {
  type LifecycleFacts,
  type Precondition,
  TRANSITIONS,
  type Transition,
  type TransitionMode,
  checkPreconditions,
  findTransition,
  resolveTransition,
  transitionsFrom,
} from "./transitions";

const STATUSES: readonly ModelStatus[] = ["testing", "approved", "fallback_only", "deprecated", "disabled", "retired"];

// docs/lifecycle.md, written out independently of the module: one row per from → to pair.
interface ExpectedRow {
  from: ModelStatus;
  to: ModelStatus;
  name: string;
  mode: TransitionMode;
  permission: Permission;
  preconditions: Precondition[];
}

const CR = "change_request:open" as const;
const EXPECTED: ExpectedRow[] = [
  {
    from: "testing",
    to: "approved",
    name: "testing_to_approved",
    mode: "change_request",
    permission: CR,
    preconditions: ["passed_gate_any_workflow", "strict_pinning", "model_card"],
  },
  {
    from: "testing",
    to: "fallback_only",
    name: "testing_to_fallback_only",
    mode: "change_request",
    permission: CR,
    preconditions: ["passed_gate_each_workflow"],
  },
  {
    from: "fallback_only",
    to: "approved",
    name: "fallback_only_to_approved",
    mode: "change_request",
    permission: CR,
    preconditions: ["passed_gate_each_workflow"],
  },
  { from: "approved", to: "fallback_only", name: "approved_to_fallback_only", mode: "direct", permission: "model:change_status", preconditions: [] },
  {
    from: "approved",
    to: "deprecated",
    name: "to_deprecated",
    mode: "direct",
    permission: "model:change_status",
    preconditions: ["deprecation_plan_unless_unused"],
  },
  {
    from: "fallback_only",
    to: "deprecated",
    name: "to_deprecated",
    mode: "direct",
    permission: "model:change_status",
    preconditions: ["deprecation_plan_unless_unused"],
  },
  {
    from: "deprecated",
    to: "approved",
    name: "deprecated_to_approved",
    mode: "change_request",
    permission: CR,
    preconditions: ["passed_gate_newer_than_plan"],
  },
  { from: "testing", to: "disabled", name: "disable", mode: "direct", permission: "model:disable", preconditions: ["reason"] },
  { from: "approved", to: "disabled", name: "disable", mode: "direct", permission: "model:disable", preconditions: ["reason"] },
  { from: "fallback_only", to: "disabled", name: "disable", mode: "direct", permission: "model:disable", preconditions: ["reason"] },
  { from: "deprecated", to: "disabled", name: "disable", mode: "direct", permission: "model:disable", preconditions: ["reason"] },
  { from: "disabled", to: "testing", name: "disabled_to_testing", mode: "direct", permission: "model:change_status", preconditions: ["reason"] },
  { from: "disabled", to: "retired", name: "disabled_to_retired", mode: "direct", permission: "model:retire", preconditions: ["nothing_refers_to_it"] },
];

function expectedFor(from: ModelStatus, to: ModelStatus): ExpectedRow | undefined {
  return EXPECTED.find((r) => r.from === from && r.to === to);
}

const ALL_PAIRS = STATUSES.flatMap((from) => STATUSES.map((to) => [from, to] as const));

function transition(name: string): Transition {
  const t = TRANSITIONS.find((x) => x.name === name);
  if (!t) throw new Error(`no transition ${name}`);
  return t;
}

const T0 = new Date("2025-03-01T12:00:00Z");
const before = (ms: number) => new Date(T0.getTime() - ms);
const after = (ms: number) => new Date(T0.getTime() + ms);

/** Facts that meet every precondition of every transition. */
function facts(overrides: Partial<LifecycleFacts> = {}): LifecycleFacts {
  return {
    status: "testing",
    pinning: "strict",
    intendedUse: "Summarising support tickets in English and German.",
    limitations: "Not for legal or medical advice.",
    approvedWorkflowIds: [],
    requestedWorkflowIds: ["wf-support"],
    passedGates: [{ workflowId: "wf-support", createdAt: T0 }],
    plan: null,
    liveBundles: 0,
    ...overrides,
  };
}

function rules(t: Transition, f: LifecycleFacts, reason: string | null = null): string[] {
  return checkPreconditions(t, f, reason).map((v) => v.rule);
}

describe("the transition table matches docs/lifecycle.md", () => {
  it("has exactly the expected moves, each with its mode, permission and preconditions", () => {
    const actual = TRANSITIONS.flatMap((t) =>
      t.from.map((from) => ({ from, to: t.to, name: t.name, mode: t.mode, permission: t.permission, preconditions: [...t.preconditions] })),
    );
    const key = (r: { from: string; to: string }) => `${r.from}->${r.to}`;
    expect([...actual].sort((a, b) => key(a).localeCompare(key(b)))).toEqual([...EXPECTED].sort((a, b) => key(a).localeCompare(key(b))));
  });

  it.each(ALL_PAIRS)("%s → %s resolves to the expected transition or is refused with no_such_transition", (from, to) => {
    const expected = expectedFor(from, to);
    const resolved = resolveTransition(from, to);
    if (expected) {
      expect(resolved).toHaveProperty("transition");
      if (!("transition" in resolved)) return;
      expect(resolved.transition).toMatchObject({ name: expected.name, to, mode: expected.mode, permission: expected.permission });
      expect(resolved.transition.from).toContain(from);
      expect(findTransition(from, to)).toBe(resolved.transition);
    } else {
      expect(findTransition(from, to)).toBeUndefined();
      expect(resolved).toHaveProperty("violation");
      if (!("violation" in resolved)) return;
      expect(resolved.violation.rule).toBe("no_such_transition");
      expect(resolved.violation.message).toMatch(/^no_such_transition: /);
    }
  });

  it("refuses notable non-moves by name", () => {
    for (const [from, to] of [
      ["testing", "deprecated"],
      ["approved", "testing"],
      ["deprecated", "fallback_only"],
      ["disabled", "approved"],
      ["testing", "retired"],
      ["approved", "retired"],
    ] as const) {
      expect(resolveTransition(from, to)).toEqual({ violation: expect.objectContaining({ rule: "no_such_transition" }) });
    }
  });

  it("lets a retired model go nowhere", () => {
    expect(transitionsFrom("retired")).toEqual([]);
    for (const to of STATUSES) {
      const resolved = resolveTransition("retired", to);
      expect("violation" in resolved && resolved.violation.rule).toBe("no_such_transition");
    }
    const resolved = resolveTransition("retired", "approved");
    expect("violation" in resolved && resolved.violation.message).toContain("from retired it can go to nothing");
  });

  it("tells the user where the model can go instead", () => {
    const resolved = resolveTransition("testing", "deprecated");
    expect("violation" in resolved && resolved.violation.message).toBe(
      "no_such_transition: a model cannot go from testing to deprecated; from testing it can go to approved, fallback_only, disabled.",
    );
    const same = resolveTransition("approved", "approved");
    expect("violation" in same && same.violation).toEqual({ rule: "no_such_transition", message: "no_such_transition: the model is already approved." });
  });

  it("lists the moves open from each status", () => {
    const targets = (from: ModelStatus) =>
      transitionsFrom(from)
        .map((t) => t.to)
        .sort();
    expect(targets("testing")).toEqual(["approved", "disabled", "fallback_only"]);
    expect(targets("approved")).toEqual(["deprecated", "disabled", "fallback_only"]);
    expect(targets("fallback_only")).toEqual(["approved", "deprecated", "disabled"]);
    expect(targets("deprecated")).toEqual(["approved", "disabled"]);
    expect(targets("disabled")).toEqual(["retired", "testing"]);
    expect(targets("retired")).toEqual([]);
  });

  it("can disable any model but a retired (or already disabled) one", () => {
    for (const from of STATUSES) {
      const t = findTransition(from, "disabled");
      if (from === "retired" || from === "disabled") expect(t).toBeUndefined();
      else expect(t?.name).toBe("disable");
    }
  });

  it("gives direct moves to the roles docs/lifecycle.md names", () => {
    expect([...PERMISSIONS["model:change_status"]]).toEqual(["ml_lead"]); // approved → fallback_only / deprecated, disabled → testing
    expect([...PERMISSIONS["model:disable"]].sort()).toEqual(["compliance", "ml_lead"]);
    expect([...PERMISSIONS["model:retire"]].sort()).toEqual(["admin", "compliance"]);
    expect([...PERMISSIONS["change_request:decide"]].sort()).toEqual(["compliance", "ml_lead"]);
  });

  it("has unique names per transition and no duplicate from → to", () => {
    const seen = new Set<string>();
    for (const t of TRANSITIONS)
      for (const from of t.from) {
        const k = `${from}->${t.to}`;
        expect(seen.has(k)).toBe(false);
        seen.add(k);
      }
    expect(new Set(TRANSITIONS.map((t) => t.name)).size).toBe(TRANSITIONS.length);
  });
});

describe("preconditions", () => {
  it("passes every transition with facts that meet everything", () => {
    const good = facts({ plan: { migrationTargetId: "m-next", softDeadline: after(1), hardDeadline: after(2), createdAt: before(1000) } });
    for (const t of TRANSITIONS) expect(checkPreconditions(t, good, "security incident")).toEqual([]);
  });

  describe("testing → approved", () => {
    const t = transition("testing_to_approved");

    it("needs at least one workflow with a passed gate (requested or already approved)", () => {
      expect(rules(t, facts())).toEqual([]);
      expect(rules(t, facts({ requestedWorkflowIds: [], approvedWorkflowIds: ["wf-support"] }))).toEqual([]);
      expect(rules(t, facts({ requestedWorkflowIds: ["wf-support", "wf-legal"] }))).toEqual([]);
      expect(rules(t, facts({ passedGates: [] }))).toEqual(["testing_to_approved.passed_gate_any_workflow"]);
      // A passed gate for a workflow it is neither approved for nor asked to be does not count.
      expect(rules(t, facts({ passedGates: [{ workflowId: "wf-other", createdAt: T0 }] }))).toEqual(["testing_to_approved.passed_gate_any_workflow"]);
      expect(rules(t, facts({ requestedWorkflowIds: [], approvedWorkflowIds: [] }))).toEqual(["testing_to_approved.passed_gate_any_workflow"]);
    });

    it("needs strict pinning: family or tier pinning is refused", () => {
      for (const pinning of ["family", "tier"] as const) {
        const v = checkPreconditions(t, facts({ pinning }));
        expect(v).toEqual([
          {
            rule: "testing_to_approved.strict_pinning",
            message: `testing_to_approved: the model is pinned at ${pinning} level; approval needs a strictly pinned snapshot.`,
          },
        ]);
      }
    });

    it("needs a model card with intended use and limitations, not blank", () => {
      const card = ["testing_to_approved.model_card"];
      expect(rules(t, facts({ intendedUse: null }))).toEqual(card);
      expect(rules(t, facts({ limitations: null }))).toEqual(card);
      expect(rules(t, facts({ intendedUse: "" }))).toEqual(card);
      expect(rules(t, facts({ intendedUse: "   \n\t" }))).toEqual(card);
      expect(rules(t, facts({ limitations: "  " }))).toEqual(card);
      expect(rules(t, facts({ intendedUse: null, limitations: null }))).toEqual(card);
      expect(checkPreconditions(t, facts({ limitations: null }))[0]?.message).toBe(
        "testing_to_approved: the model has a model card without intended use or limitations.",
      );
    });

    it("reports every unmet precondition at once, each named and starting with the transition", () => {
      const v = checkPreconditions(t, facts({ passedGates: [], pinning: "family", intendedUse: null }));
      expect(v.map((x) => x.rule)).toEqual([
        "testing_to_approved.passed_gate_any_workflow",
        "testing_to_approved.strict_pinning",
        "testing_to_approved.model_card",
      ]);
      for (const x of v) expect(x.message.startsWith("testing_to_approved: ")).toBe(true);
    });
  });

  describe.each(["testing_to_fallback_only", "fallback_only_to_approved"])("%s", (name) => {
    const t = transition(name);
    const rule = `${name}.passed_gate_each_workflow`;

    it("needs a passed gate for each workflow, requested or approved", () => {
      expect(rules(t, facts())).toEqual([]);
      const both = facts({
        approvedWorkflowIds: ["wf-a"],
        requestedWorkflowIds: ["wf-b"],
        passedGates: [
          { workflowId: "wf-a", createdAt: T0 },
          { workflowId: "wf-b", createdAt: T0 },
        ],
      });
      expect(rules(t, both)).toEqual([]);
      const missingRequested = facts({ approvedWorkflowIds: ["wf-a"], requestedWorkflowIds: ["wf-b"], passedGates: [{ workflowId: "wf-a", createdAt: T0 }] });
      expect(checkPreconditions(t, missingRequested)).toEqual([
        { rule, message: `${name}: the model has no passed evaluation gate for 1 of its 2 workflow(s).` },
      ]);
      const missingApproved = facts({ approvedWorkflowIds: ["wf-a"], requestedWorkflowIds: ["wf-b"], passedGates: [{ workflowId: "wf-b", createdAt: T0 }] });
      expect(rules(t, missingApproved)).toEqual([rule]);
      expect(rules(t, facts({ passedGates: [] }))).toEqual([rule]);
    });

    it("counts a workflow both approved and requested once", () => {
      const v = checkPreconditions(t, facts({ approvedWorkflowIds: ["wf-a"], requestedWorkflowIds: ["wf-a"], passedGates: [] }));
      expect(v[0]?.message).toBe(`${name}: the model has no passed evaluation gate for 1 of its 1 workflow(s).`);
    });

    it("refuses when no workflow is named at all", () => {
      const v = checkPreconditions(t, facts({ approvedWorkflowIds: [], requestedWorkflowIds: [] }));
      expect(v).toEqual([{ rule, message: `${name}: the model names no workflow to be approved for.` }]);
    });
  });

  describe("approved → fallback_only", () => {
    it("has no preconditions", () => {
      expect(
        checkPreconditions(
          transition("approved_to_fallback_only"),
          facts({ passedGates: [], pinning: "tier", intendedUse: null, approvedWorkflowIds: ["wf-a"] }),
        ),
      ).toEqual([]);
    });
  });

  describe("→ deprecated", () => {
    const t = transition("to_deprecated");
    const rule = "to_deprecated.deprecation_plan_unless_unused";
    const plan = { migrationTargetId: "m-next", softDeadline: after(1000), hardDeadline: after(2000), createdAt: T0 };

    it("needs no plan when no workflow uses the model", () => {
      expect(rules(t, facts({ approvedWorkflowIds: [], plan: null }))).toEqual([]);
    });

    it("needs a plan with a migration target and both deadlines when the model serves workflows", () => {
      const serving = { approvedWorkflowIds: ["wf-a", "wf-b"] };
      expect(rules(t, facts({ ...serving, plan }))).toEqual([]);
      expect(checkPreconditions(t, facts({ ...serving, plan: null }))).toEqual([
        {
          rule,
          message:
            "to_deprecated: the model serves 2 workflow(s) and 0 live bundle(s); deprecating it needs a deprecation plan with a migration target and deadlines.",
        },
      ]);
      // A live bundle is use too, even without an approval.
      expect(rules(t, facts({ approvedWorkflowIds: [], liveBundles: 1, plan: null }))).toEqual([rule]);
      expect(rules(t, facts({ ...serving, plan: { ...plan, migrationTargetId: null } }))).toEqual([rule]);
      expect(rules(t, facts({ ...serving, plan: { ...plan, softDeadline: null } }))).toEqual([rule]);
      expect(rules(t, facts({ ...serving, plan: { ...plan, hardDeadline: null } }))).toEqual([rule]);
    });
  });

  describe("deprecated → approved", () => {
    const t = transition("deprecated_to_approved");
    const rule = "deprecated_to_approved.passed_gate_newer_than_plan";
    const plan = { migrationTargetId: "m-next", softDeadline: after(1000), hardDeadline: after(2000), createdAt: T0 };

    it("needs a passed gate not older than the plan (an equal timestamp counts)", () => {
      expect(rules(t, facts({ plan, passedGates: [{ workflowId: "wf-support", createdAt: after(1) }] }))).toEqual([]);
      expect(rules(t, facts({ plan, passedGates: [{ workflowId: "wf-support", createdAt: T0 }] }))).toEqual([]);
      expect(checkPreconditions(t, facts({ plan, passedGates: [{ workflowId: "wf-support", createdAt: before(1) }] }))).toEqual([
        { rule, message: "deprecated_to_approved: the model needs a passed evaluation gate run after its deprecation plan." },
      ]);
      expect(
        rules(
          t,
          facts({
            plan,
            passedGates: [
              { workflowId: "a", createdAt: before(5) },
              { workflowId: "b", createdAt: after(5) },
            ],
          }),
        ),
      ).toEqual([]);
      expect(rules(t, facts({ plan, passedGates: [] }))).toEqual([rule]);
    });

    it("without a plan still needs some passed gate", () => {
      expect(rules(t, facts({ plan: null }))).toEqual([]);
      expect(checkPreconditions(t, facts({ plan: null, passedGates: [] }))).toEqual([
        { rule, message: "deprecated_to_approved: the model needs a passed evaluation gate." },
      ]);
    });
  });

  describe.each(["disable", "disabled_to_testing"])("%s needs a reason", (name) => {
    const t = transition(name);
    const rule = `${name}.reason`;

    it("accepts a real reason", () => {
      expect(rules(t, facts(), "provider changed the weights")).toEqual([]);
      expect(rules(t, facts(), "abc")).toEqual([]);
    });

    it("refuses a missing, blank or too-short reason", () => {
      expect(checkPreconditions(t, facts())).toEqual([{ rule, message: `${name}: the model needs a reason.` }]);
      expect(rules(t, facts(), null)).toEqual([rule]);
      expect(rules(t, facts(), "")).toEqual([rule]);
      expect(rules(t, facts(), "   ")).toEqual([rule]);
      expect(rules(t, facts(), "ab")).toEqual([rule]);
      expect(rules(t, facts(), "  ab  ")).toEqual([rule]);
    });
  });

  describe("disabled → retired", () => {
    const t = transition("disabled_to_retired");
    const rule = "disabled_to_retired.nothing_refers_to_it";

    it("is allowed when no approval and no live bundle refers to the model", () => {
      expect(rules(t, facts({ approvedWorkflowIds: [], liveBundles: 0 }))).toEqual([]);
    });

    it("is refused while an approval or a live bundle refers to it", () => {
      expect(checkPreconditions(t, facts({ approvedWorkflowIds: ["wf-a"], liveBundles: 0 }))).toEqual([
        { rule, message: "disabled_to_retired: the model is still referred to by 1 approval(s) and 0 live bundle(s)." },
      ]);
      expect(rules(t, facts({ approvedWorkflowIds: [], liveBundles: 2 }))).toEqual([rule]);
      expect(rules(t, facts({ approvedWorkflowIds: ["wf-a", "wf-b"], liveBundles: 3 }))).toEqual([rule]);
    });
  });
});
