/**
 * Sessions are re-checked against the user row and their server-side Session row on
 * every request (session.ts): a password reset, disabling, a role/unit change or signing
 * out ends them at once (a copied cookie included); so do 30 minutes idle and 12 hours
 * after sign-in.
 */
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { encode } from "next-auth/jwt";
import { actorFromSession, decodeSessionCookie, endSession, startSession } from "@/lib/server/auth/session";
import { authOptions } from "@/lib/server/auth/options";
import { authSecret } from "@/lib/server/auth/secret";
import { changeOwnPassword, endOwnSessions, resetPassword, setUserDisabled, updateUser } from "@/lib/server/users/write-users";
import { listOwnSessions } from "@/lib/server/users/read-users";
import { actorFor } from "../support/actors";
import { STRONG_PASSWORD, demoUnits, newUser } from "../support/fixtures";

const meta = { ip: "10.1.2.3", userAgent: "vitest-session" };
const now = () => Math.floor(Date.now() / 1000);

async function freshSession(role: "TOWN_ADMIN" | "DISTRICT_ADMIN" = "TOWN_ADMIN") {
  const units = await demoUnits();
  const u = await newUser({ role, orgUnitId: role === "TOWN_ADMIN" ? units.town.id : units.district.id, prefix: "ses" });
  const sv = (await db().user.findUniqueOrThrow({ where: { id: u.id } })).sessionVersion;
  const t = now();
  const sid = await startSession(u.id, meta);
  return { u, units, claims: { sub: u.id, sid, sv, authTime: t - 60, lastActive: t - 5 } };
}

describe("actorFromSession", () => {
  it("an active session resolves to the user's actor", async () => {
    const { u, units, claims } = await freshSession();
    const actor = await actorFromSession(claims, meta);
    expect(actor).toMatchObject({
      userId: u.id,
      username: u.username,
      role: "TOWN_ADMIN",
      orgUnitId: units.town.id,
      orgUnitName: "城南街道",
      orgUnitLevel: "TOWN",
      via: "session",
      ip: meta.ip,
      userAgent: meta.userAgent,
    });
  });

  it("ends after an administrator resets the password", async () => {
    const { u, claims } = await freshSession();
    await resetPassword(await actorFor("district.admin"), { id: u.id, password: "Reset-Pass-2026" });
    expect(await actorFromSession(claims, meta)).toBeNull();
  });

  it("ends when the user is disabled, and stays ended after re-enabling", async () => {
    const { u, claims } = await freshSession();
    const admin = await actorFor("district.admin");
    await setUserDisabled(admin, { id: u.id, disabled: true });
    expect(await actorFromSession(claims, meta)).toBeNull();
    await setUserDisabled(admin, { id: u.id, disabled: false });
    expect(await actorFromSession(claims, meta)).toBeNull();
  });

  it("ends when the role changes", async () => {
    const { u, units, claims } = await freshSession();
    await updateUser(await actorFor("district.admin"), {
      id: u.id,
      displayName: "测试用户",
      role: "STATION_COORDINATOR",
      orgUnitId: units.town.id,
    });
    expect(await actorFromSession(claims, meta)).toBeNull();
  });

  it("ends when the unit changes", async () => {
    const { u, units, claims } = await freshSession();
    await updateUser(await actorFor("district.admin"), {
      id: u.id,
      displayName: "测试用户",
      role: "TOWN_ADMIN",
      orgUnitId: units.siblingTown.id,
    });
    expect(await actorFromSession(claims, meta)).toBeNull();
  });

  it("survives a change of display name only", async () => {
    const { u, units, claims } = await freshSession();
    await updateUser(await actorFor("district.admin"), { id: u.id, displayName: "新名字", role: "TOWN_ADMIN", orgUnitId: units.town.id });
    expect(await actorFromSession(claims, meta)).toMatchObject({ userId: u.id, displayName: "新名字" });
  });

  it("ends after 30 minutes idle", async () => {
    const { claims } = await freshSession();
    expect(await actorFromSession({ ...claims, lastActive: now() - 31 * 60 }, meta)).toBeNull();
    expect(await actorFromSession({ ...claims, lastActive: now() - 29 * 60 }, meta)).not.toBeNull();
  });

  it("ends 12 hours after sign-in however active", async () => {
    const { claims } = await freshSession();
    expect(await actorFromSession({ ...claims, authTime: now() - 13 * 3600, lastActive: now() }, meta)).toBeNull();
    expect(await actorFromSession({ ...claims, authTime: now() - 11 * 3600, lastActive: now() }, meta)).not.toBeNull();
  });

  it("rejects missing claims, a stale session version and an unknown user", async () => {
    const { claims } = await freshSession();
    expect(await actorFromSession(null, meta)).toBeNull();
    expect(await actorFromSession({}, meta)).toBeNull();
    expect(await actorFromSession({ ...claims, sv: claims.sv + 1 }, meta)).toBeNull();
    expect(await actorFromSession({ ...claims, sub: randomUUID() }, meta)).toBeNull();
  });
});

describe("server-side sessions", () => {
  it("signing out ends the session: the same cookie is refused afterwards, and the sign-out is audited", async () => {
    const { u, claims } = await freshSession();
    const cookie = await encode({ token: claims, secret: authSecret() });
    expect(await actorFromSession(await decodeSessionCookie(cookie), meta)).not.toBeNull();
    // What next-auth calls on POST /api/auth/signout, with the decoded cookie.
    await authOptions().events!.signOut!({ token: (await decodeSessionCookie(cookie)) as never, session: null as never });
    expect(await actorFromSession(await decodeSessionCookie(cookie), meta)).toBeNull();
    const row = await db().session.findUniqueOrThrow({ where: { id: claims.sid } });
    expect(row.revokedAt).not.toBeNull();
    const audit = await db().auditLog.findFirstOrThrow({ where: { action: "auth.sign_out", actorId: u.id } });
    const { tenantId } = await db().user.findUniqueOrThrow({ where: { id: u.id } });
    expect(tenantId).not.toBeNull();
    expect(audit.tenantId).toBe(tenantId);
    // Signing out twice changes nothing more.
    expect(await endSession(claims, meta)).toBe(false);
  });

  it("refuses a revoked row, a cookie without a session id, an unknown id and another user's session", async () => {
    const { claims } = await freshSession();
    const other = await freshSession();
    expect(await actorFromSession(claims, meta)).not.toBeNull();
    expect(await actorFromSession({ ...claims, sid: undefined }, meta)).toBeNull();
    expect(await actorFromSession({ ...claims, sid: "not-a-uuid" }, meta)).toBeNull();
    expect(await actorFromSession({ ...claims, sid: randomUUID() }, meta)).toBeNull();
    expect(await actorFromSession({ ...claims, sid: other.claims.sid }, meta)).toBeNull();
    await db().session.update({ where: { id: claims.sid }, data: { revokedAt: new Date() } });
    expect(await actorFromSession(claims, meta)).toBeNull();
  });

  it("records when (at most once a minute) and from where a session was last seen", async () => {
    const { claims } = await freshSession();
    const old = new Date(Date.now() - 5 * 60_000);
    await db().session.update({ where: { id: claims.sid }, data: { lastSeenAt: old } });
    expect(await actorFromSession(claims, { ip: "10.9.9.9", userAgent: "vitest-session" })).not.toBeNull();
    const seen = await db().session.findUniqueOrThrow({ where: { id: claims.sid } });
    expect(seen.lastSeenAt.getTime()).toBeGreaterThan(Date.now() - 10_000);
    expect(seen.ip).toBe("10.9.9.9");
    // Within the minute: no second write.
    expect(await actorFromSession(claims, meta)).not.toBeNull();
    expect((await db().session.findUniqueOrThrow({ where: { id: claims.sid } })).lastSeenAt).toEqual(seen.lastSeenAt);
  });

  it("退出其他设备 keeps this session and ends the others; 在所有设备上退出 ends all; both audited", async () => {
    const { u, claims } = await freshSession();
    const second = { ...claims, sid: await startSession(u.id, { ip: "10.7.7.7", userAgent: "phone" }) };
    const actor = (await actorFromSession(claims, meta))!;
    expect((await listOwnSessions(actor)).map((s) => s.id).sort()).toEqual([claims.sid, second.sid].sort());
    expect(await endOwnSessions(actor, { keepSessionId: claims.sid })).toEqual({ sessionsEnded: 1 });
    expect(await actorFromSession(second, meta)).toBeNull();
    expect(await actorFromSession(claims, meta)).not.toBeNull();
    expect((await listOwnSessions(actor)).map((s) => s.id)).toEqual([claims.sid]);
    expect(await endOwnSessions(actor, {})).toEqual({ sessionsEnded: 1 });
    expect(await actorFromSession(claims, meta)).toBeNull();
    expect(await db().auditLog.count({ where: { action: "session.end_own", actorId: u.id } })).toBe(2);
  });

  it("changing one's own password ends every session of the user", async () => {
    const { u, claims } = await freshSession();
    const second = { ...claims, sid: await startSession(u.id, meta) };
    const actor = (await actorFromSession(claims, meta))!;
    await changeOwnPassword(actor, { currentPassword: STRONG_PASSWORD, password: "Brand-New-Pass#26", confirm: "Brand-New-Pass#26" });
    expect(await actorFromSession(second, meta)).toBeNull();
    expect(await db().session.count({ where: { userId: u.id, revokedAt: null } })).toBe(0);
  });
});
