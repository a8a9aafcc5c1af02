/**
 * Changing one's own password (个人设置 → 修改密码, changeOwnPassword) ends what the old
 * password let anyone in with (issue 12): every server-side Session row of the user is
 * revoked — not only made stale by the session-version bump, so even a cookie carrying the
 * new version is refused — and every access token stops working. Nobody else's sessions or
 * tokens are touched. The browser the change was made in is ended too: that is the design
 * (the settings page says "修改后所有设备上的登录都会失效，需要用新密码重新登录", and
 * the action sends the user to sign in again).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { actorFromSession, startSession, type LiveClaims } from "@/lib/server/auth/session";
import { resolveBearer } from "@/lib/server/auth/tokens";
import { changeOwnPassword } from "@/lib/server/users/write-users";
import { STRONG_PASSWORD, demoUnits, newUser, tokenFor, type DemoUnits } from "../support/fixtures";

const meta = { ip: "10.5.5.5", userAgent: "vitest-own-password" };
const now = () => Math.floor(Date.now() / 1000);
const tokenWorks = async (token: string) => (await resolveBearer(`Bearer ${token}`, meta)).kind === "actor";

let units: DemoUnits;
beforeAll(async () => {
  units = await demoUnits();
});

/** A user signed in on three devices, with two tokens. */
async function signedInThrice() {
  const u = await newUser({ role: "TOWN_ADMIN", orgUnitId: units.town.id, prefix: "pw" });
  const sv = (await db().user.findUniqueOrThrow({ where: { id: u.id } })).sessionVersion;
  const t = now();
  const claims = async (): Promise<LiveClaims> => ({ sub: u.id, sid: await startSession(u.id, meta), sv, authTime: t - 60, lastActive: t - 5 });
  const [here, laptop, phone] = [await claims(), await claims(), await claims()];
  const tokens = [await tokenFor(u.username), await tokenFor(u.username)];
  return { u, here, others: [laptop, phone], tokens };
}

describe("changing one's own password", () => {
  it("revokes every Session row and every token of the user; other users keep theirs", async () => {
    const me = await signedInThrice();
    const bystander = await signedInThrice();
    const actor = await actorFromSession(me.here, meta);
    expect(actor?.userId).toBe(me.u.id);
    for (const c of me.others) expect(await actorFromSession(c, meta)).not.toBeNull();
    for (const t of me.tokens) expect(await tokenWorks(t.token)).toBe(true);

    await changeOwnPassword(actor!, { currentPassword: STRONG_PASSWORD, password: "Own-New-Pass#2026", confirm: "Own-New-Pass#2026" });

    const sessions = await db().session.findMany({ where: { id: { in: me.others.map((c) => c.sid!) } } });
    expect(sessions).toHaveLength(2);
    for (const s of sessions) expect(s.revokedAt).not.toBeNull();
    for (const c of me.others) expect(await actorFromSession(c, meta)).toBeNull();
    const tokens = await db().accessToken.findMany({ where: { id: { in: me.tokens.map((t) => t.id) } } });
    expect(tokens).toHaveLength(2);
    for (const t of tokens) expect(t.revokedAt).not.toBeNull();
    for (const t of me.tokens) expect(await tokenWorks(t.token)).toBe(false);

    // Someone else's devices and tokens are untouched.
    expect(await db().session.count({ where: { userId: bystander.u.id, revokedAt: null } })).toBe(3);
    expect(await actorFromSession(bystander.others[0], meta)).not.toBeNull();
    for (const t of bystander.tokens) expect(await tokenWorks(t.token)).toBe(true);

    const audit = await db().auditLog.findFirstOrThrow({ where: { action: "user.change_own_password", entityId: me.u.id } });
    expect(audit.after).toMatchObject({ passwordChanged: true, sessionsEnded: 3, tokensRevoked: 2 });
  });

  it("the other devices are ended on the server: a cookie carrying the new session version is refused too", async () => {
    const me = await signedInThrice();
    const actor = (await actorFromSession(me.here, meta))!;
    await changeOwnPassword(actor, { currentPassword: STRONG_PASSWORD, password: "Own-New-Pass#2026", confirm: "Own-New-Pass#2026" });
    const sv = (await db().user.findUniqueOrThrow({ where: { id: me.u.id } })).sessionVersion;
    expect(sv).toBe(me.here.sv! + 1);
    // Forged or stolen with the current version: only the revoked row stands between it and the account.
    for (const c of me.others) expect(await actorFromSession({ ...c, sv }, meta)).toBeNull();
  });

  it("the browser the change was made in is ended as well (the user signs in again with the new password)", async () => {
    const me = await signedInThrice();
    const actor = (await actorFromSession(me.here, meta))!;
    await changeOwnPassword(actor, { currentPassword: STRONG_PASSWORD, password: "Own-New-Pass#2026", confirm: "Own-New-Pass#2026" });
    expect(await actorFromSession(me.here, meta)).toBeNull();
    expect((await db().session.findUniqueOrThrow({ where: { id: me.here.sid! } })).revokedAt).not.toBeNull();
  });
});
