import { readFile } from "node:fs/promises";
import http from "node:http";
import { expect, type Page, test } from "@playwright/test";
import { signInAs } from "./support/accounts";

// A demo workflow and an approved catalog model with a price (lib/demo/demo-workflows.ts, demo-models.ts),
// so the written rows resolve to the catalog and their costs are estimated from it.
const WORKFLOW = "support-chat";
const MODEL = "gpt-4.1-mini-2025-04-14";
const HEADER = "event_id,timestamp,model,provider,workflow,latency_ms,input_tokens,output_tokens,status";

/** Six data rows (rows 2–7): row 4 has a timestamp without a zone, row 6 a negative latency. */
function usageCsv(run: string): string {
  const at = (hoursAgo: number) => new Date(Date.now() - hoursAgo * 3_600_000).toISOString();
  const row = (i: number, timestamp: string, latency = 900 + i) => `${run}-${i},${timestamp},${MODEL},openai,${WORKFLOW},${latency},${1200 + i},${300 + i},ok`;
  return (
    [HEADER, row(1, at(30)), row(2, at(40)), row(3, at(50).replace("T", " ").slice(0, 16)), row(4, at(60)), row(5, at(70), -5), row(6, at(80))].join("\n") +
    "\n"
  );
}

async function uploadFile(page: Page, name: string, content: string, mode: "Strict" | "Lenient") {
  await page.getByLabel("Usage file", { exact: true }).setInputFiles({ name, mimeType: "text/csv", buffer: Buffer.from(content) });
  await page.getByRole("radio", { name: new RegExp(`^${mode}`) }).check();
  await page.getByRole("button", { name: "Upload and import" }).click();
  await expect(page.getByTestId("import-report")).toBeVisible();
}

const count = (page: Page, label: string) =>
  page
    .getByTestId("import-counts")
    .locator("div")
    .filter({ has: page.locator("dt", { hasText: new RegExp(`^${label}$`) }) })
    .locator("dd");

test("an engineer uploads a file with bad rows: strict writes nothing, the rejects download, lenient writes the good rows, the same file again changes nothing", async ({
  page,
}) => {
  const run = `e2e-${Date.now().toString(36)}`;
  const fileName = `usage-${run}.csv`;
  const csv = usageCsv(run);
  await signInAs(page, "engineer");
  await page.getByRole("link", { name: "Import usage" }).click();
  await expect(page.getByRole("heading", { name: "Import usage" })).toBeVisible();
  await expect(page.getByText("At most 1 GB (1,073,741,824 bytes)")).toBeVisible();

  // Strict: two bad rows, nothing written, each problem listed by row and column.
  await uploadFile(page, fileName, csv, "Strict");
  await expect(page.getByTestId("import-outcome")).toContainText("Nothing was written.");
  await expect(page.getByTestId("import-outcome")).toContainText("2 of 6 rows were rejected");
  await expect(count(page, "Rows read")).toHaveText("6");
  await expect(count(page, "Accepted")).toHaveText("0");
  await expect(count(page, "Rejected")).toHaveText("2");
  const problems = page.getByTestId("rejected-rows").locator("tbody tr");
  await expect(problems).toHaveCount(2);
  await expect(problems.nth(0)).toContainText(/4\s*timestamp/);
  await expect(problems.nth(1)).toContainText(/6\s*latency_ms/);

  // The rejects as CSV: row, column, reason.
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download rejected rows (CSV)" }).click()]);
  expect(download.suggestedFilename()).toBe(`usage-${run}-rejects.csv`);
  const rejects = (await readFile((await download.path())!, "utf8")).trimEnd().split("\r\n");
  expect(rejects[0]).toBe("row,column,reason");
  expect(rejects).toHaveLength(3);
  expect(rejects[1]).toMatch(/^4,timestamp,.+/);
  expect(rejects[2]).toMatch(/^6,latency_ms,.+/);

  // The failed attempt is listed, with its rejects.
  const listed = page.getByTestId("import-row").filter({ hasText: fileName });
  await expect(listed.first()).toContainText("failed: nothing written");
  await expect(listed.first().getByRole("link", { name: /Rejects \(CSV\)/ })).toHaveAttribute("href", /\/api\/v1\/usage\/imports\/.+\/rejects$/);

  // Lenient: the four good rows are written, costs estimated from the catalog's price.
  await uploadFile(page, fileName, csv, "Lenient");
  await expect(page.getByTestId("import-outcome")).toContainText("4 rows written, 2 rejected.");
  await expect(count(page, "Accepted")).toHaveText("4");
  await expect(count(page, "Rejected")).toHaveText("2");
  await expect(count(page, "Duplicates skipped")).toHaveText("0");
  await expect(count(page, "Costs estimated from the catalog")).toHaveText("4");
  const completed = page.getByTestId("import-row").filter({ hasText: fileName }).filter({ hasText: "completed" });
  await expect(completed).toHaveCount(1);
  await expect(completed.locator("td").nth(4)).toHaveText("4");

  // The same file again: every good row is a duplicate, nothing new is written.
  await uploadFile(page, fileName, csv, "Lenient");
  await expect(page.getByTestId("import-outcome")).toContainText("Nothing new: every good row was already stored.");
  await expect(count(page, "Accepted")).toHaveText("0");
  await expect(count(page, "Duplicates skipped")).toHaveText("4");
});

test("the upload shows its progress, then waits for the commit", async ({ page }) => {
  const run = `e2e-progress-${Date.now().toString(36)}`;
  await signInAs(page, "engineer");
  await page.goto("/usage/import");
  // ~400 KB sent at 64 KB/s: long enough to see the bar move. The last row is bad, so strict mode writes nothing.
  const rows = Array.from(
    { length: 4_000 },
    (_, i) => `${run}-${i},${new Date(Date.now() - 3_600_000).toISOString()},${MODEL},openai,${WORKFLOW},900,1000,200,ok`,
  );
  const csv = [HEADER, ...rows, `${run}-bad,not-a-time,${MODEL},openai,${WORKFLOW},900,1000,200,ok`].join("\n");
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: 64 * 1024 });
  await page.getByLabel("Usage file", { exact: true }).setInputFiles({ name: `${run}.csv`, mimeType: "text/csv", buffer: Buffer.from(csv) });
  await page.getByRole("button", { name: "Upload and import" }).click();
  const bar = page.getByRole("progressbar").first();
  await expect(bar).toBeVisible();
  // Part-way: neither 0 % nor done.
  await expect(page.getByText(/Uploading: [1-9]\d?%/)).toBeVisible();
  await expect(page.getByTestId("import-report")).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId("import-outcome")).toContainText("Nothing was written.");
  await expect(count(page, "Rows read")).toHaveText("4,001");
});

test("POST /api/v1/usage answers each event of a batch, and a re-sent batch with duplicates", async ({ page }) => {
  const run = `e2e-api-${Date.now().toString(36)}`;
  await signInAs(page, "engineer");
  const at = new Date(Date.now() - 2 * 3_600_000).toISOString();
  const event = (i: number, extra: Record<string, unknown> = {}) => ({
    event_id: `${run}-${i}`,
    timestamp: at,
    model: MODEL,
    provider: "openai",
    workflow: WORKFLOW,
    latency_ms: 700,
    input_tokens: 900,
    output_tokens: 150,
    status: "ok",
    ...extra,
  });
  const ndjson = [event(1), event(2, { status: "maybe" }), event(3)].map((e) => JSON.stringify(e)).join("\n");
  const first = await page.request.post("/api/v1/usage", { headers: { "content-type": "application/x-ndjson" }, data: ndjson });
  expect(first.status()).toBe(207);
  const body = await first.json();
  expect(body).toMatchObject({ accepted: 2, rejected: 1, duplicates: 0 });
  expect(body.results[1]).toMatchObject({ index: 1, status: "rejected", errors: [{ field: "status" }] });
  const again = await page.request.post("/api/v1/usage", { headers: { "content-type": "application/x-ndjson" }, data: ndjson });
  expect(await again.json()).toMatchObject({ accepted: 0, duplicates: 2, rejected: 1 });
  const unsupported = await page.request.post("/api/v1/usage", { headers: { "content-type": "text/csv" }, data: "timestamp,model,status\n" });
  expect(unsupported.status()).toBe(415);
});

test("the server refuses a file declared over 1 GB before reading it", async ({ page }) => {
  await signInAs(page, "engineer");
  const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
  const url = new URL("/api/v1/usage/imports?fileName=huge.csv&mode=strict", page.url());
  // Only the first bytes of the declared 1 GB + 1 are ever sent: the answer must come from the header alone.
  const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = http.request(url, { method: "POST", headers: { cookie, "content-type": "text/csv", "content-length": String(1024 ** 3 + 1) } }, (res) => {
      let body = "";
      res.on("data", (chunk) => (body += chunk));
      res.on("end", () => {
        resolve({ status: res.statusCode ?? 0, body });
        req.destroy();
      });
    });
    req.on("error", reject);
    req.write("timestamp,model,status\n");
  });
  expect(answer.status).toBe(413);
  expect(JSON.parse(answer.body).error.message).toContain("1,073,741,824 bytes");
});

test("people without the engineer role get no upload page", async ({ page }) => {
  await signInAs(page, "viewer");
  await page.goto("/usage/import");
  await expect(page.getByRole("heading", { name: "Not available to your role" })).toBeVisible();
  await expect(page.getByLabel("Usage file", { exact: true })).toHaveCount(0);
  const refused = await page.request.get("/api/v1/usage/imports");
  expect(refused.status()).toBe(403);
});
