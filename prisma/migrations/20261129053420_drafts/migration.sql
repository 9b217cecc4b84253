-- CreateEnum
CREATE TYPE "DraftKind" AS ENUM ('PRESENTATION', 'BLOG_POST');

-- CreateTable
CREATE TABLE "Draft" (
    "id" TEXT NOT NULL,
    "sessionId" TEXT NOT NULL,
    "kind" "DraftKind" NOT NULL,
    "json" JSONB NOT NULL DEFAULT '{}',
    "markdown" TEXT NOT NULL DEFAULT '',
    "wordCount" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Draft_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DraftRevision" (
    "id" TEXT NOT NULL,
    "draftId" TEXT NOT NULL,
    "name" TEXT,
    "auto" BOOLEAN NOT NULL,
    "state" BYTEA NOT NULL,
    "json" JSONB NOT NULL,
    "markdown" TEXT NOT NULL,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DraftRevision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DraftComment" (
    "id" TEXT NOT NULL,
    "draftId" TEXT NOT NULL,
    "parentId" TEXT,
    "authorId" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "anchorFrom" TEXT,
    "anchorTo" TEXT,
    "quote" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolvedAt" TIMESTAMP(3),
    "resolvedBy" TEXT,

    CONSTRAINT "DraftComment_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Draft_sessionId_kind_key" ON "Draft"("sessionId", "kind");

-- CreateIndex
CREATE INDEX "DraftRevision_draftId_createdAt_idx" ON "DraftRevision"("draftId", "createdAt");

-- CreateIndex
CREATE INDEX "DraftComment_draftId_createdAt_idx" ON "DraftComment"("draftId", "createdAt");

-- AddForeignKey
ALTER TABLE "Draft" ADD CONSTRAINT "Draft_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "ClassSession"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DraftRevision" ADD CONSTRAINT "DraftRevision_draftId_fkey" FOREIGN KEY ("draftId") REFERENCES "Draft"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DraftComment" ADD CONSTRAINT "DraftComment_draftId_fkey" FOREIGN KEY ("draftId") REFERENCES "Draft"("id") ON DELETE CASCADE ON UPDATE CASCADE;
