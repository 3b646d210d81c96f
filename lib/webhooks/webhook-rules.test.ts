import { describe, expect, it } from "vitest";
import { deliveryOutcome, disableRefusal, testDeliveryRefusal } from "./webhook-rules";

const entry = { attempt: 1, statusCode: null, error: null, deliveredAt: null, nextAttemptAt: null, gaveUpAt: null };

describe("webhook rules", () => {
  it("lets an enabled webhook be tested and disabled, and a disabled one neither", () => {
    expect(testDeliveryRefusal({ disabledAt: null })).toBeNull();
    expect(disableRefusal({ disabledAt: null })).toBeNull();
    expect(testDeliveryRefusal({ disabledAt: new Date() })).toContain("is disabled");
    expect(disableRefusal({ disabledAt: new Date() })).toBe("This webhook is already disabled.");
  });

  it("names each delivery's outcome", () => {
    expect(deliveryOutcome({ ...entry, deliveredAt: new Date(), statusCode: 204 })).toEqual({ kind: "delivered", text: "delivered (204)" });
    expect(deliveryOutcome({ ...entry, gaveUpAt: new Date(), error: "HTTP 500" })).toEqual({ kind: "failed", text: "failed: HTTP 500" });
    expect(deliveryOutcome({ ...entry, gaveUpAt: new Date() }).text).toBe("failed: no answer");
    expect(deliveryOutcome({ ...entry, attempt: 0 })).toEqual({ kind: "queued", text: "queued" });
    expect(deliveryOutcome({ ...entry, error: "timeout", nextAttemptAt: new Date("2026-06-01T10:05:00Z") })).toEqual({
      kind: "retrying",
      text: "retrying: timeout, next 2026-06-01 10:05 UTC",
    });
  });
});
