-- AlterTable
ALTER TABLE "Job" ADD COLUMN "leaseExpiresAt" DATETIME;
ALTER TABLE "Job" ADD COLUMN "leaseOwner" TEXT;
