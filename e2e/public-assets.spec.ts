// What a web app serves as is, from public/: open to anyone, signed in or not.
import { expect, test } from "@playwright/test";

test("robots.txt keeps every crawler out, without signing in", async ({ request }) => {
  const response = await request.get("/robots.txt", { maxRedirects: 0 });
  expect(response.status()).toBe(200);
  expect(await response.text()).toMatch(/User-agent: \*\s+Disallow: \/\s*$/);
});

test("the icon is served and every page names it; pages ask not to be indexed", async ({ page, request }) => {
  const icon = await request.get("/icon.svg", { maxRedirects: 0 });
  expect(icon.status()).toBe(200);
  expect(icon.headers()["content-type"]).toContain("image/svg+xml");
  await page.goto("/sign-in");
  await expect(page.locator('link[rel="icon"]')).toHaveAttribute("href", /\/icon\.svg/);
  await expect(page.locator('meta[name="robots"]')).toHaveAttribute("content", /noindex/);
});
