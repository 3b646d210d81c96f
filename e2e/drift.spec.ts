// The drift page on the demo data: support chat's Claude Haiku answers grew 1.3× longer in the last two
// weeks (lib/demo/demo-usage.ts), so its output tokens are an alert with the default windows.
import { expect, test } from "@playwright/test";
import { signInAs } from "./support/accounts";

test.beforeEach(async ({ page }) => {
  await signInAs(page, "viewer");
});

test("lists model × workflow × metric by how much they moved, with levels in words", async ({ page }) => {
  await page.goto("/analytics/drift");
  const rows = page.getByTestId("drift-row");
  await expect(rows.first()).toBeVisible();
  expect(await rows.count()).toBeGreaterThan(10);
  // Most moved first: the top row is judged, and its PSI is the largest in the table.
  const psis = (await page.locator("[data-testid=drift-row] td:nth-child(5)").allTextContents()).map(Number).filter((n) => !Number.isNaN(n));
  expect(psis[0]).toBe(Math.max(...psis));
  await expect(rows.first()).toContainText("Alert");
  await expect(page.locator("[data-testid=drift-row][data-level=stable]").first()).toContainText("Stable");
  // Pairs with too few calls are shown as such, not hidden.
  await expect(page.locator("[data-testid=drift-row][data-level=insufficient]").first()).toContainText("Not enough data");
  await expect(page.getByTestId("windows-used")).toContainText("Baseline");
});

test("opens a row with the keyboard and shows both histograms overlaid with the percentile shift", async ({ page }) => {
  await page.goto("/analytics/drift");
  const link = page.getByRole("link", { name: /Output tokens of claude-haiku-4-5-20251001 on support-chat/ });
  await link.focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/show=outputTokens/);
  const detail = page.locator("#drift-detail");
  await expect(detail.getByRole("heading", { name: "Output tokens of claude-haiku-4-5-20251001 on support-chat" })).toBeVisible();
  await expect(detail).toContainText("p50, baseline → current");
  const chart = detail.getByTestId("drift-histogram");
  await expect(chart.locator("svg.recharts-surface").first()).toBeVisible();
  await expect(chart.getByText("Baseline window")).toBeVisible();
  await expect(chart.getByText("Current window")).toBeVisible();
  expect(await chart.locator(".recharts-bar-rectangle").count()).toBeGreaterThan(10);
  // The numbers behind the chart, with readable bucket labels.
  await chart.getByText("Show the numbers").click();
  await expect(chart.locator("table")).toContainText(/\d+–\d+ tokens/);
  await detail.getByRole("link", { name: "Close" }).click();
  await expect(page).not.toHaveURL(/show=/);
});

test("keeps the thresholds in the URL and refuses a watch above the alert", async ({ page }) => {
  await page.goto("/analytics/drift");
  const alertsBefore = await page.locator("[data-testid=drift-row][data-level=alert]").count();
  await page.getByLabel("Alert at").fill("1.5");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/alert=1\.5/);
  await expect(page.getByLabel("Alert at")).toHaveValue("1.5");
  await expect(page.getByText(/≥ 1\.5 is alert/)).toBeVisible();
  expect(await page.locator("[data-testid=drift-row][data-level=alert]").count()).toBeLessThan(alertsBefore);

  await page.getByLabel("Watch at").fill("2");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/watch=2/);
  await expect(page.getByTestId("form-alert")).toContainText("must be below the alert threshold");
  await expect(page.getByLabel("Alert at")).toHaveAttribute("aria-invalid", "true");
});

test("answers the same numbers over HTTP, 422 on bad parameters", async ({ page }) => {
  const ok = await page.request.get("/api/v1/analytics/drift?alert=0.3&workflow=support-chat");
  expect(ok.status()).toBe(200);
  const body = await ok.json();
  expect(body.thresholds).toEqual({ watch: 0.1, alert: 0.3 });
  expect(body.windows.current.from).toMatch(/Z$/);
  expect(body.rows.length).toBeGreaterThan(0);
  for (const row of body.rows) expect(row.workflow).toBe("support-chat");
  expect(body.rows[0].metrics.outputTokens).toMatchObject({
    level: expect.stringMatching(/alert|watch|stable|insufficient/),
    samples: { baseline: expect.any(Number) },
  });
  const bad = await page.request.get("/api/v1/analytics/drift?watch=0.5&alert=0.2&currentFrom=yesterday");
  expect(bad.status()).toBe(422);
  expect((await bad.json()).error.fieldErrors).toHaveProperty("currentFrom");
});
