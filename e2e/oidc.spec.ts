// Single sign-on against a real OpenID provider (oidc-provider) that `npm test` starts on this machine
// (lib/testing/oidc-test-provider.ts): discovery, authorization code, signed ID token, roles from the
// "groups" claim through OIDC_ROLE_MAP.
import { expect, type Page, test } from "@playwright/test";
import { signInAs } from "./support/accounts";

test.beforeEach(async ({ page }) => {
  expect(process.env.OIDC_ISSUER, "run the browser tests through `npm test`, which starts the test identity provider").toBeTruthy();
  // The provider's development login page imports a web font; nothing leaves this machine.
  await page.route(/^https?:\/\/(?!127\.0\.0\.1|localhost)/, (route) => route.abort());
});

// The redirect URI registered with the provider names "localhost", the host name Next.js gives the
// callback route's URL, so the browser uses it too.
const warden = (path: string) => `http://localhost:${process.env.E2E_PORT ?? 3100}${path}`;

async function signInWithSso(page: Page, login: string) {
  await page.goto(warden("/sign-in"));
  await page.getByRole("button", { name: "Sign in with Test identity provider" }).click();
  await expect(page).toHaveURL(new RegExp(`^${process.env.OIDC_ISSUER}/interaction/`));
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill("any password: the test provider's login");
  await page.getByRole("button", { name: "Sign-in" }).click();
  await page.getByRole("button", { name: "Continue" }).click();
  // Back at Warden, which sends everyone from its front page to the catalog.
  await page.waitForURL(/^http:\/\/localhost:\d+\/models/);
}

test("a person signs in through the identity provider and gets the Warden role mapped from their group claim", async ({ page }) => {
  // Two people sign in (one through the provider's login and consent pages): more than the default 30 s under CI load.
  test.slow();
  await signInWithSso(page, "casey.compliance");
  await expect(page.getByTestId("current-user")).toHaveText("Casey Sso");
  await expect(page.getByTestId("current-roles")).toHaveText("Compliance");
  // The role is real: the compliance pages open.
  await page.goto(warden("/compliance"));
  await expect(page.getByRole("heading", { name: "Compliance checklist" })).toBeVisible();

  // The account was provisioned with its roles on the record.
  const admin = await page.context().browser()!.newPage();
  await signInAs(admin, "admin");
  await admin.goto("/audit?action=user.");
  await expect(admin.getByTestId("audit-row").filter({ hasText: "casey.sso@warden.test" }).first()).toContainText("compliance");
  await admin.goto("/admin/users");
  await expect(admin.locator('[data-email="casey.sso@warden.test"]')).toContainText("single sign-on");
  await admin.close();
});

test("a person whose groups map to no Warden role signs in but gets nothing", async ({ page }) => {
  await signInWithSso(page, "morgan.nobody");
  await expect(page.getByTestId("current-roles")).toHaveText("No role");
  await page.goto(warden("/audit"));
  await expect(page.getByRole("heading", { name: "Not available to your role" })).toBeVisible();
});
