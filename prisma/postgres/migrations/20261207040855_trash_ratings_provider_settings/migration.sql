-- AlterTable
ALTER TABLE "Image" ADD COLUMN     "deletedAt" TIMESTAMP(3),
ADD COLUMN     "rating" INTEGER;

-- CreateTable
CREATE TABLE "ProviderSetting" (
    "provider" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "encryptedSecret" TEXT,
    "secretHint" TEXT,
    "baseUrl" TEXT,
    "options" JSONB,
    "updatedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ProviderSetting_pkey" PRIMARY KEY ("provider")
);

-- CreateTable
CREATE TABLE "ProviderAudit" (
    "id" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "actorId" TEXT,
    "action" TEXT NOT NULL,
    "changes" JSONB,
    "outcome" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProviderAudit_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ProviderAudit_provider_createdAt_idx" ON "ProviderAudit"("provider", "createdAt");

-- CreateIndex
CREATE INDEX "ProviderAudit_createdAt_idx" ON "ProviderAudit"("createdAt");

-- CreateIndex
CREATE INDEX "Image_deletedAt_idx" ON "Image"("deletedAt");
