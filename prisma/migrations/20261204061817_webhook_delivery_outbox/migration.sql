-- AlterTable
ALTER TABLE "WebhookDelivery" ADD COLUMN     "durationMs" INTEGER,
ADD COLUMN     "gaveUpAt" TIMESTAMP(3),
ADD COLUMN     "nextAttemptAt" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "WebhookDelivery_deliveredAt_gaveUpAt_nextAttemptAt_idx" ON "WebhookDelivery"("deliveredAt", "gaveUpAt", "nextAttemptAt");
