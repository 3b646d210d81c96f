-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('viewer', 'engineer', 'product_owner', 'ml_lead', 'compliance', 'admin');

-- CreateEnum
CREATE TYPE "ApiKeyScope" AS ENUM ('read', 'ingest_write', 'catalog_write');

-- CreateEnum
CREATE TYPE "ModelStatus" AS ENUM ('testing', 'approved', 'fallback_only', 'deprecated', 'disabled', 'retired');

-- CreateEnum
CREATE TYPE "PinningLevel" AS ENUM ('strict', 'family', 'tier');

-- CreateEnum
CREATE TYPE "ModelKind" AS ENUM ('hosted', 'fine_tuned', 'self_hosted', 'embedding');

-- CreateEnum
CREATE TYPE "Level" AS ENUM ('low', 'medium', 'high');

-- CreateEnum
CREATE TYPE "DeprecationMeaning" AS ENUM ('announcement', 'new_access_block', 'shutdown');

-- CreateEnum
CREATE TYPE "RiskClass" AS ENUM ('minimal', 'limited', 'high');

-- CreateEnum
CREATE TYPE "TrafficTier" AS ENUM ('high', 'low');

-- CreateEnum
CREATE TYPE "ApprovalRole" AS ENUM ('primary', 'fallback');

-- CreateEnum
CREATE TYPE "ChangeRequestKind" AS ENUM ('status_change', 'approval', 'bundle_stage');

-- CreateEnum
CREATE TYPE "ChangeRequestState" AS ENUM ('open', 'approved', 'rejected', 'withdrawn', 'applied');

-- CreateEnum
CREATE TYPE "DecisionKind" AS ENUM ('approve', 'reject');

-- CreateEnum
CREATE TYPE "BundleStage" AS ENUM ('staging', 'shadow', 'canary', 'active', 'deprecated', 'retired');

-- CreateEnum
CREATE TYPE "ReviewKind" AS ENUM ('scheduled', 'triggered');

-- CreateEnum
CREATE TYPE "UsageStatus" AS ENUM ('ok', 'error');

-- CreateEnum
CREATE TYPE "ImportMode" AS ENUM ('strict', 'lenient');

-- CreateEnum
CREATE TYPE "ImportState" AS ENUM ('running', 'completed', 'failed');

-- CreateEnum
CREATE TYPE "FindingKind" AS ENUM ('deprecated_model_traffic', 'disabled_model_traffic', 'retired_model_traffic', 'unapproved_workflow_traffic', 'silent_substitution');

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "passwordHash" TEXT,
    "oidcSubject" TEXT,
    "disabledAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "UserRole" (
    "userId" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "grantedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "UserRole_pkey" PRIMARY KEY ("userId","role")
);

-- CreateTable
CREATE TABLE "ApiKey" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "scopes" "ApiKeyScope"[],
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3),
    "lastUsedAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "ApiKey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Provider" (
    "id" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "docUrl" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Provider_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Model" (
    "id" TEXT NOT NULL,
    "providerId" TEXT NOT NULL,
    "snapshotId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "family" TEXT,
    "mode" TEXT,
    "pinning" "PinningLevel" NOT NULL DEFAULT 'strict',
    "kind" "ModelKind" NOT NULL DEFAULT 'hosted',
    "baseModelId" TEXT,
    "fineTuneId" TEXT,
    "trainingData" TEXT,
    "trainingDate" TIMESTAMP(3),
    "owner" TEXT,
    "purpose" TEXT,
    "intendedUse" TEXT,
    "limitations" TEXT,
    "bestFor" TEXT[],
    "languages" TEXT[],
    "contextWindow" INTEGER,
    "maxOutputTokens" INTEGER,
    "inputPricePerMTok" DOUBLE PRECISION,
    "outputPricePerMTok" DOUBLE PRECISION,
    "costLevel" "Level",
    "latencyLevel" "Level",
    "fallbackModelId" TEXT,
    "releaseDate" TIMESTAMP(3),
    "providerDeprecationDate" TIMESTAMP(3),
    "providerDeprecationMeaning" "DeprecationMeaning",
    "providerDeprecationSource" TEXT,
    "lastReviewedAt" TIMESTAMP(3),
    "nextReviewDue" TIMESTAMP(3),
    "status" "ModelStatus" NOT NULL DEFAULT 'testing',
    "statusReason" TEXT,
    "notes" TEXT,
    "sources" TEXT[],
    "sourceKeys" JSONB,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Model_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ModelPrice" (
    "id" TEXT NOT NULL,
    "modelId" TEXT NOT NULL,
    "inputPricePerMTok" DOUBLE PRECISION,
    "outputPricePerMTok" DOUBLE PRECISION,
    "effectiveFrom" TIMESTAMP(3) NOT NULL,
    "source" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ModelPrice_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Workflow" (
    "id" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "ownerId" TEXT,
    "riskClass" "RiskClass" NOT NULL,
    "trafficTier" "TrafficTier" NOT NULL,
    "languages" TEXT[],
    "minContextWindow" INTEGER NOT NULL DEFAULT 0,
    "maxCostPerTaskUsd" DOUBLE PRECISION,
    "monthlyBudgetUsd" DOUBLE PRECISION,
    "qualityThresholds" JSONB,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Workflow_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Approval" (
    "id" TEXT NOT NULL,
    "modelId" TEXT NOT NULL,
    "workflowId" TEXT NOT NULL,
    "role" "ApprovalRole" NOT NULL,
    "maxCostPerTaskUsd" DOUBLE PRECISION,
    "languages" TEXT[],
    "fallbackModelId" TEXT,
    "validUntil" TIMESTAMP(3),
    "approvedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "changeRequestId" TEXT,
    "revokedAt" TIMESTAMP(3),
    "revokedReason" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "Approval_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApprovalEvidence" (
    "approvalId" TEXT NOT NULL,
    "evaluationRunId" TEXT NOT NULL,

    CONSTRAINT "ApprovalEvidence_pkey" PRIMARY KEY ("approvalId","evaluationRunId")
);

-- CreateTable
CREATE TABLE "EvaluationRun" (
    "id" TEXT NOT NULL,
    "modelId" TEXT,
    "bundleId" TEXT,
    "workflowId" TEXT NOT NULL,
    "suite" TEXT NOT NULL,
    "datasetVersion" TEXT NOT NULL,
    "baselineRunId" TEXT,
    "metrics" JSONB NOT NULL,
    "thresholds" JSONB NOT NULL,
    "gateResult" JSONB NOT NULL,
    "gatePassed" BOOLEAN NOT NULL,
    "createdById" TEXT,
    "source" TEXT NOT NULL DEFAULT 'form',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EvaluationRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ChangeRequest" (
    "id" TEXT NOT NULL,
    "kind" "ChangeRequestKind" NOT NULL,
    "state" "ChangeRequestState" NOT NULL DEFAULT 'open',
    "modelId" TEXT,
    "workflowId" TEXT,
    "bundleId" TEXT,
    "fromStatus" "ModelStatus",
    "toStatus" "ModelStatus",
    "toStage" "BundleStage",
    "payload" JSONB,
    "justification" TEXT NOT NULL,
    "policy" JSONB NOT NULL,
    "requesterId" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "decidedAt" TIMESTAMP(3),
    "appliedAt" TIMESTAMP(3),

    CONSTRAINT "ChangeRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ChangeRequestDecision" (
    "id" TEXT NOT NULL,
    "changeRequestId" TEXT NOT NULL,
    "deciderId" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "decision" "DecisionKind" NOT NULL,
    "comment" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ChangeRequestDecision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ChangeRequestEvidence" (
    "changeRequestId" TEXT NOT NULL,
    "evaluationRunId" TEXT NOT NULL,

    CONSTRAINT "ChangeRequestEvidence_pkey" PRIMARY KEY ("changeRequestId","evaluationRunId")
);

-- CreateTable
CREATE TABLE "Bundle" (
    "id" TEXT NOT NULL,
    "workflowId" TEXT NOT NULL,
    "modelId" TEXT NOT NULL,
    "major" INTEGER NOT NULL,
    "minor" INTEGER NOT NULL,
    "patch" INTEGER NOT NULL,
    "promptHash" TEXT NOT NULL,
    "configHash" TEXT NOT NULL,
    "config" JSONB NOT NULL,
    "parentId" TEXT,
    "stage" "BundleStage" NOT NULL DEFAULT 'staging',
    "trafficPercent" INTEGER,
    "createdById" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Bundle_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DeprecationPlan" (
    "id" TEXT NOT NULL,
    "modelId" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "announcedAt" TIMESTAMP(3) NOT NULL,
    "softDeadline" TIMESTAMP(3) NOT NULL,
    "hardDeadline" TIMESTAMP(3) NOT NULL,
    "migrationTargetId" TEXT,
    "evaluationStatus" TEXT,
    "steps" JSONB,
    "estimatedEffort" TEXT,
    "costImpact" TEXT,
    "qualityImpact" TEXT,
    "createdById" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DeprecationPlan_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Review" (
    "id" TEXT NOT NULL,
    "kind" "ReviewKind" NOT NULL,
    "trigger" TEXT,
    "workflowId" TEXT,
    "modelId" TEXT,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "signals" JSONB,
    "outcome" TEXT,
    "notes" TEXT,
    "signedOffById" TEXT,
    "signedOffAt" TIMESTAMP(3),
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Review_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "UsageEvent" (
    "eventId" TEXT NOT NULL,
    "timestamp" TIMESTAMP(3) NOT NULL,
    "model" TEXT NOT NULL,
    "responseModel" TEXT,
    "provider" TEXT,
    "workflow" TEXT,
    "bundle" TEXT,
    "modelId" TEXT,
    "workflowId" TEXT,
    "latencyMs" INTEGER,
    "ttftMs" INTEGER,
    "inputTokens" INTEGER,
    "outputTokens" INTEGER,
    "costUsd" DOUBLE PRECISION,
    "costEstimated" BOOLEAN NOT NULL DEFAULT false,
    "status" "UsageStatus" NOT NULL,
    "errorType" TEXT,
    "isFallback" BOOLEAN NOT NULL DEFAULT false,
    "retries" INTEGER NOT NULL DEFAULT 0,
    "region" TEXT,
    "userHash" TEXT,
    "qualityScore" DOUBLE PRECISION,
    "feedback" INTEGER,
    "importId" TEXT,
    "ingestedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "UsageEvent_pkey" PRIMARY KEY ("eventId")
);

-- CreateTable
CREATE TABLE "UsageRollup" (
    "bucketStart" TIMESTAMP(3) NOT NULL,
    "model" TEXT NOT NULL,
    "workflow" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "bundle" TEXT NOT NULL,
    "requests" INTEGER NOT NULL,
    "errors" INTEGER NOT NULL,
    "retries" INTEGER NOT NULL,
    "fallbacks" INTEGER NOT NULL,
    "inputTokens" BIGINT NOT NULL,
    "outputTokens" BIGINT NOT NULL,
    "costUsd" DOUBLE PRECISION NOT NULL,
    "latencySumMs" DOUBLE PRECISION NOT NULL,
    "latencyHist" INTEGER[],
    "ttftHist" INTEGER[],
    "inputTokenHist" INTEGER[],
    "outputTokenHist" INTEGER[],
    "qualitySum" DOUBLE PRECISION NOT NULL,
    "qualityCount" INTEGER NOT NULL,
    "feedbackUp" INTEGER NOT NULL,
    "feedbackDown" INTEGER NOT NULL,
    "errorTypes" JSONB NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "UsageRollup_pkey" PRIMARY KEY ("bucketStart","model","workflow","provider","region","bundle")
);

-- CreateTable
CREATE TABLE "UsageImport" (
    "id" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "fileName" TEXT,
    "fileSha256" TEXT,
    "mode" "ImportMode" NOT NULL,
    "state" "ImportState" NOT NULL DEFAULT 'running',
    "rowsTotal" INTEGER NOT NULL DEFAULT 0,
    "rowsAccepted" INTEGER NOT NULL DEFAULT 0,
    "rowsRejected" INTEGER NOT NULL DEFAULT 0,
    "duplicates" INTEGER NOT NULL DEFAULT 0,
    "errors" JSONB,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "UsageImport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "UsageFinding" (
    "id" TEXT NOT NULL,
    "kind" "FindingKind" NOT NULL,
    "model" TEXT NOT NULL,
    "workflow" TEXT NOT NULL,
    "modelId" TEXT,
    "workflowId" TEXT,
    "detail" TEXT,
    "firstSeen" TIMESTAMP(3) NOT NULL,
    "lastSeen" TIMESTAMP(3) NOT NULL,
    "events" INTEGER NOT NULL,
    "resolvedAt" TIMESTAMP(3),

    CONSTRAINT "UsageFinding_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "seq" BIGINT NOT NULL,
    "occurredAt" TIMESTAMP(3) NOT NULL,
    "actorId" TEXT,
    "actorLabel" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "targetType" TEXT NOT NULL,
    "targetId" TEXT,
    "before" JSONB,
    "after" JSONB,
    "reason" TEXT,
    "prevHash" TEXT NOT NULL,
    "hash" TEXT NOT NULL,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("seq")
);

-- CreateTable
CREATE TABLE "Webhook" (
    "id" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "events" TEXT[],
    "secret" TEXT NOT NULL,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "disabledAt" TIMESTAMP(3),

    CONSTRAINT "Webhook_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WebhookDelivery" (
    "id" TEXT NOT NULL,
    "webhookId" TEXT NOT NULL,
    "event" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "attempt" INTEGER NOT NULL DEFAULT 1,
    "statusCode" INTEGER,
    "error" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deliveredAt" TIMESTAMP(3),

    CONSTRAINT "WebhookDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Setting" (
    "key" TEXT NOT NULL,
    "value" JSONB NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Setting_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE UNIQUE INDEX "User_oidcSubject_key" ON "User"("oidcSubject");

-- CreateIndex
CREATE UNIQUE INDEX "ApiKey_hash_key" ON "ApiKey"("hash");

-- CreateIndex
CREATE UNIQUE INDEX "Provider_slug_key" ON "Provider"("slug");

-- CreateIndex
CREATE INDEX "Model_status_idx" ON "Model"("status");

-- CreateIndex
CREATE INDEX "Model_name_idx" ON "Model"("name");

-- CreateIndex
CREATE INDEX "Model_providerDeprecationDate_idx" ON "Model"("providerDeprecationDate");

-- CreateIndex
CREATE UNIQUE INDEX "Model_providerId_snapshotId_key" ON "Model"("providerId", "snapshotId");

-- CreateIndex
CREATE UNIQUE INDEX "ModelPrice_modelId_effectiveFrom_key" ON "ModelPrice"("modelId", "effectiveFrom");

-- CreateIndex
CREATE UNIQUE INDEX "Workflow_slug_key" ON "Workflow"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "Approval_changeRequestId_key" ON "Approval"("changeRequestId");

-- CreateIndex
CREATE INDEX "Approval_workflowId_idx" ON "Approval"("workflowId");

-- CreateIndex
CREATE INDEX "Approval_modelId_idx" ON "Approval"("modelId");

-- CreateIndex
CREATE INDEX "EvaluationRun_modelId_workflowId_idx" ON "EvaluationRun"("modelId", "workflowId");

-- CreateIndex
CREATE INDEX "ChangeRequest_state_idx" ON "ChangeRequest"("state");

-- CreateIndex
CREATE INDEX "ChangeRequest_requesterId_idx" ON "ChangeRequest"("requesterId");

-- CreateIndex
CREATE UNIQUE INDEX "ChangeRequestDecision_changeRequestId_deciderId_key" ON "ChangeRequestDecision"("changeRequestId", "deciderId");

-- CreateIndex
CREATE UNIQUE INDEX "Bundle_workflowId_major_minor_patch_key" ON "Bundle"("workflowId", "major", "minor", "patch");

-- CreateIndex
CREATE INDEX "DeprecationPlan_modelId_idx" ON "DeprecationPlan"("modelId");

-- CreateIndex
CREATE INDEX "Review_dueAt_idx" ON "Review"("dueAt");

-- CreateIndex
CREATE INDEX "UsageEvent_timestamp_idx" ON "UsageEvent"("timestamp");

-- CreateIndex
CREATE INDEX "UsageEvent_workflowId_timestamp_idx" ON "UsageEvent"("workflowId", "timestamp");

-- CreateIndex
CREATE INDEX "UsageEvent_modelId_timestamp_idx" ON "UsageEvent"("modelId", "timestamp");

-- CreateIndex
CREATE UNIQUE INDEX "UsageFinding_kind_model_workflow_key" ON "UsageFinding"("kind", "model", "workflow");

-- CreateIndex
CREATE UNIQUE INDEX "AuditEvent_hash_key" ON "AuditEvent"("hash");

-- CreateIndex
CREATE INDEX "AuditEvent_targetType_targetId_idx" ON "AuditEvent"("targetType", "targetId");

-- CreateIndex
CREATE INDEX "AuditEvent_occurredAt_idx" ON "AuditEvent"("occurredAt");

-- CreateIndex
CREATE INDEX "AuditEvent_actorId_idx" ON "AuditEvent"("actorId");

-- CreateIndex
CREATE INDEX "AuditEvent_action_idx" ON "AuditEvent"("action");

-- CreateIndex
CREATE INDEX "WebhookDelivery_webhookId_createdAt_idx" ON "WebhookDelivery"("webhookId", "createdAt");

-- AddForeignKey
ALTER TABLE "UserRole" ADD CONSTRAINT "UserRole_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiKey" ADD CONSTRAINT "ApiKey_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Model" ADD CONSTRAINT "Model_providerId_fkey" FOREIGN KEY ("providerId") REFERENCES "Provider"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Model" ADD CONSTRAINT "Model_baseModelId_fkey" FOREIGN KEY ("baseModelId") REFERENCES "Model"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Model" ADD CONSTRAINT "Model_fallbackModelId_fkey" FOREIGN KEY ("fallbackModelId") REFERENCES "Model"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ModelPrice" ADD CONSTRAINT "ModelPrice_modelId_fkey" FOREIGN KEY ("modelId") REFERENCES "Model"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Workflow" ADD CONSTRAINT "Workflow_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Approval" ADD CONSTRAINT "Approval_modelId_fkey" FOREIGN KEY ("modelId") REFERENCES "Model"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Approval" ADD CONSTRAINT "Approval_workflowId_fkey" FOREIGN KEY ("workflowId") REFERENCES "Workflow"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Approval" ADD CONSTRAINT "Approval_fallbackModelId_fkey" FOREIGN KEY ("fallbackModelId") REFERENCES "Model"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Approval" ADD CONSTRAINT "Approval_changeRequestId_fkey" FOREIGN KEY ("changeRequestId") REFERENCES "ChangeRequest"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApprovalEvidence" ADD CONSTRAINT "ApprovalEvidence_approvalId_fkey" FOREIGN KEY ("approvalId") REFERENCES "Approval"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApprovalEvidence" ADD CONSTRAINT "ApprovalEvidence_evaluationRunId_fkey" FOREIGN KEY ("evaluationRunId") REFERENCES "EvaluationRun"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvaluationRun" ADD CONSTRAINT "EvaluationRun_modelId_fkey" FOREIGN KEY ("modelId") REFERENCES "Model"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvaluationRun" ADD CONSTRAINT "EvaluationRun_bundleId_fkey" FOREIGN KEY ("bundleId") REFERENCES "Bundle"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvaluationRun" ADD CONSTRAINT "EvaluationRun_workflowId_fkey" FOREIGN KEY ("workflowId") REFERENCES "Workflow"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvaluationRun" ADD CONSTRAINT "EvaluationRun_baselineRunId_fkey" FOREIGN KEY ("baselineRunId") REFERENCES "EvaluationRun"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvaluationRun" ADD CONSTRAINT "EvaluationRun_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChangeRequest" ADD CONSTRAINT "ChangeRequest_modelId_fkey" FOREIGN KEY ("modelId") REFERENCES "Model"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChangeRequest" ADD CONSTRAINT "ChangeRequest_workflowId_fkey" FOREIGN KEY ("workflowId") REFERENCES "Workflow"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChangeRequest" ADD CONSTRAINT "ChangeRequest_bundleId_fkey" FOREIGN KEY ("bundleId") REFERENCES "Bundle"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChangeRequest" ADD CONSTRAINT "ChangeRequest_requesterId_fkey" FOREIGN KEY ("requesterId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChangeRequestDecision" ADD CONSTRAINT "ChangeRequestDecision_changeRequestId_fkey" FOREIGN KEY ("changeRequestId") REFERENCES "ChangeRequest"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChangeRequestDecision" ADD CONSTRAINT "ChangeRequestDecision_deciderId_fkey" FOREIGN KEY ("deciderId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChangeRequestEvidence" ADD CONSTRAINT "ChangeRequestEvidence_changeRequestId_fkey" FOREIGN KEY ("changeRequestId") REFERENCES "ChangeRequest"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChangeRequestEvidence" ADD CONSTRAINT "ChangeRequestEvidence_evaluationRunId_fkey" FOREIGN KEY ("evaluationRunId") REFERENCES "EvaluationRun"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Bundle" ADD CONSTRAINT "Bundle_workflowId_fkey" FOREIGN KEY ("workflowId") REFERENCES "Workflow"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Bundle" ADD CONSTRAINT "Bundle_modelId_fkey" FOREIGN KEY ("modelId") REFERENCES "Model"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Bundle" ADD CONSTRAINT "Bundle_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Bundle"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Bundle" ADD CONSTRAINT "Bundle_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DeprecationPlan" ADD CONSTRAINT "DeprecationPlan_modelId_fkey" FOREIGN KEY ("modelId") REFERENCES "Model"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DeprecationPlan" ADD CONSTRAINT "DeprecationPlan_migrationTargetId_fkey" FOREIGN KEY ("migrationTargetId") REFERENCES "Model"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DeprecationPlan" ADD CONSTRAINT "DeprecationPlan_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Review" ADD CONSTRAINT "Review_workflowId_fkey" FOREIGN KEY ("workflowId") REFERENCES "Workflow"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Review" ADD CONSTRAINT "Review_modelId_fkey" FOREIGN KEY ("modelId") REFERENCES "Model"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Review" ADD CONSTRAINT "Review_signedOffById_fkey" FOREIGN KEY ("signedOffById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UsageEvent" ADD CONSTRAINT "UsageEvent_modelId_fkey" FOREIGN KEY ("modelId") REFERENCES "Model"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UsageEvent" ADD CONSTRAINT "UsageEvent_workflowId_fkey" FOREIGN KEY ("workflowId") REFERENCES "Workflow"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UsageEvent" ADD CONSTRAINT "UsageEvent_importId_fkey" FOREIGN KEY ("importId") REFERENCES "UsageImport"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UsageImport" ADD CONSTRAINT "UsageImport_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UsageFinding" ADD CONSTRAINT "UsageFinding_modelId_fkey" FOREIGN KEY ("modelId") REFERENCES "Model"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UsageFinding" ADD CONSTRAINT "UsageFinding_workflowId_fkey" FOREIGN KEY ("workflowId") REFERENCES "Workflow"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Webhook" ADD CONSTRAINT "Webhook_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WebhookDelivery" ADD CONSTRAINT "WebhookDelivery_webhookId_fkey" FOREIGN KEY ("webhookId") REFERENCES "Webhook"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Audit trail is append-only (DESIGN.md section 4): the database itself refuses to change or remove
-- an event, whatever the application does.
CREATE FUNCTION "audit_event_is_append_only"() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'AuditEvent is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "AuditEvent_no_update_or_delete"
  BEFORE UPDATE OR DELETE ON "AuditEvent"
  FOR EACH ROW EXECUTE FUNCTION "audit_event_is_append_only"();

CREATE TRIGGER "AuditEvent_no_truncate"
  BEFORE TRUNCATE ON "AuditEvent"
  FOR EACH STATEMENT EXECUTE FUNCTION "audit_event_is_append_only"();
