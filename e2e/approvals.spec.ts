// Change requests end to end: an engineer uploads evidence and asks for an approval; nobody decides their
// own request; the ML lead compares and approves; a high-risk workflow waits for compliance (and a stale
// page gets the server's conflict message); disabling a model revokes its approvals and flags its
// dependants; a viewer reads the inbox without a decide form.
//
// Demo models used here and by no other spec: Claude Opus 4.5 (testing) on the coding assistant, GPT-5
// mini (testing) on loan document extraction (the high-risk workflow), GPT-4.1 (approved; disabled here,
// named as fallback by Gemini 2.5 Pro) and Kimi K2.5 (testing). Every run and request is new per test.
import { type Browser, expect, type Page, test } from "@playwright/test";
import { type DemoRole, signInAs } from "./support/accounts";

const unique = (prefix: string) => `${prefix}-${Date.now()}-${Math.random().toString(36).slice(2, 6)}`;

async function as(browser: Browser, role: DemoRole): Promise<Page> {
  const page = await browser.newPage();
  await signInAs(page, role);
  return page;
}

/** The catalog id of a demo model, read through the API with the page's session. */
async function modelId(page: Page, provider: string, snapshotId: string): Promise<string> {
  const response = await page.request.get(`/api/v1/models?q=${encodeURIComponent(snapshotId)}&provider=${provider}&pageSize=50`);
  expect(response.status()).toBe(200);
  const { items } = (await response.json()) as { items: { id: string; snapshotId: string; provider: { slug: string } }[] };
  const model = items.find((m) => m.snapshotId === snapshotId && m.provider.slug === provider);
  expect(model, `demo model ${provider}/${snapshotId}`).toBeTruthy();
  return model!.id;
}

/** An evaluation run posted to the API with an engineer's session; returns its id. */
async function uploadRun(page: Page, body: Record<string, unknown>): Promise<string> {
  const response = await page.request.post("/api/v1/evaluations", { data: body });
  expect(response.status(), await response.text()).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

async function openRequestByApi(page: Page, body: Record<string, unknown>): Promise<string> {
  const response = await page.request.post("/api/v1/change-requests", { data: body });
  expect(response.status(), await response.text()).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

test.describe.serial("an engineer asks, the ML lead compares and approves", () => {
  const datasetVersion = unique("e2e-opus");
  let requestUrl = "";
  let opusId = "";

  test("the engineer uploads an evaluation and opens an approval request that shows its policy at once", async ({ page }) => {
    await signInAs(page, "engineer");
    opusId = await modelId(page, "anthropic", "claude-opus-4-5-20251101");

    // The evaluation, through the upload form.
    await page.goto("/evaluations/new");
    await page.getByLabel("Model", { exact: true }).selectOption(opusId);
    await page.getByLabel("Workflow", { exact: true }).selectOption("coding-assistant");
    await page.getByLabel("Suite").fill("coding-assistant-suite");
    await page.getByLabel("Dataset version").fill(datasetVersion);
    await page.getByLabel("Metrics").fill("pass_at_1 = 0.86\np95_latency_ms = 4200\ncost_per_task_usd = 0.031");
    await page.getByRole("button", { name: "Upload evaluation" }).click();
    await expect(page).toHaveURL(/\/evaluations\/[0-9a-f-]{36}/);

    // The request, from the model's page.
    await page.goto(`/models/${opusId}`);
    await page.getByRole("link", { name: "Request approval for a workflow" }).click();
    await expect(page).toHaveURL(new RegExp(`/approvals/new\\?model=${opusId}`));
    await page.getByLabel("Workflow", { exact: true }).selectOption("coding-assistant");
    await page.getByRole("button", { name: "Continue" }).click();
    await expect(page.getByText("Approval of Claude Opus 4.5 for Coding assistant")).toBeVisible();

    await page.getByLabel("Fallback", { exact: true }).check();
    await page.getByLabel("Max cost per task (USD)").fill("0.04");
    await page.getByRole("checkbox", { name: new RegExp(datasetVersion) }).check();
    // A field error first: the justification is too short.
    await page.getByLabel("Justification").fill("cheap");
    await page.getByRole("button", { name: "Open change request" }).click();
    await expect(page.locator("#justification-error")).toContainText("Say why, in at least a sentence");
    await expect(page.getByLabel("Max cost per task (USD)")).toHaveValue("0.04");

    await page.getByLabel("Justification").fill("Opus 4.5 passes the coding suite comfortably; we want it as the fallback when Sonnet is rate-limited.");
    await page.getByRole("button", { name: "Open change request" }).click();
    await expect(page).toHaveURL(/\/approvals\/[0-9a-f-]{36}\?done=opened/);
    requestUrl = page.url().split("?")[0];
    await expect(page.getByTestId("form-alert")).toContainText("Request opened");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Approval as fallback: Claude Opus 4.5 for Coding assistant");
    await expect(page.getByTestId("violations")).toContainText("breaks no rule");
    await expect(page.getByTestId("policy")).toContainText("1 ML lead");
    await expect(page.getByTestId("request-waiting-on")).toHaveText("Waiting on ML lead");
    await expect(page.getByRole("region", { name: "Evidence" }).getByRole("link", { name: new RegExp(datasetVersion) })).toHaveAttribute(
      "href",
      /\/evaluations\//,
    );
  });

  test("the engineer cannot approve their own request, and the page says why", async ({ page }) => {
    await signInAs(page, "engineer");
    await page.goto(requestUrl);
    await expect(page.getByTestId("why-not-decide")).toHaveText(/You opened this request; someone else must decide it\./);
    await expect(page.getByRole("button", { name: "Approve" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Reject" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Withdraw request" })).toBeVisible();
  });

  test("the ML lead finds it under Mine, compares, approves; the model page shows the approval and its history", async ({ page }) => {
    await signInAs(page, "ml_lead");
    await page.getByRole("link", { name: "Approvals", exact: true }).click();
    await expect(page.getByRole("link", { name: /Mine to decide/ })).toHaveAttribute("aria-current", "page");
    const id = requestUrl.split("/").at(-1)!;
    await page.locator(`a[href="/approvals/${id}"]`).click();

    const comparison = page.getByTestId("comparison");
    await expect(comparison).toContainText("Claude Sonnet 4.5");
    const passRow = comparison.getByRole("row", { name: /pass_at_1/ });
    await expect(passRow).toContainText("0.86");
    await expect(passRow).toContainText(/better|worse|same/);
    await expect(passRow).toContainText("✓ pass");
    await expect(page.getByTestId("cost-latency")).toContainText("Cost per task (evaluation)");
    await expect(page.getByTestId("cost-latency")).toContainText("$0.0310");
    await expect(page.getByTestId("recommendation")).toContainText("Recommend: approve");

    await page.getByLabel("Comment").fill("Evidence is clear; fine as a fallback.");
    await page.getByRole("button", { name: "Approve" }).click();
    await expect(page.getByTestId("form-alert")).toContainText("Approved and applied");
    await expect(page.getByTestId("request-state")).toHaveText("Applied");
    await expect(page.getByTestId("decision")).toContainText("Liang Chen approved as ML lead");
    await expect(page.getByTestId("decision")).toContainText("Evidence is clear");

    await page.goto(`/models/${opusId}`);
    const approval = page.getByTestId("approval-row").filter({ hasText: "Coding assistant" });
    await expect(approval).toContainText("fallback");
    await expect(approval).toContainText("active");
    await expect(page.getByTestId("audit-event").filter({ hasText: "approval.grant by lead@warden.test" })).toHaveCount(1);
    await expect(page.getByRole("region", { name: "Change requests" }).getByTestId("request-row").filter({ hasText: "Applied" })).not.toHaveCount(0);
  });
});

test("a high-risk request approved by the ML lead waits on compliance; a stale page gets the conflict; compliance applies it", async ({ browser }) => {
  // Three people in three browser contexts: under CI load this outlasts the default 30 s.
  test.slow();
  const engineer = await as(browser, "engineer");
  const gpt5mini = await modelId(engineer, "openai", "gpt-5-mini-2025-08-07");
  const runId = await uploadRun(engineer, {
    modelId: gpt5mini,
    workflow: "json-extraction",
    suite: "json-extraction-suite",
    datasetVersion: unique("e2e-loan"),
    metrics: { field_f1: 0.97, json_validity: 0.998, hallucination_rate: 0.005, cost_per_task_usd: 0.004 },
  });
  const id = await openRequestByApi(engineer, {
    kind: "approval",
    modelId: gpt5mini,
    workflow: "json-extraction",
    role: "fallback",
    maxCostPerTaskUsd: 0.008,
    languages: "en",
    evidence: [runId],
    justification: "GPT-5 mini extracts the loan fields within the bar at a fraction of the cost; a second fallback provider.",
  });

  // Compliance opens the request before the ML lead decides: this page carries version 1.
  const compliance = await as(browser, "compliance");
  await compliance.goto(`/approvals/${id}`);
  await expect(compliance.getByTestId("policy")).toContainText("1 ML lead and 1 Compliance");
  await expect(compliance.getByRole("button", { name: "Approve" })).toBeVisible();

  const lead = await as(browser, "ml_lead");
  await lead.goto("/approvals?tab=mine");
  await lead.locator(`a[href="/approvals/${id}"]`).click();
  await expect(lead.getByText("High-risk workflow: compliance co-signs.")).toBeVisible();
  await lead.getByLabel("Comment").fill("Quality holds; compliance to co-sign.");
  await lead.getByRole("button", { name: "Approve" }).click();
  await expect(lead.getByTestId("form-alert")).toContainText("still waits");
  await expect(lead.getByTestId("request-state")).toHaveText("Open");
  await expect(lead.getByTestId("request-waiting-on")).toHaveText("Waiting on Compliance");
  await expect(lead.getByTestId("why-not-decide")).toContainText("already decided");
  await lead.goto("/approvals?tab=mine");
  await expect(lead.locator(`a[href="/approvals/${id}"]`)).toHaveCount(0);
  await lead.goto("/approvals?tab=pending");
  await expect(lead.locator(`[data-request-id="${id}"]`).getByTestId("waiting-on")).toHaveText("Compliance");

  // The stale page: the server refuses and says why.
  await compliance.getByRole("button", { name: "Approve" }).click();
  await expect(compliance.getByTestId("form-alert")).toContainText("This request changed since you opened it");
  await expect(compliance.getByTestId("request-state")).toHaveText("Open");

  await compliance.goto("/approvals");
  await compliance.locator(`a[href="/approvals/${id}"]`).click();
  await compliance.getByLabel("Comment").fill("Co-signed: data processing terms in place.");
  await compliance.getByRole("button", { name: "Approve" }).click();
  await expect(compliance.getByTestId("form-alert")).toContainText("Approved and applied");
  await expect(compliance.getByTestId("request-state")).toHaveText("Applied");
  await expect(compliance.getByTestId("decision")).toHaveCount(2);

  await compliance.goto("/workflows/json-extraction");
  // A retry of this test replaces the approval an earlier attempt applied: exactly one stays active.
  const gpt5miniApprovals = compliance.getByTestId("approval-row").filter({ hasText: "GPT-5 mini" });
  const active = gpt5miniApprovals.filter({ hasNotText: "revoked" });
  await expect(active).toHaveCount(1);
  await expect(active).toContainText("active");
  await expect(active).toContainText("fallback");
});

test("the ML lead disables an approved model: approvals revoked, workflows at risk and dependants flagged", async ({ page }) => {
  await signInAs(page, "ml_lead");
  const gpt41 = await modelId(page, "openai", "gpt-4.1-2025-04-14");
  await page.goto(`/models/${gpt41}`);
  const disable = page.getByRole("form", { name: "Disable now" });
  await disable.getByLabel("Kind of reason").selectOption("incident");
  await disable.getByLabel("Reason", { exact: true }).fill("Elevated error rate and truncated answers after the provider's routing change.");
  page.once("dialog", (dialog) => dialog.accept());
  await disable.getByRole("button", { name: "Disable now" }).click();

  const result = page.getByTestId("disable-result");
  await expect(result).toBeVisible();
  await expect(result.getByTestId("workflows-at-risk")).toContainText("RAG answers");
  await expect(result.getByTestId("dependants")).toContainText("Gemini 2.5 Pro");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("GPT-4.1");
  await expect(page.getByTestId("status-panel")).toContainText("Disabled");
  const rows = page.getByTestId("approval-row");
  await expect(rows.filter({ hasText: "RAG answers" }).first()).toContainText("revoked");
  await expect(rows.filter({ hasText: "Long-context document analysis" }).first()).toContainText("revoked");
  await expect(page.getByTestId("out-of-service")).toContainText("incident: Elevated error rate");
  await expect(page.getByTestId("still-depending")).toContainText("Gemini 2.5 Pro");

  // The model naming it as fallback carries the warning; the workflow it served is at risk.
  await page.getByTestId("still-depending").getByRole("link", { name: "Gemini 2.5 Pro" }).first().click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Gemini 2.5 Pro");
  await expect(page.getByTestId("dependency-flag").first()).toContainText("GPT-4.1 is disabled");
  await page.goto("/workflows/rag-answers");
  await expect(page.getByTestId("workflow-at-risk")).toBeVisible();
  await page.goto("/workflows");
  await expect(page.getByTestId("workflow-row").filter({ hasText: "RAG answers" })).toContainText("No primary");
});

test("a viewer reads the inbox and a request without any decide form", async ({ browser }) => {
  const engineer = await as(browser, "engineer");
  const kimi = await modelId(engineer, "moonshotai", "kimi-k2.5");
  const id = await openRequestByApi(engineer, {
    kind: "approval",
    modelId: kimi,
    workflow: "background-automation",
    role: "fallback",
    languages: "en",
    evidence: [],
    justification: "Asking early: the background-automation evaluation is still running.",
  });

  const viewer = await as(browser, "viewer");
  await viewer.getByRole("link", { name: "Approvals", exact: true }).click();
  await expect(viewer.getByRole("link", { name: /Pending/ })).toHaveAttribute("aria-current", "page");
  await expect(viewer.getByTestId("read-only-note")).toBeVisible();
  await expect(viewer.getByRole("link", { name: "New change request" })).toHaveCount(0);
  await viewer.locator(`a[href="/approvals/${id}"]`).click();
  await expect(viewer.getByTestId("violations")).toContainText("evidence_required");
  await expect(viewer.getByTestId("why-not-decide")).toContainText("deciding it is for ML leads and compliance");
  await expect(viewer.getByRole("button", { name: "Approve" })).toHaveCount(0);
  await expect(viewer.getByRole("button", { name: "Withdraw request" })).toHaveCount(0);

  await viewer.goto("/approvals?tab=decided");
  await expect(viewer.getByRole("link", { name: /Decided/ })).toHaveAttribute("aria-current", "page");
  await viewer.goto("/approvals/new");
  await expect(viewer.getByRole("heading", { name: "Not available to your role" })).toBeVisible();
});
