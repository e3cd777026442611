-- AlterTable
ALTER TABLE "Image" ADD COLUMN     "favorite" BOOLEAN NOT NULL DEFAULT false;

-- CreateIndex
CREATE INDEX "Image_ownerId_favorite_createdAt_id_idx" ON "Image"("ownerId", "favorite", "createdAt", "id");
