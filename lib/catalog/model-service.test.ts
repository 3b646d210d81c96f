import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Role } from "@/lib/authz/permissions";
import type { Database } from "@/lib/db/connection";
import { type UserActor, actorPerRole, ensureProvider } from "@/lib/testing/actors";
import { failure } from "@/lib/testing/expect-failure";
import { openTestDatabase } from "@/lib/testing/test-database";
import { registerModel, updateModel } from "./model-service";

let db: Database;
let actors: Record<Role, UserActor>;

const valid = {
  providerSlug: "anthropic",
  snapshotId: "claude-sonnet-4-5-20250929",
  name: "Claude Sonnet 4.5",
  kind: "hosted",
  pinning: "strict",
  contextWindow: "200000",
  maxOutputTokens: "64000",
  inputPricePerMTok: "3",
  outputPricePerMTok: "15",
  languages: "en, DE",
};

beforeAll(async () => {
  db = await openTestDatabase();
  await ensureProvider(db.prisma, "anthropic", "Anthropic");
  await ensureProvider(db.prisma, "openai", "OpenAI");
  actors = await actorPerRole(db.prisma);
});
afterAll(() => db.close());

describe("registering a model", () => {
  it("puts it in testing, derives the cost level and records one audit event", async () => {
    const model = await registerModel(db.prisma, actors.engineer, valid);
    expect(model.status).toBe("testing");
    expect(model.costLevel).toBe("medium");
    expect(model.languages).toEqual(["en", "de"]);
    const events = await db.prisma.auditEvent.findMany({ where: { targetId: model.id } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: "model.register", actorLabel: actors.engineer.email });
    expect(events[0].after).toMatchObject({ snapshotId: "claude-sonnet-4-5-20250929", status: "testing" });
  });

  it("refuses a second model with the same provider and snapshot id, naming the field", async () => {
    const error = await failure(registerModel(db.prisma, actors.engineer, valid));
    expect(error.code).toBe("conflict");
    expect(error.fieldErrors?.snapshotId?.[0]).toMatch(/already has a model/);
  });

  it("reports every invalid field at once and writes nothing", async () => {
    const before = await db.prisma.model.count();
    const auditBefore = await db.prisma.auditEvent.count();
    const error = await failure(
      registerModel(db.prisma, actors.engineer, {
        providerSlug: "anthropic",
        snapshotId: "claude sonnet latest",
        name: "",
        contextWindow: "-5",
        inputPricePerMTok: "abc",
      }),
    );
    expect(error.code).toBe("validation");
    expect(Object.keys(error.fieldErrors ?? {})).toEqual(expect.arrayContaining(["snapshotId", "name", "contextWindow", "inputPricePerMTok"]));
    // Rules across fields are checked once each field is valid on its own.
    const crossField = await failure(
      registerModel(db.prisma, actors.engineer, { ...valid, snapshotId: "claude-x", providerDeprecationDate: "2027-01-01", maxOutputTokens: "300000" }),
    );
    expect(Object.keys(crossField.fieldErrors ?? {})).toEqual(
      expect.arrayContaining(["providerDeprecationSource", "providerDeprecationMeaning", "maxOutputTokens"]),
    );
    expect(await db.prisma.model.count()).toBe(before);
    expect(await db.prisma.auditEvent.count()).toBe(auditBefore);
  });

  it("refuses a moving alias as a strictly pinned snapshot", async () => {
    const error = await failure(registerModel(db.prisma, actors.engineer, { ...valid, snapshotId: "gpt-4o-latest", providerSlug: "openai" }));
    expect(error.fieldErrors?.snapshotId?.[0]).toMatch(/moving alias/);
  });

  it("is refused to every role but engineer, before anything is read", async () => {
    for (const role of ["viewer", "product_owner", "ml_lead", "compliance", "admin"] as const) {
      const error = await failure(registerModel(db.prisma, actors[role], { ...valid, snapshotId: `x-${role}` }));
      expect(error.code).toBe("forbidden");
    }
    expect(await db.prisma.model.count({ where: { snapshotId: { startsWith: "x-" } } })).toBe(0);
    expect((await failure(registerModel(db.prisma, null, valid))).code).toBe("unauthenticated");
  });
});

describe("editing a model", () => {
  it("saves against the current version and records only what changed", async () => {
    const model = await registerModel(db.prisma, actors.engineer, { ...valid, snapshotId: "claude-haiku-4-5-20251001", name: "Claude Haiku 4.5" });
    const updated = await updateModel(db.prisma, actors.engineer, {
      ...valid,
      snapshotId: model.snapshotId,
      name: "Claude Haiku 4.5",
      id: model.id,
      version: model.version,
      contextWindow: "180000",
    });
    expect(updated.version).toBe(model.version + 1);
    const event = await db.prisma.auditEvent.findFirst({ where: { targetId: model.id, action: "model.update" } });
    expect(event?.before).toEqual({ contextWindow: 200000, version: 1 });
    expect(event?.after).toEqual({ contextWindow: 180000, version: 2 });
  });

  it("refuses a stale edit with a conflict and keeps the other person's change", async () => {
    const model = await registerModel(db.prisma, actors.engineer, { ...valid, snapshotId: "claude-opus-4-1-20250805", name: "Claude Opus 4.1" });
    const base = { ...valid, snapshotId: model.snapshotId, id: model.id, version: model.version };
    await updateModel(db.prisma, actors.engineer, { ...base, name: "Saved first" });
    const error = await failure(updateModel(db.prisma, actors.engineer, { ...base, name: "Saved second" }));
    expect(error.code).toBe("conflict");
    expect(error.message).toMatch(/Someone else saved/);
    expect((await db.prisma.model.findUniqueOrThrow({ where: { id: model.id } })).name).toBe("Saved first");
    expect(await db.prisma.auditEvent.count({ where: { targetId: model.id, action: "model.update" } })).toBe(1);
  });

  it("refuses to edit a model that left testing, naming the rule", async () => {
    const model = await registerModel(db.prisma, actors.engineer, { ...valid, snapshotId: "claude-3-7-sonnet-20250219", name: "Claude 3.7 Sonnet" });
    await db.prisma.model.update({ where: { id: model.id }, data: { status: "approved" } });
    const error = await failure(updateModel(db.prisma, actors.engineer, { ...valid, snapshotId: model.snapshotId, id: model.id, version: model.version }));
    expect(error).toMatchObject({ code: "rule_violation", rule: "edit_only_in_testing" });
  });

  it("refuses a disabled model as fallback", async () => {
    const fallback = await registerModel(db.prisma, actors.engineer, { ...valid, snapshotId: "claude-3-haiku-20240307", name: "Claude 3 Haiku" });
    await db.prisma.model.update({ where: { id: fallback.id }, data: { status: "disabled" } });
    const error = await failure(
      registerModel(db.prisma, actors.engineer, { ...valid, snapshotId: "claude-3-opus-20240229", name: "Claude 3 Opus", fallbackModelId: fallback.id }),
    );
    expect(error).toMatchObject({ code: "rule_violation", rule: "fallback_must_be_serviceable" });
  });
});
