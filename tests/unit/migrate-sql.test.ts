import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { hasOwnTransaction } from "@/lib/server/database/migrate";
import { checksumOf, readMigrations } from "@/lib/server/database/migrations-dir";

describe("hasOwnTransaction", () => {
  it("is false for plain DDL (the runner wraps it in a transaction)", () => {
    expect(hasOwnTransaction(`CREATE TABLE a (id int);\nALTER TABLE a ADD COLUMN b text;`)).toBe(false);
    expect(hasOwnTransaction("")).toBe(false);
  });

  it("is true for Prisma's enum rewrite (BEGIN; … COMMIT;)", () => {
    const sql = `-- AlterEnum
BEGIN;
CREATE TYPE "Role_new" AS ENUM ('A', 'B');
ALTER TABLE "User" ALTER COLUMN "role" TYPE "Role_new" USING ("role"::text::"Role_new");
ALTER TYPE "Role" RENAME TO "Role_old";
ALTER TYPE "Role_new" RENAME TO "Role";
DROP TYPE "Role_old";
COMMIT;
`;
    expect(hasOwnTransaction(sql)).toBe(true);
  });

  it("recognises each transaction-control statement, in any case", () => {
    expect(hasOwnTransaction("begin;\ncreate table a (id int);\ncommit;")).toBe(true);
    expect(hasOwnTransaction("START TRANSACTION;\nSELECT 1;")).toBe(true);
    expect(hasOwnTransaction("SELECT 1;\nROLLBACK;")).toBe(true);
    expect(hasOwnTransaction("SELECT 1; COMMIT ;")).toBe(true);
  });

  it("ignores BEGIN/COMMIT inside function bodies", () => {
    const sql = `CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN;
  RAISE EXCEPTION 'no';
COMMIT;
END
$$;
CREATE FUNCTION g() RETURNS int LANGUAGE plpgsql AS $body$ BEGIN; COMMIT; RETURN 1; END $body$;`;
    expect(hasOwnTransaction(sql)).toBe(false);
  });

  it("ignores BEGIN/COMMIT in comments", () => {
    expect(hasOwnTransaction("-- BEGIN;\nCREATE TABLE a (id int);\n-- COMMIT;")).toBe(false);
    expect(hasOwnTransaction("/* BEGIN;\n COMMIT; */\nCREATE TABLE a (id int);")).toBe(false);
  });

  it("is false for words that merely contain BEGIN or COMMIT", () => {
    expect(hasOwnTransaction(`CREATE TABLE committee (beginning date);`)).toBe(false);
    expect(hasOwnTransaction(`ALTER TABLE t RENAME COLUMN a TO commit_at;`)).toBe(false);
  });

  // DEFECT (reported, low severity): string literals are not stripped before matching, so a data
  // migration whose text contains ";COMMIT;" is taken for a self-managed one and runs without
  // the runner's transaction: if it then fails halfway, its first statements stay applied.
  it("ignores BEGIN/COMMIT inside string literals", () => {
    expect(hasOwnTransaction(`INSERT INTO "Note" (body) VALUES ('step one;COMMIT; step two');`)).toBe(false);
    expect(hasOwnTransaction(`UPDATE "Doc" SET body = 'a; BEGIN; b' WHERE id = 1;`)).toBe(false);
  });

  it("is false for the project's own migrations (they run wrapped)", () => {
    for (const m of readMigrations(path.resolve(import.meta.dirname, "../../prisma/migrations"))) {
      expect(hasOwnTransaction(m.sql), m.name).toBe(false);
    }
  });
});

describe("readMigrations", () => {
  it("reads folders in name order with the sha256 of migration.sql", () => {
    const dir = path.resolve(import.meta.dirname, "../../prisma/migrations");
    const ms = readMigrations(dir);
    expect(ms.map((m) => m.name)).toEqual([...ms.map((m) => m.name)].sort());
    for (const m of ms) {
      expect(m.checksum).toMatch(/^[0-9a-f]{64}$/);
      expect(m.checksum).toBe(checksumOf(fs.readFileSync(path.join(dir, m.name, "migration.sql"), "utf8")));
    }
    expect(readMigrations("/nonexistent-dir")).toEqual([]);
  });
});
