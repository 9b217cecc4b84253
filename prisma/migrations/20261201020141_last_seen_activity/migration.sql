-- CreateTable
CREATE TABLE "LastSeen" (
    "userId" TEXT NOT NULL,
    "documentKind" TEXT NOT NULL,
    "documentId" TEXT NOT NULL,
    "seenAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "LastSeen_pkey" PRIMARY KEY ("userId","documentKind","documentId")
);

-- CreateTable
CREATE TABLE "ActivityEvent" (
    "id" TEXT NOT NULL,
    "recipientId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "documentKind" TEXT NOT NULL,
    "documentId" TEXT NOT NULL,
    "targetId" TEXT NOT NULL,
    "actorId" TEXT,
    "draftId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ActivityEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ActivityEvent_recipientId_createdAt_idx" ON "ActivityEvent"("recipientId", "createdAt");
