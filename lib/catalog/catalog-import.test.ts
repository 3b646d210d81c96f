import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAuditTrail } from "@/lib/audit/verify";
import type { Database } from "@/lib/db/connection";
import { PUBLIC_DATA_FILES, readPublicData } from "@/lib/public-data";
import { createActor } from "@/lib/testing/actors";
import { openTestDatabase } from "@/lib/testing/test-database";
import { CatalogFormatError } from "./catalog-format-error";
import { type CatalogImportReport, importCatalogText } from "./catalog-import";

const LITELLM = readPublicData(PUBLIC_DATA_FILES.litellmCatalog);
const MODELS_DEV = readPublicData(PUBLIC_DATA_FILES.modelsDevCatalog);
const cli = { kind: "cli" as const, label: "test" };

let db: Database;
let first: CatalogImportReport[];

async function model(provider: string, snapshotId: string) {
  return db.prisma.model.findFirstOrThrow({ where: { snapshotId, provider: { slug: provider } } });
}

beforeAll(async () => {
  db = await openTestDatabase();
  first = [await importCatalogText(db.prisma, cli, LITELLM, "litellm.json"), await importCatalogText(db.prisma, cli, MODELS_DEV, "models-dev.json")];
}, 120_000);
afterAll(() => db.close());

describe("importing the real public catalogs", () => {
  it("merges both files into about three thousand models, each skipped entry with its reason", async () => {
    const total = await db.prisma.model.count();
    expect(total).toBeGreaterThan(2800);
    expect(total).toBeLessThan(3100);
    expect(first[0].added + first[1].added).toBe(total);
    expect(first[1].updated).toBeGreaterThan(300); // models.dev enriches what LiteLLM already listed
    for (const report of first) for (const skipped of report.skipped) expect(skipped.reason.length).toBeGreaterThan(5);
    expect(await db.prisma.model.count({ where: { sources: { hasEvery: ["litellm", "models.dev"] } } })).toBe(first[1].updated);
  });

  it("normalises prices to USD per 1M tokens", async () => {
    expect(await model("openai", "gpt-4o")).toMatchObject({ inputPricePerMTok: 2.5, outputPricePerMTok: 10, contextWindow: 128000, name: "GPT-4o" });
    expect(await model("anthropic", "claude-sonnet-4-5-20250929")).toMatchObject({
      inputPricePerMTok: 3,
      outputPricePerMTok: 15,
      contextWindow: 200000,
      pinning: "strict",
    });
    const prices = await db.prisma.modelPrice.findMany({ where: { model: { snapshotId: "gpt-4o", provider: { slug: "openai" } } } });
    expect(prices).toHaveLength(1);
  });

  it("carries provider deprecation dates with their source", async () => {
    const gpt4 = await model("openai", "gpt-4-0613");
    expect(gpt4.providerDeprecationDate?.toISOString().slice(0, 10)).toBe("2025-06-06");
    expect(gpt4.providerDeprecationSource).toMatch(/^litellm/);
    expect(gpt4.providerDeprecationMeaning).toBe("shutdown");
  });

  it("records an audit event per model it added and one per run, and the chain verifies", async () => {
    const gpt4o = await model("openai", "gpt-4o");
    const events = await db.prisma.auditEvent.findMany({ where: { targetId: gpt4o.id }, orderBy: { seq: "asc" } });
    expect(events.map((e) => e.action)).toEqual(["model.catalog_add", "model.catalog_update"]);
    expect(await db.prisma.auditEvent.count({ where: { action: "catalog.import" } })).toBe(2);
    expect((await verifyAuditTrail(db.prisma)).intact).toBe(true);
  });

  it("changes nothing when run again", async () => {
    const models = await db.prisma.model.count();
    const events = await db.prisma.auditEvent.count();
    const again = [await importCatalogText(db.prisma, cli, LITELLM, "litellm.json"), await importCatalogText(db.prisma, cli, MODELS_DEV, "models-dev.json")];
    expect(again.map((r) => [r.added, r.updated])).toEqual([
      [0, 0],
      [0, 0],
    ]);
    expect(await db.prisma.model.count()).toBe(models);
    // Only the two run summaries are new.
    expect(await db.prisma.auditEvent.count()).toBe(events + 2);
  });

  it("keeps a curated model's status and name while following the catalog's price", async () => {
    const engineer = await createActor(db.prisma, ["engineer"]);
    const gpt41 = await model("openai", "gpt-4.1-2025-04-14");
    await db.prisma.model.update({ where: { id: gpt41.id }, data: { status: "approved", name: "GPT-4.1 (team)", inputPricePerMTok: 9 } });
    const report = await importCatalogText(db.prisma, engineer, LITELLM, "litellm.json");
    expect(report.updated).toBe(1);
    expect(await model("openai", "gpt-4.1-2025-04-14")).toMatchObject({
      status: "approved",
      name: "GPT-4.1 (team)",
      inputPricePerMTok: gpt41.inputPricePerMTok,
    });
  });
});

describe("a malformed catalog file", () => {
  const cases: [string, string, RegExp][] = [
    ["truncated JSON", LITELLM.slice(0, 5000), /line \d+, column \d+/],
    ["a top-level array", "[1, 2, 3]", /./],
    ["a price given as text", JSON.stringify({ "gpt-x": { litellm_provider: "openai", mode: "chat", input_cost_per_token: "cheap" } }), /input_cost_per_token/],
    ["a negative context window", JSON.stringify({ "gpt-x": { litellm_provider: "openai", mode: "chat", max_input_tokens: -5 } }), /max_input_tokens/],
    ["models.dev without models", JSON.stringify({ providers: { openai: { name: "OpenAI" } } }), /providers\.openai/],
  ];
  for (const [label, text, where] of cases) {
    it(`is refused whole (${label}), naming where, with nothing written`, async () => {
      const models = await db.prisma.model.count();
      const events = await db.prisma.auditEvent.count();
      const error = await importCatalogText(db.prisma, cli, text, "broken.json").catch((e) => e);
      expect(error).toBeInstanceOf(CatalogFormatError);
      expect(error.message).toMatch(where);
      expect(await db.prisma.model.count()).toBe(models);
      expect(await db.prisma.auditEvent.count()).toBe(events);
    });
  }

  it("is refused to a role that may not register models", async () => {
    const viewer = await createActor(db.prisma, ["viewer"]);
    await expect(importCatalogText(db.prisma, viewer, LITELLM, "litellm.json")).rejects.toMatchObject({ code: "forbidden" });
  });
});
