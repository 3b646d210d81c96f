import { describe, expect, it } from "vitest";
import type { Role } from "@/lib/authz/permissions";
import {
  type RecordedDecision,
  type RequestForDecision,
  type RequestState,
  decide,
  decisionStanding,
  describeWaitingOn,
  pendingRoles,
  withdrawRefusal,
} from "./decisions";
import { requiredApprovals } from "./policy";

const LOW = requiredApprovals(["limited"]);
const HIGH = requiredApprovals(["high"]);

function request(overrides: Partial<RequestForDecision> = {}): RequestForDecision {
  return { requesterId: "eng-1", state: "open", policy: LOW, decisions: [], ...overrides };
}

const person = (userId: string, ...roles: Role[]) => ({ userId, roles });
const lead = person("lead-1", "ml_lead");
const lead2 = person("lead-2", "ml_lead");
const compliance = person("comp-1", "compliance");
const leadAndCompliance = person("both-1", "ml_lead", "compliance");
const approvedBy = (deciderId: string, role: Role): RecordedDecision => ({ deciderId, role, decision: "approve" });

describe("who may decide", () => {
  it("refuses a decision on one's own request, even with the ML lead role", () => {
    for (const decision of ["approve", "reject"] as const) {
      const outcome = decide(request({ requesterId: "lead-1" }), lead, decision);
      expect(outcome).toMatchObject({ ok: false, code: "rule_violation", violation: { rule: "no_self_decision" } });
      if (!outcome.ok) expect(outcome.violation.message).toMatch(/^no_self_decision: /);
    }
    expect(decide(request({ requesterId: "both-1", policy: HIGH }), leadAndCompliance, "approve")).toMatchObject({
      ok: false,
      violation: { rule: "no_self_decision" },
    });
  });

  it("refuses a person holding no role of the policy", () => {
    for (const who of [person("eng-2", "engineer"), person("adm", "admin"), person("po", "product_owner"), person("v", "viewer"), person("nobody")]) {
      const outcome = decide(request(), who, "approve");
      expect(outcome).toMatchObject({ ok: false, code: "forbidden", violation: { rule: "approver_role_required" } });
      if (!outcome.ok) expect(outcome.violation.message).toBe("approver_role_required: this request needs a decision from ml_lead.");
    }
  });

  it("refuses compliance on a request that only needs an ML lead", () => {
    expect(decide(request(), compliance, "approve")).toMatchObject({ ok: false, code: "forbidden", violation: { rule: "approver_role_required" } });
    const high = decide(request({ policy: HIGH }), person("eng-2", "engineer"), "reject");
    expect(high.ok === false && high.violation.message).toBe("approver_role_required: this request needs a decision from ml_lead or compliance.");
  });
});

describe("only open requests are decided", () => {
  it.each(["approved", "rejected", "withdrawn", "applied"] as RequestState[])("refuses a %s request as a conflict", (state) => {
    for (const decision of ["approve", "reject"] as const) {
      const outcome = decide(request({ state }), lead, decision);
      expect(outcome).toMatchObject({ ok: false, code: "conflict", violation: { rule: "request_not_open" } });
      if (!outcome.ok) expect(outcome.violation.message).toBe(`request_not_open: this request is already ${state} and cannot be decided again.`);
    }
  });
});

describe("one person counts once", () => {
  it("refuses a second decision by the same person", () => {
    const outcome = decide(request({ policy: HIGH, decisions: [approvedBy("both-1", "ml_lead")] }), leadAndCompliance, "approve");
    expect(outcome).toMatchObject({ ok: false, code: "conflict", violation: { rule: "one_decision_per_person" } });
    const again = decide(request({ policy: HIGH, decisions: [{ deciderId: "lead-1", role: "ml_lead", decision: "approve" }] }), lead, "reject");
    expect(again).toMatchObject({ ok: false, violation: { rule: "one_decision_per_person" } });
  });

  it("counts a lead+compliance person under the role still pending, completing the request", () => {
    const outcome = decide(request({ policy: HIGH, decisions: [approvedBy("lead-1", "ml_lead")] }), leadAndCompliance, "approve");
    expect(outcome).toEqual({ ok: true, countedRole: "compliance", newState: "approved", complete: true });
  });

  it("counts a lead+compliance person once on a fresh high-risk request: it still waits on the other role", () => {
    const outcome = decide(request({ policy: HIGH }), leadAndCompliance, "approve");
    expect(outcome).toEqual({ ok: true, countedRole: "ml_lead", newState: "open", complete: false });
    const afterCompliance = decide(request({ policy: HIGH, decisions: [approvedBy("comp-1", "compliance")] }), leadAndCompliance, "approve");
    expect(afterCompliance).toEqual({ ok: true, countedRole: "ml_lead", newState: "approved", complete: true });
  });

  it("refuses a second ML lead when only compliance is pending", () => {
    const outcome = decide(request({ policy: HIGH, decisions: [approvedBy("lead-1", "ml_lead")] }), lead2, "approve");
    expect(outcome).toMatchObject({ ok: false, code: "rule_violation", violation: { rule: "role_already_satisfied" } });
    if (!outcome.ok) expect(outcome.violation.message).toBe("role_already_satisfied: the ml_lead approval is already given; the request waits on compliance.");
  });
});

describe("outcomes", () => {
  it("closes the request on a rejection", () => {
    expect(decide(request(), lead, "reject")).toEqual({ ok: true, countedRole: "ml_lead", newState: "rejected", complete: false });
    expect(decide(request({ policy: HIGH, decisions: [approvedBy("lead-1", "ml_lead")] }), compliance, "reject")).toEqual({
      ok: true,
      countedRole: "compliance",
      newState: "rejected",
      complete: false,
    });
  });

  it("completes with the last needed approval", () => {
    expect(decide(request(), lead, "approve")).toEqual({ ok: true, countedRole: "ml_lead", newState: "approved", complete: true });
  });

  it("needs both roles on a high-risk request, in either order", () => {
    const first = decide(request({ policy: HIGH }), lead, "approve");
    expect(first).toEqual({ ok: true, countedRole: "ml_lead", newState: "open", complete: false });
    const second = decide(request({ policy: HIGH, decisions: [approvedBy("lead-1", "ml_lead")] }), compliance, "approve");
    expect(second).toEqual({ ok: true, countedRole: "compliance", newState: "approved", complete: true });

    const complianceFirst = decide(request({ policy: HIGH }), compliance, "approve");
    expect(complianceFirst).toEqual({ ok: true, countedRole: "compliance", newState: "open", complete: false });
    const leadLast = decide(request({ policy: HIGH, decisions: [approvedBy("comp-1", "compliance")] }), lead, "approve");
    expect(leadLast).toEqual({ ok: true, countedRole: "ml_lead", newState: "approved", complete: true });
  });

  it("needs as many people as the policy counts", () => {
    const policy = [{ role: "ml_lead" as const, count: 2 }];
    expect(decide(request({ policy }), lead, "approve")).toEqual({ ok: true, countedRole: "ml_lead", newState: "open", complete: false });
    expect(decide(request({ policy, decisions: [approvedBy("lead-1", "ml_lead")] }), lead2, "approve")).toEqual({
      ok: true,
      countedRole: "ml_lead",
      newState: "approved",
      complete: true,
    });
  });
});

describe("pendingRoles", () => {
  it("lists what each role still needs", () => {
    expect(pendingRoles(LOW, [])).toEqual([{ role: "ml_lead", missing: 1 }]);
    expect(pendingRoles(HIGH, [])).toEqual([
      { role: "ml_lead", missing: 1 },
      { role: "compliance", missing: 1 },
    ]);
    expect(pendingRoles(HIGH, [approvedBy("lead-1", "ml_lead")])).toEqual([{ role: "compliance", missing: 1 }]);
    expect(pendingRoles(HIGH, [approvedBy("lead-1", "ml_lead"), approvedBy("comp-1", "compliance")])).toEqual([]);
    expect(pendingRoles([{ role: "ml_lead", count: 3 }], [approvedBy("a", "ml_lead")])).toEqual([{ role: "ml_lead", missing: 2 }]);
  });

  it("does not count rejections as approvals", () => {
    expect(pendingRoles(LOW, [{ deciderId: "lead-1", role: "ml_lead", decision: "reject" }])).toEqual([{ role: "ml_lead", missing: 1 }]);
  });
});

describe("the why-not a request page shows is the refusal the service throws", () => {
  // For every person and request state, the page's answer (may approve, or why not) and the service's
  // decide() agree: the page offers the form exactly when an approval would be accepted.
  const people = [
    lead,
    lead2,
    compliance,
    leadAndCompliance,
    person("eng-1", "engineer"),
    person("eng-2", "engineer"),
    person("v", "viewer"),
    person("lead-eng", "engineer", "ml_lead"),
  ];
  const requests: RequestForDecision[] = [
    request(),
    request({ requesterId: "lead-eng" }),
    request({ policy: HIGH }),
    request({ policy: HIGH, decisions: [approvedBy("lead-1", "ml_lead")] }),
    request({ policy: HIGH, decisions: [approvedBy("comp-1", "compliance")] }),
    ...(["approved", "rejected", "withdrawn", "applied"] as RequestState[]).map((state) => request({ state })),
  ];

  it("agrees with decide() on every person and request", () => {
    for (const r of requests) {
      for (const who of people) {
        const standing = decisionStanding(r, who, "approve");
        const outcome = decide(r, who, "approve");
        expect(standing.ok, `${who.userId} on ${JSON.stringify(r)}`).toBe(outcome.ok);
        if (!standing.ok && !outcome.ok) expect(standing.violation).toEqual(outcome.violation);
        if (standing.ok && outcome.ok) expect(standing.countedRole).toBe(outcome.countedRole);
      }
    }
  });

  it("words each refusal for the person looking", () => {
    const why = (r: RequestForDecision, who: { userId: string; roles: Role[] }) => {
      const standing = decisionStanding(r, who, "approve");
      return standing.ok ? null : standing.toViewer;
    };
    expect(why(request({ requesterId: "lead-1" }), lead)).toMatch(/^You opened this request; someone else must decide it\./);
    expect(why(request({ state: "applied" }), lead)).toBe("This request is applied; it cannot be decided again.");
    expect(why(request({ decisions: [{ deciderId: "lead-1", role: "ml_lead", decision: "reject" }] }), lead)).toContain("already decided");
    expect(why(request(), person("v", "viewer"))).toBe("You can read this request; deciding it is for ML leads and compliance.");
    expect(why(request(), compliance)).toBe("It waits on ML lead; none of your roles is still needed.");
    expect(why(request({ policy: HIGH, decisions: [approvedBy("lead-1", "ml_lead")] }), lead2)).toBe(
      "It waits on Compliance; none of your roles is still needed.",
    );
    expect(why(request({ policy: HIGH, decisions: [approvedBy("lead-1", "ml_lead")] }), compliance)).toBeNull();
  });

  it("lets a person whose role is already given still reject, as the service does", () => {
    const satisfied = request({ policy: HIGH, decisions: [approvedBy("lead-1", "ml_lead")] });
    expect(decisionStanding(satisfied, lead2, "approve").ok).toBe(false);
    expect(decisionStanding(satisfied, lead2, "reject")).toEqual({ ok: true, countedRole: "ml_lead" });
  });

  it("describes who a request waits on", () => {
    expect(
      describeWaitingOn([
        { role: "ml_lead", missing: 1 },
        { role: "compliance", missing: 2 },
      ]),
    ).toBe("ML lead, 2 × Compliance");
    expect(describeWaitingOn([])).toBe("");
  });
});

describe("withdrawing", () => {
  const open = { requesterId: "eng-1", state: "open" as const };
  it("is for the requester, while the request is open, with the permission to open requests", () => {
    expect(withdrawRefusal(open, { userId: "eng-1", mayOpen: true })).toBeNull();
    expect(withdrawRefusal(open, { userId: "eng-2", mayOpen: true })).toMatchObject({ code: "forbidden", violation: { rule: "only_requester_withdraws" } });
    expect(withdrawRefusal(open, { userId: null, mayOpen: true })).toMatchObject({ violation: { rule: "only_requester_withdraws" } });
    expect(withdrawRefusal(open, { userId: "eng-1", mayOpen: false })).toMatchObject({ code: "forbidden" });
    for (const state of ["approved", "rejected", "withdrawn", "applied"] as const) {
      expect(withdrawRefusal({ ...open, state }, { userId: "eng-1", mayOpen: true })).toMatchObject({
        code: "conflict",
        violation: { rule: "request_not_open", message: `This request is already ${state}.` },
      });
    }
  });
});
