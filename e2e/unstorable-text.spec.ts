// Text PostgreSQL cannot store (a NUL character) is refused where it comes in, with a 422 naming the field,
// and nothing is written: in a JSON body and in a query parameter (forms: lib/server/action.test.ts).
import { expect, test } from "@playwright/test";
import { signInAs } from "./support/accounts";

test("a NUL character in a JSON body or a query parameter is a 422 naming the field, not a 500", async ({ page }) => {
  await signInAs(page, "engineer");
  const before = (await (await page.request.get("/api/v1/change-requests")).json()).total;
  const body = await page.request.post("/api/v1/change-requests", {
    data: { kind: "approval", modelId: "x", workflow: "agent-planning", role: "primary", evidence: [], justification: "because\u0000" },
  });
  expect(body.status()).toBe(422);
  expect((await body.json()).error).toMatchObject({ code: "validation", fieldErrors: { justification: [expect.stringMatching(/NUL/)] } });
  expect((await (await page.request.get("/api/v1/change-requests")).json()).total).toBe(before);

  const query = await page.request.get(`/api/v1/models?q=${encodeURIComponent("gpt\u0000")}`);
  expect(query.status()).toBe(422);
  expect((await query.json()).error.fieldErrors).toEqual({ q: [expect.stringMatching(/NUL/)] });
});
