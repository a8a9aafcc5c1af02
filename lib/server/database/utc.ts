/**
 * Connection settings every Prisma client of ours uses: sessions in UTC. Timestamps are
 * `timestamp without time zone` holding UTC; a server whose zone is Asia/Shanghai would
 * otherwise stamp database defaults (CURRENT_TIMESTAMP) 8 hours off from what the app writes.
 * The migration 20261202050000_database_utc sets the same for every other client.
 */
export const UTC_SESSION = { options: "-c TimeZone=UTC" } as const;
