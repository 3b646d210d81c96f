// The seed refuses a database that is neither empty nor a demo unless forced, and does nothing on a
// finished demo database.
import { afterEach, describe, expect, it } from "vitest";
import type { Database } from "@/lib/db/connection";
import { openTestDatabase } from "@/lib/testing/test-database";
import { decideSeed, DEMO_MARKER_KEY, DEMO_VERSION, inspectSeedTarget } from "./demo-guard";

let db: Database | undefined;
afterEach(async () => {
  await db?.close();
  db = undefined;
});

describe("inspectSeedTarget + decideSeed on a database", () => {
  it("seeds an empty database", async () => {
    db = await openTestDatabase();
    const target = await inspectSeedTarget(db.prisma);
    expect(target).toEqual({ kind: "empty" });
    expect(decideSeed(target).action).toBe("seed");
  });

  it("refuses a database with a user and no demo marker, and says how to override", async () => {
    db = await openTestDatabase();
    await db.prisma.user.create({ data: { email: "real.person@example.com", name: "Real Person" } });
    const target = await inspectSeedTarget(db.prisma);
    expect(target).toEqual({ kind: "foreign", users: 1 });
    const decision = decideSeed(target);
    expect(decision.action).toBe("refuse");
    expect(decision.message).toMatch(/1 user\(s\) and no demo marker/);
    expect(decision.message).toMatch(/--force/);
    expect(decideSeed(target, { force: true }).action).toBe("seed");
  });

  it("treats a database carrying the marker as a demo, whatever users it has", async () => {
    db = await openTestDatabase();
    await db.prisma.user.create({ data: { email: "viewer@warden.test", name: "Vera" } });
    const marker = { seededAt: "2026-11-23T12:00:00.000Z", version: DEMO_VERSION, completedAt: "2026-11-23T12:00:20.000Z" };
    await db.prisma.setting.create({ data: { key: DEMO_MARKER_KEY, value: marker } });
    const target = await inspectSeedTarget(db.prisma);
    expect(target).toEqual({ kind: "demo", marker });
    const decision = decideSeed(target);
    expect(decision.action).toBe("nothing_to_do");
    expect(decision.message).toMatch(/nothing to do/);
  });
});

describe("decideSeed", () => {
  const marker = (over: object = {}) => ({ seededAt: "2026-11-23T12:00:00.000Z", version: DEMO_VERSION, completedAt: "2026-11-23T12:00:20.000Z", ...over });

  it("resumes a seed that did not finish", () => {
    const decision = decideSeed({ kind: "demo", marker: marker({ completedAt: null }) });
    expect(decision).toMatchObject({ action: "seed", message: expect.stringMatching(/did not finish: resuming/) });
  });

  it("tops up a demo database seeded by an older version", () => {
    expect(decideSeed({ kind: "demo", marker: marker({ version: DEMO_VERSION - 1 }) }).action).toBe("seed");
  });

  it("re-runs (idempotently) on a finished demo database only when forced", () => {
    expect(decideSeed({ kind: "demo", marker: marker() }, { force: true }).action).toBe("seed");
  });
});
