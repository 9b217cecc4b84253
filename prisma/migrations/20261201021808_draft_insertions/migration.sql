-- CreateTable
CREATE TABLE "DraftInsertion" (
    "id" TEXT NOT NULL,
    "draftId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "blocks" JSONB NOT NULL,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "undoneAt" TIMESTAMP(3),
    "undoneById" TEXT,

    CONSTRAINT "DraftInsertion_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "DraftInsertion_draftId_kind_createdAt_idx" ON "DraftInsertion"("draftId", "kind", "createdAt");
