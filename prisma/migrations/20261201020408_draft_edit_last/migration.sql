-- AlterTable (the table is new and still empty where this runs after it: its rows start from the first hour's edit)
ALTER TABLE "DraftEditHour" ADD COLUMN     "lastAt" TIMESTAMP(3) NOT NULL;

-- The tally also keeps when the hour's last change was logged, so "new" can be told exactly.
CREATE OR REPLACE FUNCTION "record_draft_edit_hours"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "DraftEditHour" ("draftId", "userId", "hour", "edits", "lastAt")
  SELECT substr("documentName", 7), "userId", date_trunc('hour', "createdAt"), count(*)::int, max("createdAt")
  FROM "appended"
  WHERE "documentName" LIKE 'draft:%' AND "userId" IS NOT NULL
  GROUP BY 1, 2, 3
  ON CONFLICT ("draftId", "userId", "hour") DO UPDATE
    SET "edits" = "DraftEditHour"."edits" + EXCLUDED."edits", "lastAt" = GREATEST("DraftEditHour"."lastAt", EXCLUDED."lastAt");
  RETURN NULL;
END
$$;
