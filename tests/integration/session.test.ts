/**
 * Sessions are re-checked against the user row on every request (session.ts): a
 * password reset, disabling, or a role/unit change ends them at once; so do 30
 * minutes idle and 12 hours after sign-in.
 */
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { actorFromSession } from "@/lib/server/auth/session";
import { resetPassword, setUserDisabled, updateUser } from "@/lib/server/users/write-users";
import { actorFor } from "../support/actors";
import { demoUnits, newUser } from "../support/fixtures";

const meta = { ip: "10.1.2.3", userAgent: "vitest-session" };
const now = () => Math.floor(Date.now() / 1000);

async function freshSession(role: "TOWN_ADMIN" | "DISTRICT_ADMIN" = "TOWN_ADMIN") {
  const units = await demoUnits();
  const u = await newUser({ role, orgUnitId: role === "TOWN_ADMIN" ? units.town.id : units.district.id, prefix: "ses" });
  const sv = (await db().user.findUniqueOrThrow({ where: { id: u.id } })).sessionVersion;
  const t = now();
  return { u, units, claims: { sub: u.id, sv, authTime: t - 60, lastActive: t - 5 } };
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
