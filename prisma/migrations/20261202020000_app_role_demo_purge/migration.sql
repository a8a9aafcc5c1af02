-- The app runs as a role without UPDATE or DELETE on "AuditLog" (lib/server/database/grants.ts).
-- Removing a demo district from 系统管理 still deletes that district's audit rows, through
-- this one function: it runs as its owner (the migrations' role), refuses any tenant that
-- is not a demo district, and opens the audit trigger's purge setting for that tenant only.
-- The app role gets EXECUTE from the grants; nobody else does.
CREATE OR REPLACE FUNCTION qingmiao_purge_demo_audit(tenant uuid) RETURNS integer
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = pg_catalog, public, pg_temp
AS $$
DECLARE
  n integer;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM "Tenant" t WHERE t.id = tenant AND t."isDemo") THEN
    RAISE EXCEPTION 'tenant % is not a demo district: its audit trail stays', tenant USING ERRCODE = 'insufficient_privilege';
  END IF;
  PERFORM set_config('qingmiao.purge_demo_tenant', tenant::text, true);
  DELETE FROM "AuditLog" WHERE "tenantId" = tenant;
  GET DIAGNOSTICS n = ROW_COUNT;
  PERFORM set_config('qingmiao.purge_demo_tenant', '', true);
  RETURN n;
END
$$;

REVOKE ALL ON FUNCTION qingmiao_purge_demo_audit(uuid) FROM PUBLIC;
