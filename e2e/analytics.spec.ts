// The model-health overview in a browser: totals, tables and charts render from the server, and changing
// a filter or the range updates the URL and the numbers through the API without a page load.
// Self-contained: the spec logs its own calls under a workflow and models no other spec uses, then
// filters down to them so the figures it checks are exactly its own.
import { expect, test } from "@playwright/test";
import { signInAs } from "./support/accounts";

const suffix = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
const WORKFLOW = `e2e-analytics-${suffix}`;
const MODEL_A = `e2e-analytics-a-${suffix}`;
const MODEL_B = `e2e-analytics-b-${suffix}`;

test.describe("analytics overview", () => {
  // The set-up posts the spec's calls through the batch API, often the first ingest request the server
  // sees (its modules load then: 1.8 s alone, several seconds beside the other browser worker), and the
  // journey below walks a dozen page states: more than the default 30 s on 2 cores.
  test.describe.configure({ timeout: 60_000 });
  test.beforeEach(async ({ page }) => {
    await signInAs(page, "engineer");
    // Twelve calls two hours ago: 8 on model A (2 failed), 4 on model B; $0.01 each.
    const at = new Date(Date.now() - 2 * 3_600_000).toISOString();
    const events = Array.from({ length: 12 }, (_, i) => ({
      event_id: `${WORKFLOW}-${i}`,
      timestamp: at,
      model: i < 8 ? MODEL_A : MODEL_B,
      provider: "openai",
      workflow: WORKFLOW,
      latency_ms: 400 + i * 10,
      input_tokens: 1000,
      output_tokens: 200,
      cost_usd: 0.01,
      status: i < 2 ? "error" : "ok",
      error_type: i < 2 ? "timeout" : undefined,
      region: "eu-west-1",
    }));
    const response = await page.request.post("/api/v1/usage", { data: events });
    expect(response.status(), await response.text()).toBe(200);
  });

  test("shows totals and tables, and refetches when a filter or the range changes", async ({ page }) => {
    await page.goto("/analytics");
    await expect(page.getByRole("heading", { name: "Model health" })).toBeVisible();
    const requests = page.getByTestId("kpi-requests-value");
    await expect(requests).toHaveText(/^\d[\d,]*$/);
    const allRequests = Number((await requests.textContent())!.replace(/,/g, ""));
    expect(allRequests).toBeGreaterThanOrEqual(12);
    await expect(page.getByTestId("workflow-row").first()).toBeVisible();
    await expect(page.getByTestId("model-row").first()).toBeVisible();
    await expect(page.getByTestId("chart-cost").locator("svg").first()).toBeVisible();

    // Filter to the spec's own workflow: the URL says so and the figures are exactly its calls.
    await page.getByTestId("filter-workflow").selectOption(WORKFLOW);
    await expect(page).toHaveURL(new RegExp(`[?&]workflow=${WORKFLOW}`));
    await expect(requests).toHaveText("12");
    await expect(page.getByTestId("kpi-errorRate-value")).toHaveText("16.7 %");
    await expect(page.getByTestId("kpi-costUsd-value")).toHaveText("$0.12");
    await expect(page.getByTestId("workflow-row")).toHaveCount(1);
    await expect(page.getByTestId("model-row")).toHaveCount(2);
    await expect(page.getByTestId("error-types")).toContainText("timeout");
    // The cost chart now stacks just the two models.
    await expect(page.getByTestId("chart-cost")).toContainText(MODEL_A);

    // Sorting the model table by name goes into the URL too.
    await page
      .getByTestId("model-table")
      .getByRole("button", { name: /^Model/ })
      .click();
    await expect(page).toHaveURL(/msort=name/);
    await expect(page.getByTestId("model-row").first()).toContainText(MODEL_A);

    // Keyboard: focus the "24 hours" preset and press Enter.
    const preset = page.getByRole("button", { name: "24 hours" });
    await preset.focus();
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/range=24h/);
    await expect(preset).toHaveAttribute("aria-pressed", "true");
    await expect(page.getByTestId("range-summary")).toContainText("compared with");
    await expect(requests).toHaveText("12");

    // The state survives a reload (it lives in the URL), now rendered by the server.
    await page.reload();
    await expect(page.getByTestId("filter-workflow")).toHaveValue(WORKFLOW);
    await expect(requests).toHaveText("12");

    // Clearing the filter brings back all traffic.
    await page.getByRole("button", { name: "Clear filters" }).click();
    await expect(page).not.toHaveURL(/workflow=/);
    await expect(requests).not.toHaveText("12");
  });

  test("the overview API answers the same figures and names bad parameters", async ({ page }) => {
    const ok = await page.request.get(`/api/v1/analytics/overview?range=24h&workflow=${WORKFLOW}`);
    expect(ok.status()).toBe(200);
    const body = await ok.json();
    expect(body.totals.metrics.requests.value).toBe(12);
    expect(body.totals.metrics.errorRate.value).toBeCloseTo(2 / 12, 10);
    expect(body.byModel.map((m: { model: string }) => m.model).sort()).toEqual([MODEL_A, MODEL_B]);
    expect(body.previousRange.to).toBe(body.range.from);

    const bad = await page.request.get("/api/v1/analytics/overview?from=2026-02-01&to=2026-01-01");
    expect(bad.status()).toBe(422);
    expect((await bad.json()).error.fieldErrors.from[0]).toMatch(/before/);
  });

  test("an unreadable range in the URL shows a message and the default range", async ({ page }) => {
    await page.goto("/analytics?from=not-a-date");
    await expect(page.getByTestId("form-alert")).toContainText("from must be an ISO date");
    await expect(page.getByTestId("form-alert")).toContainText("Showing the last 30 days instead");
    await expect(page.getByTestId("kpi-requests-value")).toBeVisible();
  });
});
