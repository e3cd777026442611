-- CreateTable
CREATE TABLE "CollectionImage" (
    "collectionId" TEXT NOT NULL,
    "imageId" TEXT NOT NULL,
    "addedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CollectionImage_pkey" PRIMARY KEY ("collectionId","imageId")
);

-- Copy every membership onto the boards before the collectionId column goes
INSERT INTO "CollectionImage" ("collectionId", "imageId", "addedAt")
SELECT "collectionId", "id", "createdAt" FROM "Image" WHERE "collectionId" IS NOT NULL;

-- DropForeignKey
ALTER TABLE "Image" DROP CONSTRAINT "Image_collectionId_fkey";

-- DropIndex
DROP INDEX "Image_collectionId_createdAt_id_idx";

-- AlterTable
ALTER TABLE "Image" DROP COLUMN "collectionId";

-- CreateIndex
CREATE INDEX "CollectionImage_imageId_idx" ON "CollectionImage"("imageId");

-- AddForeignKey
ALTER TABLE "CollectionImage" ADD CONSTRAINT "CollectionImage_collectionId_fkey" FOREIGN KEY ("collectionId") REFERENCES "Collection"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CollectionImage" ADD CONSTRAINT "CollectionImage_imageId_fkey" FOREIGN KEY ("imageId") REFERENCES "Image"("id") ON DELETE CASCADE ON UPDATE CASCADE;
