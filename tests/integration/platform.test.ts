/**
 * 系统管理 and the first sign-in (issue 11, deliverables 1–2): the CLI on a real database,
 * a platform admin without district data, districts created, disabled and re-enabled,
 * passwords chosen by someone else changed before anything else works, and the demo
 * districts removed completely (on a throw-away database) while the audit trail stays
 * append-only for everything else.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { encode } from "next-auth/jwt";
import { db } from "@/lib/server/db";
import { signIn, SIGN_IN_MESSAGES } from "@/lib/server/auth/sign-in";
import { actorFromSession, markSessionVerified, resolveSession, sessionRedirect, startSession } from "@/lib/server/auth/session";
import { actorFromBearer } from "@/lib/server/auth/tokens";
import { chooseOwnPassword } from "@/lib/server/auth/first-password";
import { MUST_CHANGE_API_MESSAGE } from "@/lib/server/auth/access";
import { authSecret } from "@/lib/server/auth/secret";
import { hashPassword } from "@/lib/server/auth/password";
import { SESSION_COOKIE } from "@/lib/server/auth/cookie";
import { nowSeconds } from "@/lib/server/auth/session-policy";
import { changeOwnPassword, createUser, resetPassword } from "@/lib/server/users/write-users";
import { createTenant, listTenants, removeDemoTenants, resetAdminPassword, setTenantDisabled } from "@/lib/server/platform/tenants";
import type { PlatformActor } from "@/lib/server/platform/platform-write";
import { migrateDeploy } from "@/lib/server/database/migrate";
import { seedDemo } from "@/prisma/seed";
import { openPrisma } from "@/scripts/lib/prisma";
import { GET as getMe } from "@/app/api/v1/me/route";
import { actorFor } from "../support/actors";
import { lastLine, runScript } from "../support/cli";
import { STRONG_PASSWORD, apiGet, expectAppError, jsonText, routeCtx, tokenFor, uniqueName } from "../support/fixtures";
import { unusedCode } from "../support/own-district";
import { scratchDatabase, sqlRows } from "../support/scratch-db";
import { enrol } from "../support/mfa";

const ROOT = path.resolve(import.meta.dirname, "../..");
const meta = { ip: "10.9.8.7", userAgent: "vitest-platform" };

/** 14 characters from the unambiguous alphabet of lib/server/platform/one-time-password.ts. */
const ONE_TIME = /^[A-HJ-NP-Za-km-z2-9]{14}$/;

/** Claims of a session signed in now, as next-auth issues them. */
async function sessionClaims(username: string) {
  const u = await db().user.findUniqueOrThrow({ where: { username } });
  const t = nowSeconds();
  // Signed in now: a server-side Session row, as the credentials sign-in makes one (past the
  // 两步验证 code step where the user has it: tests/integration/mfa.test.ts covers that step).
  const sid = await startSession(u.id, meta);
  if (u.mfaEnabledAt) await markSessionVerified(sid, u.id);
  return { sub: u.id, sid, sv: u.sessionVersion, authTime: t - 10, lastActive: t - 1 };
}
async function meWithSession(claims: Record<string, unknown>) {
  const cookie = await encode({ token: claims, secret: authSecret() });
  return getMe(new NextRequest("http://localhost:3000/api/v1/me", { headers: { cookie: `${SESSION_COOKIE}=${cookie}` } }), routeCtx({}));
}
const meWithToken = (token: string) => getMe(apiGet("/api/v1/me", token), routeCtx({}));

async function platformAdmin(username: string): Promise<PlatformActor> {
  const u = await db().user.findUniqueOrThrow({ where: { username } });
  return { userId: u.id, username: u.username, displayName: u.displayName, role: "PLATFORM_ADMIN", via: "session", ...meta };
}

describe("npm run platform:admin", () => {
  const username = uniqueName("ops");
  let password = "";

  it("creates a platform admin outside any district; the one-time password is the last line; audited via cli", async () => {
    const r = await runScript("platform-admin.ts", ["--username", username, "--display-name", "运维"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`已创建系统管理员 ${username}`);
    password = lastLine(r.stdout);
    expect(password).toMatch(ONE_TIME);
    expect(r.stdout.trimEnd().split("\n").length).toBeGreaterThan(1);

    const u = await db().user.findUniqueOrThrow({ where: { username } });
    expect(u).toMatchObject({ role: "PLATFORM_ADMIN", tenantId: null, orgUnitId: null, displayName: "运维", mustChangePassword: true });
    const audit = await db().auditLog.findMany({ where: { entityId: u.id, action: "platform_admin.create" } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ tenantId: null, via: "cli", entity: "User" });
    expect(JSON.stringify(audit[0].after)).not.toContain(password);
  });

  it("signs in, but has no district actor and must first choose a new password", async () => {
    const res = await signIn({ username, password }, meta);
    expect(res.ok).toBe(true);
    const claims = await sessionClaims(username);
    const state = await resolveSession(claims, meta);
    expect(state.kind).toBe("must_change");
    expect(sessionRedirect(state as Exclude<typeof state, { kind: "actor" }>)).toBe("/change-password");
    expect(await actorFromSession(claims, meta)).toBeNull();
  });

  it("choosing the password: rules, both entries equal, not the current one, not the published demo password", async () => {
    const who = { userId: (await db().user.findUniqueOrThrow({ where: { username } })).id, sessionId: (await sessionClaims(username)).sid, username, displayName: "运维", role: "PLATFORM_ADMIN" as const, ...meta };
    let e = await expectAppError(chooseOwnPassword(who, { password: "abc", confirm: "abc" }), "INVALID");
    expect(e.issues.map((i) => i.path)).toContain("password");
    e = await expectAppError(chooseOwnPassword(who, { password: STRONG_PASSWORD, confirm: "Other-Pass-2026" }), "INVALID");
    expect(e.issues).toEqual([{ path: "confirm", message: "两次输入的新密码不一致" }]);
    e = await expectAppError(chooseOwnPassword(who, { password, confirm: password }), "INVALID");
    expect(e.issues[0].message).toBe("新密码不能与当前密码相同");
    e = await expectAppError(chooseOwnPassword(who, { password: "Demo@2026", confirm: "Demo@2026" }), "INVALID");
    expect(e.issues[0].path).toBe("password");
    expect((await db().user.findUniqueOrThrow({ where: { username } })).mustChangePassword).toBe(true);
  });

  it("after choosing a password: a platform session (not a district one), the old session ended, /api/v1/me is 401", async () => {
    const oldClaims = await sessionClaims(username);
    const u = await db().user.findUniqueOrThrow({ where: { username } });
    const { sessionVersion } = await chooseOwnPassword(
      { userId: u.id, sessionId: oldClaims.sid, username, displayName: u.displayName, role: "PLATFORM_ADMIN", ...meta },
      { password: STRONG_PASSWORD, confirm: STRONG_PASSWORD },
    );
    const after = await db().user.findUniqueOrThrow({ where: { username } });
    expect(after.mustChangePassword).toBe(false);
    expect(after.sessionVersion).toBe(sessionVersion);
    expect((await resolveSession(oldClaims, meta)).kind).toBe("none");

    const claims = { ...oldClaims, sv: sessionVersion };
    // Required of platform admins: 两步验证 is set up next, in this session.
    expect((await resolveSession(claims, meta)).kind).toBe("mfa_enrol");
    await enrol(u.id, claims.sid);
    expect((await resolveSession(claims, meta)).kind).toBe("platform");
    expect(await actorFromSession(claims, meta)).toBeNull();
    const res = await meWithSession(claims);
    expect(res.status).toBe(401);
    expect((await res.json()).error).toBe("unauthorized");
    expect((await signIn({ username, password: STRONG_PASSWORD }, meta)).ok).toBe(true);
  });

  it("run again for the same username: resets the password and says so", async () => {
    const r = await runScript("platform-admin.ts", ["--username", username]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("已重置");
    expect(lastLine(r.stdout)).toMatch(ONE_TIME);
    expect((await db().user.findUniqueOrThrow({ where: { username } })).mustChangePassword).toBe(true);
    expect((await signIn({ username, password: lastLine(r.stdout) }, meta)).ok).toBe(true);
  });

  it("refuses a district user's name, with a Chinese message on stderr and a non-zero exit", async () => {
    const r = await runScript("platform-admin.ts", ["--username", "district.admin"]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain("已是某个区的账号");
    expect(r.stdout).toBe("");
    expect((await db().user.findUniqueOrThrow({ where: { username: "district.admin" } })).role).toBe("DISTRICT_ADMIN");
  });
});

describe("npm run tenant:create and the new district's first sign-in", () => {
  const adminName = uniqueName("qh");
  let code = "";
  let password = "";

  it("creates a real district, its root unit and an admin who must change the password", async () => {
    code = await unusedCode();
    const r = await runScript("tenant-create.ts", ["--name", "清河区", "--code", code, "--admin", adminName, "--display-name", "钱主任"]);
    expect(r.code, r.stderr).toBe(0);
    password = lastLine(r.stdout);
    expect(password).toMatch(ONE_TIME);

    const tenant = await db().tenant.findUniqueOrThrow({ where: { code }, include: { orgUnits: true, users: true } });
    expect(tenant).toMatchObject({ name: "清河区", isDemo: false, disabledAt: null });
    expect(tenant.orgUnits).toHaveLength(1);
    const root = tenant.orgUnits[0];
    expect(root).toMatchObject({ level: "DISTRICT", kind: "区", code, name: "清河区", parentId: null, depth: 0, path: [root.id], active: true });
    expect(tenant.users).toHaveLength(1);
    expect(tenant.users[0]).toMatchObject({ username: adminName, displayName: "钱主任", role: "DISTRICT_ADMIN", orgUnitId: root.id, mustChangePassword: true });
    const audit = await db().auditLog.findFirstOrThrow({ where: { action: "tenant.create", entityId: tenant.id } });
    expect(audit).toMatchObject({ tenantId: tenant.id, via: "cli", actorId: null });
    expect(jsonText(audit)).not.toContain(password);
  });

  it("refuses a duplicate code and a duplicate username (Chinese, stderr, non-zero), writing nothing", async () => {
    const before = await db().tenant.count();
    let r = await runScript("tenant-create.ts", ["--name", "重复区", "--code", code, "--admin", uniqueName("dup")]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain(`区划代码 ${code} 已被“清河区”使用`);
    r = await runScript("tenant-create.ts", ["--name", "重复区", "--code", await unusedCode(), "--admin", adminName]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain(`用户名 ${adminName} 已被使用`);
    r = await runScript("tenant-create.ts", ["--name", "重复区", "--code", "12345", "--admin", uniqueName("dup")]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain("区划代码为 6 位数字");
    expect(await db().tenant.count()).toBe(before);
  });

  it("until the admin chooses a password: no actor, no page, and the API refuses session and token alike", async () => {
    expect((await signIn({ username: adminName, password }, meta)).ok).toBe(true);
    const claims = await sessionClaims(adminName);
    expect((await resolveSession(claims, meta)).kind).toBe("must_change");
    expect(await actorFromSession(claims, meta)).toBeNull();

    let res = await meWithSession(claims);
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: "unauthorized", message: MUST_CHANGE_API_MESSAGE });

    const { token } = await tokenFor(adminName);
    expect(await actorFromBearer(`Bearer ${token}`, meta)).toBeNull();
    res = await meWithToken(token);
    expect(res.status).toBe(401);
    expect((await res.json()).message).toBe("请先登录网页修改初始密码");
  });

  it("after choosing: this session carries on under the new version, the token works, /me answers the district", async () => {
    const u = await db().user.findUniqueOrThrow({ where: { username: adminName } });
    const claims = await sessionClaims(adminName);
    const { sessionVersion } = await chooseOwnPassword(
      { userId: u.id, sessionId: claims.sid, username: adminName, displayName: u.displayName, role: u.role, ...meta },
      { password: "Qinghe-Admin#26", confirm: "Qinghe-Admin#26" },
    );
    // A district admin of a real district: 两步验证 is set up next, in this session.
    expect((await resolveSession({ ...claims, sv: sessionVersion }, meta)).kind).toBe("mfa_enrol");
    await enrol(u.id, claims.sid);
    const actor = await actorFromSession({ ...claims, sv: sessionVersion }, meta);
    expect(actor).toMatchObject({ username: adminName, role: "DISTRICT_ADMIN", tenantId: u.tenantId, tenantIsDemo: false });

    const res = await meWithSession({ ...claims, sv: sessionVersion });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ username: adminName, orgUnit: { name: "清河区", level: "DISTRICT" } });
    const { token } = await tokenFor(adminName);
    expect((await meWithToken(token)).status).toBe(200);
    const audit = await db().auditLog.findFirstOrThrow({ where: { action: "user.choose_own_password", entityId: u.id } });
    expect(audit).toMatchObject({ tenantId: u.tenantId, actorId: u.id, via: "session" });
  });

  it("a platform admin resets the district admin's password: one-time, sessions end, must change again", async () => {
    const ops = uniqueName("ops");
    const made = await runScript("platform-admin.ts", ["--username", ops]);
    expect(made.code, made.stderr).toBe(0);
    const admin = await platformAdmin(ops);
    const claims = await sessionClaims(adminName);
    const u = await db().user.findUniqueOrThrow({ where: { username: adminName } });
    const r = await resetAdminPassword(db(), admin, { userId: u.id });
    expect(r.password).toMatch(ONE_TIME);
    expect((await resolveSession(claims, meta)).kind).toBe("none");
    expect((await signIn({ username: adminName, password: r.password }, meta)).ok).toBe(true);
    expect((await resolveSession(await sessionClaims(adminName), meta)).kind).toBe("must_change");
    const audit = await db().auditLog.findFirstOrThrow({ where: { action: "tenant.reset_admin_password", entityId: u.id } });
    expect(audit).toMatchObject({ tenantId: u.tenantId, actorId: admin.userId, via: "session" });
    // Only district admins: a platform admin's own account is not reset through this path.
    await expectAppError(resetAdminPassword(db(), admin, { userId: admin.userId }), "NOT_FOUND");
  });
});

describe("disabling a district", () => {
  let ops: PlatformActor;
  let tenantId = "";
  const adminName = uniqueName("off");
  const pw = "Disable-Test#26";

  beforeAll(async () => {
    const name = uniqueName("ops");
    const made = await runScript("platform-admin.ts", ["--username", name]);
    expect(made.code, made.stderr).toBe(0);
    ops = await platformAdmin(name);
    const r = await createTenant(db(), ops, { name: "停用测试区", code: await unusedCode(), adminUsername: adminName });
    tenantId = r.tenant.id;
    // As if the admin had already chosen their own password and set up 两步验证 at the first sign-in.
    const admin = await db().user.update({ where: { username: adminName }, data: { mustChangePassword: false, passwordHash: await hashPassword(pw) } });
    await enrol(admin.id);
  });

  it("refuses sign-in with a clear message and ends sessions and tokens at once; re-enabling lets them back", async () => {
    const claims = await sessionClaims(adminName);
    const { token } = await tokenFor(adminName);
    expect(await actorFromSession(claims, meta)).not.toBeNull();
    expect((await meWithToken(token)).status).toBe(200);

    const t = await setTenantDisabled(db(), ops, { tenantId, disabled: true });
    expect(t.disabledAt).toBeInstanceOf(Date);
    expect(await signIn({ username: adminName, password: pw }, meta)).toEqual({ ok: false, message: SIGN_IN_MESSAGES.tenantDisabled });
    expect(SIGN_IN_MESSAGES.tenantDisabled).toMatch(/^该区已停用/);
    // A wrong password learns nothing about the district.
    expect(await signIn({ username: adminName, password: "Wrong-pass-123" }, meta)).toEqual({ ok: false, message: SIGN_IN_MESSAGES.wrong });
    const state = await resolveSession(claims, meta);
    expect(state).toEqual({ kind: "none", tenantDisabled: true });
    expect(sessionRedirect(state as { kind: "none"; tenantDisabled?: boolean })).toBe("/login?reason=tenant");
    expect(await actorFromBearer(`Bearer ${token}`, meta)).toBeNull();
    expect((await meWithToken(token)).status).toBe(401);

    await setTenantDisabled(db(), ops, { tenantId, disabled: false });
    expect((await signIn({ username: adminName, password: pw }, meta)).ok).toBe(true);
    expect(await actorFromSession(claims, meta)).not.toBeNull();
    expect((await meWithToken(token)).status).toBe(200);

    const audit = await db().auditLog.findMany({ where: { action: "tenant.set_disabled", entityId: tenantId }, orderBy: { id: "asc" } });
    expect(audit).toHaveLength(2);
    expect(audit.map((a) => a.actorId)).toEqual([ops.userId, ops.userId]);
    expect(audit.every((a) => a.tenantId === tenantId)).toBe(true);
  });

  it("only a platform admin may act, and bad input changes nothing", async () => {
    const district = await actorFor("district.admin");
    const notPlatform = { ...ops, role: district.role } as unknown as PlatformActor;
    await expectAppError(setTenantDisabled(db(), notPlatform, { tenantId, disabled: true }), "FORBIDDEN");
    await expectAppError(listTenants(db(), notPlatform), "FORBIDDEN");
    const e = await expectAppError(createTenant(db(), ops, { name: "", code: "abc", adminUsername: "X" }), "INVALID");
    expect(e.issues.map((i) => i.path).sort()).toEqual(["adminUsername", "code", "name"]);
    expect((await db().tenant.findUniqueOrThrow({ where: { id: tenantId } })).disabledAt).toBeNull();
  });

  it("the platform admin sees districts as names, codes, states and counts only", async () => {
    const rows = await listTenants(db(), ops);
    const mine = rows.find((r) => r.id === tenantId)!;
    expect(mine).toMatchObject({ name: "停用测试区", isDemo: false, disabledAt: null, userCount: 1, unitCount: 1 });
    expect(mine.admins.map((a) => a.username)).toEqual([adminName]);
    const demo = rows.find((r) => r.code === "320812")!;
    expect(demo).toMatchObject({ name: "清江浦区", isDemo: true });
    expect(demo.unitCount).toBeGreaterThan(100);
    expect(Object.keys(demo).sort()).toEqual(["admins", "code", "createdAt", "disabledAt", "id", "isDemo", "name", "unitCount", "userCount"]);
    expect(Object.keys(demo.admins[0]).sort()).toEqual(["disabledAt", "displayName", "id", "mfaEnabledAt", "mustChangePassword", "username"]);
  });
});

describe("the demo districts and passwords chosen by a district admin", () => {
  it("both demo districts are demo tenants; their users keep the published password without a forced change", async () => {
    const demos = await db().tenant.findMany({ where: { code: { in: ["320812", "320804"] } } });
    expect(demos.map((t) => t.isDemo)).toEqual([true, true]);
    expect(await db().user.count({ where: { tenant: { isDemo: true }, mustChangePassword: true, username: { in: ["district.admin", "town.admin", "unit.admin", "station.coord", "leader", "huaiyin.admin"] } } })).toBe(0);
    expect((await actorFor("district.admin")).tenantIsDemo).toBe(true);
    expect((await signIn({ username: "district.admin", password: "Demo@2026" }, meta)).ok).toBe(true);
  });

  it("createUser and resetPassword make the user choose their own; the settings page's own change clears it", async () => {
    const admin = await actorFor("district.admin");
    const username = uniqueName("nu");
    const u = await createUser(admin, { username, displayName: "新人", role: "DISTRICT_ADMIN", orgUnitId: admin.orgUnitId, password: STRONG_PASSWORD });
    expect((await db().user.findUniqueOrThrow({ where: { id: u.id } })).mustChangePassword).toBe(true);
    expect(await actorFromSession(await sessionClaims(username), meta)).toBeNull();
    await db().user.update({ where: { id: u.id }, data: { mustChangePassword: false } });

    await resetPassword(admin, { id: u.id, password: "Reset-Pass-2026" });
    expect((await db().user.findUniqueOrThrow({ where: { id: u.id } })).mustChangePassword).toBe(true);

    // The own change on the settings page needs an actor; give the user one the way the first sign-in would.
    await db().user.update({ where: { id: u.id }, data: { mustChangePassword: false } });
    const me = await actorFromSession(await sessionClaims(username), meta);
    expect(me).not.toBeNull();
    await db().user.update({ where: { id: u.id }, data: { mustChangePassword: true } });
    await changeOwnPassword(me!, { currentPassword: "Reset-Pass-2026", password: "Own-Choice#2026", confirm: "Own-Choice#2026" });
    expect((await db().user.findUniqueOrThrow({ where: { id: u.id } })).mustChangePassword).toBe(false);
    await expectAppError(changeOwnPassword((await actorFromSession(await sessionClaims(username), meta))!, { currentPassword: "Own-Choice#2026", password: "Demo@2026", confirm: "Demo@2026" }), "INVALID");
  });
});

describe("removing the demo (throw-away database)", () => {
  const scratch = scratchDatabase("qm_demo");
  const { url } = scratch;
  const sql = <R extends pg.QueryResultRow>(text: string, params: unknown[] = [], target = url) => sqlRows<R>(target, text, params);
  /** Rows per tenant-owned table for these tenants. */
  async function rowsOf(tenantIds: string[]) {
    const tables = (await sql<{ t: string }>(`SELECT table_name AS t FROM information_schema.columns WHERE table_schema = 'public' AND column_name = 'tenantId'`)).map((r) => r.t);
    const out: Record<string, number> = {};
    for (const t of tables) out[t] = (await sql<{ n: number }>(`SELECT count(*)::int AS n FROM "${t}" WHERE "tenantId" = ANY($1::uuid[])`, [tenantIds]))[0].n;
    return out;
  }

  beforeAll(async () => {
    await scratch.create();
    await migrateDeploy(url, { log: () => {} });
    const prisma = openPrisma(url);
    try {
      await seedDemo(prisma);
    } finally {
      await prisma.$disconnect();
    }
  }, 180_000);
  afterAll(() => scratch.drop());

  it("npm run demo -- off / on switches every demo district off and on", async () => {
    let r = await runScript("demo.ts", ["off"], url);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("已停用演示区 清江浦区");
    expect((await sql<{ n: number }>(`SELECT count(*)::int AS n FROM "Tenant" WHERE "isDemo" AND "disabledAt" IS NOT NULL`))[0].n).toBe(2);
    r = await runScript("demo.ts", ["on"], url);
    expect(r.code, r.stderr).toBe(0);
    expect((await sql<{ n: number }>(`SELECT count(*)::int AS n FROM "Tenant" WHERE "disabledAt" IS NOT NULL`))[0].n).toBe(0);
  });

  it("the audit trail stays append-only: an ordinary DELETE, UPDATE or TRUNCATE is refused, and the purge setting only opens a demo district's rows", async () => {
    const [demo] = await sql<{ id: string }>(`SELECT id FROM "Tenant" WHERE code = '320812'`);
    const [row] = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM "AuditLog" WHERE "tenantId" = $1`, [demo.id]);
    expect(row.n).toBeGreaterThan(0); // demo off/on above left entries
    await expect(sql(`DELETE FROM "AuditLog" WHERE "tenantId" = $1`, [demo.id])).rejects.toThrow(/append-only/);
    await expect(sql(`DELETE FROM "AuditLog"`)).rejects.toThrow(/append-only/);
    await expect(sql(`UPDATE "AuditLog" SET action = 'x'`)).rejects.toThrow(/append-only/);
    await expect(sql(`TRUNCATE "AuditLog"`)).rejects.toThrow(/append-only/);
    // The setting names the demo district, but the rows deleted belong to no district: refused.
    await sql(`INSERT INTO "AuditLog" ("actorName", action, entity) VALUES ('itest', 'itest.no_tenant', 'Test')`);
    await expect(
      sql(`DO $$ BEGIN PERFORM set_config('qingmiao.purge_demo_tenant', '${demo.id}', true); DELETE FROM "AuditLog" WHERE "tenantId" IS NULL; END $$`),
    ).rejects.toThrow(/append-only/);
    // A real district named in the setting: refused too.
    const prisma = openPrisma(url);
    try {
      const ops: PlatformActor = { userId: null, username: "itest", displayName: "itest", role: "PLATFORM_ADMIN", via: "cli", ip: null, userAgent: null };
      const real = await createTenant(prisma, ops, { name: "真实区", code: "320999", adminUsername: "real.admin" });
      await expect(
        sql(`DO $$ BEGIN PERFORM set_config('qingmiao.purge_demo_tenant', '${real.tenant.id}', true); DELETE FROM "AuditLog" WHERE "tenantId" = '${real.tenant.id}'; END $$`),
      ).rejects.toThrow(/append-only/);
      // And the removal path refuses a real district by construction.
      await expectAppError(removeDemoTenants(prisma, ops, { tenantId: real.tenant.id }), "NOT_FOUND");
    } finally {
      await prisma.$disconnect();
    }
    expect((await sql<{ n: number }>(`SELECT count(*)::int AS n FROM "AuditLog" WHERE "tenantId" = $1`, [demo.id]))[0].n).toBe(row.n);
  });

  it("npm run demo -- remove deletes every row of both demo districts and nothing of the real one; the demo stays removed", async () => {
    const demoIds = (await sql<{ id: string }>(`SELECT id FROM "Tenant" WHERE "isDemo"`)).map((r) => r.id);
    expect(demoIds).toHaveLength(2);
    const [real] = await sql<{ id: string }>(`SELECT id FROM "Tenant" WHERE code = '320999'`);
    const demoBefore = await rowsOf(demoIds);
    expect(demoBefore.Volunteer).toBeGreaterThan(0);
    expect(demoBefore.AuditLog).toBeGreaterThan(0);
    const realBefore = await rowsOf([real.id]);
    expect(realBefore.AuditLog).toBe(1);

    const r = await runScript("demo.ts", ["remove"], url);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("已删除演示区 清江浦区");

    const demoAfter = await rowsOf(demoIds);
    expect(Object.values(demoAfter).every((n) => n === 0), JSON.stringify(demoAfter)).toBe(true);
    expect(await sql(`SELECT id FROM "Tenant" WHERE id = ANY($1::uuid[])`, [demoIds])).toEqual([]);
    expect(await sql(`SELECT id FROM "User" WHERE username IN ('district.admin', 'huaiyin.admin')`)).toEqual([]);
    expect(await rowsOf([real.id])).toEqual(realBefore);

    const kept = await sql<{ tenantId: string | null; via: string; after: { removed: { code: string }[] } }>(
      `SELECT "tenantId", via, after FROM "AuditLog" WHERE action = 'tenant.demo_remove'`,
    );
    expect(kept).toHaveLength(1);
    expect(kept[0]).toMatchObject({ tenantId: null, via: "cli" });
    expect(kept[0].after.removed.map((t) => t.code).sort()).toEqual(["320804", "320812"]);

    // A removed demo stays removed: the next start seeds nothing.
    const prisma = openPrisma(url);
    try {
      expect(await seedDemo(prisma)).toBe(false);
      expect(await prisma.tenant.count({ where: { isDemo: true } })).toBe(0);
    } finally {
      await prisma.$disconnect();
    }
  });
});

describe("a database seeded before 清江浦区 was a demo tenant", () => {
  const scratch = scratchDatabase("qm_demoup");
  const { url } = scratch;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "qm-demo-up-"));
  afterAll(async () => {
    await scratch.drop();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it("is upgraded by the migration: a district seeded as demo data becomes a demo tenant; a real one stays real", async () => {
    const all = path.join(ROOT, "prisma/migrations");
    const names = fs.readdirSync(all).filter((n) => fs.statSync(path.join(all, n)).isDirectory()).sort();
    const upgrade = names.findIndex((n) => n.endsWith("_demo_tenant_purge"));
    expect(upgrade).toBeGreaterThan(0);
    for (const n of names.slice(0, upgrade)) fs.cpSync(path.join(all, n), path.join(tmp, n), { recursive: true });

    await scratch.create();
    await migrateDeploy(url, { dir: tmp, log: () => {} });
    const prisma = openPrisma(url);
    try {
      await seedDemo(prisma);
      // A real district of that time, written as rows of that schema (today's code writes
      // columns later migrations add).
      await prisma.$executeRaw`INSERT INTO "Tenant" (id, name, code) VALUES (gen_random_uuid(), '真实区', '320998')`;
      // What the earlier seed wrote for 清江浦区.
      await prisma.tenant.update({ where: { code: "320812" }, data: { isDemo: false } });

      await migrateDeploy(url, { log: () => {} });
      const tenants = await prisma.tenant.findMany({ orderBy: { code: "asc" }, select: { code: true, isDemo: true } });
      expect(tenants).toEqual([
        { code: "320804", isDemo: true },
        { code: "320812", isDemo: true },
        { code: "320998", isDemo: false },
      ]);
    } finally {
      await prisma.$disconnect();
    }
  });
});
