// Every action × every role, called straight at the server-side service (not through the UI): only the
// declared roles succeed. The expected table below is written out by hand, independently of
// PERMISSIONS, so a change to either shows up here.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getComparison } from "@/lib/analytics/compare-query";
import { getDriftReport } from "@/lib/analytics/drift-query";
import { getOverview } from "@/lib/analytics/overview-query";
import { getAnalyticsCharts } from "@/lib/analytics/timeseries-query";
import { decideChangeRequest, getChangeRequest, listChangeRequests, openChangeRequest } from "@/lib/approvals/change-request-service";
import { withdrawChangeRequest } from "@/lib/approvals/change-request-service";
import { exportAuditTrail } from "@/lib/audit/audit-export";
import { parseAuditFilters } from "@/lib/audit/audit-filters";
import { getAuditPack } from "@/lib/audit/audit-pack";
import { renderAuditPackPdf } from "@/lib/audit/audit-pack-pdf";
import { chainHead, verifyAuditTrailFor } from "@/lib/audit/verify";
import { createApiKey, listApiKeys, revokeApiKey } from "@/lib/auth/api-key-service";
import { createUser, setUserDisabled, setUserRoles } from "@/lib/auth/user-service";
import { catalogFiltersSchema } from "@/lib/catalog/catalog-filters";
import { listModels } from "@/lib/catalog/catalog-query";
import { getModelDetail } from "@/lib/catalog/model-detail";
import { registerModel, updateModel } from "@/lib/catalog/model-service";
import type { Database } from "@/lib/db/connection";
import { DomainError } from "@/lib/errors";
import { evaluationRunFixture, evaluationUploadFixture } from "@/lib/evaluations/evaluation-fixtures";
import { evaluationFiltersSchema } from "@/lib/evaluations/evaluation-input";
import { getEvaluation, listEvaluations, uploadEvaluation } from "@/lib/evaluations/evaluation-service";
import { handleUsageBatch } from "@/lib/http/ingest";
import { importListSchema } from "@/lib/ingestion/import-list";
import { listUsageImports, uploadUsageFile, usageImportRejects } from "@/lib/ingestion/usage-upload";
import { changeModelStatus } from "@/lib/lifecycle/status-service";
import { exportRequest, jsonBody, openAiChatSpan } from "@/lib/otlp/otlp-fixtures";
import { ingestOtlpTraces } from "@/lib/otlp/otlp-traces";
import { type UserActor, actorPerRole, createActor, ensureProvider } from "@/lib/testing/actors";
import { type GovernanceWorld, approvalRequest, governanceWorld } from "@/lib/testing/governance-fixtures";
import { openTestDatabase } from "@/lib/testing/test-database";
import { createWebhook, disableWebhook, sendTestDelivery } from "@/lib/webhooks/webhook-service";
import { searchWorkflows } from "@/lib/workflows/workflow-search";
import { OPERATIONS } from "./operations";
import { type ApiKeyScope, PERMISSIONS, ROLES, type Role, roleCan, rolesCan } from "./permissions";
import type { Actor } from "./actor";

const EXPECTED: Record<string, readonly Role[]> = {
  "catalog:read": ["viewer", "engineer", "product_owner", "ml_lead", "compliance", "admin"],
  "analytics:read": ["viewer", "engineer", "product_owner", "ml_lead", "compliance", "admin"],
  "model:register": ["engineer"],
  "model:edit": ["engineer"],
  "evaluation:upload": ["engineer"],
  "change_request:open": ["engineer"],
  "change_request:decide": ["ml_lead", "compliance"],
  "model:change_status": ["ml_lead"],
  "model:disable": ["ml_lead", "compliance"],
  "model:retire": ["compliance", "admin"],
  "deprecation:plan": ["ml_lead"],
  "bundle:manage": ["engineer"],
  "usage:ingest": ["engineer"],
  "review:sign_off": ["product_owner"],
  "audit:read": ["compliance", "admin"],
  "audit:export": ["compliance", "admin"],
  "apikey:manage": ["admin"],
  "user:manage": ["admin"],
  "webhook:manage": ["admin"],
  "settings:manage": ["admin"],
};

describe("the permission table", () => {
  it("grants exactly the declared roles for every permission", () => {
    expect(Object.keys(PERMISSIONS).sort()).toEqual(Object.keys(EXPECTED).sort());
    for (const [permission, allowed] of Object.entries(EXPECTED)) {
      for (const role of ROLES) {
        expect(roleCan(role, permission as keyof typeof PERMISSIONS), `${role} × ${permission}`).toBe(allowed.includes(role));
      }
    }
  });

  it("gives unknown roles nothing and lets a person with several roles do what any allows", () => {
    for (const permission of Object.keys(EXPECTED)) expect(rolesCan(["superuser", "root"], permission as keyof typeof PERMISSIONS)).toBe(false);
    expect(rolesCan(["viewer", "admin"], "apikey:manage")).toBe(true);
  });
});

// ── Every entry point in app/ is declared ─────────────────────────────────────

const ROOT = path.resolve(import.meta.dirname, "../..");

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? walk(full) : [full];
  });
}

function discoverEntryPoints(): string[] {
  const found: string[] = [];
  for (const file of walk(path.join(ROOT, "app"))) {
    const rel = path.relative(ROOT, file);
    const source = readFileSync(file, "utf8");
    if (/^\s*["']use server["']/.test(source)) {
      for (const match of source.matchAll(/export\s+async\s+function\s+(\w+)/g)) found.push(`action ${rel}#${match[1]}`);
    }
    if (/route\.ts$/.test(rel)) {
      for (const match of source.matchAll(/export\s+(?:const|async function|function)\s+(GET|POST|PUT|PATCH|DELETE)\b/g))
        found.push(`route ${match[1]} ${rel}`);
      for (const match of source.matchAll(/export\s+const\s+\{\s*([^}]+)\}/g)) {
        for (const name of match[1].split(",").map((s) => s.trim())) found.push(`route ${name} ${rel}`);
      }
    }
    // Inline server actions inside pages ("use server" in a function body).
    if (/\.tsx$/.test(rel) && /["']use server["'];/.test(source) && !/^\s*["']use server["']/.test(source)) {
      found.push(`inline-action ${rel}`);
    }
  }
  return found.sort();
}

describe("entry points", () => {
  it("are all declared with their permission (an undeclared action fails this test)", () => {
    const declared = new Set(Object.keys(OPERATIONS));
    // The sign-in page's inline OIDC action only starts a redirect to the identity provider.
    const allowedInline = new Set(["inline-action app/sign-in/page.tsx"]);
    const undeclared = discoverEntryPoints().filter((entry) => !declared.has(entry) && !allowedInline.has(entry));
    expect(undeclared).toEqual([]);
  });

  it("declared in the table still exist", () => {
    const found = new Set(discoverEntryPoints());
    expect(Object.keys(OPERATIONS).filter((entry) => !found.has(entry))).toEqual([]);
  });
});

// ── Each service behind an entry point, called by every role ──────────────────

let db: Database;
let actors: Record<Role, UserActor>;
let testingModelId: string;
let n = 0;
let world: GovernanceWorld;

beforeAll(async () => {
  db = await openTestDatabase();
  world = await governanceWorld(db.prisma);
  await ensureProvider(db.prisma, "openai", "OpenAI");
  actors = await actorPerRole(db.prisma);
  const engineer = await createActor(db.prisma, ["engineer"]);
  testingModelId = (await registerModel(db.prisma, engineer, { providerSlug: "openai", snapshotId: "gpt-4o-2024-08-06", name: "GPT-4o" })).id;
});
afterAll(() => db.close());

const filters = catalogFiltersSchema.parse({});

/** An open request on the high-risk workflow (both ML leads and compliance decide it), by an engineer other than the roles under test. */
async function openRequest() {
  return (
    await openChangeRequest(db.prisma, world.actors.engineer, approvalRequest(world, { workflow: world.loans.slug, evidence: [world.runs.passLoans.id] }))
  ).request;
}

interface ServiceCall {
  permission: string;
  /** Prepares what the call acts on (its own audit events are not the call's). */
  setup?: () => Promise<unknown>;
  call: (actor: Actor, prepared: never) => Promise<unknown>;
}

/** A model in the given status, written straight to the database (no audit event: it is the call's setup). */
async function modelIn(status: "approved" | "disabled") {
  const provider = await db.prisma.provider.findUniqueOrThrow({ where: { slug: "openai" } });
  return db.prisma.model.create({
    data: { providerId: provider.id, snapshotId: `matrix-${status}-${++n}`, name: `Matrix ${status} ${n}`, status, pinning: "strict" },
  });
}

const SERVICE_CALLS: Record<string, ServiceCall> = {
  "route GET app/api/v1/change-requests/route.ts": { permission: "catalog:read", call: (actor) => listChangeRequests(db.prisma, actor, {}) },
  "route POST app/api/v1/change-requests/route.ts": {
    permission: "change_request:open",
    call: (actor) => openChangeRequest(db.prisma, actor, approvalRequest(world)),
  },
  "route GET app/api/v1/change-requests/[id]/route.ts": {
    permission: "catalog:read",
    setup: openRequest,
    call: (actor, request: { id: string }) => getChangeRequest(db.prisma, actor, request.id),
  },
  "route POST app/api/v1/change-requests/[id]/decisions/route.ts": {
    permission: "change_request:decide",
    setup: openRequest,
    call: (actor, request: { id: string; version: number }) =>
      decideChangeRequest(db.prisma, actor, { id: request.id, decision: "reject", comment: "matrix", version: request.version }),
  },
  "action app/(app)/models/actions.ts#registerModelAction": {
    permission: "model:register",
    call: (actor) => registerModel(db.prisma, actor, { providerSlug: "openai", snapshotId: `gpt-matrix-${++n}`, name: "Matrix model" }),
  },
  "action app/(app)/models/actions.ts#updateModelAction": {
    permission: "model:edit",
    call: async (actor) => {
      const current = await db.prisma.model.findUniqueOrThrow({ where: { id: testingModelId } });
      return updateModel(db.prisma, actor, {
        id: current.id,
        version: current.version,
        providerSlug: "openai",
        snapshotId: current.snapshotId,
        name: `GPT-4o ${++n}`,
      });
    },
  },
  "action app/(app)/admin/api-keys/actions.ts#createApiKeyAction": {
    permission: "apikey:manage",
    call: (actor) => createApiKey(db.prisma, actor, { name: `key-${++n}`, scopes: ["read"] }),
  },
  "action app/(app)/admin/api-keys/actions.ts#revokeApiKeyAction": {
    permission: "apikey:manage",
    setup: () => createApiKey(db.prisma, { kind: "cli", label: "test" }, { name: `to-revoke-${++n}`, scopes: ["read"] }),
    call: (actor, key: { id: string }) => revokeApiKey(db.prisma, actor, { id: key.id }),
  },
  "route GET app/api/v1/models/route.ts": { permission: "catalog:read", call: (actor) => listModels(db.prisma, actor, filters) },
  "route GET app/api/v1/workflows/route.ts": { permission: "catalog:read", call: (actor) => searchWorkflows(db.prisma, actor, { q: "a" }) },
  "action app/(app)/evaluations/actions.ts#uploadEvaluationAction": {
    permission: "evaluation:upload",
    setup: () => evaluationUploadFixture(db.prisma, testingModelId),
    call: (actor, body: object) => uploadEvaluation(db.prisma, actor, body, "form"),
  },
  "route POST app/api/v1/evaluations/route.ts": {
    permission: "evaluation:upload",
    setup: () => evaluationUploadFixture(db.prisma, testingModelId),
    call: (actor, body: object) => uploadEvaluation(db.prisma, actor, body, "api"),
  },
  "route GET app/api/v1/evaluations/route.ts": {
    permission: "catalog:read",
    call: (actor) => listEvaluations(db.prisma, actor, evaluationFiltersSchema.parse({})),
  },
  "route GET app/api/v1/evaluations/[id]/route.ts": {
    permission: "catalog:read",
    setup: () => evaluationRunFixture(db.prisma, testingModelId),
    call: (actor, id: string) => getEvaluation(db.prisma, actor, id),
  },
  "action app/(app)/approvals/actions.ts#openChangeRequestAction": {
    permission: "change_request:open",
    call: (actor) => openChangeRequest(db.prisma, actor, approvalRequest(world)),
  },
  "action app/(app)/approvals/actions.ts#decideChangeRequestAction": {
    permission: "change_request:decide",
    setup: openRequest,
    call: (actor, request: { id: string; version: number }) =>
      decideChangeRequest(db.prisma, actor, { id: request.id, decision: "reject", comment: "matrix", version: request.version }),
  },
  "action app/(app)/approvals/actions.ts#withdrawChangeRequestAction": {
    permission: "change_request:open",
    // Opened by the engineer under test: only the requester may withdraw, so the one allowed role succeeds.
    setup: async () => (await openChangeRequest(db.prisma, actors.engineer, approvalRequest(world))).request,
    call: (actor, request: { id: string; version: number }) => withdrawChangeRequest(db.prisma, actor, { id: request.id, version: request.version }),
  },
  "action app/(app)/models/status-actions.ts#disableModelAction": {
    permission: "model:disable",
    setup: () => modelIn("approved"),
    call: (actor, model: { id: string; version: number }) =>
      changeModelStatus(db.prisma, actor, { modelId: model.id, version: model.version, to: "disabled", reasonKind: "incident", reason: "matrix" }),
  },
  "action app/(app)/models/status-actions.ts#changeModelStatusAction": {
    permission: "model:change_status",
    setup: () => modelIn("approved"),
    call: (actor, model: { id: string; version: number }) =>
      changeModelStatus(db.prisma, actor, { modelId: model.id, version: model.version, to: "fallback_only", reason: "matrix" }),
  },
  "action app/(app)/models/status-actions.ts#retireModelAction": {
    permission: "model:retire",
    setup: () => modelIn("disabled"),
    call: (actor, model: { id: string; version: number }) => changeModelStatus(db.prisma, actor, { modelId: model.id, version: model.version, to: "retired" }),
  },
  "route POST app/api/v1/usage/route.ts": {
    permission: "usage:ingest",
    call: async (actor) => {
      const body = JSON.stringify([{ timestamp: new Date().toISOString(), model: `matrix-model-${++n}`, status: "ok" }]);
      const response = await handleUsageBatch(
        db,
        actor,
        new Request("http://warden.test/api/v1/usage", { method: "POST", body, headers: { "content-type": "application/json" } }),
      );
      if (response.status !== 200) throw new Error(`the batch was answered ${response.status}`);
    },
  },
  "route POST app/api/v1/usage/imports/route.ts": {
    permission: "usage:ingest",
    call: (actor) =>
      uploadUsageFile(db, actor, `timestamp,model,status\n${new Date().toISOString()},matrix-model-${++n},ok\n`, { fileName: "matrix.csv", mode: "strict" }),
  },
  "route GET app/api/v1/usage/imports/route.ts": {
    permission: "usage:ingest",
    call: (actor) => listUsageImports(db.prisma, actor, importListSchema.parse({})),
  },
  "route GET app/api/v1/usage/imports/[id]/rejects/route.ts": {
    permission: "usage:ingest",
    setup: () => db.prisma.usageImport.create({ data: { source: "file", fileName: "matrix.csv", mode: "strict", state: "failed", errors: [] } }),
    call: (actor, record: { id: string }) => usageImportRejects(db.prisma, actor, record.id),
  },
  "route GET app/api/v1/analytics/drift/route.ts": { permission: "analytics:read", call: (actor) => getDriftReport(db, actor, {}) },
  "route GET app/api/v1/analytics/compare/route.ts": {
    permission: "analytics:read",
    call: (actor) => getComparison(db, actor, { workflow: "w", a: "m1", b: "m2" }, { requireArms: true }),
  },
  "route GET app/api/v1/analytics/overview/route.ts": { permission: "analytics:read", call: (actor) => getOverview(db, actor, {}) },
  "route GET app/api/v1/analytics/timeseries/route.ts": { permission: "analytics:read", call: (actor) => getAnalyticsCharts(db, actor, {}) },
  "route POST app/v1/traces/route.ts": {
    permission: "usage:ingest",
    call: (actor) => ingestOtlpTraces(db, actor, { contentType: "application/json", body: jsonBody(exportRequest([openAiChatSpan()])) }),
  },
  "action app/(app)/audit/actions.ts#verifyAuditChainAction": { permission: "audit:read", call: (actor) => verifyAuditTrailFor(db.prisma, actor) },
  "route GET app/api/v1/audit/head/route.ts": { permission: "audit:read", call: (actor) => chainHead(db.prisma, actor) },
  "route GET app/api/v1/audit/export/route.ts": {
    permission: "audit:export",
    call: async (actor) => {
      const file = await exportAuditTrail(db.prisma, actor, parseAuditFilters({ action: "model." }), "csv");
      await new Response(file.body).text();
    },
  },
  "route GET app/api/v1/models/[id]/audit-pack/route.ts": {
    permission: "audit:export",
    call: async (actor) => renderAuditPackPdf(await getAuditPack(db.prisma, actor, testingModelId)),
  },
  "action app/(app)/admin/users/actions.ts#createUserAction": {
    permission: "user:manage",
    call: (actor) => createUser(db.prisma, actor, { email: `person-${++n}@matrix.test`, name: "Matrix person", roles: ["viewer"] }),
  },
  "action app/(app)/admin/users/actions.ts#setUserRolesAction": {
    permission: "user:manage",
    setup: () => createActor(db.prisma, ["viewer"]),
    call: (actor, person: UserActor) => setUserRoles(db.prisma, actor, { id: person.userId, roles: ["engineer"] }),
  },
  "action app/(app)/admin/users/actions.ts#setUserDisabledAction": {
    permission: "user:manage",
    setup: () => createActor(db.prisma, ["viewer"]),
    call: (actor, person: UserActor) => setUserDisabled(db.prisma, actor, { id: person.userId, disabled: true }),
  },
  "action app/(app)/admin/webhooks/actions.ts#createWebhookAction": {
    permission: "webhook:manage",
    call: (actor) => createWebhook(db.prisma, actor, { url: "https://hooks.example.test/warden", events: ["model.disabled"] }),
  },
  "action app/(app)/admin/webhooks/actions.ts#disableWebhookAction": {
    permission: "webhook:manage",
    setup: () => createWebhook(db.prisma, { kind: "cli", label: "test" }, { url: "https://hooks.example.test/off", events: ["model.disabled"] }),
    call: (actor, hook: { id: string }) => disableWebhook(db.prisma, actor, { id: hook.id }),
  },
  "action app/(app)/admin/webhooks/actions.ts#sendTestDeliveryAction": {
    permission: "webhook:manage",
    setup: () => createWebhook(db.prisma, { kind: "cli", label: "test" }, { url: "https://hooks.example.test/test", events: ["model.disabled"] }),
    // A receiver that answers 204: the delivery itself is not what this checks.
    call: (actor, hook: { id: string }) => sendTestDelivery(db.prisma, actor, { id: hook.id }, async () => new Response(null, { status: 204 })),
  },
};

/** Reads record nothing; every change, and every export of the audit trail, records exactly one event. */
function auditEventsPerCall(entry: string): number {
  if (entry === "route GET app/api/v1/audit/export/route.ts" || entry === "route GET app/api/v1/models/[id]/audit-pack/route.ts") return 1;
  return entry.startsWith("route GET ") || entry.endsWith("#verifyAuditChainAction") ? 0 : 1;
}

describe("services behind each entry point", () => {
  it("cover every declared operation that needs a permission", () => {
    const needing = Object.entries(OPERATIONS)
      .filter(([, permission]) => permission)
      .map(([entry]) => entry);
    expect(Object.keys(SERVICE_CALLS).sort()).toEqual(needing.sort());
  });

  for (const [entry, { permission, setup, call }] of Object.entries(SERVICE_CALLS)) {
    for (const role of ROLES) {
      const allowed = EXPECTED[permission].includes(role);
      it(`${entry} by ${role}: ${allowed ? "allowed" : "refused"}`, async () => {
        expect(OPERATIONS[entry]).toBe(permission);
        const prepared = (await setup?.()) as never;
        const auditBefore = await db.prisma.auditEvent.count();
        const outcome = await call(actors[role], prepared).then(
          () => "ok",
          (error) => (error instanceof DomainError ? error.code : Promise.reject(error)),
        );
        expect(outcome).toBe(allowed ? "ok" : "forbidden");
        // A refused call leaves no trace; an allowed change (or export) is exactly one audit event.
        expect(await db.prisma.auditEvent.count()).toBe(auditBefore + (allowed ? auditEventsPerCall(entry) : 0));
      });
    }
    it(`${entry} anonymously: refused`, async () => {
      const prepared = (await setup?.()) as never;
      await expect(call(null as unknown as Actor, prepared)).rejects.toMatchObject({ code: "unauthenticated" });
    });
  }

  it("model reads (model page) are open to every role and closed to anonymous callers", async () => {
    for (const role of ROLES) await expect(getModelDetail(db.prisma, actors[role], testingModelId)).resolves.toBeTruthy();
    await expect(getModelDetail(db.prisma, null, testingModelId)).rejects.toMatchObject({ code: "unauthenticated" });
    await expect(listApiKeys(db.prisma, actors.viewer)).rejects.toMatchObject({ code: "forbidden" });
  });

  it("API keys act through their scopes only", async () => {
    const key = (scopes: ApiKeyScope[]): Actor => ({ kind: "api_key", apiKeyId: "k", name: "k", scopes });
    await expect(listModels(db.prisma, key(["read"]), filters)).resolves.toBeTruthy();
    await expect(listModels(db.prisma, key(["ingest:write"]), filters)).rejects.toMatchObject({ code: "forbidden" });
    await expect(createApiKey(db.prisma, key(["read", "ingest:write", "catalog:write"]), { name: "x", scopes: ["read"] })).rejects.toMatchObject({
      code: "forbidden",
    });
  });
});

// ── A failed change leaves no audit event ─────────────────────────────────────

/** Each mutating entry point called by a role allowed to use it, with input it must refuse. */
const INVALID_CALLS: Record<string, (actor: Actor) => Promise<unknown>> = {
  "action app/(app)/models/actions.ts#registerModelAction": (actor) => registerModel(db.prisma, actor, { providerSlug: "openai", snapshotId: "", name: "" }),
  "action app/(app)/models/actions.ts#updateModelAction": (actor) => updateModel(db.prisma, actor, { id: testingModelId, version: 1, name: "" }),
  "action app/(app)/admin/api-keys/actions.ts#createApiKeyAction": (actor) => createApiKey(db.prisma, actor, { name: "", scopes: ["root"] }),
  "action app/(app)/admin/api-keys/actions.ts#revokeApiKeyAction": (actor) => revokeApiKey(db.prisma, actor, { id: "00000000-0000-0000-0000-000000000000" }),
  "action app/(app)/evaluations/actions.ts#uploadEvaluationAction": (actor) => uploadEvaluation(db.prisma, actor, { metrics: "none" }, "form"),
  "route POST app/api/v1/evaluations/route.ts": (actor) => uploadEvaluation(db.prisma, actor, [], "api"),
  "route POST app/api/v1/change-requests/route.ts": (actor) => openChangeRequest(db.prisma, actor, { kind: "approval", justification: "" }),
  "action app/(app)/approvals/actions.ts#openChangeRequestAction": (actor) =>
    openChangeRequest(db.prisma, actor, approvalRequest(world, { evidence: ["not-a-run"] })),
  "route POST app/api/v1/change-requests/[id]/decisions/route.ts": (actor) =>
    decideChangeRequest(db.prisma, actor, { id: "00000000-0000-0000-0000-000000000000", decision: "approve", version: 1 }),
  "action app/(app)/approvals/actions.ts#decideChangeRequestAction": (actor) => decideChangeRequest(db.prisma, actor, { decision: "maybe" }),
  "action app/(app)/approvals/actions.ts#withdrawChangeRequestAction": (actor) => withdrawChangeRequest(db.prisma, actor, { id: "nope" }),
  "action app/(app)/models/status-actions.ts#disableModelAction": (actor) =>
    changeModelStatus(db.prisma, actor, { modelId: testingModelId, version: 1, to: "disabled" }),
  "action app/(app)/models/status-actions.ts#changeModelStatusAction": (actor) =>
    changeModelStatus(db.prisma, actor, { modelId: testingModelId, version: 1, to: "approved" }),
  "action app/(app)/models/status-actions.ts#retireModelAction": (actor) =>
    changeModelStatus(db.prisma, actor, { modelId: testingModelId, version: 1, to: "retired" }),
  "route POST app/api/v1/usage/route.ts": async (actor) => {
    const response = await handleUsageBatch(
      db,
      actor,
      new Request("http://warden.test/api/v1/usage", { method: "POST", body: "{not json", headers: { "content-type": "application/json" } }),
    );
    if (response.status >= 400) throw new DomainError("bad_request", `answered ${response.status}`);
  },
  "route POST app/v1/traces/route.ts": (actor) => ingestOtlpTraces(db, actor, { contentType: "application/json", body: new TextEncoder().encode("{not json") }),
  "route POST app/api/v1/usage/imports/route.ts": async (actor) => {
    const report = await uploadUsageFile(db, actor, "timestamp,model,status\nyesterday,,maybe\n", { fileName: "bad.csv", mode: "strict" });
    if (!report.written) throw new DomainError("validation", `${report.rejected} rows rejected; nothing written`);
  },
  "action app/(app)/admin/users/actions.ts#createUserAction": (actor) => createUser(db.prisma, actor, { email: "nope", name: "", roles: [] }),
  "action app/(app)/admin/users/actions.ts#setUserRolesAction": (actor) =>
    setUserRoles(db.prisma, actor, { id: "00000000-0000-0000-0000-000000000000", roles: ["viewer"] }),
  "action app/(app)/admin/users/actions.ts#setUserDisabledAction": (actor) =>
    setUserDisabled(db.prisma, actor, { id: actor.kind === "user" ? actor.userId : "", disabled: true }),
  "action app/(app)/admin/webhooks/actions.ts#createWebhookAction": (actor) =>
    createWebhook(db.prisma, actor, { url: "javascript:alert(1)", events: ["model.disabled"] }),
  "action app/(app)/admin/webhooks/actions.ts#disableWebhookAction": (actor) =>
    disableWebhook(db.prisma, actor, { id: "00000000-0000-0000-0000-000000000000" }),
  "action app/(app)/admin/webhooks/actions.ts#sendTestDeliveryAction": (actor) =>
    sendTestDelivery(db.prisma, actor, { id: "00000000-0000-0000-0000-000000000000" }),
};

describe("failed changes", () => {
  for (const [entry, call] of Object.entries(INVALID_CALLS)) {
    it(`${entry} with bad input: a clear error and no audit event`, async () => {
      const role = EXPECTED[OPERATIONS[entry]!][0];
      const before = await db.prisma.auditEvent.count();
      const error = await call(actors[role]).then(
        () => null,
        (e) => e,
      );
      expect(error, "the call should have been refused").toBeInstanceOf(DomainError);
      expect((error as DomainError).message.length).toBeGreaterThan(10);
      if (entry === "route POST app/api/v1/usage/imports/route.ts") {
        // The one exception, by design: a refused file import keeps its report (rows, columns, reasons)
        // for download, and that record is itself a change, so it has its event.
        const events = await db.prisma.auditEvent.findMany({ where: { seq: { gt: BigInt(before) } } });
        expect(events.map((e) => e.action)).toEqual(["usage.import_failed"]);
      } else {
        expect(await db.prisma.auditEvent.count()).toBe(before);
      }
    });
  }
});
