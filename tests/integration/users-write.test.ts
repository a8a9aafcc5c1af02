/**
 * The single write path (lib/server/write.ts) as used by user management: validate →
 * permission → scope → write + audit in one transaction. Rejected writes write nothing.
 */
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { AppError } from "@/lib/server/errors";
import { verifyPassword } from "@/lib/server/auth/password";
import {
  createToken,
  createUser,
  resetPassword,
  revokeToken,
  setUserDisabled,
  updateUser,
} from "@/lib/server/users/write-users";
import type { Actor } from "@/lib/server/actor";
import { actorFor } from "../support/actors";
import {
  STRONG_PASSWORD,
  auditRowsNamingUser,
  demoUnits,
  expectAppError,
  jsonText,
  newUser,
  uniqueName,
  type DemoUnits,
} from "../support/fixtures";

let units: DemoUnits;
let admin: Actor;

beforeAll(async () => {
  units = await demoUnits();
  admin = await actorFor("district.admin");
});

const input = (over: Record<string, unknown> = {}) => ({
  username: uniqueName("w"),
  displayName: "新用户",
  role: "TOWN_ADMIN",
  orgUnitId: units.town.id,
  password: STRONG_PASSWORD,
  ...over,
});

/** Asserts that neither a user nor an audit row for this username exists. */
async function expectNothingWritten(username: string) {
  expect(await db().user.findUnique({ where: { username } })).toBeNull();
  expect(await auditRowsNamingUser(username)).toEqual([]);
}

describe("createUser", () => {
  it("district admin creates a user; the audit row records action, actor, before/after, never the hash", async () => {
    const raw = input({ username: `  ${uniqueName("w")}  ` });
    const username = raw.username.trim();
    const created = await createUser(admin, raw);
    expect(created).toMatchObject({ username, role: "TOWN_ADMIN", orgUnitId: units.town.id, disabledAt: null });

    const row = await db().user.findUniqueOrThrow({ where: { username } });
    expect(row.tenantId).toBe(admin.tenantId);
    expect(row.passwordHash).not.toContain(STRONG_PASSWORD);
    expect(await verifyPassword(row.passwordHash, STRONG_PASSWORD)).toBe(true);

    const audit = await db().auditLog.findMany({ where: { action: "user.create", entityId: created.id } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      tenantId: admin.tenantId,
      actorId: admin.userId,
      actorName: "district.admin",
      entity: "User",
      before: null,
      via: "session",
      ip: "127.0.0.1",
      userAgent: "vitest",
    });
    expect(audit[0].after).toMatchObject({ id: created.id, username, role: "TOWN_ADMIN", orgUnitId: units.town.id });
    expect(jsonText(audit[0])).not.toMatch(/argon2|passwordHash|Qm-Itest/);
  });

  it.each(["town.admin", "unit.admin", "station.coord", "leader"])("%s is FORBIDDEN and nothing is written", async (who) => {
    const raw = input({ orgUnitId: units.village.id, role: "UNIT_ADMIN" });
    await expectAppError(createUser(await actorFor(who), raw), "FORBIDDEN");
    await expectNothingWritten(raw.username);
  });

  it("district admin creating into another tenant's unit gets NOT_FOUND and nothing is written", async () => {
    for (const key of ["huaiyin", "huaiyinTown"] as const) {
      const raw = input({ orgUnitId: units[key].id, role: key === "huaiyin" ? "DISTRICT_ADMIN" : "TOWN_ADMIN" });
      await expectAppError(createUser(admin, raw), "NOT_FOUND");
      await expectNothingWritten(raw.username);
    }
    // and the other way round
    const raw = input({ orgUnitId: units.town.id });
    await expectAppError(createUser(await actorFor("huaiyin.admin"), raw), "NOT_FOUND");
    await expectNothingWritten(raw.username);
  });

  it.each([
    ["a weak password", { password: "abc" }, "password", "至少 8 位"],
    ["a password from the breach list", { password: "iloveyou2" }, "password", "常见密码"],
    ["a common password", { password: "Password1!" }, "password", "常见密码"],
    ["a username with spaces and capitals", { username: "Bad Name!" }, "username", "用户名"],
    ["a too short username", { username: "ab" }, "username", "至少 3"],
    ["an empty display name", { displayName: "  " }, "displayName", "姓名"],
    ["an unknown role", { role: "SUPERUSER" }, "role", "角色"],
    ["a unit id that is not a uuid", { orgUnitId: "x" }, "orgUnitId", "单位"],
  ])("rejects %s with INVALID naming the field; nothing is written", async (_label, over, path, words) => {
    const raw = input(over);
    const written = async () => [await db().user.count(), await db().auditLog.count({ where: { action: "user.create" } })];
    const before = await written();
    const err = await expectAppError(createUser(admin, raw), "INVALID");
    const issue = err.issues.find((i) => i.path === path);
    expect(issue, JSON.stringify(err.issues)).toBeDefined();
    expect(issue!.message).toContain(words);
    expect(await written()).toEqual(before);
    await expectNothingWritten(String(raw.username).trim());
  });

  it("reports every bad field at once, one issue per field", async () => {
    const err = await expectAppError(createUser(admin, input({ username: "X", password: "abc", displayName: "" })), "INVALID");
    const paths = err.issues.map((i) => i.path).sort();
    expect(paths).toEqual(["displayName", "password", "username"]);
  });

  it.each([
    ["TOWN_ADMIN", "village"],
    ["DISTRICT_ADMIN", "town"],
    ["UNIT_ADMIN", "town"],
    ["LEADER", "village"],
  ] as const)("rejects role %s on a %s (level mismatch) with INVALID on orgUnitId", async (role, key) => {
    const raw = input({ role, orgUnitId: units[key].id });
    const err = await expectAppError(createUser(admin, raw), "INVALID");
    expect(err.issues).toEqual([expect.objectContaining({ path: "orgUnitId", message: expect.stringContaining("该角色只能分配到") })]);
    await expectNothingWritten(raw.username);
  });

  it("refuses a username that is already taken (also across tenants) with INVALID on username", async () => {
    const err = await expectAppError(createUser(admin, input({ username: "huaiyin.admin" })), "INVALID");
    expect(err.issues[0]).toMatchObject({ path: "username" });
    expect(await db().user.count({ where: { username: "huaiyin.admin" } })).toBe(1);
  });
});

describe("createUser, hostile or racing input", () => {
  it("ignores unknown fields such as tenantId: the user lands in the actor's own tenant", async () => {
    const raw = { ...input(), tenantId: units.huaiyin.tenantId, sessionVersion: 99, passwordHash: "x" };
    const u = await createUser(admin, raw);
    const row = await db().user.findUniqueOrThrow({ where: { id: u.id } });
    expect(row.tenantId).toBe(admin.tenantId);
    expect(row.sessionVersion).toBe(0);
    expect(row.passwordHash).not.toBe("x");
  });

  // DEFECT (reported): the duplicate-username check is a read before the insert; two admins
  // submitting the same new username at once make the loser's insert hit the unique index,
  // and the raw Prisma P2002 escapes the write path (a 500 / unhandled error in the form)
  // instead of the field message 该用户名已被使用.
  it("simultaneous creates of one username: one succeeds, the others get a typed error", async () => {
    for (let round = 0; round < 3; round++) {
      const raw = input();
      const results = await Promise.allSettled(Array.from({ length: 4 }, () => createUser(admin, raw)));
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      for (const r of results) {
        if (r.status === "fulfilled") continue;
        const reason = r.reason as { code?: string; constructor: { name: string } };
        expect(reason, `${reason.constructor.name} ${reason.code}`).toBeInstanceOf(AppError);
        expect(["INVALID", "CONFLICT"]).toContain(reason.code);
      }
      expect(await db().user.count({ where: { username: raw.username } })).toBe(1);
      expect(await auditRowsNamingUser(raw.username)).toHaveLength(1);
    }
  });
});

describe("updateUser", () => {
  it("changes the role and unit, with before and after in the audit row", async () => {
    const u = await newUser({ role: "TOWN_ADMIN", orgUnitId: units.town.id });
    const after = await updateUser(admin, { id: u.id, displayName: "改名", role: "UNIT_ADMIN", orgUnitId: units.village.id });
    expect(after).toMatchObject({ displayName: "改名", role: "UNIT_ADMIN", orgUnitId: units.village.id });
    const audit = await db().auditLog.findFirstOrThrow({ where: { action: "user.update", entityId: u.id } });
    expect(audit.before).toMatchObject({ role: "TOWN_ADMIN", orgUnitId: units.town.id });
    expect(audit.after).toMatchObject({ role: "UNIT_ADMIN", orgUnitId: units.village.id, displayName: "改名" });
  });

  it("town admin is FORBIDDEN; the user is unchanged", async () => {
    const u = await newUser({ role: "UNIT_ADMIN", orgUnitId: units.village.id });
    await expectAppError(
      updateUser(await actorFor("town.admin"), { id: u.id, displayName: "x", role: "UNIT_ADMIN", orgUnitId: units.village.id }),
      "FORBIDDEN",
    );
    expect((await db().user.findUniqueOrThrow({ where: { id: u.id } })).displayName).toBe("测试用户");
  });

  it("another tenant's user is NOT_FOUND", async () => {
    const other = await db().user.findUniqueOrThrow({ where: { username: "huaiyin.admin" } });
    await expectAppError(
      updateUser(admin, { id: other.id, displayName: "x", role: "DISTRICT_ADMIN", orgUnitId: other.orgUnitId }),
      "NOT_FOUND",
    );
    expect((await db().user.findUniqueOrThrow({ where: { id: other.id } })).displayName).toBe("赵红");
  });

  it("an admin may not change their own role", async () => {
    const err = await expectAppError(
      updateUser(admin, { id: admin.userId, displayName: admin.displayName, role: "LEADER", orgUnitId: admin.orgUnitId }),
      "INVALID",
    );
    expect(err.issues[0].path).toBe("role");
    expect((await db().user.findUniqueOrThrow({ where: { id: admin.userId } })).role).toBe("DISTRICT_ADMIN");
  });
});

describe("resetPassword and setUserDisabled", () => {
  it("resetPassword sets the new password, audits without the hash", async () => {
    const u = await newUser();
    const NEW = "Another-Str0ng-pw";
    await resetPassword(admin, { id: u.id, password: NEW });
    const row = await db().user.findUniqueOrThrow({ where: { id: u.id } });
    expect(await verifyPassword(row.passwordHash, NEW)).toBe(true);
    expect(await verifyPassword(row.passwordHash, STRONG_PASSWORD)).toBe(false);
    const audit = await db().auditLog.findFirstOrThrow({ where: { action: "user.reset_password", entityId: u.id } });
    expect(audit.after).toEqual({ passwordReset: true, unlocked: true, sessionsEnded: 0, tokensRevoked: 0 });
    expect(jsonText(audit)).not.toContain("argon2");
  });

  it("resetPassword refuses a weak password (INVALID on password) and keeps the old one", async () => {
    const u = await newUser();
    const err = await expectAppError(resetPassword(admin, { id: u.id, password: "abc" }), "INVALID");
    expect(err.issues[0].path).toBe("password");
    const row = await db().user.findUniqueOrThrow({ where: { id: u.id } });
    expect(await verifyPassword(row.passwordHash, STRONG_PASSWORD)).toBe(true);
    expect(await db().auditLog.count({ where: { action: "user.reset_password", entityId: u.id } })).toBe(0);
  });

  it("setUserDisabled disables and re-enables, auditing each", async () => {
    const u = await newUser();
    const off = await setUserDisabled(admin, { id: u.id, disabled: true });
    expect(off.disabledAt).not.toBeNull();
    const on = await setUserDisabled(admin, { id: u.id, disabled: false });
    expect(on.disabledAt).toBeNull();
    expect(await db().auditLog.count({ where: { action: "user.set_disabled", entityId: u.id } })).toBe(2);
  });

  it("an admin cannot disable themselves", async () => {
    await expectAppError(setUserDisabled(admin, { id: admin.userId, disabled: true }), "INVALID");
    expect((await db().user.findUniqueOrThrow({ where: { id: admin.userId } })).disabledAt).toBeNull();
  });

  it("a leader cannot reset passwords or disable users", async () => {
    const u = await newUser();
    const leader = await actorFor("leader");
    await expectAppError(resetPassword(leader, { id: u.id, password: "Another-Str0ng-pw" }), "FORBIDDEN");
    await expectAppError(setUserDisabled(leader, { id: u.id, disabled: true }), "FORBIDDEN");
    expect((await db().user.findUniqueOrThrow({ where: { id: u.id } })).disabledAt).toBeNull();
  });

  it("a district admin cannot touch another tenant's user (NOT_FOUND)", async () => {
    const other = await db().user.findUniqueOrThrow({ where: { username: "huaiyin.admin" } });
    await expectAppError(setUserDisabled(admin, { id: other.id, disabled: true }), "NOT_FOUND");
    await expectAppError(resetPassword(admin, { id: other.id, password: "Another-Str0ng-pw" }), "NOT_FOUND");
    expect((await db().user.findUniqueOrThrow({ where: { id: other.id } })).disabledAt).toBeNull();
  });
});

describe("personal tokens", () => {
  it("every role may create its own token; only the hash is stored; audited", async () => {
    for (const who of ["leader", "station.coord"]) {
      const a = await actorFor(who);
      const t = await createToken(a, { name: "脚本", days: "30", currentPassword: "Demo@2026" });
      expect(t.token).toMatch(/^qm_/);
      const row = await db().accessToken.findUniqueOrThrow({ where: { id: t.id } });
      expect(row.userId).toBe(a.userId);
      expect(row.tokenHash).not.toContain(t.token);
      const days = (row.expiresAt.getTime() - Date.now()) / 86_400_000;
      expect(days).toBeGreaterThan(29.9);
      expect(days).toBeLessThanOrEqual(30);
      const audit = await db().auditLog.findFirstOrThrow({ where: { action: "token.create", entityId: t.id } });
      expect(jsonText(audit)).not.toContain(t.token);
      expect(jsonText(audit)).not.toContain(row.tokenHash);
    }
  });

  it("rejects a token lifetime over 90 days with INVALID on days", async () => {
    const err = await expectAppError(createToken(admin, { name: "x", days: 91, currentPassword: "Demo@2026" }), "INVALID");
    expect(err.issues).toEqual([{ path: "days", message: "令牌最长有效 90 天" }]);
  });

  it("one cannot revoke another user's token (NOT_FOUND); one's own is revoked", async () => {
    const leader = await actorFor("leader");
    const t = await createToken(leader, { name: "mine", days: 7, currentPassword: "Demo@2026" });
    await expectAppError(revokeToken(admin, { id: t.id }), "NOT_FOUND");
    expect((await db().accessToken.findUniqueOrThrow({ where: { id: t.id } })).revokedAt).toBeNull();
    const revoked = await revokeToken(leader, { id: t.id });
    expect(revoked.revokedAt).not.toBeNull();
    await expectAppError(revokeToken(leader, { id: randomUUID() }), "NOT_FOUND");
  });
});
