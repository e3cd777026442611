-- AlterTable
ALTER TABLE "Image" ADD COLUMN     "digitalSourceType" TEXT;

-- CreateTable
CREATE TABLE "SigningIdentity" (
    "id" TEXT NOT NULL,
    "certChainPem" TEXT NOT NULL,
    "encryptedKey" TEXT NOT NULL,
    "algorithm" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SigningIdentity_pkey" PRIMARY KEY ("id")
);

-- Backfill (lib/provenance/source-type.ts): the local renderer's pictures are procedural (algorithmicMedia), a
-- provider's are trained (trainedAlgorithmicMedia), processed pictures inherit their source's, a step at a time
-- (ten passes cover ten processing steps, deeper chains are resolved from their ancestors when exported).
UPDATE "Image" SET "digitalSourceType" = CASE WHEN "provider" = 'local' THEN 'algorithmicMedia' ELSE 'trainedAlgorithmicMedia' END
  WHERE "kind" = 'generated' AND "provider" IS NOT NULL;
UPDATE "Image" SET "digitalSourceType" = (SELECT p."digitalSourceType" FROM "ImageParent" e JOIN "Image" p ON p."id" = e."parentId" WHERE e."childId" = "Image"."id" AND e."role" = 'source' LIMIT 1) WHERE "kind" = 'processed' AND "digitalSourceType" IS NULL;
UPDATE "Image" SET "digitalSourceType" = (SELECT p."digitalSourceType" FROM "ImageParent" e JOIN "Image" p ON p."id" = e."parentId" WHERE e."childId" = "Image"."id" AND e."role" = 'source' LIMIT 1) WHERE "kind" = 'processed' AND "digitalSourceType" IS NULL;
UPDATE "Image" SET "digitalSourceType" = (SELECT p."digitalSourceType" FROM "ImageParent" e JOIN "Image" p ON p."id" = e."parentId" WHERE e."childId" = "Image"."id" AND e."role" = 'source' LIMIT 1) WHERE "kind" = 'processed' AND "digitalSourceType" IS NULL;
UPDATE "Image" SET "digitalSourceType" = (SELECT p."digitalSourceType" FROM "ImageParent" e JOIN "Image" p ON p."id" = e."parentId" WHERE e."childId" = "Image"."id" AND e."role" = 'source' LIMIT 1) WHERE "kind" = 'processed' AND "digitalSourceType" IS NULL;
UPDATE "Image" SET "digitalSourceType" = (SELECT p."digitalSourceType" FROM "ImageParent" e JOIN "Image" p ON p."id" = e."parentId" WHERE e."childId" = "Image"."id" AND e."role" = 'source' LIMIT 1) WHERE "kind" = 'processed' AND "digitalSourceType" IS NULL;
UPDATE "Image" SET "digitalSourceType" = (SELECT p."digitalSourceType" FROM "ImageParent" e JOIN "Image" p ON p."id" = e."parentId" WHERE e."childId" = "Image"."id" AND e."role" = 'source' LIMIT 1) WHERE "kind" = 'processed' AND "digitalSourceType" IS NULL;
UPDATE "Image" SET "digitalSourceType" = (SELECT p."digitalSourceType" FROM "ImageParent" e JOIN "Image" p ON p."id" = e."parentId" WHERE e."childId" = "Image"."id" AND e."role" = 'source' LIMIT 1) WHERE "kind" = 'processed' AND "digitalSourceType" IS NULL;
UPDATE "Image" SET "digitalSourceType" = (SELECT p."digitalSourceType" FROM "ImageParent" e JOIN "Image" p ON p."id" = e."parentId" WHERE e."childId" = "Image"."id" AND e."role" = 'source' LIMIT 1) WHERE "kind" = 'processed' AND "digitalSourceType" IS NULL;
UPDATE "Image" SET "digitalSourceType" = (SELECT p."digitalSourceType" FROM "ImageParent" e JOIN "Image" p ON p."id" = e."parentId" WHERE e."childId" = "Image"."id" AND e."role" = 'source' LIMIT 1) WHERE "kind" = 'processed' AND "digitalSourceType" IS NULL;
UPDATE "Image" SET "digitalSourceType" = (SELECT p."digitalSourceType" FROM "ImageParent" e JOIN "Image" p ON p."id" = e."parentId" WHERE e."childId" = "Image"."id" AND e."role" = 'source' LIMIT 1) WHERE "kind" = 'processed' AND "digitalSourceType" IS NULL;
