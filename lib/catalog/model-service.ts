import "server-only";
// Registering and editing catalog models. The lifecycle rule of docs/lifecycle.md: a new model enters
// as `testing` (engineer), and only a model still in testing may have its facts edited (model-rules.ts). Each change is
// checked here, on the server, and recorded with its audit event in the same transaction.
import { recordAudit } from "@/lib/audit/record";
import { type Actor, assertCan } from "@/lib/authz/actor";
import { DomainError } from "@/lib/errors";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { parseInput } from "@/lib/validation";
import { costLevelFor } from "./cost-level";
import { type ModelFields, modelFieldsSchema, modelUpdateSchema } from "./model-input";
import { editRefusal } from "./model-rules";

type Tx = Prisma.TransactionClient;

function toData(fields: ModelFields, providerId: string) {
  const { providerSlug: _slug, ...rest } = fields;
  return {
    ...rest,
    providerId,
    costLevel: costLevelFor(fields.inputPricePerMTok ?? null, fields.outputPricePerMTok ?? null),
  };
}

async function providerIdFor(tx: Tx, slug: string): Promise<string> {
  const provider = await tx.provider.findUnique({ where: { slug } });
  if (!provider) throw new DomainError("validation", `Unknown provider "${slug}"`, { providerSlug: [`Unknown provider "${slug}"`] });
  return provider.id;
}

async function checkReferences(tx: Tx, fields: ModelFields, selfId?: string) {
  if (fields.baseModelId) {
    if (fields.baseModelId === selfId)
      throw new DomainError("validation", "A model cannot be its own base", { baseModelId: ["A model cannot be its own base"] });
    if (!(await tx.model.findUnique({ where: { id: fields.baseModelId }, select: { id: true } }))) {
      throw new DomainError("validation", "Base model not found", { baseModelId: ["Base model not found in the catalog"] });
    }
  }
  if (fields.fallbackModelId) {
    if (fields.fallbackModelId === selfId)
      throw new DomainError("validation", "A model cannot be its own fallback", { fallbackModelId: ["A model cannot be its own fallback"] });
    const fallback = await tx.model.findUnique({ where: { id: fields.fallbackModelId }, select: { status: true, name: true } });
    if (!fallback) throw new DomainError("validation", "Fallback model not found", { fallbackModelId: ["Fallback model not found in the catalog"] });
    if (fallback.status === "disabled" || fallback.status === "retired") {
      throw new DomainError(
        "rule_violation",
        `${fallback.name} is ${fallback.status} and cannot be a fallback`,
        { fallbackModelId: [`${fallback.name} is ${fallback.status}`] },
        "fallback_must_be_serviceable",
      );
    }
  }
}

function duplicate(fields: ModelFields): DomainError {
  const message = `${fields.providerSlug} already has a model with snapshot id ${fields.snapshotId}`;
  return new DomainError("conflict", message, { snapshotId: [message] });
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: string }).code === "P2002";
}

export async function registerModel(prisma: PrismaClient, actor: Actor | null, input: unknown) {
  assertCan(actor, "model:register");
  const fields = parseInput(modelFieldsSchema, input);
  try {
    return await prisma.$transaction(async (tx) => {
      const providerId = await providerIdFor(tx, fields.providerSlug);
      if (await tx.model.findUnique({ where: { providerId_snapshotId: { providerId, snapshotId: fields.snapshotId } }, select: { id: true } })) {
        throw duplicate(fields);
      }
      await checkReferences(tx, fields);
      const model = await tx.model.create({ data: { ...toData(fields, providerId), status: "testing", sources: ["manual"] } });
      if (fields.inputPricePerMTok !== undefined || fields.outputPricePerMTok !== undefined) {
        await tx.modelPrice.create({
          data: {
            modelId: model.id,
            inputPricePerMTok: fields.inputPricePerMTok,
            outputPricePerMTok: fields.outputPricePerMTok,
            effectiveFrom: model.createdAt,
            source: "manual",
          },
        });
      }
      await recordAudit(tx, actor, { action: "model.register", targetType: "model", targetId: model.id, after: auditView(model) });
      return model;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicate(fields);
    throw error;
  }
}

export async function updateModel(prisma: PrismaClient, actor: Actor | null, input: unknown) {
  assertCan(actor, "model:edit");
  const { id, version } = parseInput(modelUpdateSchema, input);
  const fields = parseInput(modelFieldsSchema, input);
  try {
    return await prisma.$transaction(async (tx) => {
      const current = await tx.model.findUnique({ where: { id } });
      if (!current) throw new DomainError("not_found", "No such model.");
      // The permission was asserted above; the rule the model page shows as its why-not is this one.
      const refused = editRefusal(current, true);
      if (refused) throw new DomainError(refused.code, refused.message, undefined, refused.rule);
      const providerId = await providerIdFor(tx, fields.providerSlug);
      await checkReferences(tx, fields, id);
      const data = toData(fields, providerId);
      // The version in the WHERE clause is the guard: if someone saved since this form was loaded, no
      // row matches and nothing is written.
      const { count } = await tx.model.updateMany({ where: { id, version, status: "testing" }, data: { ...data, version: { increment: 1 } } });
      if (count === 0) {
        throw new DomainError("conflict", "Someone else saved this model after you opened it. Reload to see their changes, then apply yours again.");
      }
      const updated = await tx.model.findUniqueOrThrow({ where: { id } });
      const { before, after } = changedFields(auditView(current), auditView(updated));
      if (current.inputPricePerMTok !== updated.inputPricePerMTok || current.outputPricePerMTok !== updated.outputPricePerMTok) {
        await tx.modelPrice.upsert({
          where: { modelId_effectiveFrom: { modelId: id, effectiveFrom: updated.updatedAt } },
          create: {
            modelId: id,
            inputPricePerMTok: updated.inputPricePerMTok,
            outputPricePerMTok: updated.outputPricePerMTok,
            effectiveFrom: updated.updatedAt,
            source: "manual",
          },
          update: {},
        });
      }
      await recordAudit(tx, actor, { action: "model.update", targetType: "model", targetId: id, before, after });
      return updated;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicate(fields);
    throw error;
  }
}

type ModelRow = Awaited<ReturnType<PrismaClient["model"]["findUniqueOrThrow"]>>;

/** The facts an audit event keeps: everything a person edits, none of the bookkeeping. */
export function auditView(model: ModelRow): Record<string, unknown> {
  const { id: _id, createdAt: _c, updatedAt: _u, sourceKeys: _k, ...facts } = model;
  return facts;
}

export function changedFields(before: Record<string, unknown>, after: Record<string, unknown>) {
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
      b[key] = before[key];
      a[key] = after[key];
    }
  }
  return { before: b, after: a };
}
