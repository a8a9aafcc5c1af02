-- GET /api/health/ready tells whether every migration folder has been applied. The app
-- role may not read "_prisma_migrations" (lib/server/database/grants.ts: the owner's alone),
-- so it asks this function, which runs as its owner (the migrations' role) and returns
-- only the names of the migrations that finished and were not rolled back: no logs, no
-- checksums. The app role gets EXECUTE from the grants; nobody else does.
CREATE OR REPLACE FUNCTION qingmiao_applied_migrations() RETURNS SETOF text
  LANGUAGE sql STABLE SECURITY DEFINER
  SET search_path = pg_catalog, public, pg_temp
AS $$
  SELECT migration_name::text FROM _prisma_migrations
   WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL
$$;

REVOKE ALL ON FUNCTION qingmiao_applied_migrations() FROM PUBLIC;
