-- A check-in's items are what the client was asked: once written they never change. The app never
-- updates them, and CheckIn."itemInstrumentIds" (kept by "CheckInItem_instruments" on insert, read
-- by the outcomes) relies on it. So the database refuses any UPDATE of an item, rather than let the
-- outcomes go on counting a questionnaire the item no longer names. Items are deleted only together
-- with their check-in (CheckInItem -> CheckIn is ON DELETE RESTRICT), which this does not touch.
CREATE OR REPLACE FUNCTION "checkin_item_unchanged"() RETURNS trigger AS $$
BEGIN
  -- The default SQLSTATE (P0001, raise_exception): the drivers pass its message on as it is, where
  -- a constraint class code would be reported as something else (adapter-pg: a foreign key).
  RAISE EXCEPTION 'a check-in''s items are not changed once written (CheckInItem %)', OLD."id";
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "CheckInItem_unchanged" BEFORE UPDATE ON "CheckInItem"
  FOR EACH ROW EXECUTE FUNCTION "checkin_item_unchanged"();
