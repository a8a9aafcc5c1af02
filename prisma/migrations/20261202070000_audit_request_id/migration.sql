-- The request id (proxy.ts, X-Request-Id) of the request that wrote the entry: joins an
-- audit entry to the server's log lines for the same request.
ALTER TABLE "AuditLog" ADD COLUMN "requestId" TEXT;
