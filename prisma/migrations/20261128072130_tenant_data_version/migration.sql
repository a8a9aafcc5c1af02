-- AlterTable
ALTER TABLE "Tenant" ADD COLUMN     "dataVersion" BIGINT NOT NULL DEFAULT 0;

-- Every write leaves an audit entry in the same transaction; the entry moves its tenant's
-- data version, so a cached dashboard figure is known stale the moment anything changes.
CREATE FUNCTION "qingmiao_bump_data_version"() RETURNS trigger AS $$
BEGIN
  IF NEW."tenantId" IS NOT NULL THEN
    UPDATE "Tenant" SET "dataVersion" = "dataVersion" + 1 WHERE id = NEW."tenantId";
  END IF;
  RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER "AuditLog_bump_data_version" AFTER INSERT ON "AuditLog"
  FOR EACH ROW EXECUTE FUNCTION "qingmiao_bump_data_version"();
