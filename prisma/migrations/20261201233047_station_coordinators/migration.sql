-- CreateTable
CREATE TABLE "StationCoordinator" (
    "tenantId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "stationId" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StationCoordinator_pkey" PRIMARY KEY ("userId","stationId")
);

-- CreateIndex
CREATE INDEX "StationCoordinator_tenantId_stationId_idx" ON "StationCoordinator"("tenantId", "stationId");

-- AddForeignKey
ALTER TABLE "StationCoordinator" ADD CONSTRAINT "StationCoordinator_tenantId_userId_fkey" FOREIGN KEY ("tenantId", "userId") REFERENCES "User"("tenantId", "id") ON DELETE CASCADE ON UPDATE RESTRICT;

-- AddForeignKey
ALTER TABLE "StationCoordinator" ADD CONSTRAINT "StationCoordinator_tenantId_stationId_fkey" FOREIGN KEY ("tenantId", "stationId") REFERENCES "Station"("tenantId", "id") ON DELETE CASCADE ON UPDATE RESTRICT;
