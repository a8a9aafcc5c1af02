-- CreateEnum
CREATE TYPE "PurchaseItem" AS ENUM ('COMPUTER', 'AIR_CONDITIONER', 'DESK', 'CHAIR', 'OTHER');

-- CreateEnum
CREATE TYPE "ActivityKind" AS ENUM ('REPORT', 'STORY', 'LECTURE', 'SUMMER', 'OTHER');

-- CreateEnum
CREATE TYPE "SummerPlanStatus" AS ENUM ('DRAFT', 'AGREED', 'DONE');

-- CreateTable
CREATE TABLE "Station" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "orgUnitId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "address" TEXT,
    "pairedSchoolId" UUID,
    "tutors" TEXT[],
    "eReadingRoom" BOOLEAN NOT NULL DEFAULT false,
    "eReadingRoomUpToStandard" BOOLEAN NOT NULL DEFAULT false,
    "eReadingRoomCheckedOn" DATE,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "isDemo" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Station_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Funding" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "orgUnitId" UUID NOT NULL,
    "stationId" UUID,
    "amountFen" BIGINT NOT NULL,
    "source" TEXT NOT NULL,
    "receivedOn" DATE NOT NULL,
    "note" TEXT,
    "isDemo" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Funding_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Purchase" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "orgUnitId" UUID NOT NULL,
    "stationId" UUID NOT NULL,
    "item" "PurchaseItem" NOT NULL,
    "itemName" TEXT,
    "quantity" INTEGER NOT NULL,
    "costFen" BIGINT NOT NULL,
    "purchasedOn" DATE NOT NULL,
    "isDemo" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Purchase_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Activity" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "orgUnitId" UUID NOT NULL,
    "stationId" UUID NOT NULL,
    "date" DATE NOT NULL,
    "kind" "ActivityKind" NOT NULL,
    "title" TEXT NOT NULL,
    "youthParticipants" INTEGER NOT NULL,
    "notes" TEXT,
    "summerPlanId" UUID,
    "createdById" UUID,
    "isDemo" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Activity_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ActivityVolunteer" (
    "tenantId" UUID NOT NULL,
    "activityId" UUID NOT NULL,
    "volunteerId" UUID NOT NULL,

    CONSTRAINT "ActivityVolunteer_pkey" PRIMARY KEY ("activityId","volunteerId")
);

-- CreateTable
CREATE TABLE "SummerPlan" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "orgUnitId" UUID NOT NULL,
    "schoolId" UUID NOT NULL,
    "year" INTEGER NOT NULL,
    "startsOn" DATE NOT NULL,
    "endsOn" DATE NOT NULL,
    "plannedActivities" TEXT NOT NULL,
    "status" "SummerPlanStatus" NOT NULL DEFAULT 'DRAFT',
    "agreedOn" DATE,
    "isDemo" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SummerPlan_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Station_tenantId_orgUnitId_idx" ON "Station"("tenantId", "orgUnitId");

-- CreateIndex
CREATE UNIQUE INDEX "Station_tenantId_id_key" ON "Station"("tenantId", "id");

-- CreateIndex
CREATE INDEX "Funding_tenantId_orgUnitId_receivedOn_idx" ON "Funding"("tenantId", "orgUnitId", "receivedOn");

-- CreateIndex
CREATE INDEX "Funding_tenantId_stationId_idx" ON "Funding"("tenantId", "stationId");

-- CreateIndex
CREATE INDEX "Purchase_tenantId_orgUnitId_purchasedOn_idx" ON "Purchase"("tenantId", "orgUnitId", "purchasedOn");

-- CreateIndex
CREATE INDEX "Purchase_tenantId_stationId_idx" ON "Purchase"("tenantId", "stationId");

-- CreateIndex
CREATE INDEX "Activity_tenantId_stationId_date_idx" ON "Activity"("tenantId", "stationId", "date");

-- CreateIndex
CREATE INDEX "Activity_tenantId_orgUnitId_date_idx" ON "Activity"("tenantId", "orgUnitId", "date");

-- CreateIndex
CREATE INDEX "Activity_tenantId_date_idx" ON "Activity"("tenantId", "date");

-- CreateIndex
CREATE UNIQUE INDEX "Activity_tenantId_id_key" ON "Activity"("tenantId", "id");

-- CreateIndex
CREATE INDEX "ActivityVolunteer_tenantId_volunteerId_idx" ON "ActivityVolunteer"("tenantId", "volunteerId");

-- CreateIndex
CREATE INDEX "SummerPlan_tenantId_year_status_idx" ON "SummerPlan"("tenantId", "year", "status");

-- CreateIndex
CREATE UNIQUE INDEX "SummerPlan_tenantId_id_key" ON "SummerPlan"("tenantId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "SummerPlan_tenantId_orgUnitId_schoolId_year_key" ON "SummerPlan"("tenantId", "orgUnitId", "schoolId", "year");

-- AddForeignKey
ALTER TABLE "Station" ADD CONSTRAINT "Station_tenantId_orgUnitId_fkey" FOREIGN KEY ("tenantId", "orgUnitId") REFERENCES "OrgUnit"("tenantId", "id") ON DELETE RESTRICT ON UPDATE RESTRICT;

-- AddForeignKey
ALTER TABLE "Station" ADD CONSTRAINT "Station_tenantId_pairedSchoolId_fkey" FOREIGN KEY ("tenantId", "pairedSchoolId") REFERENCES "OrgUnit"("tenantId", "id") ON DELETE RESTRICT ON UPDATE RESTRICT;

-- AddForeignKey
ALTER TABLE "Funding" ADD CONSTRAINT "Funding_tenantId_orgUnitId_fkey" FOREIGN KEY ("tenantId", "orgUnitId") REFERENCES "OrgUnit"("tenantId", "id") ON DELETE RESTRICT ON UPDATE RESTRICT;

-- AddForeignKey
ALTER TABLE "Funding" ADD CONSTRAINT "Funding_tenantId_stationId_fkey" FOREIGN KEY ("tenantId", "stationId") REFERENCES "Station"("tenantId", "id") ON DELETE RESTRICT ON UPDATE RESTRICT;

-- AddForeignKey
ALTER TABLE "Purchase" ADD CONSTRAINT "Purchase_tenantId_orgUnitId_fkey" FOREIGN KEY ("tenantId", "orgUnitId") REFERENCES "OrgUnit"("tenantId", "id") ON DELETE RESTRICT ON UPDATE RESTRICT;

-- AddForeignKey
ALTER TABLE "Purchase" ADD CONSTRAINT "Purchase_tenantId_stationId_fkey" FOREIGN KEY ("tenantId", "stationId") REFERENCES "Station"("tenantId", "id") ON DELETE RESTRICT ON UPDATE RESTRICT;

-- AddForeignKey
ALTER TABLE "Activity" ADD CONSTRAINT "Activity_tenantId_orgUnitId_fkey" FOREIGN KEY ("tenantId", "orgUnitId") REFERENCES "OrgUnit"("tenantId", "id") ON DELETE RESTRICT ON UPDATE RESTRICT;

-- AddForeignKey
ALTER TABLE "Activity" ADD CONSTRAINT "Activity_tenantId_stationId_fkey" FOREIGN KEY ("tenantId", "stationId") REFERENCES "Station"("tenantId", "id") ON DELETE RESTRICT ON UPDATE RESTRICT;

-- AddForeignKey
ALTER TABLE "Activity" ADD CONSTRAINT "Activity_tenantId_summerPlanId_fkey" FOREIGN KEY ("tenantId", "summerPlanId") REFERENCES "SummerPlan"("tenantId", "id") ON DELETE RESTRICT ON UPDATE RESTRICT;

-- AddForeignKey
ALTER TABLE "Activity" ADD CONSTRAINT "Activity_tenantId_createdById_fkey" FOREIGN KEY ("tenantId", "createdById") REFERENCES "User"("tenantId", "id") ON DELETE RESTRICT ON UPDATE RESTRICT;

-- AddForeignKey
ALTER TABLE "ActivityVolunteer" ADD CONSTRAINT "ActivityVolunteer_tenantId_activityId_fkey" FOREIGN KEY ("tenantId", "activityId") REFERENCES "Activity"("tenantId", "id") ON DELETE CASCADE ON UPDATE RESTRICT;

-- AddForeignKey
ALTER TABLE "ActivityVolunteer" ADD CONSTRAINT "ActivityVolunteer_tenantId_volunteerId_fkey" FOREIGN KEY ("tenantId", "volunteerId") REFERENCES "Volunteer"("tenantId", "id") ON DELETE RESTRICT ON UPDATE RESTRICT;

-- AddForeignKey
ALTER TABLE "SummerPlan" ADD CONSTRAINT "SummerPlan_tenantId_orgUnitId_fkey" FOREIGN KEY ("tenantId", "orgUnitId") REFERENCES "OrgUnit"("tenantId", "id") ON DELETE RESTRICT ON UPDATE RESTRICT;

-- AddForeignKey
ALTER TABLE "SummerPlan" ADD CONSTRAINT "SummerPlan_tenantId_schoolId_fkey" FOREIGN KEY ("tenantId", "schoolId") REFERENCES "OrgUnit"("tenantId", "id") ON DELETE RESTRICT ON UPDATE RESTRICT;

-- Counts and money that can only be wrong.
ALTER TABLE "Activity" ADD CONSTRAINT "Activity_youthParticipants_check" CHECK ("youthParticipants" BETWEEN 0 AND 10000);
ALTER TABLE "Funding" ADD CONSTRAINT "Funding_amountFen_check" CHECK ("amountFen" > 0);
ALTER TABLE "Purchase" ADD CONSTRAINT "Purchase_quantity_check" CHECK ("quantity" > 0);
ALTER TABLE "Purchase" ADD CONSTRAINT "Purchase_costFen_check" CHECK ("costFen" >= 0);
ALTER TABLE "SummerPlan" ADD CONSTRAINT "SummerPlan_dates_check" CHECK ("endsOn" >= "startsOn");
