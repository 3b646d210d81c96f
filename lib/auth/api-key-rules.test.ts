import { describe, expect, it } from "vitest";
import { apiKeyState, revokeRefusal } from "./api-key-rules";

const now = new Date("2026-06-01T12:00:00Z");

describe("API key state", () => {
  it("is active without an end, or before its expiry", () => {
    expect(apiKeyState({ revokedAt: null, expiresAt: null }, now)).toBe("active");
    expect(apiKeyState({ revokedAt: null, expiresAt: new Date("2026-06-01T12:00:01Z") }, now)).toBe("active");
  });

  it("is expired from the instant of its expiry, and revoked whatever its expiry", () => {
    expect(apiKeyState({ revokedAt: null, expiresAt: now }, now)).toBe("expired");
    expect(apiKeyState({ revokedAt: new Date("2026-05-01"), expiresAt: new Date("2026-05-02") }, now)).toBe("revoked");
    expect(apiKeyState({ revokedAt: new Date("2026-05-01"), expiresAt: null }, now)).toBe("revoked");
  });

  it("can be revoked once, expired or not", () => {
    expect(revokeRefusal({ name: "ci", revokedAt: null })).toBeNull();
    expect(revokeRefusal({ name: "ci", revokedAt: new Date() })).toBe('API key "ci" is already revoked.');
  });
});
