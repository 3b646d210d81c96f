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
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(ACCOUNTS[role].email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("current-roles")).toContainText(ACCOUNTS[role].label);
}
