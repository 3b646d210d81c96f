// The approvals pages' views against a real (in-memory PGlite) database: what each person may do on a
// request and in the inbox is what the service then accepts or refuses.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rolesCan } from "@/lib/authz/permissions";
import type { Database } from "@/lib/db/connection";
import type { PageViewer } from "@/lib/server/page";
import { failure } from "@/lib/testing/expect-failure";
import { type GovernanceWorld, type UserActor, approvalRequest, governanceWorld } from "@/lib/testing/governance-fixtures";
import { openTestDatabase } from "@/lib/testing/test-database";
import { decideChangeRequest, openChangeRequest, withdrawChangeRequest } from "./change-request-service";
import { inboxView } from "./inbox-view";
import { newRequestView } from "./new-request-view";
import { requestView } from "./request-view";

let db: Database;
let w: GovernanceWorld;
const viewerOf = (user: UserActor): PageViewer => ({ user, prisma: db.prisma, can: (p) => rolesCan(user.roles, p) });

beforeAll(async () => {
  db = await openTestDatabase();
  w = await governanceWorld(db.prisma);
});
afterAll(() => db.close());

describe("a request's page", () => {
  it("offers the decision exactly to those the service lets approve, counted as the role it counts", async () => {
    const { request } = await openChangeRequest(db.prisma, w.actors.engineer, approvalRequest(w, { workflow: w.loans.slug, evidence: [w.runs.passLoans.id] }));
    const people = [w.actors.engineer, w.actors.viewer, w.actors.compliance, w.actors.ml_lead, w.leadAndCompliance, w.engineerLead];
    const offered = new Map<UserActor, string | null>();
    for (const person of people) {
      const view = await requestView(viewerOf(person), request.id);
      offered.set(person, view.decide.allowed ? view.decide.countsAs : null);
      if (!view.decide.allowed) expect(view.decide.whyNot.length).toBeGreaterThan(0);
    }
    expect(offered.get(w.actors.engineer)).toBeNull();
    expect(offered.get(w.actors.viewer)).toBeNull();
    expect(offered.get(w.actors.ml_lead)).toBe("ml_lead");
    expect(offered.get(w.actors.compliance)).toBe("compliance");
    expect((await requestView(viewerOf(w.actors.viewer), request.id)).decide).toEqual({
      allowed: false,
      whyNot: "You can read this request; deciding it is for ML leads and compliance.",
    });

    // The ML lead approves, as offered; the page then tells them why not again, and the service agrees.
    await decideChangeRequest(db.prisma, w.actors.ml_lead, { id: request.id, decision: "approve", version: request.version });
    const after = await requestView(viewerOf(w.actors.ml_lead), request.id);
    expect(after.decide).toEqual({ allowed: false, whyNot: "You have already decided this request; one person counts once." });
    expect(
      await failure(decideChangeRequest(db.prisma, w.actors.ml_lead, { id: request.id, decision: "approve", version: request.version + 1 })),
    ).toMatchObject({ rule: "one_decision_per_person" });
    // A second ML lead is not offered it either: only compliance is still needed.
    expect((await requestView(viewerOf(w.engineerLead), request.id)).decide).toEqual({
      allowed: false,
      whyNot: "It waits on Compliance; none of your roles is still needed.",
    });
    expect((await requestView(viewerOf(w.actors.compliance), request.id)).waitingOn).toEqual([{ role: "compliance", missing: 1 }]);
  });

  it("offers withdrawing to the requester only, while it is open", async () => {
    const { request } = await openChangeRequest(db.prisma, w.actors.engineer, approvalRequest(w));
    expect((await requestView(viewerOf(w.actors.engineer), request.id)).withdraw).toEqual({ allowed: true });
    const other = (await requestView(viewerOf(w.engineerLead), request.id)).withdraw;
    expect(other.allowed).toBe(false);
    expect(await failure(withdrawChangeRequest(db.prisma, w.engineerLead, { id: request.id, version: 1 }))).toMatchObject({ rule: "only_requester_withdraws" });
    await withdrawChangeRequest(db.prisma, w.actors.engineer, { id: request.id, version: 1 });
    expect((await requestView(viewerOf(w.actors.engineer), request.id)).withdraw).toEqual({
      allowed: false,
      whyNot: "This request is withdrawn; it can no longer be withdrawn.",
    });
  });

  it("compares an approval request with the workflow's current primary and shows its policy", async () => {
    const { request } = await openChangeRequest(db.prisma, w.actors.engineer, approvalRequest(w));
    const view = await requestView(viewerOf(w.actors.viewer), request.id);
    expect(view.policy).toEqual({ text: "1 ML lead", highRisk: false });
    expect(view.comparisons).toHaveLength(1);
    expect(view.comparisons[0].comparison.incumbent?.model.id).toBe(w.incumbent.id);
    expect(view.comparisons[0].recommendation.verdict).toBe("approve");
    expect(view.evidence.map((e) => e.id)).toEqual([w.runs.passChat.id]);
  });

  it("is not found for an unknown id", async () => {
    await expect(requestView(viewerOf(w.actors.viewer), "00000000-0000-0000-0000-000000000000")).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("the inbox", () => {
  it("lists under Mine the open requests the viewer may approve, and opens on Pending for those who cannot decide", async () => {
    const { request } = await openChangeRequest(db.prisma, w.actors.engineer, approvalRequest(w));
    const lead = await inboxView(viewerOf(w.actors.ml_lead), {});
    expect(lead.tab).toBe("mine");
    expect(lead.items.map((r) => r.id)).toContain(request.id);
    const compliance = await inboxView(viewerOf(w.actors.compliance), { tab: "mine" });
    expect(compliance.items.map((r) => r.id)).not.toContain(request.id);
    const engineer = await inboxView(viewerOf(w.actors.engineer), {});
    expect(engineer).toMatchObject({ tab: "pending", open: { allowed: true }, decide: { allowed: false } });
    expect(engineer.items.map((r) => r.id)).toContain(request.id);
    expect((await inboxView(viewerOf(w.actors.viewer), { tab: "nonsense" })).unknownTab).toBe("nonsense");
  });
});

describe("the new-request page", () => {
  it("offers a model's evidence on the chosen workflow, and only the moves a change request makes", async () => {
    const approval = await newRequestView(viewerOf(w.actors.engineer), { model: w.candidate.id, workflow: w.chat.slug });
    expect(approval.next.step).toBe("form");
    if (approval.next.step === "form") expect(approval.next.form.runs.map((r) => r.id).sort()).toEqual([w.runs.passChat.id, w.runs.failChat.id].sort());
    const status = await newRequestView(viewerOf(w.actors.engineer), { model: w.candidate.id, kind: "status_change" });
    if (status.next.step !== "form" || status.next.form.kind !== "status_change") throw new Error("expected the status form");
    expect(status.next.form.targets.map((t) => t.status).sort()).toEqual(["approved", "fallback_only"]);
    const incumbent = await newRequestView(viewerOf(w.actors.engineer), { model: w.incumbent.id, kind: "status_change" });
    expect(incumbent.next).toEqual({ step: "no_request_moves", model: { id: w.incumbent.id, status: "approved" } });
    expect((await newRequestView(viewerOf(w.actors.engineer), { workflow: "nope" })).problems).toEqual([
      'There is no workflow "nope"; choose one from the list.',
    ]);
  });
});
