-- CreateIndex
CREATE INDEX "Response_checkInId_idx" ON "Response"("checkInId");
