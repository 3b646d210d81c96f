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
