-- CreateIndex
CREATE INDEX "CheckIn_clientId_completedAt_idx" ON "CheckIn"("clientId", "completedAt");
