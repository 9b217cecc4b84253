-- CreateIndex
CREATE INDEX "HighlightRow_createdAt_idx" ON "HighlightRow"("createdAt");

-- CreateIndex
CREATE INDEX "CommentRow_createdAt_idx" ON "CommentRow"("createdAt");
