/** The audit trail is append-only: the database itself refuses to change or remove entries. */
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { newUser } from "../support/fixtures";

// The app's role has no UPDATE, DELETE or TRUNCATE on the table (lib/server/database/grants.ts);
// the append-only trigger stands behind that for the owner (platform.test.ts, on a throw-away database).
const REFUSED = /permission denied for table "?AuditLog"?/;

let entryId: bigint;
let original: { action: string; actorName: string };

beforeAll(async () => {
  const u = await newUser({ prefix: "audit" });
  const row = await db().auditLog.findFirstOrThrow({ where: { action: "user.create", entityId: u.id } });
  entryId = row.id;
  original = { action: row.action, actorName: row.actorName };
});

async function unchanged() {
  const row = await db().auditLog.findUniqueOrThrow({ where: { id: entryId } });
  expect({ action: row.action, actorName: row.actorName }).toEqual(original);
}

describe("AuditLog is append-only", () => {
  it("UPDATE of an entry is refused", async () => {
    await expect(
      db().$executeRawUnsafe(`UPDATE "AuditLog" SET "actorName" = 'someone else' WHERE id = ${entryId}`),
    ).rejects.toThrow(REFUSED);
    await unchanged();
  });

  it("UPDATE of every entry is refused", async () => {
    await expect(db().$executeRawUnsafe(`UPDATE "AuditLog" SET action = 'x'`)).rejects.toThrow(REFUSED);
    await unchanged();
  });

  it("DELETE of an entry is refused", async () => {
    await expect(db().$executeRawUnsafe(`DELETE FROM "AuditLog" WHERE id = ${entryId}`)).rejects.toThrow(REFUSED);
    await unchanged();
  });

  it("TRUNCATE is refused", async () => {
    await expect(db().$executeRawUnsafe(`TRUNCATE "AuditLog"`)).rejects.toThrow(REFUSED);
    expect(await db().auditLog.count()).toBeGreaterThan(0);
  });

  it("the Prisma client's update/delete are refused too", async () => {
    await expect(db().auditLog.update({ where: { id: entryId }, data: { action: "x" } })).rejects.toThrow();
    await expect(db().auditLog.deleteMany({ where: { id: entryId } })).rejects.toThrow();
    await unchanged();
  });

  it("appending still works", async () => {
    const before = await db().auditLog.count();
    await newUser({ prefix: "audit" });
    expect(await db().auditLog.count()).toBe(before + 1);
  });
});
