-- CreateTable
CREATE TABLE "ModelLifecycle" (
    "provider" TEXT NOT NULL,
    "modelId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "shutdownDate" TEXT,
    "source" TEXT NOT NULL,
    "message" TEXT,
    "observedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("provider", "modelId")
);
