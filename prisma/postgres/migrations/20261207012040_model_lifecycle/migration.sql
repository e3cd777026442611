-- CreateTable
CREATE TABLE "ModelLifecycle" (
    "provider" TEXT NOT NULL,
    "modelId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "shutdownDate" TEXT,
    "source" TEXT NOT NULL,
    "message" TEXT,
    "observedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ModelLifecycle_pkey" PRIMARY KEY ("provider","modelId")
);
