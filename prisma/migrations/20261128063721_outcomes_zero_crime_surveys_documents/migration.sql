-- CreateEnum
CREATE TYPE "ZeroCrimeStatus" AS ENUM ('REPORTED', 'CONFIRMED');

-- CreateEnum
CREATE TYPE "FindingCategory" AS ENUM ('LEADERSHIP_TEAM', 'STATION_HARDWARE', 'TEACHERS', 'FUNDING', 'OTHER');

-- CreateEnum
CREATE TYPE "FollowUpStatus" AS ENUM ('OPEN', 'IN_PROGRESS', 'DONE');

-- CreateTable
CREATE TABLE "ZeroCrimeRecord" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "orgUnitId" UUID NOT NULL,
    "year" INTEGER NOT NULL,
    "youthOffenders" INTEGER,
    "minorOffenders" INTEGER,
    "studentOffenders" INTEGER,
    "status" "ZeroCrimeStatus" NOT NULL DEFAULT 'REPORTED',
    "reportedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "confirmedAt" TIMESTAMP(3),
    "isDemo" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ZeroCrimeRecord_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Survey" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "orgUnitId" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "periodFrom" DATE NOT NULL,
    "periodTo" DATE NOT NULL,
    "summary" TEXT,
    "recommendations" TEXT,
    "isDemo" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Survey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SurveyUnit" (
    "tenantId" UUID NOT NULL,
    "surveyId" UUID NOT NULL,
    "orgUnitId" UUID NOT NULL,

    CONSTRAINT "SurveyUnit_pkey" PRIMARY KEY ("surveyId","orgUnitId")
);

-- CreateTable
CREATE TABLE "SurveyFinding" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "orgUnitId" UUID NOT NULL,
    "surveyId" UUID NOT NULL,
    "category" "FindingCategory" NOT NULL,
    "text" TEXT NOT NULL,
    "recommendation" TEXT,
    "status" "FollowUpStatus" NOT NULL DEFAULT 'OPEN',
    "owner" TEXT,
    "dueOn" DATE,
    "doneOn" DATE,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SurveyFinding_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PolicyDocument" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "orgUnitId" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "docNumber" TEXT,
    "issuers" TEXT[],
    "issuedOn" DATE NOT NULL,
    "topic" TEXT NOT NULL,
    "fileName" TEXT,
    "mimeType" TEXT,
    "sizeBytes" INTEGER,
    "sha256" TEXT,
    "isDemo" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PolicyDocument_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PolicyFile" (
    "documentId" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "content" BYTEA NOT NULL,

    CONSTRAINT "PolicyFile_pkey" PRIMARY KEY ("documentId")
);

-- CreateTable
CREATE TABLE "PolicyDocumentUnit" (
    "tenantId" UUID NOT NULL,
    "documentId" UUID NOT NULL,
    "orgUnitId" UUID NOT NULL,

    CONSTRAINT "PolicyDocumentUnit_pkey" PRIMARY KEY ("documentId","orgUnitId")
);

-- CreateIndex
CREATE INDEX "ZeroCrimeRecord_tenantId_year_status_idx" ON "ZeroCrimeRecord"("tenantId", "year", "status");

-- CreateIndex
CREATE UNIQUE INDEX "ZeroCrimeRecord_tenantId_orgUnitId_year_key" ON "ZeroCrimeRecord"("tenantId", "orgUnitId", "year");

-- CreateIndex
CREATE INDEX "Survey_tenantId_orgUnitId_periodFrom_idx" ON "Survey"("tenantId", "orgUnitId", "periodFrom");

-- CreateIndex
CREATE UNIQUE INDEX "Survey_tenantId_id_key" ON "Survey"("tenantId", "id");

-- CreateIndex
CREATE INDEX "SurveyUnit_tenantId_orgUnitId_idx" ON "SurveyUnit"("tenantId", "orgUnitId");

-- CreateIndex
CREATE INDEX "SurveyFinding_tenantId_surveyId_idx" ON "SurveyFinding"("tenantId", "surveyId");

-- CreateIndex
CREATE INDEX "SurveyFinding_tenantId_status_category_idx" ON "SurveyFinding"("tenantId", "status", "category");

-- CreateIndex
CREATE INDEX "PolicyDocument_tenantId_issuedOn_idx" ON "PolicyDocument"("tenantId", "issuedOn");

-- CreateIndex
CREATE INDEX "PolicyDocument_tenantId_title_idx" ON "PolicyDocument"("tenantId", "title");

-- CreateIndex
CREATE INDEX "PolicyDocument_tenantId_docNumber_idx" ON "PolicyDocument"("tenantId", "docNumber");

-- CreateIndex
CREATE UNIQUE INDEX "PolicyDocument_tenantId_id_key" ON "PolicyDocument"("tenantId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "PolicyFile_tenantId_documentId_key" ON "PolicyFile"("tenantId", "documentId");

-- CreateIndex
CREATE INDEX "PolicyDocumentUnit_tenantId_orgUnitId_idx" ON "PolicyDocumentUnit"("tenantId", "orgUnitId");

-- AddForeignKey
ALTER TABLE "ZeroCrimeRecord" ADD CONSTRAINT "ZeroCrimeRecord_tenantId_orgUnitId_fkey" FOREIGN KEY ("tenantId", "orgUnitId") REFERENCES "OrgUnit"("tenantId", "id") ON DELETE RESTRICT ON UPDATE RESTRICT;

-- AddForeignKey
ALTER TABLE "Survey" ADD CONSTRAINT "Survey_tenantId_orgUnitId_fkey" FOREIGN KEY ("tenantId", "orgUnitId") REFERENCES "OrgUnit"("tenantId", "id") ON DELETE RESTRICT ON UPDATE RESTRICT;

-- AddForeignKey
ALTER TABLE "SurveyUnit" ADD CONSTRAINT "SurveyUnit_tenantId_surveyId_fkey" FOREIGN KEY ("tenantId", "surveyId") REFERENCES "Survey"("tenantId", "id") ON DELETE CASCADE ON UPDATE RESTRICT;

-- AddForeignKey
ALTER TABLE "SurveyUnit" ADD CONSTRAINT "SurveyUnit_tenantId_orgUnitId_fkey" FOREIGN KEY ("tenantId", "orgUnitId") REFERENCES "OrgUnit"("tenantId", "id") ON DELETE RESTRICT ON UPDATE RESTRICT;

-- AddForeignKey
ALTER TABLE "SurveyFinding" ADD CONSTRAINT "SurveyFinding_tenantId_orgUnitId_fkey" FOREIGN KEY ("tenantId", "orgUnitId") REFERENCES "OrgUnit"("tenantId", "id") ON DELETE RESTRICT ON UPDATE RESTRICT;

-- AddForeignKey
ALTER TABLE "SurveyFinding" ADD CONSTRAINT "SurveyFinding_tenantId_surveyId_fkey" FOREIGN KEY ("tenantId", "surveyId") REFERENCES "Survey"("tenantId", "id") ON DELETE CASCADE ON UPDATE RESTRICT;

-- AddForeignKey
ALTER TABLE "PolicyDocument" ADD CONSTRAINT "PolicyDocument_tenantId_orgUnitId_fkey" FOREIGN KEY ("tenantId", "orgUnitId") REFERENCES "OrgUnit"("tenantId", "id") ON DELETE RESTRICT ON UPDATE RESTRICT;

-- AddForeignKey
ALTER TABLE "PolicyFile" ADD CONSTRAINT "PolicyFile_tenantId_documentId_fkey" FOREIGN KEY ("tenantId", "documentId") REFERENCES "PolicyDocument"("tenantId", "id") ON DELETE CASCADE ON UPDATE RESTRICT;

-- AddForeignKey
ALTER TABLE "PolicyDocumentUnit" ADD CONSTRAINT "PolicyDocumentUnit_tenantId_documentId_fkey" FOREIGN KEY ("tenantId", "documentId") REFERENCES "PolicyDocument"("tenantId", "id") ON DELETE CASCADE ON UPDATE RESTRICT;

-- AddForeignKey
ALTER TABLE "PolicyDocumentUnit" ADD CONSTRAINT "PolicyDocumentUnit_tenantId_orgUnitId_fkey" FOREIGN KEY ("tenantId", "orgUnitId") REFERENCES "OrgUnit"("tenantId", "id") ON DELETE RESTRICT ON UPDATE RESTRICT;

-- Counts only, and only ones that can be right (Prisma's diff does not see CHECK constraints).
ALTER TABLE "ZeroCrimeRecord" ADD CONSTRAINT "ZeroCrimeRecord_counts_check" CHECK (
  ("youthOffenders" IS NULL OR "youthOffenders" >= 0)
  AND ("minorOffenders" IS NULL OR "minorOffenders" >= 0)
  AND ("studentOffenders" IS NULL OR "studentOffenders" >= 0)
  AND ("minorOffenders" IS NULL OR "youthOffenders" IS NOT NULL AND "minorOffenders" <= "youthOffenders")
);
ALTER TABLE "ZeroCrimeRecord" ADD CONSTRAINT "ZeroCrimeRecord_year_check" CHECK ("year" BETWEEN 2000 AND 2100);
ALTER TABLE "Survey" ADD CONSTRAINT "Survey_period_check" CHECK ("periodTo" >= "periodFrom");
-- 20 MiB per file.
ALTER TABLE "PolicyDocument" ADD CONSTRAINT "PolicyDocument_size_check" CHECK ("sizeBytes" IS NULL OR "sizeBytes" BETWEEN 1 AND 20971520);
