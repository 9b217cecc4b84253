-- AlterTable
ALTER TABLE "User" ADD COLUMN     "handle" TEXT,
ADD COLUMN     "mentionsSeenAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "LiveDocument" (
    "name" TEXT NOT NULL,
    "state" BYTEA NOT NULL,
    "compactedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LiveDocument_pkey" PRIMARY KEY ("name")
);

-- CreateTable
CREATE TABLE "DocumentUpdate" (
    "id" BIGSERIAL NOT NULL,
    "documentName" TEXT NOT NULL,
    "update" BYTEA NOT NULL,
    "userId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DocumentUpdate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "HighlightRow" (
    "id" TEXT NOT NULL,
    "readingId" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "exact" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "suffix" TEXT NOT NULL,
    "start" INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "HighlightRow_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CommentRow" (
    "id" TEXT NOT NULL,
    "readingId" TEXT NOT NULL,
    "highlightId" TEXT,
    "parentId" TEXT,
    "authorId" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "editedAt" TIMESTAMP(3),
    "resolvedAt" TIMESTAMP(3),
    "resolvedBy" TEXT,
    "deleted" BOOLEAN NOT NULL,
    "reactionCount" INTEGER NOT NULL,

    CONSTRAINT "CommentRow_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MentionRow" (
    "id" TEXT NOT NULL,
    "commentId" TEXT NOT NULL,
    "readingId" TEXT NOT NULL,
    "mentionedUserId" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "MentionRow_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "DocumentUpdate_documentName_id_idx" ON "DocumentUpdate"("documentName", "id");

-- CreateIndex
CREATE INDEX "HighlightRow_readingId_idx" ON "HighlightRow"("readingId");

-- CreateIndex
CREATE INDEX "CommentRow_readingId_idx" ON "CommentRow"("readingId");

-- CreateIndex
CREATE INDEX "CommentRow_authorId_idx" ON "CommentRow"("authorId");

-- CreateIndex
CREATE INDEX "MentionRow_mentionedUserId_createdAt_idx" ON "MentionRow"("mentionedUserId", "createdAt");

-- CreateIndex
CREATE INDEX "MentionRow_readingId_idx" ON "MentionRow"("readingId");

-- CreateIndex
CREATE UNIQUE INDEX "User_handle_key" ON "User"("handle");
