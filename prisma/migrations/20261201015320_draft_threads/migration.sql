-- AlterTable
ALTER TABLE "HighlightRow" ADD COLUMN     "documentKind" TEXT NOT NULL DEFAULT 'reading';

-- AlterTable
ALTER TABLE "CommentRow" ADD COLUMN     "documentKind" TEXT NOT NULL DEFAULT 'reading';

-- AlterTable
ALTER TABLE "MentionRow" ADD COLUMN     "documentKind" TEXT NOT NULL DEFAULT 'reading';
