import { expect, type Page } from "@playwright/test";

export const PASSWORD = "warden-demo";

export const ACCOUNTS = {
  viewer: { email: "viewer@warden.test", label: "Viewer" },
  engineer: { email: "engineer@warden.test", label: "Engineer" },
  product_owner: { email: "owner@warden.test", label: "Product owner" },
  ml_lead: { email: "lead@warden.test", label: "ML lead" },
  compliance: { email: "compliance@warden.test", label: "Compliance" },
  admin: { email: "admin@warden.test", label: "Admin" },
} as const;

export type DemoRole = keyof typeof ACCOUNTS;

export async function signInAs(page: Page, role: DemoRole) {
  // Sign-in throttling also keys on the client address, and every spec signs in from 127.0.0.1: while the
  // throttle test's failures cool down (a few seconds), wait as the message says, like a person would.
  for (let attempt = 0; ; attempt++) {
    // A fresh form each attempt; if an earlier attempt went through after all, this is the app instead.
    await page.goto("/sign-in");
    if (await page.getByTestId("current-roles").isVisible()) break;
    await page.getByLabel("Email").fill(ACCOUNTS[role].email);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    const signedIn = page.getByTestId("current-roles");
    const throttled = page.getByTestId("form-alert").filter({ hasText: "Too many failed sign-in attempts" });
    await expect(signedIn.or(throttled)).toBeVisible();
    if (attempt >= 3 || !(await throttled.isVisible())) break;
    const seconds = Number((await throttled.textContent())?.match(/Wait (\d+) second/)?.[1] ?? 2);
    await page.waitForTimeout((seconds + 0.5) * 1000);
  }
  await expect(page.getByTestId("current-roles")).toContainText(ACCOUNTS[role].label);
}
