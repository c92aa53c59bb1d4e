-- AlterTable
ALTER TABLE "CheckIn" ADD COLUMN     "itemInstrumentIds" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- A check-in's questionnaires, one entry per item in position order, kept by the database on every
-- insert of items (the scheduler, an item added to a check-in still open, the large seed, test
-- fixtures alike). One UPDATE per inserting statement, whatever its number of rows: the new items
-- arrive as a transition table. With ON CONFLICT DO NOTHING only the rows really inserted are in it.
CREATE OR REPLACE FUNCTION "checkin_item_instruments"() RETURNS trigger AS $$
BEGIN
  UPDATE "CheckIn" k
  SET "itemInstrumentIds" = coalesce(k."itemInstrumentIds", ARRAY[]::TEXT[]) || n.ids
  FROM (
    SELECT "checkInId", array_agg("instrumentId" ORDER BY "position", "id") AS ids
    FROM new_items GROUP BY "checkInId"
  ) n
  WHERE k."id" = n."checkInId";
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "CheckInItem_instruments" AFTER INSERT ON "CheckInItem"
  REFERENCING NEW TABLE AS new_items
  FOR EACH STATEMENT EXECUTE FUNCTION "checkin_item_instruments"();

-- The check-ins that already exist.
UPDATE "CheckIn" k
SET "itemInstrumentIds" = i.ids
FROM (
  SELECT "checkInId", array_agg("instrumentId" ORDER BY "position", "id") AS ids
  FROM "CheckInItem" GROUP BY "checkInId"
) i
WHERE k."id" = i."checkInId";
