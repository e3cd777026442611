-- AlterTable
ALTER TABLE "Image" ADD COLUMN "deletedAt" DATETIME;
ALTER TABLE "Image" ADD COLUMN "rating" INTEGER;

-- CreateTable
CREATE TABLE "ProviderSetting" (
    "provider" TEXT NOT NULL PRIMARY KEY,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "encryptedSecret" TEXT,
    "secretHint" TEXT,
    "baseUrl" TEXT,
    "options" JSONB,
    "updatedById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "ProviderAudit" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "provider" TEXT NOT NULL,
    "actorId" TEXT,
    "action" TEXT NOT NULL,
    "changes" JSONB,
    "outcome" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE INDEX "ProviderAudit_provider_createdAt_idx" ON "ProviderAudit"("provider", "createdAt");

-- CreateIndex
CREATE INDEX "ProviderAudit_createdAt_idx" ON "ProviderAudit"("createdAt");

-- CreateIndex
CREATE INDEX "Image_deletedAt_idx" ON "Image"("deletedAt");
