-- CreateTable
CREATE TABLE "Palette" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "ownerId" TEXT NOT NULL,
    "imageId" TEXT,
    "name" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "numColors" INTEGER NOT NULL,
    "colors" JSONB NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Palette_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Palette_imageId_fkey" FOREIGN KEY ("imageId") REFERENCES "Image" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "Palette_ownerId_createdAt_id_idx" ON "Palette"("ownerId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "Palette_imageId_type_numColors_idx" ON "Palette"("imageId", "type", "numColors");
