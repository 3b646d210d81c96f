import { expect, test } from "@playwright/test";
import { signInAs } from "./support/accounts";

test("GET /api/v1/models answers a signed-in session with the same filters as the page", async ({ page }) => {
  await signInAs(page, "viewer");
  const response = await page.request.get("/api/v1/models?q=gpt-4o&provider=openai&sort=inputPrice&dir=desc&pageSize=25");
  expect(response.status()).toBe(200);
  const body = await response.json();
  expect(body.total).toBeGreaterThan(1);
  expect(body.items.length).toBeLessThanOrEqual(25);
  const gpt4o = body.items.find((m: { snapshotId: string }) => m.snapshotId === "gpt-4o");
  expect(gpt4o).toMatchObject({ inputPricePerMTok: 2.5, outputPricePerMTok: 10, contextWindow: 128000, provider: { slug: "openai" } });
  const prices = body.items.map((m: { inputPricePerMTok: number | null }) => m.inputPricePerMTok).filter((p: number | null) => p !== null);
  expect([...prices].sort((a: number, b: number) => b - a)).toEqual(prices);
});

test("the API answers errors as JSON with a code and a message", async ({ page, request }) => {
  const anonymous = await request.get("/api/v1/models");
  expect(anonymous.status()).toBe(401);
  expect(await anonymous.json()).toMatchObject({ error: { code: "unauthenticated", message: expect.any(String) } });

  await signInAs(page, "viewer");
  const bad = await page.request.get("/api/v1/models?ctxMin=abc&sort=colour");
  expect(bad.status()).toBe(422);
  const body = await bad.json();
  expect(body.error.code).toBe("validation");
  expect(Object.keys(body.error.fieldErrors)).toEqual(expect.arrayContaining(["ctxMin", "sort"]));
});

test("an admin creates a read key shown once; it reads the API until revoked, and other scopes are refused", async ({ page, request }) => {
  await signInAs(page, "admin");
  await page.getByRole("link", { name: "API keys" }).click();

  // Field errors first: no name, no scope.
  await page.getByRole("button", { name: "Create key" }).click();
  await expect(page.getByText("Give the key a name")).toBeVisible();
  await expect(page.getByText("Choose at least one scope")).toBeVisible();

  const name = `e2e-read-${Date.now()}`;
  await page.getByLabel("Name").fill(name);
  await page.getByRole("checkbox", { name: /^read/ }).check();
  await page.getByRole("button", { name: "Create key" }).click();
  const key = (await page.getByTestId("new-api-key").textContent())!.trim();
  expect(key).toMatch(/^wdn_/);
  const row = page.getByTestId("api-key-row").filter({ hasText: name });
  await expect(row).toContainText("read");
  await expect(row).toContainText(key.slice(0, 10));
  await expect(row).not.toContainText(key);

  // Shown once: a reload no longer has it anywhere on the page.
  await page.reload();
  await expect(page.getByTestId("new-api-key")).toHaveCount(0);
  expect(await page.content()).not.toContain(key);

  const withKey = await request.get("/api/v1/models?status=approved", { headers: { authorization: `Bearer ${key}` } });
  expect(withKey.status()).toBe(200);
  expect((await withKey.json()).total).toBeGreaterThan(0);

  page.once("dialog", (dialog) => dialog.accept());
  await page
    .getByTestId("api-key-row")
    .filter({ hasText: name })
    .getByRole("button", { name: `Revoke ${name}` })
    .click();
  await expect(page.getByTestId("api-key-row").filter({ hasText: name })).toContainText("revoked");

  const revoked = await request.get("/api/v1/models", { headers: { authorization: `Bearer ${key}` } });
  expect(revoked.status()).toBe(401);
  expect((await revoked.json()).error.message).toMatch(/invalid, expired or revoked/);

  // An ingest-only key cannot read the catalog.
  const ingestName = `e2e-ingest-${Date.now()}`;
  await page.getByLabel("Name").fill(ingestName);
  await page.getByRole("checkbox", { name: /^ingest:write/ }).check();
  await page.getByRole("button", { name: "Create key" }).click();
  const ingestKey = (await page.getByTestId("new-api-key").textContent())!.trim();
  const refused = await request.get("/api/v1/models", { headers: { authorization: `Bearer ${ingestKey}` } });
  expect(refused.status()).toBe(403);
  expect((await refused.json()).error.code).toBe("forbidden");
});

test("a viewer gets neither the API keys page nor a list of keys", async ({ page }) => {
  await signInAs(page, "viewer");
  await page.goto("/admin/api-keys");
  await expect(page.getByRole("heading", { name: "Not available to your role" })).toBeVisible();
  await expect(page.getByTestId("api-key-row")).toHaveCount(0);
});
