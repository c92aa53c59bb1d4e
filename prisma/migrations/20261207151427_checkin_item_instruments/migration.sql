-- AlterTable
ALTER TABLE "CheckIn" ADD COLUMN     "itemInstrumentIds" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- A check-in's questionnaires, one entry per item in position order, kept by the database on every
-- insert of items (the scheduler, an item added to a check-in still open, the large seed, test
-- fixtures alike). The new items arrive as a transition table (with ON CONFLICT DO NOTHING, only the
-- rows really inserted); each check-in they belong to is then updated through its primary key, so
-- the cost follows the items inserted, never the size of the CheckIn table.
CREATE OR REPLACE FUNCTION "checkin_item_instruments"() RETURNS trigger AS $$
DECLARE
  added RECORD;
BEGIN
  FOR added IN
    SELECT "checkInId" AS id, array_agg("instrumentId" ORDER BY "position", "id") AS ids
    FROM new_items GROUP BY "checkInId"
  LOOP
    UPDATE "CheckIn" SET "itemInstrumentIds" = coalesce("itemInstrumentIds", ARRAY[]::TEXT[]) || added.ids
    WHERE "id" = added.id;
  END LOOP;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "CheckInItem_instruments" AFTER INSERT ON "CheckInItem"
  REFERENCING NEW TABLE AS new_items
  FOR EACH STATEMENT EXECUTE FUNCTION "checkin_item_instruments"();

-- The check-ins that already exist (statistics first: the embedded database has no autovacuum).
ANALYZE "CheckIn";
ANALYZE "CheckInItem";
UPDATE "CheckIn" k
SET "itemInstrumentIds" = i.ids
FROM (
  SELECT "checkInId", array_agg("instrumentId" ORDER BY "position", "id") AS ids
  FROM "CheckInItem" GROUP BY "checkInId"
) i
WHERE k."id" = i."checkInId";
