-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "email" TEXT,
    "name" TEXT,
    "role" TEXT NOT NULL DEFAULT 'user',
    "passwordHash" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Image" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "ownerId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "parentId" TEXT,
    "collectionId" TEXT,
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
    "operationType" TEXT,
    "operationParams" JSONB,
    "searchText" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Image_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Image_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Image" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Image_collectionId_fkey" FOREIGN KEY ("collectionId") REFERENCES "Collection" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ImageRendition" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "imageId" TEXT NOT NULL,
    "variant" TEXT NOT NULL,
    "storageKey" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "mimeType" TEXT NOT NULL,
    "bytes" INTEGER NOT NULL,
    "width" INTEGER NOT NULL,
    "height" INTEGER NOT NULL,
    CONSTRAINT "ImageRendition_imageId_fkey" FOREIGN KEY ("imageId") REFERENCES "Image" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Collection" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "ownerId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "description" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Collection_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE INDEX "Image_ownerId_createdAt_id_idx" ON "Image"("ownerId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "Image_ownerId_kind_createdAt_id_idx" ON "Image"("ownerId", "kind", "createdAt", "id");

-- CreateIndex
CREATE INDEX "Image_ownerId_provider_createdAt_id_idx" ON "Image"("ownerId", "provider", "createdAt", "id");

-- CreateIndex
CREATE INDEX "Image_collectionId_createdAt_id_idx" ON "Image"("collectionId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "Image_parentId_idx" ON "Image"("parentId");

-- CreateIndex
CREATE UNIQUE INDEX "ImageRendition_imageId_variant_key" ON "ImageRendition"("imageId", "variant");

-- CreateIndex
CREATE INDEX "Collection_ownerId_createdAt_id_idx" ON "Collection"("ownerId", "createdAt", "id");

-- CreateIndex
CREATE UNIQUE INDEX "Collection_ownerId_slug_key" ON "Collection"("ownerId", "slug");
