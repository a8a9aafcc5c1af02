/**
 * 两步验证 (issue 12): setting it up, the state that holds an unenrolled district admin of a
 * real district (but not a demo district's) to the set-up page, the code step of a sign-in,
 * wrong codes counted like wrong passwords, replayed codes refused (concurrent submissions
 * included), recovery codes used once, an administrator's reset (scoped, audited), turning it
 * off, and tokens that need a code.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { encode } from "next-auth/jwt";
import { db } from "@/lib/server/db";
import { signIn, SECOND_FACTOR_MESSAGES, SIGN_IN_MESSAGES } from "@/lib/server/auth/sign-in";
import { resolveSession, sessionRedirect, startSession, type SessionResolution } from "@/lib/server/auth/session";
import { MFA_ENROL_API_MESSAGE } from "@/lib/server/auth/access";
import { authSecret } from "@/lib/server/auth/secret";
import { SESSION_COOKIE } from "@/lib/server/auth/cookie";
import { nowSeconds } from "@/lib/server/auth/session-policy";
import { hashPassword } from "@/lib/server/auth/password";
import { confirmEnrolment, disableOwnMfa, enrolmentKey, renewRecoveryCodes, verifySignInCode, type MfaSelf } from "@/lib/server/auth/mfa-self";
import { TOTP_PERIOD_SECONDS, openSecret, timeStep, totpCode } from "@/lib/server/auth/mfa";
import { resetUserMfa } from "@/lib/server/users/write-mfa";
import { resetAdminMfa } from "@/lib/server/platform/admin-mfa";
import { createTenant, ensurePlatformAdmin } from "@/lib/server/platform/tenants";
import { cliActor, type PlatformActor } from "@/lib/server/platform/platform-write";
import { createToken } from "@/lib/server/users/write-users";
import { GET as getMe } from "@/app/api/v1/me/route";
import { POST as postVolunteer } from "@/app/api/v1/volunteers/route";
import { actorFor } from "../support/actors";
import { runScript } from "../support/cli";
import { STRONG_PASSWORD, apiGet, demoUnits, expectAppError, jsonText, newUser, routeCtx, tokenFor, uniqueName } from "../support/fixtures";
import { unusedCode } from "../support/own-district";
import { enrol, forgetUsedSteps, nextCode } from "../support/mfa";

/** Each sign-in from its own address, so one test's failures never throttle another's. */
const newMeta = () => ({ ip: `10.${randomBytes(1)[0]}.${randomBytes(1)[0]}.${randomBytes(1)[0]}`, userAgent: "vitest-mfa" });

/** Password step done (as the credentials sign-in does it): the session and its claims. */
async function passwordStep(username: string, password: string, meta = newMeta()) {
  expect(await signIn({ username, password }, meta)).toMatchObject({ ok: true });
  const u = await db().user.findUniqueOrThrow({ where: { username } });
  const sid = await startSession(u.id, meta);
  const t = nowSeconds();
  const claims = { sub: u.id, sid, sv: u.sessionVersion, authTime: t - 5, lastActive: t - 1 };
  const self: MfaSelf = { userId: u.id, sessionId: sid, username, ...meta };
  return { u, claims, self, meta };
}

const kind = async (claims: Record<string, unknown>, meta = newMeta()) => (await resolveSession(claims as never, meta)).kind;

async function withCookie(claims: Record<string, unknown>, path = "/api/v1/me", init: { method?: string; body?: string } = {}) {
  const cookie = await encode({ token: claims, secret: authSecret() });
  return new NextRequest(`http://localhost:3000${path}`, {
    method: init.method ?? "GET",
    body: init.body,
    headers: { cookie: `${SESSION_COOKIE}=${cookie}`, origin: "http://localhost:3000", "content-type": "application/json", "user-agent": "vitest" },
  });
}

/** A district admin of a brand-new real district (as tenant:create makes one), with a password of their own. */
async function realDistrictAdmin() {
  const adminUsername = uniqueName("mfa-da");
  const r = await createTenant(db(), cliActor(), { name: "两步区", code: await unusedCode(), adminUsername });
  await db().user.update({ where: { id: r.admin.id }, data: { mustChangePassword: false, passwordHash: await hashPassword(STRONG_PASSWORD) } });
  return { username: adminUsername, id: r.admin.id, tenantId: r.tenant.id, rootUnitId: r.rootUnit.id };
}

/** A town admin of the demo district who has set up 两步验证 (optional for the role). */
async function enrolledTownUser() {
  const units = await demoUnits();
  const u = await newUser({ role: "TOWN_ADMIN", orgUnitId: units.town.id, prefix: "mfa" });
  const e = await enrol(u.id);
  return { ...u, ...e };
}

describe("setting up 两步验证", () => {
  it("shows one key until confirmed; a wrong code is refused; the right one turns it on, keeps the secret encrypted and gives ten recovery codes once", async () => {
    const units = await demoUnits();
    const u = await newUser({ role: "TOWN_ADMIN", orgUnitId: units.town.id, prefix: "mfa" });
    const { claims, self } = await passwordStep(u.username, u.password);
    const key = await enrolmentKey(u.id);
    expect(key).not.toBeNull();
    expect(key!.key).toMatch(/^([A-Z2-7]{4} ){7}[A-Z2-7]{4}$/);
    expect(key!.qr).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(Buffer.from(key!.qr.split(",")[1], "base64").toString()).toContain("<svg");
    expect((await enrolmentKey(u.id))!.key).toBe(key!.key); // a reload shows the same key
    const secret = key!.key.replace(/ /g, "");

    const wrong = String((Number(totpCode(secret)) + 1) % 1_000_000).padStart(6, "0");
    const e = await expectAppError(confirmEnrolment(self, { code: wrong }), "INVALID");
    expect(e.issues[0]).toMatchObject({ path: "code" });
    expect((await db().user.findUniqueOrThrow({ where: { id: u.id } })).mfaEnabledAt).toBeNull();

    const { recoveryCodes } = await confirmEnrolment(self, { code: totpCode(secret) });
    expect(recoveryCodes).toHaveLength(10);
    const row = await db().user.findUniqueOrThrow({ where: { id: u.id } });
    expect(row.mfaEnabledAt).toBeInstanceOf(Date);
    expect(row.mfaPendingSecret).toBeNull();
    expect(row.mfaSecret).not.toContain(secret);
    expect(openSecret(row.mfaSecret!, u.id)).toBe(secret);
    expect(row.mfaRecoveryCodes).toHaveLength(10);
    expect(row.mfaLastStep).not.toBeNull();
    for (const c of recoveryCodes) expect(row.mfaRecoveryCodes.join()).not.toContain(c.replace(/-/g, ""));
    expect(await enrolmentKey(u.id)).toBeNull();

    // This session confirmed a code: it carries on. Another session must pass the code step.
    expect(await kind(claims)).toBe("actor");
    const other = await passwordStep(u.username, u.password);
    expect(await kind(other.claims)).toBe("mfa_verify");

    const audit = await db().auditLog.findFirstOrThrow({ where: { action: "user.mfa_enrolled", entityId: u.id } });
    expect(audit).toMatchObject({ tenantId: (await actorFor(u.username)).tenantId, actorId: u.id, via: "session" });
    const text = jsonText(audit);
    expect(text).not.toContain(secret);
    for (const c of recoveryCodes) expect(text).not.toContain(c);
  });
});

describe("required for a district admin of a real district", () => {
  it("until set up: only the set-up page — no district actor, the API refuses the session and any token", async () => {
    const da = await realDistrictAdmin();
    const { claims, self } = await passwordStep(da.username, STRONG_PASSWORD);
    const state = await resolveSession(claims, newMeta());
    expect(state.kind).toBe("mfa_enrol");
    expect(sessionRedirect(state as Exclude<SessionResolution, { kind: "actor" }>)).toBe("/two-step/setup");

    const me = await getMe(await withCookie(claims), routeCtx({}));
    expect(me.status).toBe(401);
    const write = await postVolunteer(await withCookie(claims, "/api/v1/volunteers", { method: "POST", body: "{}" }), routeCtx({}));
    expect(write.status).toBe(401);
    const before = await db().accessToken.count({ where: { userId: da.id } });
    const { token } = await tokenFor(da.username); // a token made by other means before the requirement
    const res = await getMe(apiGet("/api/v1/me", token), routeCtx({}));
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: "unauthorized", message: MFA_ENROL_API_MESSAGE });
    expect(await db().accessToken.count({ where: { userId: da.id } })).toBe(before + 1);

    // Setting it up opens everything: this session, the API, the token.
    const key = await enrolmentKey(da.id);
    await confirmEnrolment(self, { code: totpCode(key!.key.replace(/ /g, "")) });
    expect(await kind(claims)).toBe("actor");
    expect((await getMe(await withCookie(claims), routeCtx({}))).status).toBe(200);
    expect((await getMe(apiGet("/api/v1/me", token), routeCtx({}))).status).toBe(200);
  });

  it("a platform admin too; but not a demo district's admin, who signs in with the password only", async () => {
    const ops = uniqueName("mfa-ops");
    await ensurePlatformAdmin(db(), cliActor(), { username: ops });
    await db().user.update({ where: { username: ops }, data: { mustChangePassword: false, passwordHash: await hashPassword(STRONG_PASSWORD) } });
    expect(await kind((await passwordStep(ops, STRONG_PASSWORD)).claims)).toBe("mfa_enrol");

    const demoAdmin = await newUser({ role: "DISTRICT_ADMIN", prefix: "mfa-demo" });
    const { claims } = await passwordStep(demoAdmin.username, demoAdmin.password);
    expect(await kind(claims)).toBe("actor");
    expect((await getMe(await withCookie(claims), routeCtx({}))).status).toBe(200);
    expect((await getMe(apiGet("/api/v1/me", (await tokenFor(demoAdmin.username)).token), routeCtx({}))).status).toBe(200);
    expect(await kind((await passwordStep("district.admin", "Demo@2026")).claims)).toBe("actor");
  });
});

describe("the code step of a sign-in", () => {
  it("after the password only the code page; a right code makes the session usable; audited", async () => {
    const u = await enrolledTownUser();
    await forgetUsedSteps(u.id);
    const { claims, self } = await passwordStep(u.username, u.password);
    const state = await resolveSession(claims, newMeta());
    expect(state.kind).toBe("mfa_verify");
    expect(sessionRedirect(state as Exclude<SessionResolution, { kind: "actor" }>)).toBe("/two-step");
    expect((await getMe(await withCookie(claims), routeCtx({}))).status).toBe(401);

    expect(await verifySignInCode(self, { code: await nextCode(u.id, u.secret) })).toEqual({ ok: true, method: "totp" });
    expect(await kind(claims)).toBe("actor");
    expect((await getMe(await withCookie(claims), routeCtx({}))).status).toBe(200);
    expect(await db().auditLog.count({ where: { action: "auth.mfa_verified", entityId: u.id } })).toBe(1);
  });

  it("wrong codes count like wrong passwords: the fifth locks the account, and then even the right code and password are refused", async () => {
    const u = await enrolledTownUser();
    await forgetUsedSteps(u.id);
    const { claims, self, meta } = await passwordStep(u.username, u.password);
    const right = totpCode(u.secret);
    const wrong = String((Number(right) + 7) % 1_000_000).padStart(6, "0");
    for (let i = 0; i < 4; i++) {
      expect(await verifySignInCode(self, { code: wrong })).toEqual({ ok: false, message: SECOND_FACTOR_MESSAGES.wrong });
    }
    expect(await verifySignInCode(self, { code: wrong })).toEqual({ ok: false, message: SECOND_FACTOR_MESSAGES.locked });
    const row = await db().user.findUniqueOrThrow({ where: { id: u.id } });
    expect(row.lockedUntil!.getTime()).toBeGreaterThan(Date.now() + 25 * 60_000);
    expect(await verifySignInCode(self, { code: right })).toEqual({ ok: false, message: SECOND_FACTOR_MESSAGES.locked });
    expect(await kind(claims)).toBe("mfa_verify");
    expect(await signIn({ username: u.username, password: u.password }, meta)).toEqual({ ok: false, message: SIGN_IN_MESSAGES.wrong });

    const failed = await db().auditLog.findMany({ where: { entityId: u.id, action: { in: ["auth.mfa_failed", "auth.locked"] } }, orderBy: { id: "asc" } });
    expect(failed.map((a) => a.action)).toEqual(["auth.mfa_failed", "auth.mfa_failed", "auth.mfa_failed", "auth.mfa_failed", "auth.locked", "auth.mfa_failed"]);
    expect(failed[0].after).toMatchObject({ purpose: "sign_in", reason: "wrong_code" });
    expect(failed[5].after).toMatchObject({ reason: "locked" });
    expect(jsonText(failed)).not.toContain(wrong);
  });

  it("a code is used once: the same code again is refused, and of two concurrent submissions exactly one wins", async () => {
    const u = await enrolledTownUser();
    await forgetUsedSteps(u.id);
    const a = await passwordStep(u.username, u.password);
    const b = await passwordStep(u.username, u.password);
    const code = await nextCode(u.id, u.secret);
    expect((await verifySignInCode(a.self, { code })).ok).toBe(true);
    expect(await verifySignInCode(b.self, { code })).toEqual({ ok: false, message: SECOND_FACTOR_MESSAGES.wrong });
    expect(await kind(b.claims)).toBe("mfa_verify");
    const replay = await db().auditLog.findFirstOrThrow({ where: { entityId: u.id, action: "auth.mfa_failed" } });
    expect(replay.after).toMatchObject({ reason: "replayed" });

    // Two browsers submit one fresh code at the same moment.
    await forgetUsedSteps(u.id);
    const c = await passwordStep(u.username, u.password);
    const d = await passwordStep(u.username, u.password);
    const fresh = await nextCode(u.id, u.secret);
    const results = await Promise.all([verifySignInCode(c.self, { code: fresh }), verifySignInCode(d.self, { code: fresh })]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect((await Promise.all([kind(c.claims), kind(d.claims)])).sort()).toEqual(["actor", "mfa_verify"]);
  });

  it("a code of an earlier step than one already used is refused too", async () => {
    const u = await enrolledTownUser();
    await forgetUsedSteps(u.id);
    const step = timeStep();
    const a = await passwordStep(u.username, u.password);
    expect((await verifySignInCode(a.self, { code: totpCode(u.secret, (step + 1) * TOTP_PERIOD_SECONDS * 1000) })).ok).toBe(true);
    const b = await passwordStep(u.username, u.password);
    expect((await verifySignInCode(b.self, { code: totpCode(u.secret, step * TOTP_PERIOD_SECONDS * 1000) })).ok).toBe(false);
  });

  it("a recovery code works once (concurrent uses of one: exactly one wins); audited with how many are left", async () => {
    const u = await enrolledTownUser();
    const a = await passwordStep(u.username, u.password);
    expect(await verifySignInCode(a.self, { code: u.recoveryCodes[0].toUpperCase() })).toEqual({ ok: true, method: "recovery" });
    expect(await kind(a.claims)).toBe("actor");
    const b = await passwordStep(u.username, u.password);
    expect((await verifySignInCode(b.self, { code: u.recoveryCodes[0] })).ok).toBe(false);
    const used = await db().auditLog.findFirstOrThrow({ where: { action: "auth.mfa_recovery_used", entityId: u.id } });
    expect(used.after).toMatchObject({ remaining: 9, purpose: "sign_in" });
    expect(jsonText(used)).not.toContain(u.recoveryCodes[0]);

    const c = await passwordStep(u.username, u.password);
    const d = await passwordStep(u.username, u.password);
    const both = await Promise.all([verifySignInCode(c.self, { code: u.recoveryCodes[1] }), verifySignInCode(d.self, { code: u.recoveryCodes[1] })]);
    expect(both.filter((r) => r.ok)).toHaveLength(1);
    expect((await db().user.findUniqueOrThrow({ where: { id: u.id } })).mfaRecoveryCodes).toHaveLength(8);
  });
});

describe("an administrator resets 两步验证", () => {
  it("a district admin, for a user in scope: cleared, sessions ended, audited; a required user sets it up again at the next sign-in", async () => {
    const admin = await actorFor("district.admin");
    const u = await enrolledTownUser();
    const { claims } = await passwordStep(u.username, u.password);
    const out = await resetUserMfa(admin, { id: u.id });
    expect(out).toMatchObject({ id: u.id, wasEnrolled: true });
    const row = await db().user.findUniqueOrThrow({ where: { id: u.id } });
    expect(row).toMatchObject({ mfaEnabledAt: null, mfaSecret: null, mfaLastStep: null, mfaRecoveryCodes: [] });
    expect(await kind(claims)).toBe("none");
    expect(await kind((await passwordStep(u.username, u.password)).claims)).toBe("actor"); // a town admin: not required
    const audit = await db().auditLog.findFirstOrThrow({ where: { action: "user.mfa_reset", entityId: u.id } });
    expect(audit).toMatchObject({ tenantId: admin.tenantId, actorId: admin.userId, via: "session" });
    expect(audit.after).toMatchObject({ mfaReset: true, sessionsEnded: 1 });
  });

  it("outside scope is not found (and recorded), other roles are refused, one's own is refused", async () => {
    const u = await enrolledTownUser(); // 清江浦区
    const other = await actorFor("huaiyin.admin");
    await expectAppError(resetUserMfa(other, { id: u.id }), "NOT_FOUND");
    expect(await db().auditLog.count({ where: { action: "authz.denied", actorId: other.userId, after: { path: ["action"], equals: "user.mfa_reset" } } })).toBeGreaterThan(0);
    await expectAppError(resetUserMfa(await actorFor("town.admin"), { id: u.id }), "FORBIDDEN");
    const admin = await actorFor("district.admin");
    const self = await expectAppError(resetUserMfa(admin, { id: admin.userId }), "INVALID");
    expect(self.issues[0].message).toContain("不能重置自己");
    await expectAppError(resetUserMfa(admin, { id: "not-a-uuid" }), "INVALID");
    expect((await db().user.findUniqueOrThrow({ where: { id: u.id } })).mfaEnabledAt).not.toBeNull();
  });

  it("a platform admin, for a district admin (from 系统管理): the admin must set it up again; nobody else through this path", async () => {
    const da = await realDistrictAdmin();
    await enrol(da.id);
    const ops: PlatformActor = { userId: null, username: "itest-ops", displayName: "itest", role: "PLATFORM_ADMIN", via: "session", ip: "10.0.0.1", userAgent: "vitest" };
    await resetAdminMfa(db(), ops, { userId: da.id });
    expect(await kind((await passwordStep(da.username, STRONG_PASSWORD)).claims)).toBe("mfa_enrol");
    const audit = await db().auditLog.findFirstOrThrow({ where: { action: "user.mfa_reset", entityId: da.id } });
    expect(audit).toMatchObject({ tenantId: da.tenantId, actorName: "itest-ops" });
    const town = await enrolledTownUser();
    await expectAppError(resetAdminMfa(db(), ops, { userId: town.id }), "NOT_FOUND");
    expect((await db().user.findUniqueOrThrow({ where: { id: town.id } })).mfaEnabledAt).not.toBeNull();
  });
});

describe("turning it off, and new recovery codes", () => {
  it("a user for whom it is optional: with the current password and a code; audited", async () => {
    const u = await enrolledTownUser();
    await forgetUsedSteps(u.id);
    const { self } = await passwordStep(u.username, u.password);
    const wrongPw = await expectAppError(disableOwnMfa(self, { currentPassword: "Not-Mine#2026", code: await nextCode(u.id, u.secret) }), "INVALID");
    expect(wrongPw.issues).toEqual([{ path: "currentPassword", message: "当前密码不正确" }]);
    await expectAppError(disableOwnMfa(self, { currentPassword: u.password, code: "000000" === totpCode(u.secret) ? "111111" : "000000" }), "INVALID");
    await disableOwnMfa(self, { currentPassword: u.password, code: await nextCode(u.id, u.secret) });
    expect((await db().user.findUniqueOrThrow({ where: { id: u.id } })).mfaEnabledAt).toBeNull();
    expect(await db().auditLog.count({ where: { action: "user.mfa_disabled", entityId: u.id } })).toBe(1);
  });

  it("never for a user whom the role requires it of", async () => {
    const da = await realDistrictAdmin();
    const e = await enrol(da.id);
    const self: MfaSelf = { userId: da.id, sessionId: randomUUID(), username: da.username, ...newMeta() };
    await forgetUsedSteps(da.id);
    const err = await expectAppError(disableOwnMfa(self, { currentPassword: STRONG_PASSWORD, code: await nextCode(da.id, e.secret) }), "INVALID");
    expect(err.message).toContain("不能关闭");
    expect((await db().user.findUniqueOrThrow({ where: { id: da.id } })).mfaEnabledAt).not.toBeNull();
  });

  it("new recovery codes replace all the old ones", async () => {
    const u = await enrolledTownUser();
    await forgetUsedSteps(u.id);
    const { self } = await passwordStep(u.username, u.password);
    const { recoveryCodes } = await renewRecoveryCodes(self, { currentPassword: u.password, code: await nextCode(u.id, u.secret) });
    expect(recoveryCodes).toHaveLength(10);
    const b = await passwordStep(u.username, u.password);
    expect((await verifySignInCode(b.self, { code: u.recoveryCodes[0] })).ok).toBe(false);
    expect((await verifySignInCode(b.self, { code: recoveryCodes[0] })).ok).toBe(true);
  });
});

describe("tokens need the code", () => {
  it("in 个人设置: without a code or with a wrong one nothing is issued (refusal audited); with a current code the token is made", async () => {
    const u = await enrolledTownUser();
    await forgetUsedSteps(u.id);
    const actor = await actorFor(u.username);
    const missing = await expectAppError(createToken(actor, { name: "脚本", days: 30, currentPassword: u.password }), "INVALID");
    expect(missing.issues[0]).toMatchObject({ path: "code" });
    const wrong = await expectAppError(createToken(actor, { name: "脚本", days: 30, currentPassword: u.password, code: "12345a" }), "INVALID");
    expect(wrong.issues[0]).toMatchObject({ path: "code" });
    expect(await db().accessToken.count({ where: { userId: u.id } })).toBe(0);
    expect(await db().auditLog.count({ where: { action: "token.create_refused", entityId: u.id, after: { path: ["reason"], equals: "wrong_code" } } })).toBe(1);
    const t = await createToken(actor, { name: "脚本", days: 30, currentPassword: u.password, code: await nextCode(u.id, u.secret) });
    expect(t.token).toMatch(/^qm_/);
    expect(await db().accessToken.count({ where: { userId: u.id } })).toBe(1);
  });

  it("the CLI: refused before a required set-up; then only with a current code", async () => {
    const da = await realDistrictAdmin();
    let r = await runScript("token.ts", ["--user", da.username, "--days", "1"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("请先登录网页设置两步验证");
    const e = await enrol(da.id);
    r = await runScript("token.ts", ["--user", da.username, "--days", "1"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("--code");
    r = await runScript("token.ts", ["--user", da.username, "--days", "1", "--code", "000000" === totpCode(e.secret) ? "111111" : "000000"]);
    expect(r.code).toBe(1);
    expect(await db().accessToken.count({ where: { userId: da.id } })).toBe(0);
    await forgetUsedSteps(da.id);
    r = await runScript("token.ts", ["--user", da.username, "--days", "1", "--code", await nextCode(da.id, e.secret)]);
    expect(r.code, r.stderr).toBe(0);
    const token = r.stdout.trim();
    expect(token).toMatch(/^qm_/);
    expect((await getMe(apiGet("/api/v1/me", token), routeCtx({}))).status).toBe(200);
  });
});
