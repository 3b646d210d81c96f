import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { generateWebhookSecret, signWebhookBody, verifyWebhookSignature } from "./signature";

describe("webhook signatures", () => {
  const secret = "whsec_test";
  const body = '{"event":"model.disabled"}';

  it("are HMAC-SHA256 over '<timestamp>.<body>', as a receiver computes it by hand", () => {
    const expected = createHmac("sha256", secret).update(`1700000000.${body}`).digest("hex");
    expect(signWebhookBody(secret, body, 1_700_000_000)).toBe(`t=1700000000,v1=${expected}`);
  });

  it("verify for the right secret and body within the tolerance, and fail otherwise", () => {
    const header = signWebhookBody(secret, body, 1_700_000_000);
    expect(verifyWebhookSignature(secret, body, header, 1_700_000_100)).toBe(true);
    expect(verifyWebhookSignature("whsec_other", body, header, 1_700_000_100)).toBe(false);
    expect(verifyWebhookSignature(secret, body.replace("disabled", "approved"), header, 1_700_000_100)).toBe(false);
    expect(verifyWebhookSignature(secret, body, header, 1_700_000_000 + 301)).toBe(false); // replayed later
    expect(verifyWebhookSignature(secret, body, "t=abc,v1=00", 1_700_000_000)).toBe(false);
    expect(verifyWebhookSignature(secret, body, null, 1_700_000_000)).toBe(false);
  });

  it("secrets are long and random", () => {
    const a = generateWebhookSecret();
    expect(a).toMatch(/^whsec_[\w-]{32}$/);
    expect(generateWebhookSecret()).not.toBe(a);
  });
});
