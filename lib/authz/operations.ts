// Every server action and route handler Warden exposes, with the permission it checks. The
// authorization test reads the app folder and fails when an action or route is missing here, so a new
// entry point cannot ship without a declared check and a test of it.
import type { Permission } from "./permissions";

/** null: open to anyone (signing in and out). */
export const OPERATIONS: Record<string, Permission | null> = {
  "action app/sign-in/actions.ts#signInWithPassword": null,
  "action app/(app)/actions.ts#signOutAction": null,
  "action app/(app)/models/actions.ts#registerModelAction": "model:register",
  "action app/(app)/models/actions.ts#updateModelAction": "model:edit",
  "action app/(app)/admin/api-keys/actions.ts#createApiKeyAction": "apikey:manage",
  "action app/(app)/admin/api-keys/actions.ts#revokeApiKeyAction": "apikey:manage",
  "route GET app/api/v1/models/route.ts": "catalog:read",
  "action app/(app)/evaluations/actions.ts#uploadEvaluationAction": "evaluation:upload",
  "route POST app/api/v1/evaluations/route.ts": "evaluation:upload",
  "route GET app/api/v1/evaluations/route.ts": "catalog:read",
  "route GET app/api/v1/evaluations/[id]/route.ts": "catalog:read",
  "route GET app/api/auth/[...nextauth]/route.ts": null,
  "route POST app/api/auth/[...nextauth]/route.ts": null,
  "route GET app/api/v1/change-requests/route.ts": "catalog:read",
  "route POST app/api/v1/change-requests/route.ts": "change_request:open",
  "route GET app/api/v1/change-requests/[id]/route.ts": "catalog:read",
  "route POST app/api/v1/change-requests/[id]/decisions/route.ts": "change_request:decide",
  "action app/(app)/approvals/actions.ts#openChangeRequestAction": "change_request:open",
  "action app/(app)/approvals/actions.ts#decideChangeRequestAction": "change_request:decide",
  "action app/(app)/approvals/actions.ts#withdrawChangeRequestAction": "change_request:open",
  "action app/(app)/models/status-actions.ts#disableModelAction": "model:disable",
  "action app/(app)/models/status-actions.ts#changeModelStatusAction": "model:change_status",
  "action app/(app)/models/status-actions.ts#retireModelAction": "model:retire",
  "route POST app/api/v1/usage/route.ts": "usage:ingest",
  "route POST app/api/v1/usage/imports/route.ts": "usage:ingest",
  "route GET app/api/v1/usage/imports/route.ts": "usage:ingest",
  "route GET app/api/v1/usage/imports/[id]/rejects/route.ts": "usage:ingest",
  "route GET app/api/v1/analytics/drift/route.ts": "analytics:read",
  "route GET app/api/v1/analytics/compare/route.ts": "analytics:read",
  "route GET app/api/v1/analytics/overview/route.ts": "analytics:read",
  "route GET app/api/v1/analytics/timeseries/route.ts": "analytics:read",
  "route POST app/v1/traces/route.ts": "usage:ingest",
  "action app/(app)/audit/actions.ts#verifyAuditChainAction": "audit:read",
  "route GET app/api/v1/audit/head/route.ts": "audit:read",
  "route GET app/api/v1/audit/export/route.ts": "audit:export",
  "route GET app/api/v1/models/[id]/audit-pack/route.ts": "audit:export",
};
