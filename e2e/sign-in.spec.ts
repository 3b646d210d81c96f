import { expect, test } from "@playwright/test";
import { ACCOUNTS, type DemoRole, PASSWORD, signInAs } from "./support/accounts";

// What each role finds in the main navigation.
const NAV: Record<DemoRole, { shows: string[]; hides: string[] }> = {
  viewer: { shows: ["Catalog"], hides: ["Register model", "API keys"] },
  engineer: { shows: ["Catalog", "Register model"], hides: ["API keys"] },
  product_owner: { shows: ["Catalog"], hides: ["Register model", "API keys"] },
  ml_lead: { shows: ["Catalog"], hides: ["Register model", "API keys"] },
  compliance: { shows: ["Catalog"], hides: ["Register model", "API keys"] },
  admin: { shows: ["Catalog", "API keys"], hides: ["Register model"] },
};

for (const role of Object.keys(ACCOUNTS) as DemoRole[]) {
  test(`${role} signs in and sees a navigation for the role`, async ({ page }) => {
    await signInAs(page, role);
    await expect(page).toHaveURL(/\/models/);
    const nav = page.getByRole("navigation", { name: "Main" });
    for (const item of NAV[role].shows) await expect(nav.getByRole("link", { name: item, exact: true })).toBeVisible();
    for (const item of NAV[role].hides) await expect(nav.getByRole("link", { name: item, exact: true })).toHaveCount(0);
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/sign-in/);
  });
}

test("an anonymous visitor is sent to sign in and comes back to the page asked for", async ({ page }) => {
  await page.goto("/models?status=approved");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=/);
  await page.getByLabel("Email").fill(ACCOUNTS.viewer.email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(/\/models\?status=approved/);
});

test("a wrong password gets a clear message, and repeated failures are slowed down", async ({ page }) => {
  await page.goto("/sign-in");
  const attempt = async () => {
    // An address of its own, so the cool-down cannot lock out the accounts the other tests use.
    await page.getByLabel("Email").fill("throttled.person@warden.test");
    await page.getByLabel("Password").fill("not-the-password");
    // Wait for the server's answer: React resets the form when the action completes, and typing the
    // next attempt before that would be wiped.
    await Promise.all([page.waitForResponse((r) => r.request().method() === "POST"), page.getByRole("button", { name: "Sign in", exact: true }).click()]);
    await expect(page.getByRole("button", { name: "Sign in", exact: true })).toBeEnabled();
  };
  await attempt();
  await expect(page.getByTestId("form-alert")).toHaveText("That email and password do not match an active account.");
  await attempt();
  await attempt();
  await expect(page.getByTestId("form-alert")).toContainText(/Too many failed sign-in attempts\. Wait \d+ seconds/);
  // Further attempts are refused while the address cools down, without checking the password.
  await attempt();
  await expect(page.getByTestId("form-alert")).toContainText("Too many failed sign-in attempts");
  await expect(page).toHaveURL(/\/sign-in/);
});
