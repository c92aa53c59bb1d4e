-- CreateIndex
CREATE INDEX "CheckIn_practiceId_completedAt_idx" ON "CheckIn"("practiceId", "completedAt");
