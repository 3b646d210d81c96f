import http from "node:http";
import { expect, test } from "@playwright/test";
import { signInAs } from "./support/accounts";
import { verifyWebhookSignature } from "../lib/webhooks/signature";
import type { AddressInfo } from "node:net";

test("an admin creates a webhook, sends a signed test delivery to a real receiver and sees it in the delivery log", async ({ page }) => {
  const received: { headers: http.IncomingHttpHeaders; body: string }[] = [];
  const receiver = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      received.push({ headers: req.headers, body });
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/warden-${Date.now().toString(36)}`;
  try {
    await signInAs(page, "admin");
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Webhooks" }).click();
    const form = page.getByRole("form", { name: "Create a webhook" });
    // Nothing chosen: each field says what is missing.
    await form.getByLabel("Payload URL").fill("not a url");
    await form.getByRole("button", { name: "Create webhook" }).click();
    await expect(form.getByText("Enter an http:// or https:// URL")).toBeVisible();
    await expect(form.getByText("Choose at least one event")).toBeVisible();

    await form.getByLabel("Payload URL").fill(url);
    await form.getByRole("checkbox", { name: /change_request\.opened/ }).check();
    await form.getByRole("checkbox", { name: /model\.disabled/ }).check();
    await form.getByRole("button", { name: "Create webhook" }).click();
    const secret = (await page.getByTestId("new-webhook-secret").textContent())!.trim();
    expect(secret).toMatch(/^whsec_/);

    const hook = page.getByRole("region", { name: `Webhook ${url}` });
    await expect(hook).toContainText("change_request.opened, model.disabled");
    await hook.getByRole("button", { name: `Send a test delivery to ${url}` }).click();
    await expect(hook.getByTestId("test-delivery-result")).toContainText("Delivered: the receiver answered 200");
    expect(received).toHaveLength(1);
    expect(received[0].headers["x-warden-event"]).toBe("webhook.test");
    expect(verifyWebhookSignature(secret, received[0].body, received[0].headers["x-warden-signature"] as string, Math.floor(Date.now() / 1000))).toBe(true);
    await expect(hook.getByTestId("delivery-row").first()).toContainText("webhook.test");
    await expect(hook.getByTestId("delivery-row").first()).toContainText("delivered (200)");

    // The secret is never shown again.
    await page.reload();
    expect(await page.content()).not.toContain(secret);

    page.once("dialog", (dialog) => dialog.accept());
    await hook.getByRole("button", { name: `Disable the webhook for ${url}` }).click();
    await expect(hook).toContainText("disabled");
  } finally {
    await new Promise((resolve) => receiver.close(resolve));
  }
});

test("webhooks are not offered to other roles and the page refuses them", async ({ page }) => {
  await signInAs(page, "ml_lead");
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Webhooks" })).toHaveCount(0);
  await page.goto("/admin/webhooks");
  await expect(page.getByRole("heading", { name: "Not available to your role" })).toBeVisible();
});
