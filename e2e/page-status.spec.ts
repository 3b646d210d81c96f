// A page a role may not see answers 403 (and the page that says so), not 200 with a refusal in its body;
// the same page answers 200 to a role that may; a page that does not exist answers 404.
import { expect, test } from "@playwright/test";
import { type DemoRole, signInAs } from "./support/accounts";

const CASES: { role: DemoRole; path: string; status: number }[] = [
  { role: "viewer", path: "/models/new", status: 403 },
  { role: "viewer", path: "/audit", status: 403 },
  { role: "viewer", path: "/admin/users", status: 403 },
  { role: "viewer", path: "/usage/import", status: 403 },
  { role: "viewer", path: "/models", status: 200 },
  { role: "viewer", path: "/analytics", status: 200 },
  { role: "engineer", path: "/models/new", status: 200 },
  { role: "compliance", path: "/audit", status: 200 },
  { role: "viewer", path: "/models/no-such-model", status: 404 },
];

for (const role of new Set(CASES.map((c) => c.role))) {
  test(`as ${role}, each page answers the status its permission says`, async ({ page }) => {
    await signInAs(page, role);
    for (const { path, status } of CASES.filter((c) => c.role === role)) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(status);
      if (status === 403) await expect(page.getByRole("heading", { name: "Not available to your role" })).toBeVisible();
    }
  });
}

test("signing in never leads off-site, whatever the callbackUrl says", async ({ page }) => {
  await signInAs(page, "viewer");
  for (const hostile of ["//evil.example/x", "/\\evil.example/x", "/\t/evil.example/x", "https://evil.example/x"]) {
    const response = await page.request.get(`/sign-in?callbackUrl=${encodeURIComponent(hostile)}`, { maxRedirects: 0 });
    expect(response.status(), hostile).toBeGreaterThanOrEqual(300);
    expect(response.status(), hostile).toBeLessThan(400);
    const location = new URL(response.headers()["location"], page.url());
    expect(location.origin, hostile).toBe(new URL(page.url()).origin);
  }
  const onSite = await page.request.get(`/sign-in?callbackUrl=${encodeURIComponent("/audit?x=1")}`, { maxRedirects: 0 });
  expect(new URL(onSite.headers()["location"], page.url()).pathname).toBe("/audit");
});
