import "server-only";
// Creating and revoking API keys: admins only, each an audited change. The key is returned once.
import { z } from "zod";
import { recordAudit } from "@/lib/audit/record";
import { type Actor, actorUserId, assertCan } from "@/lib/authz/actor";
import { API_KEY_SCOPES, type ApiKeyScope } from "@/lib/authz/permissions";
import { DomainError } from "@/lib/errors";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { parseInput } from "@/lib/validation";
import { optionalField } from "@/lib/validation/form-fields";
import { alreadyRevoked, revokeRefusal } from "./api-key-rules";
import { generateApiKey } from "./api-keys";

type DbScope = "read" | "ingest_write" | "catalog_write";
export const toDbScope = (scope: ApiKeyScope) => scope.replace(":", "_") as DbScope;
export const fromDbScope = (scope: DbScope) => scope.replace("_", ":") as ApiKeyScope;

export const createApiKeyInput = z.object({
  name: z.string().trim().min(1, "Give the key a name").max(100),
  scopes: z.array(z.enum(API_KEY_SCOPES, { error: `Scopes must be among ${API_KEY_SCOPES.join(", ")}` })).min(1, "Choose at least one scope"),
  /** Blank (the form's empty date): no expiry. */
  expiresAt: optionalField(z.coerce.date().refine((d) => d.getTime() > Date.now(), "Expiry must be in the future")),
  /** Command line only: the email of the person the key acts for. */
  owner: z.string().trim().email("Owner must be a user's email").optional(),
});

export async function createApiKey(prisma: PrismaClient, actor: Actor | null, input: unknown) {
  assertCan(actor, "apikey:manage");
  const data = parseInput(createApiKeyInput, input);
  // From the shell an operator names whose behalf the key acts on; in the app it is the admin creating it.
  let ownerId = actorUserId(actor);
  if (actor.kind === "cli" && data.owner) {
    const owner = await prisma.user.findUnique({ where: { email: data.owner.toLowerCase() } });
    if (!owner) throw new DomainError("validation", `No user ${data.owner}`, { owner: [`No user ${data.owner}`] });
    ownerId = owner.id;
  }
  const generated = generateApiKey();
  const record = await prisma.$transaction(async (tx) => {
    const created = await tx.apiKey.create({
      data: {
        name: data.name,
        prefix: generated.prefix,
        hash: generated.hash,
        scopes: [...new Set(data.scopes)].map(toDbScope),
        expiresAt: data.expiresAt,
        createdById: ownerId,
      },
    });
    await recordAudit(tx, actor, {
      action: "api_key.create",
      targetType: "api_key",
      targetId: created.id,
      after: { name: created.name, prefix: created.prefix, scopes: data.scopes, expiresAt: created.expiresAt },
    });
    return created;
  });
  return { key: generated.key, id: record.id, name: record.name, prefix: record.prefix, scopes: data.scopes };
}

export async function revokeApiKey(prisma: PrismaClient, actor: Actor | null, input: unknown) {
  assertCan(actor, "apikey:manage");
  const { id } = parseInput(z.object({ id: z.string().uuid("Unknown API key") }), input);
  return prisma.$transaction(async (tx) => {
    const key = await tx.apiKey.findUnique({ where: { id } });
    if (!key) throw new DomainError("not_found", "No such API key.");
    const refusal = revokeRefusal(key);
    if (refusal) throw new DomainError("conflict", refusal);
    // The conditional update is the guard: of two simultaneous revocations exactly one changes the row.
    const { count } = await tx.apiKey.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: new Date() } });
    if (count === 0) throw new DomainError("conflict", alreadyRevoked(key.name));
    await recordAudit(tx, actor, {
      action: "api_key.revoke",
      targetType: "api_key",
      targetId: id,
      before: { revokedAt: null },
      after: { name: key.name, revoked: true },
    });
    return { id };
  });
}

export async function listApiKeys(prisma: PrismaClient, actor: Actor | null) {
  assertCan(actor, "apikey:manage");
  const keys = await prisma.apiKey.findMany({ orderBy: { createdAt: "desc" }, include: { createdBy: { select: { email: true } } } });
  return keys.map(({ hash: _hash, ...key }) => ({ ...key, scopes: key.scopes.map(fromDbScope), createdBy: key.createdBy?.email ?? null }));
}
