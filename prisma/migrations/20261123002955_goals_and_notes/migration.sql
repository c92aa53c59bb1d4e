-- CreateEnum
CREATE TYPE "GoalStatus" AS ENUM ('ACTIVE', 'PAUSED', 'ACHIEVED');

-- CreateEnum
CREATE TYPE "NoteFormat" AS ENUM ('FREE', 'DAP', 'SOAP');

-- CreateEnum
CREATE TYPE "NoteStatus" AS ENUM ('DRAFT', 'SIGNED');

-- CreateTable
CREATE TABLE "Goal" (
    "id" UUID NOT NULL,
    "practiceId" UUID NOT NULL,
    "clientId" UUID NOT NULL,
    "templateKey" TEXT,
    "title" TEXT NOT NULL,
    "dimension" TEXT,
    "status" "GoalStatus" NOT NULL DEFAULT 'ACTIVE',
    "createdById" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "Goal_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GoalRevision" (
    "id" UUID NOT NULL,
    "goalId" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "status" "GoalStatus" NOT NULL,
    "changedById" UUID NOT NULL,
    "changedAt" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "GoalRevision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SessionNote" (
    "id" UUID NOT NULL,
    "practiceId" UUID NOT NULL,
    "clientId" UUID NOT NULL,
    "rootId" UUID NOT NULL,
    "revision" INTEGER NOT NULL DEFAULT 1,
    "amendsId" UUID,
    "authorId" UUID NOT NULL,
    "sessionDate" DATE NOT NULL,
    "format" "NoteFormat" NOT NULL,
    "bodyEnc" TEXT NOT NULL,
    "signs" TEXT[],
    "scoresSnapshot" JSONB,
    "status" "NoteStatus" NOT NULL DEFAULT 'DRAFT',
    "version" INTEGER NOT NULL DEFAULT 1,
    "signedAt" TIMESTAMPTZ(6),
    "signedById" UUID,
    "createdAt" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "SessionNote_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NoteGoal" (
    "id" UUID NOT NULL,
    "noteId" UUID NOT NULL,
    "goalId" UUID NOT NULL,
    "rating" INTEGER,
    "commentEnc" TEXT,

    CONSTRAINT "NoteGoal_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Goal_clientId_status_idx" ON "Goal"("clientId", "status");

-- CreateIndex
CREATE INDEX "GoalRevision_goalId_changedAt_idx" ON "GoalRevision"("goalId", "changedAt");

-- CreateIndex
CREATE INDEX "SessionNote_clientId_sessionDate_idx" ON "SessionNote"("clientId", "sessionDate");

-- CreateIndex
CREATE UNIQUE INDEX "SessionNote_rootId_revision_key" ON "SessionNote"("rootId", "revision");

-- CreateIndex
CREATE UNIQUE INDEX "NoteGoal_noteId_goalId_key" ON "NoteGoal"("noteId", "goalId");

-- AddForeignKey
ALTER TABLE "Goal" ADD CONSTRAINT "Goal_clientId_fkey" FOREIGN KEY ("clientId") REFERENCES "Client"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GoalRevision" ADD CONSTRAINT "GoalRevision_goalId_fkey" FOREIGN KEY ("goalId") REFERENCES "Goal"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SessionNote" ADD CONSTRAINT "SessionNote_clientId_fkey" FOREIGN KEY ("clientId") REFERENCES "Client"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NoteGoal" ADD CONSTRAINT "NoteGoal_noteId_fkey" FOREIGN KEY ("noteId") REFERENCES "SessionNote"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NoteGoal" ADD CONSTRAINT "NoteGoal_goalId_fkey" FOREIGN KEY ("goalId") REFERENCES "Goal"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
