-- AlterTable
ALTER TABLE "AuditEvent" ADD COLUMN     "chainSeq" BIGINT,
ALTER COLUMN "prevHash" DROP NOT NULL,
ALTER COLUMN "rowHash" DROP NOT NULL;

-- CreateIndex
CREATE INDEX "AuditEvent_practiceId_chainSeq_idx" ON "AuditEvent"("practiceId", "chainSeq");

-- Rows written so far were chained in id order when appended: their position is their rank.
ALTER TABLE "AuditEvent" DISABLE TRIGGER "AuditEvent_append_only";
UPDATE "AuditEvent" e SET "chainSeq" = s.seq
  FROM (SELECT id, row_number() OVER (PARTITION BY "practiceId" ORDER BY id) AS seq FROM "AuditEvent") s
  WHERE e.id = s.id;
ALTER TABLE "AuditEvent" ENABLE TRIGGER "AuditEvent_append_only";

-- Still append-only, with one exception: the chain step (lib/audit/seal.ts) fills in the chain
-- columns of a row appended without them, once, changing nothing else. A sealed row can never be
-- updated again, and DELETE and TRUNCATE stay refused.
CREATE OR REPLACE FUNCTION "audit_event_append_only"() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'UPDATE'
     AND OLD."chainSeq" IS NULL AND OLD."rowHash" IS NULL AND OLD."prevHash" IS NULL
     AND NEW."chainSeq" IS NOT NULL AND NEW."rowHash" IS NOT NULL AND NEW."prevHash" IS NOT NULL
     AND (NEW.id, NEW."practiceId", NEW."occurredAt", NEW."actorType", NEW."actorId", NEW."actorRole", NEW.action,
          NEW."targetType", NEW."targetId", NEW."clientId", NEW.outcome, NEW.details, NEW.ip, NEW."requestId")
         IS NOT DISTINCT FROM
         (OLD.id, OLD."practiceId", OLD."occurredAt", OLD."actorType", OLD."actorId", OLD."actorRole", OLD.action,
          OLD."targetType", OLD."targetId", OLD."clientId", OLD.outcome, OLD.details, OLD.ip, OLD."requestId")
  THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'AuditEvent is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
