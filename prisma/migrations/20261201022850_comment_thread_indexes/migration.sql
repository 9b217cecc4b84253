-- CreateIndex
CREATE INDEX "CommentRow_readingId_documentKind_parentId_idx" ON "CommentRow"("readingId", "documentKind", "parentId");

-- CreateIndex
CREATE INDEX "CommentRow_readingId_documentKind_highlightId_idx" ON "CommentRow"("readingId", "documentKind", "highlightId");
