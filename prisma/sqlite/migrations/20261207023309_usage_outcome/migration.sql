-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_UsageEntry" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "ownerId" TEXT NOT NULL,
    "jobId" TEXT,
    "provider" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "images" INTEGER NOT NULL,
    "costMicroUsd" INTEGER NOT NULL,
    "durationMs" INTEGER NOT NULL,
    "outcome" TEXT NOT NULL DEFAULT 'billed',
    "day" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "UsageEntry_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "UsageEntry_jobId_fkey" FOREIGN KEY ("jobId") REFERENCES "Job" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_UsageEntry" ("costMicroUsd", "createdAt", "day", "durationMs", "id", "images", "jobId", "model", "ownerId", "provider") SELECT "costMicroUsd", "createdAt", "day", "durationMs", "id", "images", "jobId", "model", "ownerId", "provider" FROM "UsageEntry";
DROP TABLE "UsageEntry";
ALTER TABLE "new_UsageEntry" RENAME TO "UsageEntry";
CREATE INDEX "UsageEntry_ownerId_day_idx" ON "UsageEntry"("ownerId", "day");
CREATE INDEX "UsageEntry_jobId_idx" ON "UsageEntry"("jobId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
