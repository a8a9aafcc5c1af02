/**
 * A database on a server whose time zone is Asia/Shanghai (what initdb picks on a machine
 * in China) still stamps rows in UTC, as the app reads them: a migration pins the
 * database's sessions to UTC. Without it, an audit row written by the database default
 * would read 8 hours in the future.
 */
import pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import { migrateDeploy } from "@/lib/server/database/migrate";
import { openPrisma } from "../../scripts/lib/prisma";
import { scratchDatabase } from "../support/scratch-db";

const scratch = scratchDatabase("qm_tz");

beforeAll(async () => {
  await scratch.create();
  const c = new pg.Client({ connectionString: scratch.url });
  await c.connect();
  // What the machine's zone gives the database before our migrations run.
  await c.query(`ALTER DATABASE "${scratch.name}" SET timezone TO 'Asia/Shanghai'`);
  await c.end();
  await migrateDeploy(scratch.url, { log: () => {} });
});
afterAll(() => scratch.drop());

it("rows the database stamps itself carry UTC, like the rows the app stamps", async () => {
  const c = new pg.Client({ connectionString: scratch.url });
  await c.connect();
  try {
    expect((await c.query("SHOW timezone")).rows[0].TimeZone).toBe("UTC");
    const { rows } = await c.query(
      `INSERT INTO "AuditLog" ("actorName", action, entity) VALUES ('test', 'tz.check', 'Test') RETURNING to_char("at", 'YYYY-MM-DD"T"HH24:MI:SS') AS at`,
    );
    const stamped = new Date(`${rows[0].at}Z`).getTime();
    expect(Math.abs(stamped - Date.now())).toBeLessThan(60_000);
  } finally {
    await c.end();
  }
});

it("the app's own connections ask for UTC even where the database default says otherwise", async () => {
  const c = new pg.Client({ connectionString: scratch.url });
  await c.connect();
  // e.g. an operator's database the migration could not change (not its owner)
  await c.query(`ALTER DATABASE "${scratch.name}" SET timezone TO 'Asia/Shanghai'`);
  await c.end();
  const prisma = openPrisma(scratch.url);
  try {
    const [row] = await prisma.$queryRaw<{ tz: string }[]>`SELECT current_setting('TimeZone') AS tz`;
    expect(row.tz).toBe("UTC");
  } finally {
    await prisma.$disconnect();
  }
});
