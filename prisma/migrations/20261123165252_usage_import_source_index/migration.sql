-- CreateIndex
CREATE INDEX "UsageImport_source_createdAt_idx" ON "UsageImport"("source", "createdAt");
