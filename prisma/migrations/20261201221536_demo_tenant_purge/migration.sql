-- The audit trail stays append-only, with one narrow exception: removing a demo district
-- (scripts/demo.ts remove, lib/server/platform/tenants.ts) deletes that district's audit
-- rows. The removal transaction names the tenant with
--   SET LOCAL qingmiao.purge_demo_tenant = '<tenant id>'
-- and only rows of that tenant, while it is still marked isDemo, may be deleted. UPDATE,
-- TRUNCATE and every other DELETE are refused as before.
CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND TG_LEVEL = 'ROW'
     AND OLD."tenantId" IS NOT NULL
     AND OLD."tenantId"::text = current_setting('qingmiao.purge_demo_tenant', true)
     AND EXISTS (SELECT 1 FROM "Tenant" t WHERE t.id = OLD."tenantId" AND t."isDemo") THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'AuditLog is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;

-- Databases seeded before 清江浦区 was marked as a demo: a district whose units were
-- seeded as demo data (OrgUnit.isDemo, never set for a real district) is a demo district.
UPDATE "Tenant" t SET "isDemo" = true
 WHERE NOT t."isDemo"
   AND EXISTS (SELECT 1 FROM "OrgUnit" u WHERE u."tenantId" = t.id AND u."isDemo");
