import { expect, test } from "@playwright/test";
import { signInAs } from "./support/accounts";

test("an engineer registers a model, edits it, and sees both changes in its history", async ({ page }) => {
  await signInAs(page, "engineer");
  await page.getByRole("link", { name: "Register model" }).first().click();
  const snapshot = `warden-e2e-${Date.now()}`;

  // Field-level validation first.
  await page.getByRole("button", { name: "Register model" }).click();
  await expect(page.locator("#snapshotId-error")).toContainText("Snapshot id is required");
  await expect(page.locator("#name-error")).toContainText("Name is required");

  await page.getByLabel("Provider", { exact: true }).selectOption("mistral");
  await page.getByLabel("Snapshot id").fill(snapshot);
  await page.getByLabel("Name", { exact: true }).fill("Warden E2E Model");
  await page.getByLabel("Context window (tokens)").fill("-3");
  await page.getByRole("button", { name: "Register model" }).click();
  await expect(page.locator("#contextWindow-error")).toContainText("above zero");
  // What was typed is kept.
  await expect(page.getByLabel("Snapshot id")).toHaveValue(snapshot);

  await page.getByLabel("Context window (tokens)").fill("128000");
  await page.getByLabel("Input price (USD per 1M tokens)").fill("0.4");
  await page.getByLabel("Output price (USD per 1M tokens)").fill("2");
  await page.getByRole("button", { name: "Register model" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Warden E2E Model");
  await expect(page.getByText("Model registered.")).toBeVisible();
  await expect(page.getByTestId("audit-event").first()).toContainText("model.register by engineer@warden.test");

  await page.getByRole("link", { name: "Edit" }).click();
  await page.getByLabel("Context window (tokens)").fill("256000");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Model updated.")).toBeVisible();
  const latest = page.getByTestId("audit-event").first();
  await expect(latest).toContainText("model.update by engineer@warden.test");
  await expect(latest).toContainText("contextWindow");
  await expect(latest).toContainText("128000");
  await expect(latest).toContainText("256000");
});

test("a stale edit is refused with a conflict message, not overwritten", async ({ browser }) => {
  const first = await browser.newPage();
  const second = await browser.newPage();
  await signInAs(first, "engineer");
  await signInAs(second, "engineer");

  // A fresh model in testing to edit from two tabs.
  await first.goto("/models/new");
  const snapshot = `warden-stale-${Date.now()}`;
  await first.getByLabel("Provider", { exact: true }).selectOption("mistral");
  await first.getByLabel("Snapshot id").fill(snapshot);
  await first.getByLabel("Name", { exact: true }).fill("Stale Edit Model");
  await first.getByRole("button", { name: "Register model" }).click();
  await expect(first.getByRole("heading", { level: 1 })).toHaveText("Stale Edit Model");
  const editUrl = `${first.url().split("?")[0]}/edit`;

  await first.goto(editUrl);
  await second.goto(editUrl);
  await first.getByLabel("Name", { exact: true }).fill("Saved by the first tab");
  await first.getByRole("button", { name: "Save changes" }).click();
  await expect(first.getByRole("heading", { level: 1 })).toHaveText("Saved by the first tab");

  await second.getByLabel("Name", { exact: true }).fill("Saved by the second tab");
  await second.getByRole("button", { name: "Save changes" }).click();
  await expect(second.getByTestId("form-alert")).toContainText("Someone else saved this model after you opened it");

  await second.goto(editUrl.replace(/\/edit$/, ""));
  await expect(second.getByRole("heading", { level: 1 })).toHaveText("Saved by the first tab");
});

test("a viewer has no form, and calling the register action directly is refused", async ({ browser }) => {
  // Take the server action's hidden fields from the engineer's form, as anyone reading the page could,
  // and replay the submission a browser without JavaScript would make.
  const engineer = await browser.newPage();
  await signInAs(engineer, "engineer");
  await engineer.goto("/models/new");
  const actionFields = await engineer
    .locator('form input[type="hidden"][name^="$ACTION"]')
    .evaluateAll((inputs) => inputs.map((i) => [(i as HTMLInputElement).name, (i as HTMLInputElement).value] as [string, string]));
  expect(actionFields.length).toBeGreaterThan(0);

  const submit = (page: typeof engineer, snapshot: string) =>
    page.evaluate(
      async ({ actionFields, snapshot }) => {
        const form = new FormData();
        for (const [name, value] of actionFields) form.set(name, value);
        form.set("providerSlug", "mistral");
        form.set("snapshotId", snapshot);
        form.set("name", `Forged ${snapshot}`);
        form.set("kind", "hosted");
        form.set("pinning", "strict");
        return (await fetch("/models/new", { method: "POST", body: form, redirect: "manual" })).status;
      },
      { actionFields, snapshot },
    );

  const viewer = await browser.newPage();
  await signInAs(viewer, "viewer");
  await expect(viewer.getByRole("link", { name: "Register model" })).toHaveCount(0);
  await viewer.goto("/models/new");
  await expect(viewer.getByRole("heading", { name: "Not available to your role" })).toBeVisible();
  await expect(viewer.getByRole("button", { name: "Register model" })).toHaveCount(0);

  const viewerSnapshot = `viewer-forged-${Date.now()}`;
  await submit(viewer, viewerSnapshot);
  await viewer.goto(`/models?q=${viewerSnapshot}`);
  await expect(viewer.getByTestId("result-count")).toHaveText("No models match these filters.");

  // The same replay from the engineer's session does register: the refusal above is the server's
  // permission check, not a broken request.
  const engineerSnapshot = `engineer-replayed-${Date.now()}`;
  await submit(engineer, engineerSnapshot);
  await viewer.goto(`/models?q=${engineerSnapshot}`);
  await expect(viewer.getByTestId("result-count")).toContainText("of 1 models");
});
