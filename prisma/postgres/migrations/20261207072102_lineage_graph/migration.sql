-- CreateTable
CREATE TABLE "ImageParent" (
    "childId" TEXT NOT NULL,
    "parentId" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,
    "label" TEXT,
    "checksum" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ImageParent_pkey" PRIMARY KEY ("childId","parentId")
);


-- Copy the lineage onto the graph before the parentId column goes: every parent as a "source" edge (with the
-- parent's checksum), and a refinement's mask image (operationParams.maskImageId) as a "mask" edge.
INSERT INTO "ImageParent" ("childId", "parentId", "role", "position", "checksum", "createdAt")
SELECT c."id", c."parentId", 'source', 0, p."checksum", c."createdAt" FROM "Image" c JOIN "Image" p ON p."id" = c."parentId";
INSERT INTO "ImageParent" ("childId", "parentId", "role", "position", "checksum", "createdAt")
SELECT c."id", m."id", 'mask', 0, m."checksum", c."createdAt" FROM "Image" c JOIN "Image" m ON m."id" = (c."operationParams"->>'maskImageId')
WHERE m."id" <> COALESCE(c."parentId", '') AND m."id" <> c."id";

-- CreateIndex
CREATE INDEX "ImageParent_parentId_idx" ON "ImageParent"("parentId");

-- DropForeignKey
ALTER TABLE "Image" DROP CONSTRAINT "Image_parentId_fkey";

-- DropIndex
DROP INDEX "Image_parentId_idx";

-- AlterTable
ALTER TABLE "Image" DROP COLUMN "parentId";


-- AddForeignKey
ALTER TABLE "ImageParent" ADD CONSTRAINT "ImageParent_childId_fkey" FOREIGN KEY ("childId") REFERENCES "Image"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ImageParent" ADD CONSTRAINT "ImageParent_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Image"("id") ON DELETE CASCADE ON UPDATE CASCADE;
