import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "./password";

describe("password hashes", () => {
  it("verify the right password only and never contain it", async () => {
    const hash = await hashPassword("warden-demo");
    expect(hash).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(hash).not.toContain("warden-demo");
    expect(await verifyPassword("warden-demo", hash)).toBe(true);
    expect(await verifyPassword("warden-dem0", hash)).toBe(false);
    expect(await verifyPassword("warden-demo", "not-a-hash")).toBe(false);
  });

  it("salt each hash", async () => {
    expect(await hashPassword("same")).not.toBe(await hashPassword("same"));
  });
});
