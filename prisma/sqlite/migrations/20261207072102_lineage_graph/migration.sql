-- CreateTable
CREATE TABLE "ImageParent" (
    "childId" TEXT NOT NULL,
    "parentId" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,
    "label" TEXT,
    "checksum" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("childId", "parentId"),
    CONSTRAINT "ImageParent_childId_fkey" FOREIGN KEY ("childId") REFERENCES "Image" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ImageParent_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Image" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- Copy the lineage onto the graph before the parentId column goes: every parent as a "source" edge (with the
-- parent's checksum), and a refinement's mask image (operationParams.maskImageId) as a "mask" edge.
INSERT INTO "ImageParent" ("childId", "parentId", "role", "position", "checksum", "createdAt")
SELECT c."id", c."parentId", 'source', 0, p."checksum", c."createdAt" FROM "Image" c JOIN "Image" p ON p."id" = c."parentId";
INSERT INTO "ImageParent" ("childId", "parentId", "role", "position", "checksum", "createdAt")
SELECT c."id", m."id", 'mask', 0, m."checksum", c."createdAt" FROM "Image" c JOIN "Image" m ON m."id" = json_extract(c."operationParams", '$.maskImageId')
WHERE m."id" <> COALESCE(c."parentId", '') AND m."id" <> c."id";


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
    "favorite" BOOLEAN NOT NULL DEFAULT false,
    "rating" INTEGER,
    "deletedAt" DATETIME,
    "searchText" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Image_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Image_jobId_fkey" FOREIGN KEY ("jobId") REFERENCES "Job" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Image" ("bytes", "checksum", "costMicroUsd", "createdAt", "deletedAt", "effectivePrompt", "favorite", "format", "hasAlpha", "height", "id", "instanceId", "jobId", "kind", "mimeType", "model", "negativePrompt", "operationParams", "operationType", "originalName", "ownerId", "params", "placeholder", "prompt", "provider", "rating", "searchText", "seed", "storageKey", "style", "width") SELECT "bytes", "checksum", "costMicroUsd", "createdAt", "deletedAt", "effectivePrompt", "favorite", "format", "hasAlpha", "height", "id", "instanceId", "jobId", "kind", "mimeType", "model", "negativePrompt", "operationParams", "operationType", "originalName", "ownerId", "params", "placeholder", "prompt", "provider", "rating", "searchText", "seed", "storageKey", "style", "width" FROM "Image";
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

-- CreateIndex
CREATE INDEX "ImageParent_parentId_idx" ON "ImageParent"("parentId");
