// The change-request API as a pipeline and a reviewer meet it: JSON in, JSON errors out with the
// status that says what went wrong (409 conflict, 422 rule broken, 403 role or scope missing).
// Uses Kimi K2.5 (testing) on agent planning, which has a passing demo evaluation run.
import { expect, type Page, test } from "@playwright/test";
import { signInAs } from "./support/accounts";

async function kimiEvidence(page: Page) {
  const models = await (await page.request.get("/api/v1/models?q=kimi-k2.5&provider=moonshotai")).json();
  const kimi = models.items.find((m: { snapshotId: string }) => m.snapshotId === "kimi-k2.5");
  const runs = await (await page.request.get(`/api/v1/evaluations?model=${kimi.id}&workflow=agent-planning&passed=passed`)).json();
  expect(runs.items.length).toBeGreaterThan(0);
  return { modelId: kimi.id as string, runId: runs.items[0].id as string };
}

test("a pipeline key opens a request; only a signed-in approver decides it, on the current version", async ({ browser }) => {
  const admin = await browser.newPage();
  await signInAs(admin, "admin");
  await admin.goto("/admin/api-keys");
  await admin.getByLabel("Name").fill(`pipeline-${Date.now()}`);
  await admin.getByRole("checkbox", { name: /^catalog:write/ }).check();
  await admin.getByRole("checkbox", { name: /^read/ }).check();
  await admin.getByRole("button", { name: "Create key" }).click();
  const key = (await admin.getByTestId("new-api-key").textContent())!.trim();
  const bearer = { authorization: `Bearer ${key}` };

  const engineer = await browser.newPage();
  await signInAs(engineer, "engineer");
  const { modelId, runId } = await kimiEvidence(engineer);

  // Bad input: a field-level 422, nothing opened.
  const invalid = await engineer.request.post("/api/v1/change-requests", {
    headers: bearer,
    data: { kind: "approval", modelId, workflow: "agent-planning", role: "boss", evidence: [runId], justification: "x" },
  });
  expect(invalid.status()).toBe(422);
  expect(Object.keys((await invalid.json()).error.fieldErrors)).toEqual(expect.arrayContaining(["role", "justification"]));

  const opened = await engineer.request.post("/api/v1/change-requests", {
    headers: bearer,
    data: {
      kind: "approval",
      modelId,
      workflow: "agent-planning",
      role: "fallback",
      languages: ["en"],
      evidence: [runId],
      justification: "Registered by the training pipeline after its evaluation passed.",
    },
  });
  expect(opened.status(), await opened.text()).toBe(201);
  const request = await opened.json();
  expect(request).toMatchObject({ state: "open", version: 1, policy: [{ role: "ml_lead", count: 1 }], violations: [] });

  // The key reads it back with its version; filters work.
  const listed = await (await engineer.request.get(`/api/v1/change-requests?state=open&model=${modelId}`, { headers: bearer })).json();
  expect(listed.items.map((i: { id: string; version: number }) => [i.id, i.version])).toContainEqual([request.id, 1]);

  // Decisions: never from a key, whatever its scopes.
  const byKey = await engineer.request.post(`/api/v1/change-requests/${request.id}/decisions`, { headers: bearer, data: { decision: "approve", version: 1 } });
  expect(byKey.status()).toBe(403);
  expect((await byKey.json()).error.code).toBe("forbidden");

  // An engineer's session lacks the role.
  const byEngineer = await engineer.request.post(`/api/v1/change-requests/${request.id}/decisions`, { data: { decision: "approve", version: 1 } });
  expect(byEngineer.status()).toBe(403);

  const lead = await browser.newPage();
  await signInAs(lead, "ml_lead");
  const stale = await lead.request.post(`/api/v1/change-requests/${request.id}/decisions`, { data: { decision: "approve", comment: "ok", version: 7 } });
  expect(stale.status()).toBe(409);
  expect((await stale.json()).error).toMatchObject({ code: "conflict", rule: "stale_version" });

  const approved = await lead.request.post(`/api/v1/change-requests/${request.id}/decisions`, {
    data: { decision: "approve", comment: "Cheap, passes the suite.", version: 1 },
  });
  expect(approved.status(), await approved.text()).toBe(200);
  expect(await approved.json()).toMatchObject({ state: "applied", version: 2 });

  const again = await lead.request.post(`/api/v1/change-requests/${request.id}/decisions`, { data: { decision: "reject", version: 2 } });
  expect(again.status()).toBe(409);
  expect((await again.json()).error.rule).toBe("request_not_open");
});

test("a request that breaks a rule shows it, and approving it is refused with 422 naming the rule", async ({ browser }) => {
  const engineer = await browser.newPage();
  await signInAs(engineer, "engineer");
  const { modelId, runId } = await kimiEvidence(engineer);
  // A limit above the workflow's maximum cost per task.
  const opened = await engineer.request.post("/api/v1/change-requests", {
    data: {
      kind: "approval",
      modelId,
      workflow: "agent-planning",
      role: "fallback",
      maxCostPerTaskUsd: 999,
      evidence: [runId],
      justification: "Asking for a generous cost limit on purpose.",
    },
  });
  expect(opened.status()).toBe(201);
  const request = await opened.json();
  expect(request.violations.map((v: { rule: string }) => v.rule)).toContain("cost_limit_above_workflow_maximum");

  const lead = await browser.newPage();
  await signInAs(lead, "ml_lead");
  const refused = await lead.request.post(`/api/v1/change-requests/${request.id}/decisions`, { data: { decision: "approve", version: 1 } });
  expect(refused.status()).toBe(422);
  expect((await refused.json()).error).toMatchObject({ code: "rule_violation", rule: "cost_limit_above_workflow_maximum" });
  const after = await (await lead.request.get(`/api/v1/change-requests/${request.id}`)).json();
  expect(after).toMatchObject({ state: "open", version: 1 });
});
