// The catalog and model pages' views against a real (in-memory PGlite) database: what each person may
// do with a model is what the services then accept or refuse.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rolesCan } from "@/lib/authz/permissions";
import type { Database } from "@/lib/db/connection";
import { changeModelStatus } from "@/lib/lifecycle/status-service";
import type { PageViewer } from "@/lib/server/page";
import { failure } from "@/lib/testing/expect-failure";
import { type GovernanceWorld, type UserActor, governanceWorld } from "@/lib/testing/governance-fixtures";
import { openTestDatabase } from "@/lib/testing/test-database";
import { catalogView } from "./catalog-view";
import { editModelView, newModelView } from "./model-form-view";
import { updateModel } from "./model-service";
import { modelView } from "./model-view";

let db: Database;
let w: GovernanceWorld;
const viewerOf = (user: UserActor): PageViewer => ({ user, prisma: db.prisma, can: (p) => rolesCan(user.roles, p) });

beforeAll(async () => {
  db = await openTestDatabase();
  w = await governanceWorld(db.prisma);
});
afterAll(() => db.close());

describe("the model page", () => {
  it("offers editing only to engineers and only in testing, as updateModel enforces", async () => {
    expect((await modelView(viewerOf(w.actors.engineer), w.candidate.id)).edit).toEqual({ allowed: true });
    expect((await modelView(viewerOf(w.actors.viewer), w.candidate.id)).edit).toEqual({ allowed: false, whyNot: "Editing models is for engineers." });
    const approved = await modelView(viewerOf(w.actors.engineer), w.incumbent.id);
    expect(approved.edit).toEqual({ allowed: false, whyNot: `${w.incumbent.name} is approved: only models in testing can be edited.` });
    expect(
      await failure(
        updateModel(db.prisma, w.actors.engineer, { id: w.incumbent.id, version: 1, providerSlug: "anthropic", snapshotId: w.incumbent.snapshotId, name: "x" }),
      ),
    ).toMatchObject({ rule: "edit_only_in_testing" });
  });

  it("offers the status moves with their reason field and why each is closed", async () => {
    const lead = await modelView(viewerOf(w.actors.ml_lead), w.incumbent.id);
    const disable = lead.moves.find((m) => m.name === "disable")!;
    expect(disable).toMatchObject({ open: true, needsReason: true });
    expect(lead.moves.find((m) => m.name === "approved_to_fallback_only")).toMatchObject({ open: true, needsReason: false });
    const engineer = await modelView(viewerOf(w.actors.engineer), w.incumbent.id);
    expect(engineer.moves.find((m) => m.name === "disable")).toMatchObject({ open: false, why: "only ML lead or Compliance may make this move." });
    expect(lead.approvals.map((a) => [a.state, a.evidenceRunIds])).toEqual([["active", [w.runs.incumbentRun.id]]]);
  });

  it("offers an approval request only for a model that may still be approved", async () => {
    expect((await modelView(viewerOf(w.actors.engineer), w.candidate.id)).requestApproval).toEqual({ allowed: true });
    expect((await modelView(viewerOf(w.actors.ml_lead), w.candidate.id)).requestApproval.allowed).toBe(false);
    const model = await db.prisma.model.create({
      data: { providerId: w.candidate.providerId, snapshotId: `to-disable-${Date.now()}`, name: "To disable", status: "approved" },
    });
    await changeModelStatus(db.prisma, w.actors.ml_lead, { modelId: model.id, version: 1, to: "disabled", reason: "incident in production" });
    const view = await modelView(viewerOf(w.actors.engineer), model.id);
    expect(view.requestApproval).toEqual({ allowed: false, whyNot: "A disabled model gets no new approvals." });
    expect(view.disabled).toMatchObject({ by: w.actors.ml_lead.email, revokedApprovals: 0 });
    expect(view.outOfService?.departures.map((d) => [d.from, d.to])).toEqual([["approved", "disabled"]]);
  });

  it("is not found for an unknown id", async () => {
    await expect(modelView(viewerOf(w.actors.viewer), "not-a-uuid")).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("the register and edit forms", () => {
  it("carry the model's values and version, or why it may not be edited", async () => {
    const edit = await editModelView(viewerOf(w.actors.engineer), w.candidate.id);
    if (!edit.allowed) throw new Error(edit.whyNot);
    expect(edit.initial).toMatchObject({ id: w.candidate.id, version: 1, providerSlug: "anthropic", languages: "en, de" });
    expect(await editModelView(viewerOf(w.actors.engineer), w.incumbent.id)).toMatchObject({ allowed: false });
    expect((await newModelView(viewerOf(w.actors.engineer))).initial).toEqual({ kind: "hosted", pinning: "strict" });
  });
});

describe("the catalog page", () => {
  it("falls back to the unfiltered catalog with the message when the filters do not parse", async () => {
    const view = await catalogView(viewerOf(w.actors.viewer), { pageSize: "-4" });
    expect(view.filterError).toBeTruthy();
    expect(view.register.allowed).toBe(false);
    expect((await catalogView(viewerOf(w.actors.engineer), {})).register).toEqual({ allowed: true });
  });
});
