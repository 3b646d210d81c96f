// A/B comparison on the demo data: RAG answers run on GPT-4.1 with a burning-down share still on the
// deprecated GPT-4o (lib/demo/demo-usage.ts), so the two models serve the same workflow in the same period.
import { expect, test } from "@playwright/test";
import { signInAs } from "./support/accounts";

const GPT41 = "gpt-4.1-2025-04-14";
const GPT4O = "gpt-4o-2024-08-06";

test.beforeEach(async ({ page }) => {
  await signInAs(page, "viewer");
});

test("compares two models on a workflow, each metric with a difference, an interval and a verdict", async ({ page }) => {
  await page.goto("/analytics/compare");
  await page.getByLabel("Workflow").selectOption("rag-answers");
  await expect(page).toHaveURL(/workflow=rag-answers/);
  await expect(page.getByLabel("Model B (candidate)").locator(`option[value="${GPT4O}"]`)).toHaveCount(1);
  await page.getByLabel("Model A (control)").selectOption(GPT4O);
  await page.getByLabel("Model B (candidate)").selectOption(GPT41);
  await page.getByRole("button", { name: "Compare" }).click();
  await expect(page).toHaveURL(new RegExp(`a=${GPT4O}.*b=${GPT41}`));

  const table = page.getByTestId("compare-table");
  await expect(table).toContainText(`A: ${GPT4O}`);
  await expect(table).toContainText(`B: ${GPT41}`);
  for (const metric of ["requests", "errorRate", "fallbackRate", "retryRate", "latencyP50", "latencyMean", "costPerCall", "quality"]) {
    await expect(table.locator(`[data-metric=${metric}] [data-testid=verdict]`)).not.toBeEmpty();
  }
  // Rates: a significant difference, or how many more calls per arm it takes to tell.
  await expect(table.locator("[data-metric=errorRate] [data-testid=verdict]")).toHaveText(
    /significant at 95 %|Not significant yet \(p = [\d.]+; .*\): ~[\d,]+ more calls per arm needed|No significant difference|No difference observed/,
  );
  // Latency: a rank test with a bootstrap interval in milliseconds.
  await expect(table.locator("[data-metric=latencyP50]")).toContainText("Mann–Whitney");
  await expect(table.locator("[data-metric=latencyP50] td").nth(3)).toContainText(/ms to [+−±][\d,]+ ms/);
  await expect(page.getByTestId("compare-sampling")).toContainText("successful calls");

  // Swapping the arms flips the sign of every difference.
  const before = await table.locator("[data-metric=latencyP50] td").nth(2).textContent();
  await page.getByRole("link", { name: "Swap A and B" }).click();
  await expect(page).toHaveURL(new RegExp(`a=${GPT41}.*b=${GPT4O}`));
  const after = await page.getByTestId("compare-table").locator("[data-metric=latencyP50] td").nth(2).textContent();
  expect(after?.replace(/^[+−]/, "")).toBe(before?.replace(/^[+−]/, ""));
  expect(after?.[0]).not.toBe(before?.[0]);
});

test("compares bundles, and answers the same over HTTP with 422 on missing arms", async ({ page }) => {
  await page.goto("/analytics/compare?workflow=rag-answers&by=bundle&a=rag-answers%401.2.0&b=rag-answers%402.0.0");
  await expect(page.getByLabel("Bundle A (control)")).toHaveValue("rag-answers@1.2.0");
  await expect(page.getByTestId("compare-table").locator("[data-metric=errorRate] [data-testid=verdict]")).not.toBeEmpty();

  const ok = await page.request.get(`/api/v1/analytics/compare?workflow=rag-answers&a=${GPT4O}&b=${GPT41}&range=90d`);
  expect(ok.status()).toBe(200);
  const body = await ok.json();
  expect(body).toMatchObject({ workflow: "rag-answers", by: "model", arms: { a: GPT4O, b: GPT41 }, alpha: 0.05 });
  const errorRate = body.metrics.find((m: { key: string }) => m.key === "errorRate");
  expect(errorRate).toMatchObject({ unit: "rate", sampleSize: { required: expect.any(Number) } });
  expect(errorRate.verdict.length).toBeGreaterThan(10);
  const bad = await page.request.get("/api/v1/analytics/compare?workflow=rag-answers");
  expect(bad.status()).toBe(422);
  expect((await bad.json()).error.fieldErrors).toHaveProperty("a");
});
