-- AlterTable
ALTER TABLE "UsageEntry" ADD COLUMN     "outcome" TEXT NOT NULL DEFAULT 'billed';
