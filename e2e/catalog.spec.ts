import { expect, test } from "@playwright/test";
import { signInAs } from "./support/accounts";

test.beforeEach(async ({ page }) => {
  await signInAs(page, "viewer");
});

test("the catalog holds the merged public catalogs, about three thousand models", async ({ page }) => {
  await page.goto("/models");
  const count = await page.getByTestId("result-count").textContent();
  const total = Number(count?.match(/of ([\d,]+) models/)?.[1].replace(/,/g, ""));
  expect(total).toBeGreaterThan(2500);
  expect(total).toBeLessThan(3500);
});

test("filters and sorting live in the URL and survive a reload", async ({ page }) => {
  await page.goto("/models");
  await page.getByLabel("Search").fill("gpt-4o");
  await page.getByLabel("Provider", { exact: true }).fill("openai");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/q=gpt-4o/);
  await expect(page).toHaveURL(/provider=openai/);

  // Sort by input price, most expensive first.
  await page.getByRole("link", { name: /Input \$\/1M/ }).click();
  await expect(page).toHaveURL(/sort=inputPrice/);
  await page.getByRole("link", { name: /Input \$\/1M/ }).click();
  await expect(page).toHaveURL(/dir=desc/);
  await expect(page.locator("th[aria-sort=descending]")).toContainText("Input $/1M");

  const rows = page.locator("tbody tr");
  const firstBefore = await rows.first().locator("td").nth(2).textContent();
  const prices = await rows.locator("td:nth-child(6)").allTextContents();
  const numeric = prices.map((p) => Number(p.replace(/[$,]/g, ""))).filter((n) => !Number.isNaN(n));
  expect(numeric.length).toBeGreaterThan(1);
  expect([...numeric].sort((a, b) => b - a)).toEqual(numeric);
  for (const snapshot of await rows.locator("td:nth-child(3)").allTextContents()) expect(snapshot).toContain("gpt-4o");

  await page.reload();
  await expect(page.getByLabel("Search")).toHaveValue("gpt-4o");
  await expect(page.locator("th[aria-sort=descending]")).toContainText("Input $/1M");
  await expect(rows.first().locator("td").nth(2)).toHaveText(firstBefore ?? "");
});

test("status, cost and deprecation filters narrow the list, and a shared link reproduces it", async ({ page }) => {
  await page.goto("/models");
  await page.getByRole("checkbox", { name: "Approved" }).check();
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/status=approved/);
  await expect(page.getByRole("checkbox", { name: "Approved" })).toBeChecked();
  await expect(page.getByTestId("result-count")).toBeVisible();
  const statuses = await page.locator("tbody tr td:nth-child(4)").allTextContents();
  expect(statuses.length).toBeGreaterThan(0);
  for (const s of statuses) expect(s).toBe("Approved");

  // A link copied from someone else opens the same view.
  await page.goto("/models?deprecatingWithin=3650&sort=deprecation&status=testing,deprecated");
  await expect(page.getByRole("checkbox", { name: "Testing" })).toBeChecked();
  await expect(page.getByRole("checkbox", { name: "Deprecated" })).toBeChecked();
  await expect(page.getByLabel("Provider deprecation within (days)")).toHaveValue("3650");
  await expect(page.getByTestId("result-count")).toBeVisible();
  const dates = (await page.locator("tbody tr td:nth-child(9)").allTextContents()).map((d) => d.slice(0, 10));
  expect(dates.length).toBeGreaterThan(0);
  expect([...dates].sort()).toEqual(dates);
});

test("Reset clears every filter from the form and the URL", async ({ page }) => {
  await page.goto("/models?q=claude&cost=high&ctxMin=100000");
  await expect(page.getByLabel("Search")).toHaveValue("claude");
  await page.getByRole("link", { name: "Reset" }).click();
  await expect(page).toHaveURL(/\/models$/);
  await expect(page.getByLabel("Search")).toHaveValue("");
  await expect(page.getByRole("checkbox", { name: "High" })).not.toBeChecked();
  await expect(page.getByLabel("Minimum context window")).toHaveValue("");
});

test("a bad filter value is explained instead of failing", async ({ page }) => {
  await page.goto("/models?status=shiny&pageSize=7");
  await expect(page.getByTestId("form-alert")).toContainText('Unknown status "shiny"');
});

test("a model page shows its facts, approvals and history", async ({ page }) => {
  await page.goto("/models?q=gpt-4o&provider=openai&status=testing");
  await page.getByRole("link", { name: "GPT-4o", exact: true }).first().click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("GPT-4o");
  await expect(page.getByText("$2.50")).toBeVisible();
  await expect(page.getByText("$10.00")).toBeVisible();
  await expect(page.getByRole("heading", { name: "History" })).toBeVisible();
  await expect(page.getByTestId("audit-event").first()).toContainText("model.catalog");

  // A curated, approved model: where it is approved and as what.
  await page.goto("/models?status=approved");
  await page.locator("tbody tr td:first-child a").first().click();
  await expect(page.getByRole("heading", { name: "Where it is approved" })).toBeVisible();
  await expect(page.locator("section", { hasText: "Where it is approved" }).locator("tbody tr").first()).toContainText(/primary|fallback/);
});

test("a model carrying a provider deprecation date shows it with its source", async ({ page }) => {
  await page.goto("/models?q=gpt-4-0613&provider=openai");
  await page.locator("tbody tr td:first-child a").first().click();
  await expect(page.getByTestId("provider-deprecation")).toContainText("2025-06-06");
  await expect(page.getByTestId("provider-deprecation")).toContainText("Source: litellm");
});
