/**
 * Least privilege in the database (lib/server/database/grants.ts): the app connects as a
 * role that owns nothing, cannot change the schema, and can only read and append to the
 * audit trail; migrations, seed and grants run as the owner. Checked through the URL the
 * app itself uses (the suite's databaseUrl), and through what `npm start` prepares.
 */
import crypto from "node:crypto";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { db } from "@/lib/server/db";
import { ensureAppRole, migrateAndGrant, SINGLE_ROLE_WARNING, withUser } from "@/lib/server/database/grants";
import { createTenant, removeDemoTenants } from "@/lib/server/platform/tenants";
import type { PlatformActor } from "@/lib/server/platform/platform-write";
import { openPrisma } from "@/scripts/lib/prisma";
import { runTsx } from "../support/cli";
import { newUser, uniqueName } from "../support/fixtures";
import { unusedCode } from "../support/own-district";
import { adminSql, scratchDatabase, withClient } from "../support/scratch-db";

const ROOT = path.resolve(import.meta.dirname, "../..");
const appUrl = inject("databaseUrl");
const ownerUrl = inject("ownerUrl");
const appRole = decodeURIComponent(new URL(appUrl).username);
const appPassword = decodeURIComponent(new URL(appUrl).password);
const ops: PlatformActor = { userId: null, username: "itest", displayName: "itest", role: "PLATFORM_ADMIN", via: "cli", ip: null, userAgent: null };



/** Runs `sql` in a transaction that is always rolled back; resolves with the error it raised. */
function refusal(sql: string, params: unknown[] = [], url = appUrl): Promise<Error & { code?: string }> {
  return withClient(url, async (c) => {
    await c.query("BEGIN");
    try {
      await c.query(sql, params);
    } catch (e) {
      return e as Error & { code?: string };
    } finally {
      await c.query("ROLLBACK");
    }
    throw new Error(`not refused: ${sql}`);
  });
}

const one = async <R extends pg.QueryResultRow>(url: string, sql: string, params: unknown[] = []) =>
  withClient(url, async (c) => (await c.query<R>(sql, params)).rows[0]);

describe("the role the app connects as", () => {
  it("is neither the owner nor a superuser, and may not create roles or databases", async () => {
    const app = await one<{ user: string; rolsuper: boolean; rolcreatedb: boolean; rolcreaterole: boolean; owns: number }>(
      appUrl,
      `SELECT current_user AS user, rolsuper, rolcreatedb, rolcreaterole,
              (SELECT count(*)::int FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = current_schema() AND pg_get_userbyid(c.relowner) = current_user) AS owns
         FROM pg_roles WHERE rolname = current_user`,
    );
    const owner = await one<{ user: string }>(ownerUrl, "SELECT current_user AS user");
    expect(app).toEqual({ user: appRole, rolsuper: false, rolcreatedb: false, rolcreaterole: false, owns: 0 });
    expect(owner.user).not.toBe(appRole);
  });
});

describe("the audit trail, as the app", () => {
  let entryId: string;
  beforeAll(async () => {
    const u = await newUser({ prefix: "dbpriv" });
    entryId = String((await db().auditLog.findFirstOrThrow({ where: { action: "user.create", entityId: u.id } })).id);
  });

  it.each([
    ["UPDATE", `UPDATE "AuditLog" SET action = 'x' WHERE id = $1`, true],
    ["DELETE", `DELETE FROM "AuditLog" WHERE id = $1`, true],
    ["TRUNCATE", `TRUNCATE "AuditLog"`, false],
  ])("%s is refused by a missing privilege, before any trigger", async (_op, sql, withId) => {
    const e = await refusal(sql, withId ? [entryId] : []);
    expect(e.code).toBe("42501");
    expect(e.message).toMatch(/permission denied for table "?AuditLog"?/);
  });

  it("the trigger cannot be switched off, nor the purge setting used to delete directly", async () => {
    expect((await refusal(`ALTER TABLE "AuditLog" DISABLE TRIGGER USER`)).message).toMatch(/must be owner/);
    expect((await refusal(`SET session_replication_role = replica`)).message).toMatch(/permission denied/);
    const [demo] = await db().tenant.findMany({ where: { isDemo: true }, select: { id: true }, take: 1 });
    expect(demo).toBeDefined();
    const e = await refusal(
      `DO $$ BEGIN PERFORM set_config('qingmiao.purge_demo_tenant', '${demo.id}', true); DELETE FROM "AuditLog" WHERE "tenantId" = '${demo.id}'; END $$`,
    );
    expect(e.message).toMatch(/permission denied for table "?AuditLog"?/);
  });

  it("reading and appending work; an appended entry cannot be taken back", async () => {
    const before = await db().auditLog.count();
    const row = await one<{ id: string }>(appUrl, `INSERT INTO "AuditLog" ("actorName", action, entity) VALUES ('itest', 'itest.dbpriv', 'Test') RETURNING id::text`);
    expect(await db().auditLog.count()).toBe(before + 1);
    expect((await refusal(`DELETE FROM "AuditLog" WHERE id = $1`, [row.id])).message).toMatch(/permission denied for table "?AuditLog"?/);
  });
});

describe("the schema, as the app", () => {
  it.each([
    [`CREATE TABLE dbpriv_t (id int)`, /permission denied for schema/],
    [`CREATE FUNCTION dbpriv_f() RETURNS int LANGUAGE sql AS 'SELECT 1'`, /permission denied for schema/],
    [`CREATE TEMP TABLE dbpriv_tmp (id int)`, /permission denied to create temporary tables/],
    [`CREATE SCHEMA dbpriv_s`, /permission denied for database/],
    [`ALTER TABLE "Tenant" ADD COLUMN dbpriv int`, /must be owner of table Tenant/],
    [`ALTER TABLE "AuditLog" DROP CONSTRAINT "AuditLog_pkey"`, /must be owner of table AuditLog/],
    [`DROP TABLE "AuditLog"`, /must be owner of table AuditLog/],
    [`DROP FUNCTION audit_log_append_only() CASCADE`, /must be owner of function/],
    [`CREATE INDEX dbpriv_i ON "Tenant"(name)`, /must be owner of table Tenant/],
  ])("%s is refused", async (sql, message) => {
    expect((await refusal(sql)).message).toMatch(message);
  });

  it("the migrations' bookkeeping is out of reach", async () => {
    expect((await refusal(`SELECT count(*) FROM _prisma_migrations`)).message).toMatch(/permission denied for table _prisma_migrations/);
  });
});

describe("rows, as the app", () => {
  it("ordinary writes work: insert, update and delete through the app's own paths and by hand, as the restricted role", async () => {
    const [me] = await db().$queryRaw<{ user: string; rolsuper: boolean }[]>`SELECT current_user AS user, rolsuper FROM pg_roles WHERE rolname = current_user`;
    expect(me).toEqual({ user: appRole, rolsuper: false });
    const u = await newUser({ prefix: "dbpriv" });
    await db().user.update({ where: { id: u.id }, data: { displayName: "改名" } });
    expect((await db().user.findUniqueOrThrow({ where: { id: u.id } })).displayName).toBe("改名");
    const n = await withClient(appUrl, async (c) => {
      await c.query("BEGIN");
      const r = await c.query(`DELETE FROM "Session" WHERE "userId" = $1`, [u.id]);
      await c.query("ROLLBACK");
      return r.rowCount;
    });
    expect(n).toBe(0);
  });

  it("a district's demo flag is the owner's to set; its other columns are the app's", async () => {
    const { tenant } = await createTenant(db(), ops, { name: "权限区", code: await unusedCode(), adminUsername: uniqueName("dbpriv") });
    expect((await refusal(`UPDATE "Tenant" SET "isDemo" = true WHERE id = $1`, [tenant.id])).message).toMatch(/permission denied for table "?Tenant"?/);
    await db().tenant.update({ where: { id: tenant.id }, data: { name: "权限区（改）" } });
    expect(await db().tenant.findUniqueOrThrow({ where: { id: tenant.id }, select: { name: true, isDemo: true } })).toEqual({ name: "权限区（改）", isDemo: false });
  });
});

describe("the demo purge function", () => {
  it("refuses a real district and leaves its audit trail", async () => {
    const real = await createTenant(db(), ops, { name: "权限区", code: await unusedCode(), adminUsername: uniqueName("dbpriv") });
    const before = await db().auditLog.count({ where: { tenantId: real.tenant.id } });
    expect(before).toBeGreaterThan(0);
    const e = await refusal(`SELECT qingmiao_purge_demo_audit($1::uuid)`, [real.tenant.id]);
    expect(e.message).toMatch(/not a demo district/);
    expect(await db().auditLog.count({ where: { tenantId: real.tenant.id } })).toBe(before);
  });

  it("deletes a demo district's audit rows for the app (rolled back here)", async () => {
    const demo = await db().tenant.findFirstOrThrow({ where: { isDemo: true }, select: { id: true } });
    const count = await db().auditLog.count({ where: { tenantId: demo.id } });
    const n = await withClient(appUrl, async (c) => {
      await c.query("BEGIN");
      try {
        await c.query(`INSERT INTO "AuditLog" ("tenantId", "actorName", action, entity) VALUES ($1, 'itest', 'itest.dbpriv', 'Test')`, [demo.id]);
        return (await c.query<{ n: number }>(`SELECT qingmiao_purge_demo_audit($1::uuid) AS n`, [demo.id])).rows[0].n;
      } finally {
        await c.query("ROLLBACK");
      }
    });
    expect(n).toBe(count + 1);
    expect(await db().auditLog.count({ where: { tenantId: demo.id } })).toBe(count);
  });

  it("is for the app role only, not for PUBLIC", async () => {
    const r = await one<{ pub: boolean; app: boolean }>(
      ownerUrl,
      `SELECT has_function_privilege('public', 'qingmiao_purge_demo_audit(uuid)', 'EXECUTE') AS pub,
              has_function_privilege($1, 'qingmiao_purge_demo_audit(uuid)', 'EXECUTE') AS app`,
      [appRole],
    );
    expect(r).toEqual({ pub: false, app: true });
  });
});

describe("on a fresh database", () => {
  const scratch = scratchDatabase("qm_dbpriv");
  const scratchApp = withUser(scratch.url, appRole, appPassword);
  beforeAll(async () => {
    await scratch.create();
    await migrateAndGrant({ ownerUrl: scratch.url, appUrl: scratchApp }, { log: () => {} });
  }, 120_000);
  afterAll(() => scratch.drop());

  it("removing a demo district from 系统管理 works as the app: its audit rows go, a real district's stay", async () => {
    const prisma = openPrisma(scratchApp);
    try {
      const real = await createTenant(prisma, ops, { name: "真实区", code: "320999", adminUsername: "real.admin" });
      const demoId = crypto.randomUUID();
      await withClient(scratch.url, async (c) => {
        await c.query(`INSERT INTO "Tenant" (id, name, code, "isDemo") VALUES ($1, '演示区', '320888', true)`, [demoId]);
        await c.query(
          `INSERT INTO "OrgUnit" (id, "tenantId", level, kind, name, code, path, depth, "isDemo", "updatedAt")
           VALUES ($1, $1, 'DISTRICT', '区', '演示区', '320888', ARRAY[$1::uuid], 0, true, now())`,
          [demoId],
        );
        await c.query(`INSERT INTO "AuditLog" ("tenantId", "actorName", action, entity) SELECT $1, 'seed', 'itest.x', 'Test' FROM generate_series(1, 3)`, [demoId]);
      });
      const realAudit = await prisma.auditLog.count({ where: { tenantId: real.tenant.id } });
      expect(realAudit).toBeGreaterThan(0);

      const removed = await removeDemoTenants(prisma, { ...ops, via: "session" }, { tenantId: demoId });
      expect(removed).toEqual([{ id: demoId, name: "演示区", code: "320888", rows: { AuditLog: 3, OrgUnit: 1 } }]);
      expect(await prisma.tenant.count({ where: { id: demoId } })).toBe(0);
      expect(await prisma.auditLog.count({ where: { tenantId: demoId } })).toBe(0);
      expect(await prisma.auditLog.count({ where: { tenantId: real.tenant.id } })).toBe(realAudit);
      expect(await prisma.auditLog.count({ where: { action: "tenant.demo_remove", tenantId: null } })).toBe(1);
    } finally {
      await prisma.$disconnect();
    }
  });

  it("the grants are idempotent and survive being applied twice at once", async () => {
    await Promise.all([1, 2, 3].map(() => migrateAndGrant({ ownerUrl: scratch.url, appUrl: scratchApp }, { log: () => {} })));
    expect((await refusal(`DELETE FROM "AuditLog"`, [], scratchApp)).message).toMatch(/permission denied for table "?AuditLog"?/);
    expect((await one<{ n: number }>(scratchApp, `SELECT count(*)::int AS n FROM "Tenant"`)).n).toBe(1);
  });
});

describe("making the app role", () => {
  const role = `qm_dbpriv_${crypto.randomBytes(4).toString("hex")}`;
  afterAll(() => adminSql(`DROP ROLE IF EXISTS ${role}`));

  it("is safe when several connections make it at once, and brings an existing role back to unprivileged", async () => {
    const adminUrl = inject("adminUrl");
    await Promise.all(Array.from({ length: 6 }, () => ensureAppRole(adminUrl, role, "first-pass")));
    await adminSql(`ALTER ROLE ${role} SUPERUSER CREATEDB`);
    await ensureAppRole(adminUrl, role, "second-pass");
    const r = await one<{ n: number; rolsuper: boolean; rolcreatedb: boolean; rolcanlogin: boolean }>(
      adminUrl,
      `SELECT count(*) OVER ()::int AS n, rolsuper, rolcreatedb, rolcanlogin FROM pg_roles WHERE rolname = $1`,
      [role],
    );
    expect(r).toEqual({ n: 1, rolsuper: false, rolcreatedb: false, rolcanlogin: true });
    expect((await one<{ user: string }>(withUser(inject("adminUrl"), role, "second-pass"), "SELECT current_user AS user")).user).toBe(role);
  });
});

/** What `npm start` prepares for the app, from a child process with this environment. */
async function prepareInChild(env: Record<string, string>): Promise<{ report: { app: Record<string, unknown>; owner: string }; out: string }> {
  const r = await runTsx(path.join(ROOT, "tests/support/prepare-report.ts"), [], env);
  const line = r.stdout.split("\n").find((l) => l.startsWith("{"));
  if (r.code !== 0 || !line) throw new Error(`prepare exited ${r.code}: ${r.stderr || r.stdout}`);
  return { report: JSON.parse(line), out: r.stdout };
}

const RESTRICTED = { rolsuper: false, readsTenant: true, appendsAudit: true, updatesAudit: false, createsInSchema: false };

describe("what npm start gives the app", () => {
  it("with no configuration: the embedded cluster, the app as qingmiao_app and the owner as its superuser", async () => {
    const { report } = await prepareInChild({ DATABASE_URL: "", MIGRATE_DATABASE_URL: "", EMBEDDED_DB_NAME: `qm_dbpriv_${crypto.randomBytes(5).toString("hex")}` });
    expect(report.app).toEqual({ user: "qingmiao_app", ...RESTRICTED });
    expect(report.owner).toBe("postgres");
  }, 120_000);

  describe("with DATABASE_URL", () => {
    const scratch = scratchDatabase("qm_dbpriv_url");
    beforeAll(() => scratch.create());
    afterAll(() => scratch.drop());

    it("and MIGRATE_DATABASE_URL: migrated and granted as the owner, the app as DATABASE_URL's restricted role", async () => {
      const { report, out } = await prepareInChild({ DATABASE_URL: withUser(scratch.url, appRole, appPassword), MIGRATE_DATABASE_URL: scratch.url });
      expect(report.app).toEqual({ user: appRole, ...RESTRICTED });
      expect(report.owner).not.toBe(appRole);
      expect(out).not.toContain(SINGLE_ROLE_WARNING);
    }, 120_000);

    it("alone: one role for both, as before, with a warning at start", async () => {
      const { report, out } = await prepareInChild({ DATABASE_URL: scratch.url, MIGRATE_DATABASE_URL: "" });
      expect(report.app.user).toBe(report.owner);
      expect(out).toContain(SINGLE_ROLE_WARNING);
    }, 120_000);
  });
});
