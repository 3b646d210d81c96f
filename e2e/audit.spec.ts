import { readFile } from "node:fs/promises";
import { expect, type Page, test } from "@playwright/test";
import { signInAs } from "./support/accounts";
import { pdfPlainText } from "../lib/testing/pdf-text";

// A demo model with events of its own (catalog import, deprecation): the model filter's example.
const GPT4O = "gpt-4o-2024-08-06";

/** The catalog id of a demo model, read through the API with the page's session. */
async function modelId(page: Page, provider: string, snapshotId: string): Promise<string> {
  const response = await page.request.get(`/api/v1/models?q=${encodeURIComponent(snapshotId)}&provider=${provider}&pageSize=25`);
  expect(response.status()).toBe(200);
  const { items } = (await response.json()) as { items: { id: string; snapshotId: string; provider: { slug: string } }[] };
  const model = items.find((m) => m.snapshotId === snapshotId && m.provider.slug === provider);
  expect(model, `demo model ${provider}/${snapshotId}`).toBeTruthy();
  return model!.id;
}

test("compliance filters the audit trail, pages through it, verifies the chain and downloads the head and the CSV", async ({ page }) => {
  test.slow();
  await signInAs(page, "compliance");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Audit" }).click();
  await expect(page.getByRole("heading", { name: "Audit trail" })).toBeVisible();
  const rows = page.getByTestId("audit-row");
  await expect(rows.first()).toBeVisible();

  // Filter to one action family: the URL carries it and every row is of that family.
  await page.getByLabel("Action").selectOption("model.");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/action=model\./);
  await expect(rows.first()).toBeVisible();
  const actions = await rows.locator("td:nth-child(4)").allTextContents();
  expect(actions.length).toBeGreaterThan(0);
  for (const action of actions) expect(action).toMatch(/^model\./);

  // The page does not carry the catalog: its HTML stays small however many models there are.
  const html = await (await page.request.get("/audit")).body();
  expect(html.toString("utf8")).toContain("Audit trail");
  expect(html.byteLength).toBeLessThan(200_000);

  // Narrow to one model through the searchable model box, by keyboard alone: type part of the snapshot
  // id, arrow down to the OpenAI one, Enter chooses it, Enter again applies the filters.
  const gpt4o = await modelId(page, "openai", GPT4O);
  const modelBox = page.getByRole("combobox", { name: "Model" });
  await modelBox.fill(GPT4O);
  await expect(modelBox).toHaveAttribute("aria-expanded", "true");
  const options = page.getByRole("listbox", { name: "Models" }).getByRole("option");
  await expect(options.filter({ hasText: GPT4O }).first()).toBeVisible();
  const index = (await options.allTextContents()).findIndex((text) => text.includes(GPT4O) && text.includes("OpenAI"));
  expect(index).toBeGreaterThanOrEqual(0);
  for (let i = 0; i <= index; i++) await modelBox.press("ArrowDown");
  await expect(modelBox).toHaveAttribute("aria-activedescendant", (await options.nth(index).getAttribute("id"))!);
  await modelBox.press("Enter");
  await expect(modelBox).toHaveAttribute("aria-expanded", "false");
  const chosenLabel = await modelBox.inputValue();
  expect(chosenLabel).toContain(GPT4O);
  await modelBox.press("Enter");
  await expect(page).toHaveURL(new RegExp(`model=${gpt4o}`));
  await expect(page).toHaveURL(/action=model\./);
  await expect(rows.first()).toBeVisible();
  for (const href of await rows.locator("td:nth-child(5) a").evaluateAll((links) => links.map((a) => a.getAttribute("href")))) {
    expect(href).toBe(`/models/${gpt4o}`);
  }
  // The box names the chosen model on a fresh load of that URL; Escape (closed) clears it.
  await page.reload();
  await expect(modelBox).toHaveValue(chosenLabel);
  await expect(modelBox).toBeEditable(); // read-only until the script has loaded
  await modelBox.press("Escape");
  await expect(modelBox).toHaveValue("");

  // The workflow box, by mouse: a few letters, click the match; it carries the workflow's id.
  const workflowBox = page.getByRole("combobox", { name: "Workflow" });
  await workflowBox.fill("rag");
  await page
    .getByRole("listbox", { name: "Workflows" })
    .getByRole("option", { name: /RAG answers/ })
    .click();
  await expect(workflowBox).toHaveValue("RAG answers");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/workflow=[0-9a-f-]{36}/);
  await expect(page.getByRole("combobox", { name: "Workflow" })).toHaveValue("RAG answers");

  // Smaller pages, then the next (older) page by keyset: no event twice.
  await page.goto("/audit?action=model.&limit=25");
  const firstPage = await rows.locator("td:first-child").allTextContents();
  await page.getByRole("link", { name: "Older →" }).click();
  await expect(page).toHaveURL(/before=\d+/);
  await expect(page).toHaveURL(/limit=25/);
  const secondPage = await rows.locator("td:first-child").allTextContents();
  expect(Number(secondPage[0])).toBeLessThan(Number(firstPage.at(-1)));

  // Verify the chain: intact up to at least the head shown on the page (other people, and the other
  // specs running beside this one, may add events meanwhile).
  await page.goto("/audit");
  const headSeq = Number((await page.getByTestId("chain-head-seq").textContent())!.trim());
  await page.getByRole("button", { name: "Verify the chain" }).click();
  const verdict = page.getByTestId("verify-result");
  await expect(verdict).toContainText("intact up to event", { timeout: 30_000 });
  expect(Number((await verdict.textContent())!.match(/intact up to event (\d+)/)![1])).toBeGreaterThanOrEqual(headSeq);

  // Download the head, then verify against it.
  const [headDownload] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download chain head" }).click()]);
  const headFile = (await headDownload.path())!;
  const head = JSON.parse(await readFile(headFile, "utf8"));
  expect(head.format).toBe("warden-audit-head/1");
  expect(Number(head.seq)).toBeGreaterThanOrEqual(headSeq);
  await page.getByLabel("Saved head (optional)").setInputFiles(headFile);
  await page.getByRole("button", { name: "Verify the chain" }).click();
  await expect(verdict).toContainText(`It reaches the saved head, event ${head.seq}.`, { timeout: 30_000 });

  // The CSV of a filtered view: the header, only that family, and the export recorded as an event.
  await page.goto("/audit?action=model.");
  const [csvDownload] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Export CSV" }).click()]);
  expect(csvDownload.suggestedFilename()).toMatch(/^warden-audit-.*\.csv$/);
  const lines = (await readFile((await csvDownload.path())!, "utf8")).trimEnd().split("\n");
  expect(lines[0]).toBe("seq,occurred_at,actor_id,actor_label,action,target_type,target_id,before,after,reason,prev_hash,hash");
  expect(lines.length).toBeGreaterThan(1);
  for (const line of lines.slice(1)) expect(line).toMatch(/^\d+,[^,]+,[^,]*,[^,]*,model\./);
  // Other specs export too (as admin): this one's export is the newest by compliance.
  await page.goto("/audit?action=audit.export");
  await expect(rows.filter({ hasText: "compliance@warden.test" }).first()).toContainText("action=model.");

  // An event's target links to its page (name and link read from the same page load: other specs add
  // model events meanwhile).
  await page.goto(`/audit?action=model.`);
  const target = rows.first().locator("td:nth-child(5) a");
  const targetName = (await target.textContent())!.trim();
  await target.click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(targetName);
});

test("compliance downloads a model's PDF audit pack from its page and reads its card, approvals and chain verdict", async ({ page }) => {
  test.slow();
  await signInAs(page, "compliance");
  await page.goto("/models?status=approved");
  const modelLink = page.locator("table tbody tr").first().getByRole("link").first();
  const modelName = (await modelLink.textContent())!.trim();
  await modelLink.click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(modelName);
  const modelUrl = page.url();
  const snapshot = (await page.locator("header p.font-mono").textContent())!.trim();
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Audit pack (PDF)" }).click()]);
  expect(download.suggestedFilename()).toMatch(/^warden-audit-pack-.*\.pdf$/);
  const text = await pdfPlainText(await readFile((await download.path())!));
  expect(text).toContain(`Audit pack: ${modelName}`);
  expect(text).toContain(snapshot);
  expect(text).toContain("Model card");
  expect(text).toMatch(/Approvals \(\d+\)/);
  expect(text).toContain("gate passed");
  expect(text).toMatch(/Audit trail intact up to event \d+/);

  // The pack is on the record, and the model's trail is one click away.
  await page.goto("/audit?action=audit.export_pack");
  await expect(page.getByTestId("audit-row").first()).toContainText(modelName);
  await page.goto(modelUrl);
  await page.getByRole("link", { name: "Audit trail" }).click();
  await expect(page).toHaveURL(/\/audit\?model=/);
  await expect(page.getByTestId("audit-row").first()).toBeVisible();
  await expect(page.getByRole("combobox", { name: "Model" })).toHaveValue(`${modelName} (${snapshot})`);
});

test("before JavaScript has loaded, the audit filters are still a plain form: the chosen model is named and kept", async ({ page, browser }) => {
  await signInAs(page, "compliance");
  const gpt4o = await modelId(page, "openai", GPT4O);
  // The app's scripts never arrive (a slow or failed download), so React never hydrates the form; the page's
  // inline streaming scripts still run, as they do in a browser still loading the bundle.
  const context = await browser.newContext({ storageState: await page.context().storageState() });
  await context.route("**/_next/static/**/*.js", (route) => route.abort());
  try {
    const plain = await context.newPage();
    await plain.goto(`/audit?model=${gpt4o}`);
    await expect(plain.getByRole("combobox", { name: "Model" })).toHaveValue(new RegExp(`\\(${GPT4O.replace(/\./g, "\\.")}\\)$`));
    await plain.getByLabel("Action").selectOption("model.");
    await plain.getByRole("button", { name: "Apply filters" }).click();
    await expect(plain).toHaveURL(new RegExp(`model=${gpt4o}`));
    await expect(plain).toHaveURL(/action=model\./);
    await expect(plain.getByTestId("audit-row").first()).toBeVisible();
  } finally {
    await context.close();
  }
});

test("a viewer gets neither the audit page nor its exports, by the UI or by direct request", async ({ page }) => {
  await signInAs(page, "viewer");
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Audit" })).toHaveCount(0);
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Compliance" })).toHaveCount(0);
  await page.goto("/compliance");
  await expect(page.getByRole("heading", { name: "Not available to your role" })).toBeVisible();
  await expect(page.getByTestId("checklist-row")).toHaveCount(0);
  await page.goto("/audit");
  await expect(page.getByRole("heading", { name: "Not available to your role" })).toBeVisible();
  await expect(page.getByTestId("audit-row")).toHaveCount(0);
  await page.goto("/models");
  await page.locator("table tbody tr").first().getByRole("link").first().click();
  await expect(page.getByRole("link", { name: "Audit pack (PDF)" })).toHaveCount(0);
  const modelId = new URL(page.url()).pathname.split("/")[2];
  for (const url of ["/api/v1/audit/export?format=csv", "/api/v1/audit/export?format=ndjson", "/api/v1/audit/head", `/api/v1/models/${modelId}/audit-pack`]) {
    const response = await page.request.get(url);
    expect(response.status(), url).toBe(403);
    expect((await response.json()).error.code).toBe("forbidden");
  }
});

test("compliance sees the catalog's checklist with its gaps, narrows it to one item and opens a model's checklist", async ({ page }) => {
  await signInAs(page, "compliance");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Compliance" }).click();
  await expect(page.getByRole("heading", { name: "Compliance checklist" })).toBeVisible();
  const rows = page.getByTestId("checklist-row");
  await expect(rows.first()).toBeVisible();
  const withGaps = Number(await page.getByTestId("models-with-gaps").textContent());
  expect(withGaps).toBeGreaterThan(0);

  // Most gaps first.
  const counts = (await page.getByTestId("gap-count").allTextContents()).map(Number);
  expect(counts).toEqual([...counts].sort((a, b) => b - a));

  // Only the models with gaps, then only those missing a registry-record fact: the URL keeps both.
  await page.getByRole("link", { name: "Only models with gaps" }).click();
  await expect(page).toHaveURL(/gaps=only/);
  // Read again: the specs running beside this one change approvals, and so gaps.
  await expect(rows).toHaveCount(Number(await page.getByTestId("models-with-gaps").textContent()));
  // The item most models miss: its count on the summary is the number of rows it narrows to.
  const summaries = page.locator('[data-testid^="item-summary-"]');
  let most = { id: "", gaps: 0 };
  for (const summary of await summaries.all()) {
    const gaps = Number((await summary.textContent())!.match(/(\d+) gaps?/)![1]);
    if (gaps > most.gaps) most = { id: (await summary.getAttribute("data-testid"))!.replace("item-summary-", ""), gaps };
  }
  expect(most.gaps).toBeGreaterThan(0);
  await page.getByTestId(`item-summary-${most.id}`).click();
  await expect(page).toHaveURL(new RegExp(`item=${most.id}`));
  const shown = Number((await page.getByTestId(`item-summary-${most.id}`).textContent())!.match(/(\d+) gaps?/)![1]);
  expect(shown).toBeGreaterThan(0);
  await expect(rows).toHaveCount(shown);

  // One model's checklist lists every item, each gap with a way to fix it.
  await page.goto("/compliance");
  await rows.first().getByRole("link").first().click();
  await expect(page.getByRole("heading", { name: /^Compliance of / })).toBeVisible();
  const items = page.getByTestId("checklist-item");
  await expect(items).toHaveCount(10);
  const gaps = items.and(page.locator('[data-state="gap"]'));
  expect(await gaps.count()).toBeGreaterThan(0);
  await expect(gaps.first().getByRole("link", { name: "Fix" })).toBeVisible();
});
