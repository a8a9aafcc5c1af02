-- Retention (等保 2.0, 网络安全法 §21: logs kept at least six months). The audit trail stays
-- append-only, with a second narrow exception beside the demo purge: the archive job
-- (scripts/audit-archive.ts, lib/server/audit-log/archive.ts) deletes rows it has already
-- written to a complete, fsynced archive file. Its transaction names the cutoff with
--   SELECT set_config('qingmiao.archive_audit_before', '<timestamp>', true)
-- and only rows older than that cutoff may be deleted, and only while the cutoff itself lies
-- at least 180 days in the past. "at" is a timestamp without time zone: its default writes
-- the session's local time, Prisma writes UTC, so "now" is the earlier of the two readings.
-- A value that is not a timestamp fails the cast, which refuses the DELETE as well.
-- The demo-purge branch is unchanged (20261201221536_demo_tenant_purge).
CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  archive_before text;
BEGIN
  IF TG_OP = 'DELETE' AND TG_LEVEL = 'ROW'
     AND OLD."tenantId" IS NOT NULL
     AND OLD."tenantId"::text = current_setting('qingmiao.purge_demo_tenant', true)
     AND EXISTS (SELECT 1 FROM "Tenant" t WHERE t.id = OLD."tenantId" AND t."isDemo") THEN
    RETURN OLD;
  END IF;
  IF TG_OP = 'DELETE' AND TG_LEVEL = 'ROW' THEN
    archive_before := nullif(current_setting('qingmiao.archive_audit_before', true), '');
    IF archive_before IS NOT NULL
       AND OLD."at" < archive_before::timestamp
       AND archive_before::timestamp <= LEAST(LOCALTIMESTAMP, now() AT TIME ZONE 'UTC') - interval '180 days' THEN
      RETURN OLD;
    END IF;
  END IF;
  RAISE EXCEPTION 'AuditLog is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;

-- 操作日志 filters (lib/server/audit-log/read-audit.ts): by action (also the list of actions
-- that occur, read by a skip scan) and by the people of a unit, newest first.
CREATE INDEX "AuditLog_tenantId_action_at_idx" ON "AuditLog"("tenantId", "action", "at");
CREATE INDEX "AuditLog_tenantId_actorId_at_idx" ON "AuditLog"("tenantId", "actorId", "at");
