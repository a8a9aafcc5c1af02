/**
 * Personal access tokens end: 90 days at most, minting one asks for the password again,
 * a password change (own, first sign-in) or an administrator's reset revokes them all,
 * their use is recorded (when, from where), and administrators list and revoke the
 * tokens of users in their scope.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { resolveBearer } from "@/lib/server/auth/tokens";
import { MAX_TOKEN_DAYS } from "@/lib/server/auth/token-issue";
import { chooseOwnPassword } from "@/lib/server/auth/first-password";
import { startSession } from "@/lib/server/auth/session";
import { changeOwnPassword, createToken, resetPassword, revokeUserToken } from "@/lib/server/users/write-users";
import { listUserTokens } from "@/lib/server/users/read-users";
import type { Actor } from "@/lib/server/actor";
import { actorFor } from "../support/actors";
import { runScript } from "../support/cli";
import { STRONG_PASSWORD, demoUnits, expectAppError, jsonText, newUser, tokenFor, type DemoUnits } from "../support/fixtures";

const meta = { ip: "10.4.4.4", userAgent: "vitest-tokens" };
const works = async (token: string) => (await resolveBearer(`Bearer ${token}`, meta)).kind === "actor";

let units: DemoUnits;
let admin: Actor;
beforeAll(async () => {
  units = await demoUnits();
  admin = await actorFor("district.admin");
});

async function townUser() {
  const u = await newUser({ role: "TOWN_ADMIN", orgUnitId: units.town.id, prefix: "tok" });
  return { ...u, actor: await actorFor(u.username) };
}

describe("creating a token", () => {
  it("lasts at most 90 days, in the form and the CLI alike", async () => {
    expect(MAX_TOKEN_DAYS).toBe(90);
    const { actor } = await townUser();
    const err = await expectAppError(createToken(actor, { name: "长期", days: 91, currentPassword: STRONG_PASSWORD }), "INVALID");
    expect(err.issues).toEqual([{ path: "days", message: "令牌最长有效 90 天" }]);
    expect(await db().accessToken.count({ where: { userId: actor.userId } })).toBe(0);
    const t = await createToken(actor, { name: "季度", days: 90, currentPassword: STRONG_PASSWORD });
    expect((t.expiresAt.getTime() - Date.now()) / 86_400_000).toBeLessThanOrEqual(90);

    const cli = await runScript("token.ts", ["--user", actor.username, "--days", "91"]);
    expect(cli.code).toBe(2);
    expect(cli.stderr).toContain("令牌最长有效 90 天");
    expect(await db().accessToken.count({ where: { userId: actor.userId } })).toBe(1);
  });

  it("requires the current password: a wrong one is refused beside the field, nothing is issued, the refusal is audited", async () => {
    const { actor } = await townUser();
    const missing = await expectAppError(createToken(actor, { name: "脚本", days: 30 }), "INVALID");
    expect(missing.issues.map((i) => i.path)).toContain("currentPassword");
    const wrong = await expectAppError(createToken(actor, { name: "脚本", days: 30, currentPassword: "Not-My-Pass#1" }), "INVALID");
    expect(wrong.issues).toEqual([{ path: "currentPassword", message: "当前密码不正确" }]);
    expect(await db().accessToken.count({ where: { userId: actor.userId } })).toBe(0);
    const refused = await db().auditLog.findFirstOrThrow({ where: { action: "token.create_refused", actorId: actor.userId } });
    expect(refused.tenantId).toBe(actor.tenantId);
    expect(jsonText(refused)).not.toContain("Not-My-Pass#1");
    const t = await createToken(actor, { name: "脚本", days: 30, currentPassword: STRONG_PASSWORD });
    expect(await works(t.token)).toBe(true);
  });
});

describe("a password change revokes every token of the user", () => {
  it("changing one's own password", async () => {
    const { actor } = await townUser();
    const a = await tokenFor(actor.username);
    const b = await tokenFor(actor.username);
    expect(await works(a.token)).toBe(true);
    await changeOwnPassword(actor, { currentPassword: STRONG_PASSWORD, password: "Own-Change#2026", confirm: "Own-Change#2026" });
    expect(await works(a.token)).toBe(false);
    expect(await works(b.token)).toBe(false);
    expect(await db().accessToken.count({ where: { userId: actor.userId, revokedAt: null } })).toBe(0);
    const audit = await db().auditLog.findFirstOrThrow({ where: { action: "user.change_own_password", entityId: actor.userId } });
    expect(audit.after).toMatchObject({ tokensRevoked: 2 });
  });

  it("an administrator's reset, and still after the user then chooses their own password", async () => {
    const { actor } = await townUser();
    const t = await tokenFor(actor.username);
    expect(await works(t.token)).toBe(true);
    await resetPassword(admin, { id: actor.userId, password: "Admin-Chosen#2026" });
    expect(await works(t.token)).toBe(false);
    const sid = await startSession(actor.userId, meta);
    await chooseOwnPassword(
      { userId: actor.userId, sessionId: sid, username: actor.username, displayName: actor.displayName, role: actor.role, ...meta },
      { password: "User-Chosen#2026", confirm: "User-Chosen#2026" },
    );
    expect(await works(t.token)).toBe(false);
    expect((await db().accessToken.findUniqueOrThrow({ where: { id: t.id } })).revokedAt).not.toBeNull();
  });

  it("the first-sign-in password choice (a token minted while the one-time password was known)", async () => {
    const { actor } = await townUser();
    const t = await tokenFor(actor.username);
    await db().user.update({ where: { id: actor.userId }, data: { mustChangePassword: true } });
    const sid = await startSession(actor.userId, meta);
    const other = await startSession(actor.userId, meta);
    await chooseOwnPassword(
      { userId: actor.userId, sessionId: sid, username: actor.username, displayName: actor.displayName, role: actor.role, ...meta },
      { password: "First-Choice#2026", confirm: "First-Choice#2026" },
    );
    expect(await works(t.token)).toBe(false);
    // This browser carries on; the other one (who else knew the one-time password) ends.
    expect((await db().session.findUniqueOrThrow({ where: { id: sid } })).revokedAt).toBeNull();
    expect((await db().session.findUniqueOrThrow({ where: { id: other } })).revokedAt).not.toBeNull();
  });
});

describe("token use is recorded", () => {
  it("when and from which address", async () => {
    const { actor } = await townUser();
    const t = await tokenFor(actor.username);
    expect(await works(t.token)).toBe(true);
    const row = await db().accessToken.findUniqueOrThrow({ where: { id: t.id } });
    expect(row.lastUsedAt).not.toBeNull();
    expect(row.lastUsedIp).toBe("10.4.4.4");
    const listed = await listUserTokens(admin, actor.userId);
    expect(listed).toEqual([expect.objectContaining({ id: t.id, lastUsedIp: "10.4.4.4" })]);
  });
});

describe("administrators list and revoke the tokens of users in scope", () => {
  it("a district admin lists and revokes a town user's token; audited", async () => {
    const { actor } = await townUser();
    const t = await tokenFor(actor.username);
    expect((await listUserTokens(admin, actor.userId)).map((x) => x.id)).toEqual([t.id]);
    const r = await revokeUserToken(admin, { id: t.id });
    expect(r.revokedAt).not.toBeNull();
    expect(await works(t.token)).toBe(false);
    const audit = await db().auditLog.findFirstOrThrow({ where: { action: "token.revoke_by_admin", entityId: t.id } });
    expect(audit).toMatchObject({ actorId: admin.userId, tenantId: admin.tenantId });
  });

  it("another district is NOT_FOUND, without user.manage FORBIDDEN; nothing changes", async () => {
    const { actor } = await townUser();
    const t = await tokenFor(actor.username);
    // Only district admins manage users: a town admin, even of this town, may not.
    const townAdmin = await actorFor("town.admin");
    await expectAppError(listUserTokens(townAdmin, actor.userId), "FORBIDDEN");
    await expectAppError(revokeUserToken(townAdmin, { id: t.id }), "FORBIDDEN");
    // Another district's admin.
    const other = await actorFor("huaiyin.admin");
    await expectAppError(listUserTokens(other, actor.userId), "NOT_FOUND");
    await expectAppError(revokeUserToken(other, { id: t.id }), "NOT_FOUND");
    // A leader has no user.manage.
    const leader = await actorFor("leader");
    await expectAppError(revokeUserToken(leader, { id: t.id }), "FORBIDDEN");
    expect(await works(t.token)).toBe(true);
    expect((await db().accessToken.findUniqueOrThrow({ where: { id: t.id } })).revokedAt).toBeNull();
  });
});
