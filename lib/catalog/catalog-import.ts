import "server-only";
// Writes a parsed public catalog (LiteLLM or models.dev) into the database: one transaction per file,
// merging on provider + snapshot id, so a second run of the same file changes nothing. Each model it
// adds or changes gets its audit event, and the run itself one more with the counts.
import { recordAuditBatch, type AuditEntry } from "@/lib/audit/record";
import { type Actor, assertCan } from "@/lib/authz/actor";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { costLevelFor } from "./cost-level";
import { type MergedEntry, mergeCatalogs, mergeKey } from "./merge";
import { parseCatalogFile } from "./parse-catalog-file";
import type { CatalogSource, CatalogWarning, SkippedEntry } from "./catalog-entry";

export interface CatalogImportReport {
  file: string;
  source: CatalogSource;
  added: number;
  updated: number;
  unchanged: number;
  skipped: SkippedEntry[];
  warnings: CatalogWarning[];
}

// Which catalog owns which fact when both list a model (mirrors merge.ts): LiteLLM's prices, limits and
// dates are what the proxy bills with; models.dev has the human names and release dates.
const FIELD_OWNER = {
  inputPricePerMTok: "litellm",
  outputPricePerMTok: "litellm",
  contextWindow: "litellm",
  maxOutputTokens: "litellm",
  mode: "litellm",
  providerDeprecationDate: "litellm",
  providerDeprecationMeaning: "litellm",
  providerDeprecationSource: "litellm",
  name: "models.dev",
  family: "models.dev",
  releaseDate: "models.dev",
} as const satisfies Record<string, CatalogSource>;
type ImportedField = keyof typeof FIELD_OWNER;

// Facts a team curates on its own models (status beyond testing, or registered by hand) that a public
// catalog must not overwrite; prices, limits and provider deprecations still follow the catalog.
const CURATED_FIELDS: ReadonlySet<ImportedField> = new Set(["name", "family", "releaseDate", "mode"]);

type ExistingModel = Prisma.ModelGetPayload<{ include: { provider: { select: { slug: true } } } }>;

function same(a: unknown, b: unknown): boolean {
  if (a instanceof Date || b instanceof Date) return (a as Date | null)?.getTime?.() === (b as Date | null)?.getTime?.();
  return a === b;
}

/** The fields an import of `entry` would change on `existing`, as [before, after] maps. */
export function plannedChanges(existing: ExistingModel, entry: MergedEntry, source: CatalogSource) {
  const curated = existing.status !== "testing" || existing.sources.includes("manual");
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  for (const field of Object.keys(FIELD_OWNER) as ImportedField[]) {
    const incoming = entry[field];
    if (incoming === null || incoming === undefined) continue;
    if (curated && CURATED_FIELDS.has(field)) continue;
    const current = existing[field];
    const owner = FIELD_OWNER[field];
    const mayWrite = current === null || owner === source || !existing.sources.includes(owner);
    if (mayWrite && !same(current, incoming)) {
      before[field] = current;
      after[field] = incoming;
    }
  }
  return { before, after };
}

export async function importCatalogText(prisma: PrismaClient, actor: Actor | null, text: string, fileName: string): Promise<CatalogImportReport> {
  assertCan(actor, "model:register");
  // Parsing throws CatalogFormatError for a malformed file before anything is written.
  const parsed = parseCatalogFile(text, fileName);
  const merged = mergeCatalogs([parsed]);
  const source = parsed.source;
  const now = new Date();

  return prisma.$transaction(
    async (tx) => {
      const providers = new Map(merged.entries.map((e) => [e.providerSlug, e.providerName]));
      await tx.provider.createMany({ data: [...providers].map(([slug, name]) => ({ slug, name })), skipDuplicates: true });
      const providerIds = new Map((await tx.provider.findMany({ select: { id: true, slug: true } })).map((p) => [p.slug, p.id]));

      const existing = new Map(
        (await tx.model.findMany({ include: { provider: { select: { slug: true } } } })).map((m) => [
          mergeKey({ providerSlug: m.provider.slug, snapshotId: m.snapshotId }),
          m,
        ]),
      );

      const toCreate: Prisma.ModelCreateManyInput[] = [];
      const audit: AuditEntry[] = [];
      let updated = 0;
      let unchanged = 0;
      for (const entry of merged.entries) {
        const current = existing.get(mergeKey(entry));
        if (!current) {
          toCreate.push(newModelData(entry, providerIds.get(entry.providerSlug)!, source));
          continue;
        }
        const { before, after } = plannedChanges(current, entry, source);
        const addsSource = !current.sources.includes(source);
        if (Object.keys(after).length === 0 && !addsSource) {
          unchanged += 1;
          continue;
        }
        const data: Prisma.ModelUpdateInput = {
          ...after,
          sources: addsSource ? [...current.sources, source] : undefined,
          sourceKeys: { ...((current.sourceKeys as Record<string, string> | null) ?? {}), [source]: entry.sourceKey },
          version: { increment: 1 },
        };
        if ("inputPricePerMTok" in after || "outputPricePerMTok" in after) {
          const input = (after.inputPricePerMTok ?? current.inputPricePerMTok) as number | null;
          const output = (after.outputPricePerMTok ?? current.outputPricePerMTok) as number | null;
          data.costLevel = costLevelFor(input, output);
          await tx.modelPrice.create({ data: { modelId: current.id, inputPricePerMTok: input, outputPricePerMTok: output, effectiveFrom: now, source } });
        }
        await tx.model.update({ where: { id: current.id }, data });
        if (addsSource) after.sources = [...current.sources, source];
        audit.push({ action: "model.catalog_update", targetType: "model", targetId: current.id, before, after, reason: `catalog import of ${fileName}` });
        updated += 1;
      }

      for (let i = 0; i < toCreate.length; i += 1000) {
        const created = await tx.model.createManyAndReturn({
          data: toCreate.slice(i, i + 1000),
          select: { id: true, snapshotId: true, inputPricePerMTok: true, outputPricePerMTok: true, providerId: true },
        });
        const priced = created.filter((m) => m.inputPricePerMTok !== null || m.outputPricePerMTok !== null);
        await tx.modelPrice.createMany({
          data: priced.map((m) => ({
            modelId: m.id,
            inputPricePerMTok: m.inputPricePerMTok,
            outputPricePerMTok: m.outputPricePerMTok,
            effectiveFrom: now,
            source,
          })),
        });
        for (const m of created) {
          audit.push({
            action: "model.catalog_add",
            targetType: "model",
            targetId: m.id,
            after: { snapshotId: m.snapshotId, source, inputPricePerMTok: m.inputPricePerMTok, outputPricePerMTok: m.outputPricePerMTok },
            reason: `catalog import of ${fileName}`,
          });
        }
      }

      const report: CatalogImportReport = {
        file: fileName,
        source,
        added: toCreate.length,
        updated,
        unchanged,
        skipped: merged.skipped,
        warnings: merged.warnings,
      };
      audit.push({
        action: "catalog.import",
        targetType: "catalog",
        targetId: source,
        after: { file: fileName, added: report.added, updated, unchanged, skipped: report.skipped.length },
      });
      await recordAuditBatch(tx, actor, audit);
      return report;
    },
    { timeout: 300_000, maxWait: 60_000 },
  );
}

function newModelData(entry: MergedEntry, providerId: string, source: CatalogSource): Prisma.ModelCreateManyInput {
  return {
    providerId,
    snapshotId: entry.snapshotId,
    name: entry.name,
    family: entry.family,
    mode: entry.mode,
    kind: entry.kind,
    pinning: entry.pinning,
    contextWindow: entry.contextWindow,
    maxOutputTokens: entry.maxOutputTokens,
    inputPricePerMTok: entry.inputPricePerMTok,
    outputPricePerMTok: entry.outputPricePerMTok,
    costLevel: costLevelFor(entry.inputPricePerMTok, entry.outputPricePerMTok),
    releaseDate: entry.releaseDate,
    providerDeprecationDate: entry.providerDeprecationDate,
    providerDeprecationMeaning: entry.providerDeprecationMeaning,
    providerDeprecationSource: entry.providerDeprecationSource,
    status: "testing",
    sources: [source],
    sourceKeys: { [source]: entry.sourceKey },
  };
}
