import { createHash } from "node:crypto";
import { expect, test } from "@playwright/test";
import { ACCOUNTS, PASSWORD, signInAs } from "./support/accounts";

test("pages run under a nonce-based content security policy with the usual security headers; API answers under a locked-down one", async ({ page }) => {
  const violations: string[] = [];
  page.on("console", (message) => /Content Security Policy|Refused to (execute|load)/i.test(message.text()) && violations.push(message.text()));
  await signInAs(page, "admin");
  for (const path of ["/analytics", "/audit", "/admin/users", "/compliance"]) {
    const response = (await page.goto(path))!;
    const headers = response.headers();
    const policy = headers["content-security-policy"];
    const nonce = policy.match(/'nonce-([^']+)'/)?.[1];
    expect(nonce, path).toBeTruthy();
    expect(policy).toContain("default-src 'self'");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).toContain("object-src 'none'");
    expect(policy).not.toContain("unsafe-eval");
    expect(headers["x-frame-options"]).toBe("DENY");
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["referrer-policy"]).toBe("same-origin");
    // Every script Next.js wrote carries this response's nonce, and the page came alive (client
    // components rendered and responded).
    const html = await response.text();
    const scriptNonces = [...html.matchAll(/<script[^>]*nonce="([^"]+)"/g)].map((m) => m[1]);
    expect(scriptNonces.length).toBeGreaterThan(0);
    expect(new Set(scriptNonces)).toEqual(new Set([nonce]));
  }
  await page.goto("/analytics");
  await expect(page.locator(".recharts-surface").first()).toBeVisible();
  expect(violations).toEqual([]);
  const api = await page.request.get("/api/v1/models");
  expect(api.headers()["content-security-policy"]).toBe("default-src 'none'; frame-ancestors 'none'; sandbox");
});

test("session cookies are httpOnly and SameSite=Lax, and Secure with the __Secure- prefix behind HTTPS", async ({ page, playwright, baseURL }) => {
  await signInAs(page, "viewer");
  const session = (await page.context().cookies()).find((c) => c.name === "authjs.session-token")!;
  expect(session).toMatchObject({ httpOnly: true, sameSite: "Lax" });

  // Behind a TLS-terminating proxy (X-Forwarded-Proto: https) the cookies are Secure.
  const https = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { "x-forwarded-proto": "https" } });
  const csrf = await https.get("/api/auth/csrf");
  const { csrfToken } = await csrf.json();
  expect(csrf.headers()["set-cookie"]).toMatch(/__Host-authjs\.csrf-token=[^;]+;.*HttpOnly/i);
  expect(csrf.headers()["set-cookie"]).toMatch(/Secure/);
  const signIn = await https.post("/api/auth/callback/credentials", {
    form: { csrfToken, email: ACCOUNTS.viewer.email, password: PASSWORD, callbackUrl: "/" },
    maxRedirects: 0,
  });
  const setCookie = signIn
    .headersArray()
    .filter((h) => h.name.toLowerCase() === "set-cookie")
    .map((h) => h.value);
  const secureSession = setCookie.find((c) => c.startsWith("__Secure-authjs.session-token="));
  expect(secureSession, setCookie.join("\n")).toBeTruthy();
  expect(secureSession).toMatch(/;\s*HttpOnly/i);
  expect(secureSession).toMatch(/;\s*Secure/i);
  expect(secureSession).toMatch(/;\s*SameSite=Lax/i);
  await https.dispose();
});

test("a server action posted from another origin is refused and changes nothing; the same post from Warden's own origin works", async ({ page }) => {
  await signInAs(page, "admin");
  await page.goto("/admin/users");
  const run = Date.now().toString(36);
  const create = page.getByRole("form", { name: "Create a person" });
  await create.getByLabel("Email").fill(`original-${run}@warden.test`);
  await create.getByLabel("Name").fill("Original");
  const [actionRequest] = await Promise.all([
    page.waitForRequest((r) => r.method() === "POST" && Boolean(r.headers()["next-action"])),
    create.getByRole("button", { name: "Create account" }).click(),
  ]);
  await expect(page.getByTestId("new-user-password")).toBeVisible();
  const headers = await actionRequest.allHeaders();
  const body = actionRequest.postDataBuffer()!.toString("latin1");
  const replay = (email: string, origin: string) =>
    page.request.post(actionRequest.url(), {
      headers: { ...Object.fromEntries(Object.entries(headers).filter(([k]) => !k.startsWith(":") && k !== "content-length")), origin },
      data: Buffer.from(body.replaceAll(`original-${run}@warden.test`, email), "latin1"),
    });
  const forged = await replay(`forged-${run}@warden.test`, "http://evil.example");
  expect(forged.status()).toBeGreaterThanOrEqual(400);
  const own = await replay(`replayed-${run}@warden.test`, new URL(page.url()).origin);
  expect(own.status()).toBe(200);
  await page.reload();
  await expect(page.locator(`[data-email="replayed-${run}@warden.test"]`)).toHaveCount(1);
  await expect(page.locator(`[data-email="forged-${run}@warden.test"]`)).toHaveCount(0);
});

test("no secret appears in pages, action results or exports: password hashes, API keys or their hashes", async ({ page }) => {
  await signInAs(page, "admin");
  await page.goto("/admin/api-keys");
  await page.getByLabel("Name").fill(`secret-check-${Date.now().toString(36)}`);
  await page.getByRole("checkbox", { name: /read/ }).first().check();
  await page.getByRole("button", { name: "Create key" }).click();
  const key = (await page.getByTestId("new-api-key").textContent())!.trim();
  const keyHash = createHash("sha256").update(key).digest("hex");
  const secrets = [key, keyHash];
  const leaks = (text: string) => [...secrets.filter((s) => text.includes(s)), ...(/scrypt\$\d+\$/.test(text) ? ["a password hash"] : [])];

  for (const path of ["/admin/api-keys", "/admin/users", "/audit", "/audit?action=api_key."]) {
    const response = (await page.goto(path))!;
    expect(leaks(await response.text()), path).toEqual([]);
  }
  for (const format of ["csv", "ndjson"]) {
    const file = await page.request.get(`/api/v1/audit/export?format=${format}`);
    expect(file.status()).toBe(200);
    expect(leaks(await file.text()), format).toEqual([]);
  }
  // The key works (so it was the real one), and nothing about it is echoed back.
  const models = await page.request.get("/api/v1/models", { headers: { authorization: `Bearer ${key}` } });
  expect(models.status()).toBe(200);
  expect(leaks(await models.text())).toEqual([]);
});
