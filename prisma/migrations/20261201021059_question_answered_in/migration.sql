-- AlterTable
ALTER TABLE "HighlightRow" ADD COLUMN     "answeredIn" TEXT;

-- AlterTable
ALTER TABLE "CommentRow" ADD COLUMN     "answeredIn" TEXT;
