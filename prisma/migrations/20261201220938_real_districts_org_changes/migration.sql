-- AlterTable
ALTER TABLE "OrgUnit" ADD COLUMN     "closedOn" DATE,
ADD COLUMN     "mergedIntoId" UUID;

-- AlterTable
ALTER TABLE "Tenant" ADD COLUMN     "disabledAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "mustChangePassword" BOOLEAN NOT NULL DEFAULT false,
ALTER COLUMN "tenantId" DROP NOT NULL,
ALTER COLUMN "orgUnitId" DROP NOT NULL;

-- A platform admin belongs to no district; everyone else belongs to one district and one unit.
ALTER TABLE "User" ADD CONSTRAINT "User_platform_admin_has_no_tenant"
  CHECK ((("role" = 'PLATFORM_ADMIN') = ("tenantId" IS NULL)) AND (("tenantId" IS NULL) = ("orgUnitId" IS NULL)));

-- "active" is derived from the close date: current lists filter on it, metrics on closedOn.
UPDATE "OrgUnit" SET "closedOn" = CURRENT_DATE WHERE NOT "active" AND "closedOn" IS NULL;
ALTER TABLE "OrgUnit" ADD CONSTRAINT "OrgUnit_active_iff_open" CHECK ("active" = ("closedOn" IS NULL));
ALTER TABLE "OrgUnit" ADD CONSTRAINT "OrgUnit_merged_only_when_closed" CHECK ("mergedIntoId" IS NULL OR "closedOn" IS NOT NULL);
