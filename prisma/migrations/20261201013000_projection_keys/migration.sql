-- Projection rows keyed by reading and entry (an entry id reused in another reading no longer collides),
-- a content digest per row for incremental projection, and projection versions per live document.

-- AlterTable
ALTER TABLE "Draft" ADD COLUMN     "projectionHash" TEXT NOT NULL DEFAULT '';

-- AlterTable
ALTER TABLE "LiveDocument" ADD COLUMN     "projectedVersion" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 0;

-- Every existing document is projected again (with the new keys and digests) at the next start.
UPDATE "LiveDocument" SET "version" = 1;

-- DropIndex
DROP INDEX "HighlightRow_readingId_idx";

-- DropIndex
DROP INDEX "CommentRow_readingId_idx";

-- DropIndex
DROP INDEX "MentionRow_readingId_idx";

-- AlterTable
ALTER TABLE "HighlightRow" DROP CONSTRAINT "HighlightRow_pkey",
ADD COLUMN     "hash" TEXT NOT NULL DEFAULT '',
ADD CONSTRAINT "HighlightRow_pkey" PRIMARY KEY ("readingId", "id");

-- AlterTable
ALTER TABLE "CommentRow" DROP CONSTRAINT "CommentRow_pkey",
ADD COLUMN     "hash" TEXT NOT NULL DEFAULT '',
ADD CONSTRAINT "CommentRow_pkey" PRIMARY KEY ("readingId", "id");

-- AlterTable
ALTER TABLE "MentionRow" DROP CONSTRAINT "MentionRow_pkey",
DROP COLUMN "id",
ADD CONSTRAINT "MentionRow_pkey" PRIMARY KEY ("readingId", "commentId", "mentionedUserId");
