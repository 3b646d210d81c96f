import { expect, test } from "@playwright/test";
import { signInAs } from "./support/accounts";

test("an admin creates a person, whose roles and disabling take effect on their next request; the last admin cannot be removed", async ({ page, browser }) => {
  test.slow();
  const email = `person-${Date.now().toString(36)}@warden.test`;
  await signInAs(page, "admin");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "People" }).click();
  await expect(page.getByRole("heading", { name: "People" })).toBeVisible();

  // A bad form: each field says what is wrong, nothing is created.
  const create = page.getByRole("form", { name: "Create a person" });
  await create.getByLabel("Email").fill("not-an-email");
  await create.getByLabel("Password (blank: generate one)").fill("short");
  await create.getByRole("button", { name: "Create account" }).click();
  await expect(create.getByText("Enter a valid email address")).toBeVisible();
  await expect(create.getByText("Enter the person's name")).toBeVisible();
  await expect(create.getByText("At least 12 characters")).toBeVisible();

  await create.getByLabel("Email").fill(email);
  await create.getByLabel("Name").fill("Pat Person");
  await create.getByLabel("Password (blank: generate one)").fill("");
  await create.getByRole("checkbox", { name: "Engineer" }).check();
  await create.getByRole("button", { name: "Create account" }).click();
  const password = (await page.getByTestId("new-user-password").textContent())!.trim();
  expect(password.length).toBeGreaterThanOrEqual(16);

  // The new person signs in in their own browser.
  const theirs = await (await browser.newContext()).newPage();
  await theirs.goto("/sign-in");
  await theirs.getByLabel("Email").fill(email);
  await theirs.getByLabel("Password").fill(password);
  await theirs.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(theirs.getByTestId("current-roles")).toHaveText("Engineer");

  // New roles apply on their next request, without signing in again.
  const row = page.locator(`[data-testid="user-row"][data-email="${email}"]`);
  const roles = row.getByRole("form", { name: `Roles of ${email}` });
  await roles.getByRole("checkbox", { name: "Engineer" }).uncheck();
  await roles.getByRole("checkbox", { name: "Compliance" }).check();
  await roles.getByRole("button", { name: `Save roles of ${email}` }).click();
  await expect(row.getByRole("status")).toContainText("Roles saved");
  await theirs.reload();
  await expect(theirs.getByTestId("current-roles")).toHaveText("Compliance");

  // Disabled: their next request finds them signed out.
  page.once("dialog", (dialog) => dialog.accept());
  await row.getByRole("button", { name: `Disable ${email}` }).click();
  await expect(row).toContainText("disabled");
  await theirs.goto("/models");
  await expect(theirs).toHaveURL(/\/sign-in/);

  // The only admin cannot take their own admin role away.
  const self = page.locator('[data-testid="user-row"][data-email="admin@warden.test"]');
  await self.getByRole("checkbox", { name: "Admin" }).uncheck();
  await self.getByRole("checkbox", { name: "Viewer" }).check();
  await self.getByRole("button", { name: "Save roles of admin@warden.test" }).click();
  await expect(self.getByRole("alert")).toContainText("is the last active admin");
  await page.reload();
  await expect(page.getByTestId("current-roles")).toHaveText("Admin");
});

test("people administration is not offered to anyone but admins, and the page refuses them", async ({ page }) => {
  await signInAs(page, "compliance");
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "People" })).toHaveCount(0);
  await page.goto("/admin/users");
  await expect(page.getByRole("heading", { name: "Not available to your role" })).toBeVisible();
  await expect(page.getByTestId("user-row")).toHaveCount(0);
});
