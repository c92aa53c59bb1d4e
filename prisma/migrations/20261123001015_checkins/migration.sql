-- CreateEnum
CREATE TYPE "Recurrence" AS ENUM ('ONCE', 'WEEKLY', 'FORTNIGHTLY', 'MONTHLY');

-- CreateEnum
CREATE TYPE "AssignmentStatus" AS ENUM ('ACTIVE', 'PAUSED', 'ENDED');

-- CreateEnum
CREATE TYPE "CheckInStatus" AS ENUM ('OPEN', 'COMPLETED', 'EXPIRED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "RiskFlagStatus" AS ENUM ('OPEN', 'ACKNOWLEDGED', 'RESOLVED');

-- CreateEnum
CREATE TYPE "EmailStatus" AS ENUM ('SENT', 'OUTBOX', 'FAILED');

-- AlterTable
ALTER TABLE "Practice" ADD COLUMN     "reminderHoursBeforeExpiry" INTEGER NOT NULL DEFAULT 24;

-- CreateTable
CREATE TABLE "Assignment" (
    "id" UUID NOT NULL,
    "practiceId" UUID NOT NULL,
    "clientId" UUID NOT NULL,
    "instrumentId" TEXT NOT NULL,
    "relationshipTarget" TEXT,
    "recurrence" "Recurrence" NOT NULL,
    "startDate" DATE NOT NULL,
    "endDate" DATE,
    "status" "AssignmentStatus" NOT NULL DEFAULT 'ACTIVE',
    "createdById" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(6) NOT NULL,
    "endedAt" TIMESTAMPTZ(6),

    CONSTRAINT "Assignment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CheckIn" (
    "id" UUID NOT NULL,
    "practiceId" UUID NOT NULL,
    "clientId" UUID NOT NULL,
    "dueDate" DATE NOT NULL,
    "status" "CheckInStatus" NOT NULL DEFAULT 'OPEN',
    "expiresAt" TIMESTAMPTZ(6) NOT NULL,
    "createdAt" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completedAt" TIMESTAMPTZ(6),
    "submissionKey" TEXT,
    "reminderSentAt" TIMESTAMPTZ(6),
    "draftEnc" TEXT,
    "draftUpdatedAt" TIMESTAMPTZ(6),

    CONSTRAINT "CheckIn_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CheckInItem" (
    "id" UUID NOT NULL,
    "checkInId" UUID NOT NULL,
    "assignmentId" UUID NOT NULL,
    "occurrenceDate" DATE NOT NULL,
    "instrumentId" TEXT NOT NULL,
    "relationshipTarget" TEXT,
    "position" INTEGER NOT NULL,

    CONSTRAINT "CheckInItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CheckInLink" (
    "id" UUID NOT NULL,
    "checkInId" UUID NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "createdById" UUID,
    "createdAt" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" TIMESTAMPTZ(6),
    "revokedById" UUID,

    CONSTRAINT "CheckInLink_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Response" (
    "id" UUID NOT NULL,
    "practiceId" UUID NOT NULL,
    "clientId" UUID NOT NULL,
    "checkInId" UUID NOT NULL,
    "checkInItemId" UUID NOT NULL,
    "instrumentId" TEXT NOT NULL,
    "instrumentVersion" TEXT NOT NULL,
    "scoringVersion" TEXT NOT NULL,
    "relationshipTarget" TEXT,
    "answers" JSONB NOT NULL,
    "complete" BOOLEAN NOT NULL,
    "scores" JSONB NOT NULL,
    "band" TEXT,
    "quadrant" TEXT,
    "flags" TEXT[],
    "submittedAt" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "Response_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RiskFlag" (
    "id" UUID NOT NULL,
    "practiceId" UUID NOT NULL,
    "clientId" UUID NOT NULL,
    "responseId" UUID NOT NULL,
    "instrumentId" TEXT NOT NULL,
    "itemNumber" INTEGER NOT NULL,
    "itemValue" INTEGER NOT NULL,
    "status" "RiskFlagStatus" NOT NULL DEFAULT 'OPEN',
    "raisedAt" TIMESTAMPTZ(6) NOT NULL,
    "acknowledgedAt" TIMESTAMPTZ(6),
    "acknowledgedById" UUID,
    "resolvedAt" TIMESTAMPTZ(6),
    "resolvedById" UUID,
    "resolutionNote" TEXT,

    CONSTRAINT "RiskFlag_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OutboundEmail" (
    "id" UUID NOT NULL,
    "practiceId" UUID NOT NULL,
    "clientId" UUID NOT NULL,
    "checkInId" UUID,
    "kind" TEXT NOT NULL,
    "toAddress" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "bodyEnc" TEXT,
    "status" "EmailStatus" NOT NULL,
    "error" TEXT,
    "createdAt" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" TIMESTAMPTZ(6),

    CONSTRAINT "OutboundEmail_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Assignment_practiceId_status_idx" ON "Assignment"("practiceId", "status");

-- CreateIndex
CREATE INDEX "Assignment_clientId_status_idx" ON "Assignment"("clientId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "CheckIn_submissionKey_key" ON "CheckIn"("submissionKey");

-- CreateIndex
CREATE INDEX "CheckIn_clientId_status_dueDate_idx" ON "CheckIn"("clientId", "status", "dueDate");

-- CreateIndex
CREATE INDEX "CheckIn_status_expiresAt_idx" ON "CheckIn"("status", "expiresAt");

-- CreateIndex
CREATE INDEX "CheckInItem_checkInId_idx" ON "CheckInItem"("checkInId");

-- CreateIndex
CREATE UNIQUE INDEX "CheckInItem_assignmentId_occurrenceDate_key" ON "CheckInItem"("assignmentId", "occurrenceDate");

-- CreateIndex
CREATE UNIQUE INDEX "CheckInLink_tokenHash_key" ON "CheckInLink"("tokenHash");

-- CreateIndex
CREATE INDEX "CheckInLink_checkInId_idx" ON "CheckInLink"("checkInId");

-- CreateIndex
CREATE UNIQUE INDEX "Response_checkInItemId_key" ON "Response"("checkInItemId");

-- CreateIndex
CREATE INDEX "Response_clientId_instrumentId_submittedAt_idx" ON "Response"("clientId", "instrumentId", "submittedAt");

-- CreateIndex
CREATE INDEX "Response_practiceId_submittedAt_idx" ON "Response"("practiceId", "submittedAt");

-- CreateIndex
CREATE INDEX "RiskFlag_practiceId_status_idx" ON "RiskFlag"("practiceId", "status");

-- CreateIndex
CREATE INDEX "RiskFlag_clientId_status_idx" ON "RiskFlag"("clientId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "RiskFlag_responseId_itemNumber_key" ON "RiskFlag"("responseId", "itemNumber");

-- CreateIndex
CREATE INDEX "OutboundEmail_clientId_createdAt_idx" ON "OutboundEmail"("clientId", "createdAt");

-- AddForeignKey
ALTER TABLE "Assignment" ADD CONSTRAINT "Assignment_clientId_fkey" FOREIGN KEY ("clientId") REFERENCES "Client"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CheckIn" ADD CONSTRAINT "CheckIn_practiceId_fkey" FOREIGN KEY ("practiceId") REFERENCES "Practice"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CheckIn" ADD CONSTRAINT "CheckIn_clientId_fkey" FOREIGN KEY ("clientId") REFERENCES "Client"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CheckInItem" ADD CONSTRAINT "CheckInItem_checkInId_fkey" FOREIGN KEY ("checkInId") REFERENCES "CheckIn"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CheckInItem" ADD CONSTRAINT "CheckInItem_assignmentId_fkey" FOREIGN KEY ("assignmentId") REFERENCES "Assignment"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CheckInLink" ADD CONSTRAINT "CheckInLink_checkInId_fkey" FOREIGN KEY ("checkInId") REFERENCES "CheckIn"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Response" ADD CONSTRAINT "Response_clientId_fkey" FOREIGN KEY ("clientId") REFERENCES "Client"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Response" ADD CONSTRAINT "Response_checkInId_fkey" FOREIGN KEY ("checkInId") REFERENCES "CheckIn"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Response" ADD CONSTRAINT "Response_checkInItemId_fkey" FOREIGN KEY ("checkInItemId") REFERENCES "CheckInItem"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RiskFlag" ADD CONSTRAINT "RiskFlag_practiceId_fkey" FOREIGN KEY ("practiceId") REFERENCES "Practice"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RiskFlag" ADD CONSTRAINT "RiskFlag_clientId_fkey" FOREIGN KEY ("clientId") REFERENCES "Client"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RiskFlag" ADD CONSTRAINT "RiskFlag_responseId_fkey" FOREIGN KEY ("responseId") REFERENCES "Response"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OutboundEmail" ADD CONSTRAINT "OutboundEmail_clientId_fkey" FOREIGN KEY ("clientId") REFERENCES "Client"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OutboundEmail" ADD CONSTRAINT "OutboundEmail_checkInId_fkey" FOREIGN KEY ("checkInId") REFERENCES "CheckIn"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
