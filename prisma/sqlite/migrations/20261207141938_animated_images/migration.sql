-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Image" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "ownerId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "storageKey" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "mimeType" TEXT NOT NULL,
    "bytes" INTEGER NOT NULL,
    "width" INTEGER NOT NULL,
    "height" INTEGER NOT NULL,
    "hasAlpha" BOOLEAN NOT NULL DEFAULT false,
    "frames" INTEGER NOT NULL DEFAULT 1,
    "checksum" TEXT NOT NULL,
    "placeholder" TEXT,
    "originalName" TEXT,
    "prompt" TEXT,
    "effectivePrompt" TEXT,
    "negativePrompt" TEXT,
    "provider" TEXT,
    "model" TEXT,
    "seed" INTEGER,
    "style" TEXT,
    "params" JSONB,
    "costMicroUsd" INTEGER,
    "instanceId" TEXT,
    "jobId" TEXT,
    "operationType" TEXT,
    "operationParams" JSONB,
    "digitalSourceType" TEXT,
    "favorite" BOOLEAN NOT NULL DEFAULT false,
    "rating" INTEGER,
    "deletedAt" DATETIME,
    "searchText" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Image_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Image_jobId_fkey" FOREIGN KEY ("jobId") REFERENCES "Job" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Image" ("bytes", "checksum", "costMicroUsd", "createdAt", "deletedAt", "digitalSourceType", "effectivePrompt", "favorite", "format", "hasAlpha", "height", "id", "instanceId", "jobId", "kind", "mimeType", "model", "negativePrompt", "operationParams", "operationType", "originalName", "ownerId", "params", "placeholder", "prompt", "provider", "rating", "searchText", "seed", "storageKey", "style", "width") SELECT "bytes", "checksum", "costMicroUsd", "createdAt", "deletedAt", "digitalSourceType", "effectivePrompt", "favorite", "format", "hasAlpha", "height", "id", "instanceId", "jobId", "kind", "mimeType", "model", "negativePrompt", "operationParams", "operationType", "originalName", "ownerId", "params", "placeholder", "prompt", "provider", "rating", "searchText", "seed", "storageKey", "style", "width" FROM "Image";
DROP TABLE "Image";
ALTER TABLE "new_Image" RENAME TO "Image";
CREATE INDEX "Image_ownerId_createdAt_id_idx" ON "Image"("ownerId", "createdAt", "id");
CREATE INDEX "Image_ownerId_kind_createdAt_id_idx" ON "Image"("ownerId", "kind", "createdAt", "id");
CREATE INDEX "Image_ownerId_provider_createdAt_id_idx" ON "Image"("ownerId", "provider", "createdAt", "id");
CREATE INDEX "Image_ownerId_favorite_createdAt_id_idx" ON "Image"("ownerId", "favorite", "createdAt", "id");
CREATE INDEX "Image_jobId_idx" ON "Image"("jobId");
CREATE INDEX "Image_deletedAt_idx" ON "Image"("deletedAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
