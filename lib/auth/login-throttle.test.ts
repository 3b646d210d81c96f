import { describe, expect, it } from "vitest";
import { LoginThrottle, throttleKeys } from "./login-throttle";

describe("login throttle", () => {
  const keys = throttleKeys("Viewer@Warden.test", "10.0.0.1");

  it("lets the first few failures through, then makes each attempt wait longer", () => {
    let now = 0;
    const throttle = new LoginThrottle({ freeFailures: 3, firstDelayMs: 2_000, maxDelayMs: 60_000, windowMs: 900_000 }, () => now);
    throttle.recordFailure(keys);
    throttle.recordFailure(keys);
    expect(throttle.waitMs(keys)).toBe(0);
    throttle.recordFailure(keys);
    expect(throttle.waitMs(keys)).toBe(2_000);
    now += 2_000;
    expect(throttle.waitMs(keys)).toBe(0);
    throttle.recordFailure(keys);
    expect(throttle.waitMs(keys)).toBe(4_000);
    for (let i = 0; i < 10; i++) throttle.recordFailure(keys);
    expect(throttle.waitMs(keys)).toBe(60_000);
  });

  it("matches the account whatever the email's case, and forgets after a success", () => {
    const throttle = new LoginThrottle({ freeFailures: 0, firstDelayMs: 1_000, maxDelayMs: 1_000, windowMs: 900_000 }, () => 0);
    throttle.recordFailure(throttleKeys("viewer@warden.test", null));
    expect(throttle.waitMs(throttleKeys("VIEWER@warden.test", "10.9.9.9"))).toBe(1_000);
    throttle.recordSuccess(throttleKeys("viewer@warden.test", null));
    expect(throttle.waitMs(throttleKeys("viewer@warden.test", null))).toBe(0);
  });

  it("forgets failures older than the window", () => {
    let now = 0;
    const throttle = new LoginThrottle({ freeFailures: 0, firstDelayMs: 1_000, maxDelayMs: 1_000, windowMs: 10_000 }, () => now);
    throttle.recordFailure(keys);
    now = 20_000;
    throttle.recordFailure(keys);
    expect(throttle.waitMs(keys)).toBe(1_000); // counted as a first failure again, not a second
  });
});
