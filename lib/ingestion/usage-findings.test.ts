import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/lib/db/connection";
import { ensureProvider } from "@/lib/testing/actors";
import { openTestDatabase } from "@/lib/testing/test-database";
import { type StoredUsageRow, insertUsageBatch } from "./usage-bulk-insert";
import { isSilentSubstitution, trafficGroups } from "./usage-findings";

describe("silent substitution", () => {
  it("is an answer from another model, not an alias resolved to its snapshot or a provider prefix", () => {
    expect(isSilentSubstitution("gpt-4o", "gpt-4o-mini")).toBe(true);
    expect(isSilentSubstitution("claude-sonnet-4-5", "claude-haiku-4-5")).toBe(true);
    expect(isSilentSubstitution("gpt-4o", "gpt-4o-2024-08-06")).toBe(false);
    expect(isSilentSubstitution("claude-sonnet-4-5", "claude-sonnet-4-5-20250929")).toBe(false);
    expect(isSilentSubstitution("claude-sonnet-4-5-20250929", "claude-sonnet-4-5")).toBe(false);
    expect(isSilentSubstitution("anthropic.claude-v2", "anthropic.claude-v2:1")).toBe(false);
    expect(isSilentSubstitution("gpt-4o", "openai/GPT-4o")).toBe(false);
    expect(isSilentSubstitution("gpt-4o", null)).toBe(false);
  });

  it("is not a declared fallback answering", () => {
    const at = new Date("2026-11-20T10:00:00Z");
    const common = { timestamp: at, model: "claude-haiku-4-5", workflow: "support-chat", modelId: null, workflowId: null };
    const groups = trafficGroups([
      { ...common, responseModel: "mistral-large-2512", isFallback: true },
      { ...common, responseModel: "mistral-large-2512", isFallback: false },
    ]);
    expect(groups.filter((g) => g.substitutedBy).map((g) => g.events)).toEqual([1]);
  });
});

describe("findings recorded on ingest", () => {
  let db: Database;
  let ids: { approved: string; deprecated: string; disabled: string; testing: string; chat: string };
  const run = (sql: string, params: unknown[]) => db.sql.query(sql, params);
  let n = 0;
  const call = (overrides: Partial<StoredUsageRow>): StoredUsageRow => ({
    eventId: `f-${n++}`,
    timestamp: new Date("2026-11-20T10:00:00Z"),
    model: "gpt-4.1",
    responseModel: null,
    provider: "openai",
    workflow: "support-chat",
    bundle: null,
    modelId: ids.approved,
    workflowId: ids.chat,
    latencyMs: 900,
    ttftMs: null,
    inputTokens: 100,
    outputTokens: 50,
    costUsd: 0.001,
    costEstimated: false,
    status: "ok",
    errorType: null,
    isFallback: false,
    retries: 0,
    region: null,
    userHash: null,
    qualityScore: null,
    feedback: null,
    ...overrides,
  });
  const findings = () => db.prisma.usageFinding.findMany({ orderBy: [{ kind: "asc" }, { model: "asc" }] });

  beforeAll(async () => {
    db = await openTestDatabase();
    const openai = await ensureProvider(db.prisma, "openai", "OpenAI");
    const model = (snapshotId: string, status: "approved" | "deprecated" | "disabled" | "testing") =>
      db.prisma.model.create({ data: { providerId: openai.id, snapshotId, name: snapshotId, status } });
    const [approved, deprecated, disabled, testing] = await Promise.all([
      model("gpt-4.1", "approved"),
      model("gpt-4o", "deprecated"),
      model("gpt-3.5", "disabled"),
      model("o5-preview", "testing"),
    ]);
    const chat = await db.prisma.workflow.create({ data: { slug: "support-chat", name: "Support chat", riskClass: "limited", trafficTier: "high" } });
    ids = { approved: approved.id, deprecated: deprecated.id, disabled: disabled.id, testing: testing.id, chat: chat.id };
    await db.prisma.approval.create({
      data: {
        modelId: approved.id,
        workflowId: chat.id,
        role: "primary",
        approvedAt: new Date("2026-10-01T00:00:00Z"),
        validUntil: new Date("2026-12-31T00:00:00Z"),
      },
    });
    await db.prisma.approval.create({
      data: {
        modelId: deprecated.id,
        workflowId: chat.id,
        role: "primary",
        approvedAt: new Date("2026-01-01T00:00:00Z"),
        revokedAt: new Date("2026-11-01T00:00:00Z"),
      },
    });
  });
  afterAll(() => db.close());

  it("records nothing for approved traffic", async () => {
    await insertUsageBatch(run, [call({}), call({ responseModel: "gpt-4.1-2025-04-14" })], null);
    expect(await findings()).toEqual([]);
  });

  it("flags traffic to deprecated and disabled models, unapproved models, and silent substitutions, with counts and dates", async () => {
    await insertUsageBatch(
      run,
      [
        call({ model: "gpt-4o", modelId: ids.deprecated }),
        call({ model: "gpt-4o", modelId: ids.deprecated, timestamp: new Date("2026-11-21T08:00:00Z") }),
        call({ model: "gpt-3.5", modelId: ids.disabled, workflow: null, workflowId: null }),
        call({ model: "o5-preview", modelId: ids.testing }),
        call({ model: "mystery-llm", modelId: null }),
        call({ responseModel: "gpt-4.1-mini" }),
      ],
      null,
    );
    const rows = await findings();
    expect(rows.map((f) => [f.kind, f.model, f.workflow, f.events])).toEqual([
      ["deprecated_model_traffic", "gpt-4o", "support-chat", 2],
      ["disabled_model_traffic", "gpt-3.5", "", 1],
      ["unapproved_workflow_traffic", "gpt-4o", "support-chat", 2],
      ["unapproved_workflow_traffic", "mystery-llm", "support-chat", 1],
      ["unapproved_workflow_traffic", "o5-preview", "support-chat", 1],
      ["silent_substitution", "gpt-4.1", "support-chat", 1],
    ]);
    const deprecated = rows[0];
    expect([deprecated.firstSeen.toISOString(), deprecated.lastSeen.toISOString()]).toEqual(["2026-11-20T10:00:00.000Z", "2026-11-21T08:00:00.000Z"]);
    expect(rows.find((f) => f.model === "mystery-llm")?.detail).toBe("The model is not in the catalog");
    expect(rows.find((f) => f.kind === "silent_substitution")?.detail).toBe("Answered by gpt-4.1-mini");
  });

  it("judges approvals at the time of the calls: before approval, after revocation or expiry", async () => {
    await insertUsageBatch(
      run,
      [
        call({ timestamp: new Date("2026-09-15T10:00:00Z") }), // before the approval
        call({ timestamp: new Date("2026-11-22T10:00:00Z") }), // within the approval
        call({ model: "gpt-4o", modelId: ids.deprecated, timestamp: new Date("2026-10-15T10:00:00Z") }), // approved then
      ],
      null,
    );
    const unapproved = (await findings()).filter((f) => f.kind === "unapproved_workflow_traffic");
    expect(unapproved.find((f) => f.model === "gpt-4.1")).toMatchObject({ events: 1, firstSeen: new Date("2026-09-15T10:00:00Z") });
    // The deprecated model was still approved on 15 October: its unapproved count stays at 2.
    expect(unapproved.find((f) => f.model === "gpt-4o")?.events).toBe(2);
  });

  it("judges status and approval on the model that answered, and names the substitution on the one requested", async () => {
    await insertUsageBatch(run, [call({ responseModel: "gpt-4o", modelId: ids.deprecated, timestamp: new Date("2026-11-22T12:00:00Z") })], null);
    const rows = await findings();
    expect(rows.find((f) => f.kind === "deprecated_model_traffic" && f.model === "gpt-4o")?.events).toBe(4);
    expect(rows.find((f) => f.kind === "silent_substitution" && f.model === "gpt-4.1")).toMatchObject({ events: 2, detail: "Answered by gpt-4o" });
  });

  it("adds new traffic to an open finding and reopens a resolved one", async () => {
    await db.prisma.usageFinding.updateMany({ where: { model: "gpt-3.5" }, data: { resolvedAt: new Date() } });
    await insertUsageBatch(run, [call({ model: "gpt-3.5", modelId: ids.disabled, workflow: null, workflowId: null })], null);
    expect(await db.prisma.usageFinding.findFirst({ where: { model: "gpt-3.5" } })).toMatchObject({ events: 2, resolvedAt: null });
  });
});
