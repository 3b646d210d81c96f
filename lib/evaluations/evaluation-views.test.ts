// The evaluation pages' views against a real (in-memory PGlite) database.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rolesCan, type Role } from "@/lib/authz/permissions";
import { registerModel } from "@/lib/catalog/model-service";
import type { Database } from "@/lib/db/connection";
import type { PageViewer } from "@/lib/server/page";
import { type UserActor, actorPerRole, ensureProvider } from "@/lib/testing/actors";
import { openTestDatabase } from "@/lib/testing/test-database";
import { evaluationUploadFixture } from "./evaluation-fixtures";
import { uploadEvaluation } from "./evaluation-service";
import { evaluationUploadView } from "./evaluation-upload-view";
import { evaluationView } from "./evaluation-view";
import { UPLOAD_WHY_NOT, evaluationsView } from "./evaluations-view";

let db: Database;
let actors: Record<Role, UserActor>;
let model: { id: string };
let failedRunId: string;
const viewerOf = (user: UserActor): PageViewer => ({ user, prisma: db.prisma, can: (p) => rolesCan(user.roles, p) });

beforeAll(async () => {
  db = await openTestDatabase();
  await ensureProvider(db.prisma, "anthropic", "Anthropic");
  actors = await actorPerRole(db.prisma);
  model = await registerModel(db.prisma, actors.engineer, { providerSlug: "anthropic", snapshotId: "claude-view-test", name: "Claude view test" });
  const body = await evaluationUploadFixture(db.prisma, model.id);
  await uploadEvaluation(db.prisma, actors.engineer, body, "form");
  failedRunId = (await uploadEvaluation(db.prisma, actors.engineer, { ...body, datasetVersion: "2", metrics: { accuracy: 0.5 } }, "form")).id;
});
afterAll(() => db.close());

describe("the evaluation runs page", () => {
  it("offers the upload to engineers only, saying why to everyone else", async () => {
    expect((await evaluationsView(viewerOf(actors.engineer), {})).whyNotUpload).toBeNull();
    expect((await evaluationsView(viewerOf(actors.viewer), {})).whyNotUpload).toBe(UPLOAD_WHY_NOT);
  });

  it("filters by the URL, and shows every run with the reason when the URL is bad", async () => {
    const failed = await evaluationsView(viewerOf(actors.viewer), { passed: "failed" });
    expect(failed).toMatchObject({ filtered: true, filterError: null, result: { total: 1 } });
    const bad = await evaluationsView(viewerOf(actors.viewer), { passed: "maybe", page: "2" });
    expect(bad.filterError).toContain('Gate filter must be "passed" or "failed"');
    expect(bad).toMatchObject({ filtered: false, result: { total: 2, page: 1 } });
    expect(bad.workflows.map((w) => w.slug)).toContain("evaluation-fixture");
  });
});

describe("one run's page", () => {
  it("says why a failed gate failed, and an unknown run is not found", async () => {
    const { run, failureReason } = await evaluationView(viewerOf(actors.viewer), failedRunId);
    expect(run.gatePassed).toBe(false);
    expect(failureReason).toBe("accuracy 0.5 is below the minimum 0.8");
    await expect(evaluationView(viewerOf(actors.viewer), "00000000-0000-0000-0000-000000000000")).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("the upload page", () => {
  it("preselects the linked model and workflow only when the form offers them", async () => {
    const linked = await evaluationUploadView(viewerOf(actors.engineer), { modelId: model.id, workflow: "evaluation-fixture" });
    expect(linked.initial).toEqual({ modelId: model.id, workflow: "evaluation-fixture" });
    const unknown = await evaluationUploadView(viewerOf(actors.engineer), { modelId: "nope", workflow: ["nowhere"] });
    expect(unknown.initial).toEqual({ modelId: undefined, workflow: undefined });
  });
});
