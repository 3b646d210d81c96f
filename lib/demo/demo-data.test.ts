// The declarative demo data on its own (no database): it resolves against the real catalogs, passes the
// same validation as the register-model form, and the usage generator is deterministic and sized right.
import { describe, expect, it } from "vitest";
import { modelFieldsSchema } from "@/lib/catalog/model-input";
import { DEMO_APPROVALS, DEMO_CANDIDATE_RUNS, gate } from "./demo-approvals";
import { DemoCatalog } from "./demo-catalog";
import { DEMO_DEPRECATION_PLANS } from "./demo-governance";
import { DEMO_MODELS, DEMO_PROVIDERS, finalStatus } from "./demo-models";
import { loadTrace } from "./demo-traces";
import { DEMO_TRAFFIC, generateUsage, type ServedModel, USAGE_DAYS } from "./demo-usage";
import { DEMO_WORKFLOWS } from "./demo-workflows";
import { createRng } from "./prng";

const PLACEHOLDER_UUID = "00000000-0000-4000-8000-000000000000";

describe("demo models", () => {
  const catalog = DemoCatalog.load();

  it("resolve against the public catalogs and pass the register-model validation", () => {
    for (const m of DEMO_MODELS) {
      const facts = catalog.facts(m.catalog);
      const input = {
        providerSlug: m.provider,
        snapshotId: m.snapshotId,
        name: m.name,
        family: m.family,
        kind: m.kind ?? "hosted",
        pinning: m.pinning ?? "strict",
        baseModelId: m.fineTune ? PLACEHOLDER_UUID : undefined,
        fineTuneId: m.fineTune?.fineTuneId,
        trainingData: m.fineTune?.trainingData,
        trainingDate: m.fineTune?.trainingDate,
        owner: m.owner,
        purpose: m.purpose,
        intendedUse: m.intendedUse,
        limitations: m.limitations,
        bestFor: m.bestFor,
        languages: m.languages,
        contextWindow: facts.contextWindow ?? undefined,
        maxOutputTokens: facts.maxOutputTokens ?? undefined,
        inputPricePerMTok: m.overrides?.inputPricePerMTok ?? facts.inputPricePerMTok ?? undefined,
        outputPricePerMTok: m.overrides?.outputPricePerMTok ?? facts.outputPricePerMTok ?? undefined,
        latencyLevel: m.latencyLevel,
        providerDeprecationDate: facts.providerDeprecationDate ?? undefined,
        providerDeprecationMeaning: facts.providerDeprecationDate ? "shutdown" : undefined,
        providerDeprecationSource: facts.providerDeprecationSource ?? undefined,
        notes: m.notes,
      };
      const parsed = modelFieldsSchema.safeParse(input);
      expect(parsed.success ? [] : parsed.error.issues, m.ref).toEqual([]);
    }
  });

  it("use the provider slugs agreed with the catalog importer and cover every status", () => {
    expect(DEMO_PROVIDERS.map((p) => p.slug).sort()).toEqual(
      ["alibaba", "anthropic", "deepseek", "google", "llama", "minimax", "mistral", "moonshotai", "openai", "volcengine", "zhipuai"].sort(),
    );
    const statuses = new Set(DEMO_MODELS.map(finalStatus));
    expect([...statuses].sort()).toEqual(["approved", "deprecated", "disabled", "fallback_only", "retired", "testing"]);
    expect(new Set(DEMO_MODELS.map((m) => m.ref)).size).toBe(DEMO_MODELS.length);
  });

  it("declare a model before any model naming it as fallback or base", () => {
    const seen = new Set<string>();
    for (const m of DEMO_MODELS) {
      if (m.fallback) expect(seen.has(m.fallback), `${m.ref} → ${m.fallback}`).toBe(true);
      if (m.fineTune) expect(seen.has(m.fineTune.base), `${m.ref} → ${m.fineTune.base}`).toBe(true);
      seen.add(m.ref);
    }
  });

  it("give every deprecated step a plan and only approve what the lifecycle leaves in service or revokes", () => {
    for (const m of DEMO_MODELS.filter((model) => model.lifecycle.some((s) => s.to === "deprecated"))) {
      expect(
        DEMO_DEPRECATION_PLANS.some((p) => p.model === m.ref),
        m.ref,
      ).toBe(true);
    }
    const refs = new Set(DEMO_MODELS.map((m) => m.ref));
    for (const a of [...DEMO_APPROVALS, ...DEMO_CANDIDATE_RUNS]) expect(refs.has(a.model), a.model).toBe(true);
    // Candidates are still in testing; approvals are on models that left testing.
    for (const c of DEMO_CANDIDATE_RUNS) expect(finalStatus(DEMO_MODELS.find((m) => m.ref === c.model)!), c.model).toBe("testing");
    for (const a of DEMO_APPROVALS) expect(finalStatus(DEMO_MODELS.find((m) => m.ref === a.model)!), a.model).not.toBe("testing");
  });
});

describe("gate", () => {
  it("passes only when every metric meets its bound and its allowed regression", () => {
    const thresholds = { accuracy: { min: 0.8, maxRegression: 0.02 }, cost: { max: 0.01 } };
    expect(gate({ accuracy: 0.9, cost: 0.005 }, thresholds).gatePassed).toBe(true);
    expect(gate({ accuracy: 0.79, cost: 0.005 }, thresholds).gatePassed).toBe(false);
    expect(gate({ accuracy: 0.9, cost: 0.02 }, thresholds).gatePassed).toBe(false);
    const regressed = gate({ accuracy: 0.85, cost: 0.005 }, thresholds, { accuracy: 0.9 });
    expect(regressed.gatePassed).toBe(false);
    expect(regressed.gateResult.accuracy).toMatchObject({ value: 0.85, baseline: 0.9, passed: false });
  });
});

describe("generateUsage", () => {
  const traces = { code: loadTrace("code"), conv: loadTrace("conv") };
  const refs = new Set(DEMO_TRAFFIC.flatMap((t) => [t.primary, ...t.routes.map((r) => r.model)]));
  const models = new Map<string, ServedModel>(
    [...refs].map((ref) => {
      const m = DEMO_MODELS.find((d) => d.ref === ref)!;
      return [
        ref,
        { id: ref, snapshotId: m.snapshotId, provider: m.provider, inputPricePerMTok: 1, outputPricePerMTok: 2, contextWindow: 1_000_000, serving: m.serving },
      ];
    }),
  );
  const plan = (scale: number) => ({
    now: new Date("2026-11-23T12:00:00.000Z"),
    scale,
    traffic: DEMO_TRAFFIC,
    traces,
    models,
    workflowIds: new Map(DEMO_WORKFLOWS.map((w) => [w.slug, w.slug])),
  });

  it("is deterministic", () => {
    const take = (n: number) => {
      const out = [];
      for (const row of generateUsage(plan(0.01))) {
        out.push(row);
        if (out.length === n) break;
      }
      return out;
    };
    expect(take(200)).toEqual(take(200));
  });

  it("produces 150k–300k events over 90 days at full scale, in proportion to each workflow's volume", () => {
    const by: Record<string, number> = {};
    let total = 0;
    for (const row of generateUsage(plan(1))) {
      by[row.workflow] = (by[row.workflow] ?? 0) + 1;
      total++;
    }
    expect(total).toBeGreaterThan(150_000);
    expect(total).toBeLessThan(300_000);
    for (const t of DEMO_TRAFFIC) {
      const expected = t.perDay * USAGE_DAYS;
      expect(by[t.workflow] / expected, t.workflow).toBeGreaterThan(0.8);
      expect(by[t.workflow] / expected, t.workflow).toBeLessThan(1.3);
    }
  });
});

describe("createRng", () => {
  it("repeats for a seed and differs across seeds", () => {
    const a = createRng("x");
    const b = createRng("x");
    const c = createRng("y");
    const seq = (r: ReturnType<typeof createRng>) => Array.from({ length: 5 }, () => r.next());
    const first = seq(a);
    expect(seq(b)).toEqual(first);
    expect(seq(c)).not.toEqual(first);
    for (const v of first) expect(v >= 0 && v < 1).toBe(true);
  });
});
