-- CreateTable
CREATE TABLE "AuditCheckpoint" (
    "id" BIGSERIAL NOT NULL,
    "practiceId" UUID,
    "eventCount" BIGINT NOT NULL,
    "lastEventId" BIGINT NOT NULL,
    "lastHash" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "mac" TEXT NOT NULL,

    CONSTRAINT "AuditCheckpoint_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "AuditCheckpoint_practiceId_id_idx" ON "AuditCheckpoint"("practiceId", "id");

-- Checkpoints are append-only like the events they sign: removing the newest checkpoints is what
-- would let someone roll the audit trail back to an older head, so it takes a superuser who
-- disables this trigger (and the operator's off-database copies of the lines still catch it).
CREATE OR REPLACE FUNCTION "audit_checkpoint_append_only"() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'AuditCheckpoint is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "AuditCheckpoint_append_only" BEFORE UPDATE OR DELETE ON "AuditCheckpoint"
  FOR EACH ROW EXECUTE FUNCTION "audit_checkpoint_append_only"();
CREATE TRIGGER "AuditCheckpoint_no_truncate" BEFORE TRUNCATE ON "AuditCheckpoint"
  FOR EACH STATEMENT EXECUTE FUNCTION "audit_checkpoint_append_only"();
