-- CreateEnum
CREATE TYPE "Gender" AS ENUM ('MALE', 'FEMALE');

-- CreateEnum
CREATE TYPE "CadreRank" AS ENUM ('SECTION_OR_ABOVE', 'BELOW_SECTION', 'NONE');

-- CreateEnum
CREATE TYPE "RosterRole" AS ENUM ('DIRECTOR', 'EXEC_DEPUTY', 'DEPUTY', 'ASSISTANT', 'MEMBER');

-- CreateEnum
CREATE TYPE "VolunteerCategory" AS ENUM ('VETERAN_CADRE', 'VETERAN_SOLDIER', 'VETERAN_EXPERT', 'VETERAN_TEACHER', 'VETERAN_MODEL');

-- CreateEnum
CREATE TYPE "VolunteerStatus" AS ENUM ('ACTIVE', 'PAUSED', 'LEFT');

-- CreateEnum
CREATE TYPE "HonorLevel" AS ENUM ('DISTRICT', 'CITY', 'PROVINCE', 'NATIONAL');

-- CreateEnum
CREATE TYPE "TrainingKind" AS ENUM ('ONBOARDING', 'OTHER');

-- CreateTable
CREATE TABLE "Person" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "orgUnitId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "gender" "Gender",
    "birthYear" INTEGER,
    "phone" TEXT,
    "politicalStatus" TEXT,
    "formerPost" TEXT,
    "cadreRank" "CadreRank" NOT NULL DEFAULT 'NONE',
    "retired" BOOLEAN NOT NULL DEFAULT false,
    "isDemo" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Person_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RosterPosition" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "orgUnitId" UUID NOT NULL,
    "personId" UUID NOT NULL,
    "role" "RosterRole" NOT NULL,
    "concurrent" BOOLEAN NOT NULL DEFAULT false,
    "startedOn" DATE NOT NULL,
    "endedOn" DATE,
    "currentSlot" "RosterRole",
    "exceptionReason" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RosterPosition_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Volunteer" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "orgUnitId" UUID NOT NULL,
    "personId" UUID NOT NULL,
    "category" "VolunteerCategory" NOT NULL,
    "skills" TEXT[],
    "joinedOn" DATE NOT NULL,
    "status" "VolunteerStatus" NOT NULL DEFAULT 'ACTIVE',
    "trainedOn" DATE,
    "publicityConsent" BOOLEAN NOT NULL DEFAULT false,
    "isDemo" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Volunteer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TrainingSession" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "orgUnitId" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "kind" "TrainingKind" NOT NULL,
    "heldOn" DATE NOT NULL,
    "location" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TrainingSession_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TrainingAttendance" (
    "tenantId" UUID NOT NULL,
    "sessionId" UUID NOT NULL,
    "volunteerId" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TrainingAttendance_pkey" PRIMARY KEY ("sessionId","volunteerId")
);

-- CreateTable
CREATE TABLE "Recognition" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "orgUnitId" UUID NOT NULL,
    "personId" UUID,
    "recipientUnitId" UUID,
    "title" TEXT NOT NULL,
    "level" "HonorLevel" NOT NULL,
    "awardedOn" DATE NOT NULL,
    "issuer" TEXT NOT NULL,
    "isDemo" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Recognition_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Publicity" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "orgUnitId" UUID NOT NULL,
    "personId" UUID NOT NULL,
    "outlet" TEXT NOT NULL,
    "level" "HonorLevel",
    "publishedOn" DATE NOT NULL,
    "link" TEXT,
    "isDemo" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Publicity_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Person_tenantId_orgUnitId_idx" ON "Person"("tenantId", "orgUnitId");

-- CreateIndex
CREATE INDEX "Person_tenantId_name_idx" ON "Person"("tenantId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "Person_tenantId_id_key" ON "Person"("tenantId", "id");

-- CreateIndex
CREATE INDEX "RosterPosition_tenantId_orgUnitId_endedOn_idx" ON "RosterPosition"("tenantId", "orgUnitId", "endedOn");

-- CreateIndex
CREATE INDEX "RosterPosition_tenantId_personId_idx" ON "RosterPosition"("tenantId", "personId");

-- CreateIndex
CREATE UNIQUE INDEX "RosterPosition_tenantId_orgUnitId_currentSlot_key" ON "RosterPosition"("tenantId", "orgUnitId", "currentSlot");

-- CreateIndex
CREATE INDEX "Volunteer_tenantId_orgUnitId_status_idx" ON "Volunteer"("tenantId", "orgUnitId", "status");

-- CreateIndex
CREATE INDEX "Volunteer_tenantId_createdAt_id_idx" ON "Volunteer"("tenantId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "Volunteer_tenantId_category_status_idx" ON "Volunteer"("tenantId", "category", "status");

-- CreateIndex
CREATE UNIQUE INDEX "Volunteer_tenantId_personId_key" ON "Volunteer"("tenantId", "personId");

-- CreateIndex
CREATE UNIQUE INDEX "Volunteer_tenantId_id_key" ON "Volunteer"("tenantId", "id");

-- CreateIndex
CREATE INDEX "TrainingSession_tenantId_orgUnitId_heldOn_idx" ON "TrainingSession"("tenantId", "orgUnitId", "heldOn");

-- CreateIndex
CREATE UNIQUE INDEX "TrainingSession_tenantId_id_key" ON "TrainingSession"("tenantId", "id");

-- CreateIndex
CREATE INDEX "TrainingAttendance_tenantId_volunteerId_idx" ON "TrainingAttendance"("tenantId", "volunteerId");

-- CreateIndex
CREATE INDEX "Recognition_tenantId_orgUnitId_awardedOn_idx" ON "Recognition"("tenantId", "orgUnitId", "awardedOn");

-- CreateIndex
CREATE INDEX "Recognition_tenantId_personId_idx" ON "Recognition"("tenantId", "personId");

-- CreateIndex
CREATE INDEX "Publicity_tenantId_orgUnitId_publishedOn_idx" ON "Publicity"("tenantId", "orgUnitId", "publishedOn");

-- AddForeignKey
ALTER TABLE "Person" ADD CONSTRAINT "Person_tenantId_orgUnitId_fkey" FOREIGN KEY ("tenantId", "orgUnitId") REFERENCES "OrgUnit"("tenantId", "id") ON DELETE RESTRICT ON UPDATE RESTRICT;

-- AddForeignKey
ALTER TABLE "RosterPosition" ADD CONSTRAINT "RosterPosition_tenantId_orgUnitId_fkey" FOREIGN KEY ("tenantId", "orgUnitId") REFERENCES "OrgUnit"("tenantId", "id") ON DELETE RESTRICT ON UPDATE RESTRICT;

-- AddForeignKey
ALTER TABLE "RosterPosition" ADD CONSTRAINT "RosterPosition_tenantId_personId_fkey" FOREIGN KEY ("tenantId", "personId") REFERENCES "Person"("tenantId", "id") ON DELETE RESTRICT ON UPDATE RESTRICT;

-- AddForeignKey
ALTER TABLE "Volunteer" ADD CONSTRAINT "Volunteer_tenantId_orgUnitId_fkey" FOREIGN KEY ("tenantId", "orgUnitId") REFERENCES "OrgUnit"("tenantId", "id") ON DELETE RESTRICT ON UPDATE RESTRICT;

-- AddForeignKey
ALTER TABLE "Volunteer" ADD CONSTRAINT "Volunteer_tenantId_personId_fkey" FOREIGN KEY ("tenantId", "personId") REFERENCES "Person"("tenantId", "id") ON DELETE RESTRICT ON UPDATE RESTRICT;

-- AddForeignKey
ALTER TABLE "TrainingSession" ADD CONSTRAINT "TrainingSession_tenantId_orgUnitId_fkey" FOREIGN KEY ("tenantId", "orgUnitId") REFERENCES "OrgUnit"("tenantId", "id") ON DELETE RESTRICT ON UPDATE RESTRICT;

-- AddForeignKey
ALTER TABLE "TrainingAttendance" ADD CONSTRAINT "TrainingAttendance_tenantId_sessionId_fkey" FOREIGN KEY ("tenantId", "sessionId") REFERENCES "TrainingSession"("tenantId", "id") ON DELETE CASCADE ON UPDATE RESTRICT;

-- AddForeignKey
ALTER TABLE "TrainingAttendance" ADD CONSTRAINT "TrainingAttendance_tenantId_volunteerId_fkey" FOREIGN KEY ("tenantId", "volunteerId") REFERENCES "Volunteer"("tenantId", "id") ON DELETE CASCADE ON UPDATE RESTRICT;

-- AddForeignKey
ALTER TABLE "Recognition" ADD CONSTRAINT "Recognition_tenantId_orgUnitId_fkey" FOREIGN KEY ("tenantId", "orgUnitId") REFERENCES "OrgUnit"("tenantId", "id") ON DELETE RESTRICT ON UPDATE RESTRICT;

-- AddForeignKey
ALTER TABLE "Recognition" ADD CONSTRAINT "Recognition_tenantId_personId_fkey" FOREIGN KEY ("tenantId", "personId") REFERENCES "Person"("tenantId", "id") ON DELETE RESTRICT ON UPDATE RESTRICT;

-- AddForeignKey
ALTER TABLE "Recognition" ADD CONSTRAINT "Recognition_tenantId_recipientUnitId_fkey" FOREIGN KEY ("tenantId", "recipientUnitId") REFERENCES "OrgUnit"("tenantId", "id") ON DELETE RESTRICT ON UPDATE RESTRICT;

-- AddForeignKey
ALTER TABLE "Publicity" ADD CONSTRAINT "Publicity_tenantId_orgUnitId_fkey" FOREIGN KEY ("tenantId", "orgUnitId") REFERENCES "OrgUnit"("tenantId", "id") ON DELETE RESTRICT ON UPDATE RESTRICT;

-- AddForeignKey
ALTER TABLE "Publicity" ADD CONSTRAINT "Publicity_tenantId_personId_fkey" FOREIGN KEY ("tenantId", "personId") REFERENCES "Person"("tenantId", "id") ON DELETE RESTRICT ON UPDATE RESTRICT;

-- A current-slot marker only on a current 主任 / 常务副主任 of the same role: with the unique
-- index above, the database allows at most one of each per unit.
ALTER TABLE "RosterPosition" ADD CONSTRAINT "RosterPosition_currentSlot_check" CHECK (
  "currentSlot" IS NULL OR ("currentSlot" = "role" AND "endedOn" IS NULL AND "role" IN ('DIRECTOR', 'EXEC_DEPUTY'))
);
-- Recognition goes to a person or to a unit.
ALTER TABLE "Recognition" ADD CONSTRAINT "Recognition_recipient_check" CHECK ("personId" IS NOT NULL OR "recipientUnitId" IS NOT NULL);
-- Counts and dates that can only be wrong.
ALTER TABLE "Person" ADD CONSTRAINT "Person_birthYear_check" CHECK ("birthYear" IS NULL OR "birthYear" BETWEEN 1900 AND 2100);
ALTER TABLE "RosterPosition" ADD CONSTRAINT "RosterPosition_dates_check" CHECK ("endedOn" IS NULL OR "endedOn" >= "startedOn");
