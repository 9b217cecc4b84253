-- CreateTable
CREATE TABLE "DraftEditHour" (
    "draftId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "hour" TIMESTAMP(3) NOT NULL,
    "edits" INTEGER NOT NULL,

    CONSTRAINT "DraftEditHour_pkey" PRIMARY KEY ("draftId","userId","hour")
);

-- CreateIndex
CREATE INDEX "DraftEditHour_hour_idx" ON "DraftEditHour"("hour");

-- Who edited which draft in which hour, from the log as it is appended (one statement per logged batch).
CREATE FUNCTION "record_draft_edit_hours"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "DraftEditHour" ("draftId", "userId", "hour", "edits")
  SELECT substr("documentName", 7), "userId", date_trunc('hour', "createdAt"), count(*)::int
  FROM "appended"
  WHERE "documentName" LIKE 'draft:%' AND "userId" IS NOT NULL
  GROUP BY 1, 2, 3
  ON CONFLICT ("draftId", "userId", "hour") DO UPDATE SET "edits" = "DraftEditHour"."edits" + EXCLUDED."edits";
  RETURN NULL;
END
$$;

CREATE TRIGGER "DocumentUpdate_draft_edit_hours" AFTER INSERT ON "DocumentUpdate"
  REFERENCING NEW TABLE AS "appended" FOR EACH STATEMENT EXECUTE FUNCTION "record_draft_edit_hours"();
