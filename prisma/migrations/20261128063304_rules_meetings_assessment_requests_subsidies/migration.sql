-- CreateEnum
CREATE TYPE "MeetingKind" AS ENUM ('DISTRICT_WEEKLY', 'GRASSROOTS_MONTHLY', 'ANNUAL_SUMMARY', 'OTHER');

-- CreateEnum
CREATE TYPE "FiveGoodItem" AS ENUM ('LEADERSHIP', 'VOLUNTEERS', 'RULES', 'VENUE', 'RESULTS');

-- CreateEnum
CREATE TYPE "AssessmentStatus" AS ENUM ('DRAFT', 'PUBLISHED', 'CONFIRMED');

-- CreateEnum
CREATE TYPE "PartyRequestKind" AS ENUM ('REQUEST', 'REPORT');

-- CreateEnum
CREATE TYPE "SubsidyKind" AS ENUM ('VOLUNTEER_REWARD', 'TEACHER_ALLOWANCE');

-- CreateTable
CREATE TABLE "Meeting" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "orgUnitId" UUID NOT NULL,
    "kind" "MeetingKind" NOT NULL,
    "heldOn" DATE NOT NULL,
    "title" TEXT NOT NULL,
    "attendees" TEXT,
    "minutes" TEXT,
    "isDemo" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Meeting_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MeetingDecision" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "orgUnitId" UUID NOT NULL,
    "meetingId" UUID NOT NULL,
    "text" TEXT NOT NULL,
    "owner" TEXT NOT NULL,
    "dueOn" DATE NOT NULL,
    "doneOn" DATE,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "MeetingDecision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AssessmentRound" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "orgUnitId" UUID NOT NULL,
    "year" INTEGER NOT NULL,
    "passMark" INTEGER NOT NULL,
    "status" "AssessmentStatus" NOT NULL DEFAULT 'DRAFT',
    "publishedAt" TIMESTAMP(3),
    "confirmedAt" TIMESTAMP(3),
    "isDemo" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AssessmentRound_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AssessmentCriterion" (
    "tenantId" UUID NOT NULL,
    "roundId" UUID NOT NULL,
    "item" "FiveGoodItem" NOT NULL,
    "weight" INTEGER NOT NULL,
    "guidance" TEXT,

    CONSTRAINT "AssessmentCriterion_pkey" PRIMARY KEY ("roundId","item")
);

-- CreateTable
CREATE TABLE "AssessmentResult" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "roundId" UUID NOT NULL,
    "orgUnitId" UUID NOT NULL,
    "points" JSONB NOT NULL,
    "total" INTEGER NOT NULL,
    "passed" BOOLEAN NOT NULL,
    "advanced" BOOLEAN NOT NULL DEFAULT false,
    "comment" TEXT,
    "scoredById" UUID,
    "isDemo" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AssessmentResult_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PartyRequest" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "orgUnitId" UUID NOT NULL,
    "kind" "PartyRequestKind" NOT NULL,
    "subject" TEXT NOT NULL,
    "body" TEXT,
    "submittedOn" DATE NOT NULL,
    "answer" TEXT,
    "resolvedOn" DATE,
    "isDemo" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PartyRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Subsidy" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "orgUnitId" UUID NOT NULL,
    "kind" "SubsidyKind" NOT NULL,
    "personId" UUID,
    "recipientName" TEXT NOT NULL,
    "amountFen" BIGINT NOT NULL,
    "periodFrom" DATE NOT NULL,
    "periodTo" DATE NOT NULL,
    "dueOn" DATE NOT NULL,
    "paidOn" DATE,
    "note" TEXT,
    "isDemo" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Subsidy_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Meeting_tenantId_orgUnitId_kind_heldOn_idx" ON "Meeting"("tenantId", "orgUnitId", "kind", "heldOn");

-- CreateIndex
CREATE UNIQUE INDEX "Meeting_tenantId_id_key" ON "Meeting"("tenantId", "id");

-- CreateIndex
CREATE INDEX "MeetingDecision_tenantId_meetingId_idx" ON "MeetingDecision"("tenantId", "meetingId");

-- CreateIndex
CREATE INDEX "MeetingDecision_tenantId_orgUnitId_doneOn_dueOn_idx" ON "MeetingDecision"("tenantId", "orgUnitId", "doneOn", "dueOn");

-- CreateIndex
CREATE UNIQUE INDEX "AssessmentRound_tenantId_id_key" ON "AssessmentRound"("tenantId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "AssessmentRound_tenantId_year_key" ON "AssessmentRound"("tenantId", "year");

-- CreateIndex
CREATE INDEX "AssessmentResult_tenantId_orgUnitId_idx" ON "AssessmentResult"("tenantId", "orgUnitId");

-- CreateIndex
CREATE UNIQUE INDEX "AssessmentResult_tenantId_roundId_orgUnitId_key" ON "AssessmentResult"("tenantId", "roundId", "orgUnitId");

-- CreateIndex
CREATE INDEX "PartyRequest_tenantId_orgUnitId_resolvedOn_submittedOn_idx" ON "PartyRequest"("tenantId", "orgUnitId", "resolvedOn", "submittedOn");

-- CreateIndex
CREATE INDEX "Subsidy_tenantId_orgUnitId_dueOn_idx" ON "Subsidy"("tenantId", "orgUnitId", "dueOn");

-- CreateIndex
CREATE INDEX "Subsidy_tenantId_paidOn_dueOn_idx" ON "Subsidy"("tenantId", "paidOn", "dueOn");

-- AddForeignKey
ALTER TABLE "Meeting" ADD CONSTRAINT "Meeting_tenantId_orgUnitId_fkey" FOREIGN KEY ("tenantId", "orgUnitId") REFERENCES "OrgUnit"("tenantId", "id") ON DELETE RESTRICT ON UPDATE RESTRICT;

-- AddForeignKey
ALTER TABLE "MeetingDecision" ADD CONSTRAINT "MeetingDecision_tenantId_orgUnitId_fkey" FOREIGN KEY ("tenantId", "orgUnitId") REFERENCES "OrgUnit"("tenantId", "id") ON DELETE RESTRICT ON UPDATE RESTRICT;

-- AddForeignKey
ALTER TABLE "MeetingDecision" ADD CONSTRAINT "MeetingDecision_tenantId_meetingId_fkey" FOREIGN KEY ("tenantId", "meetingId") REFERENCES "Meeting"("tenantId", "id") ON DELETE CASCADE ON UPDATE RESTRICT;

-- AddForeignKey
ALTER TABLE "AssessmentRound" ADD CONSTRAINT "AssessmentRound_tenantId_orgUnitId_fkey" FOREIGN KEY ("tenantId", "orgUnitId") REFERENCES "OrgUnit"("tenantId", "id") ON DELETE RESTRICT ON UPDATE RESTRICT;

-- AddForeignKey
ALTER TABLE "AssessmentCriterion" ADD CONSTRAINT "AssessmentCriterion_tenantId_roundId_fkey" FOREIGN KEY ("tenantId", "roundId") REFERENCES "AssessmentRound"("tenantId", "id") ON DELETE CASCADE ON UPDATE RESTRICT;

-- AddForeignKey
ALTER TABLE "AssessmentResult" ADD CONSTRAINT "AssessmentResult_tenantId_roundId_fkey" FOREIGN KEY ("tenantId", "roundId") REFERENCES "AssessmentRound"("tenantId", "id") ON DELETE RESTRICT ON UPDATE RESTRICT;

-- AddForeignKey
ALTER TABLE "AssessmentResult" ADD CONSTRAINT "AssessmentResult_tenantId_orgUnitId_fkey" FOREIGN KEY ("tenantId", "orgUnitId") REFERENCES "OrgUnit"("tenantId", "id") ON DELETE RESTRICT ON UPDATE RESTRICT;

-- AddForeignKey
ALTER TABLE "PartyRequest" ADD CONSTRAINT "PartyRequest_tenantId_orgUnitId_fkey" FOREIGN KEY ("tenantId", "orgUnitId") REFERENCES "OrgUnit"("tenantId", "id") ON DELETE RESTRICT ON UPDATE RESTRICT;

-- AddForeignKey
ALTER TABLE "Subsidy" ADD CONSTRAINT "Subsidy_tenantId_orgUnitId_fkey" FOREIGN KEY ("tenantId", "orgUnitId") REFERENCES "OrgUnit"("tenantId", "id") ON DELETE RESTRICT ON UPDATE RESTRICT;

-- AddForeignKey
ALTER TABLE "Subsidy" ADD CONSTRAINT "Subsidy_tenantId_personId_fkey" FOREIGN KEY ("tenantId", "personId") REFERENCES "Person"("tenantId", "id") ON DELETE RESTRICT ON UPDATE RESTRICT;

-- Values that can only be wrong (Prisma's diff does not see CHECK constraints; they live here).
ALTER TABLE "AssessmentRound" ADD CONSTRAINT "AssessmentRound_passMark_check" CHECK ("passMark" > 0);
ALTER TABLE "AssessmentRound" ADD CONSTRAINT "AssessmentRound_year_check" CHECK ("year" BETWEEN 2000 AND 2100);
ALTER TABLE "AssessmentCriterion" ADD CONSTRAINT "AssessmentCriterion_weight_check" CHECK ("weight" BETWEEN 1 AND 100);
ALTER TABLE "AssessmentResult" ADD CONSTRAINT "AssessmentResult_total_check" CHECK ("total" >= 0);
-- Only a unit that passed can be named 先进单位.
ALTER TABLE "AssessmentResult" ADD CONSTRAINT "AssessmentResult_advanced_check" CHECK (NOT "advanced" OR "passed");
ALTER TABLE "PartyRequest" ADD CONSTRAINT "PartyRequest_resolved_check" CHECK ("resolvedOn" IS NULL OR "resolvedOn" >= "submittedOn");
ALTER TABLE "Subsidy" ADD CONSTRAINT "Subsidy_amountFen_check" CHECK ("amountFen" > 0);
ALTER TABLE "Subsidy" ADD CONSTRAINT "Subsidy_period_check" CHECK ("periodTo" >= "periodFrom");
