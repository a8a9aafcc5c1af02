-- Timestamps are `timestamp without time zone` holding UTC (Prisma writes and reads them
-- as UTC), but column defaults (CURRENT_TIMESTAMP) and SQL `now()` casts use the session's
-- TimeZone, which a server in China typically has as Asia/Shanghai (initdb copies the
-- machine's zone): rows stamped by the database would be 8 hours off from rows stamped by
-- the app. Every new session of this database runs in UTC instead. (The app's own
-- connections also ask for UTC, lib/server/db.ts; this covers every other client too.) An
-- owner of the schema who does not own the database cannot do this: a warning, not a failure.
DO $$
BEGIN
  EXECUTE format('ALTER DATABASE %I SET timezone TO %L', current_database(), 'UTC');
EXCEPTION WHEN insufficient_privilege THEN
  RAISE WARNING 'could not set the database time zone to UTC (not the database owner): run ALTER DATABASE % SET timezone TO ''UTC'' as its owner', current_database();
END
$$;
