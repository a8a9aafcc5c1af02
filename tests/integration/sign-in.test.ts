/** Sign-in: wrong passwords, the 5-strike lock (30 min), and what each answer says. */
import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { signIn, SIGN_IN_MESSAGES, MAX_FAILED_SIGN_INS } from "@/lib/server/auth/sign-in";
import { resetPassword, setUserDisabled } from "@/lib/server/users/write-users";
import { actorFor } from "../support/actors";
import { newUser, uniqueName } from "../support/fixtures";

const meta = { ip: "10.0.0.9", userAgent: "vitest" };
const WRONG = "用户名或密码错误";

async function fail(username: string, times: number) {
  const answers: string[] = [];
  for (let i = 0; i < times; i++) {
    const r = await signIn({ username, password: `wrong-${i}` }, meta);
    expect(r.ok).toBe(false);
    answers.push((r as { message: string }).message);
  }
  return answers;
}

describe("signIn", () => {
  it("accepts the right password and answers the user", async () => {
    const u = await newUser({ prefix: "si" });
    const r = await signIn({ username: u.username, password: u.password }, meta);
    expect(r).toEqual({ ok: true, user: { id: u.id, username: u.username, sessionVersion: 0 } });
    const row = await db().user.findUniqueOrThrow({ where: { id: u.id } });
    expect(row.lastLoginAt).not.toBeNull();
    expect(await db().auditLog.count({ where: { action: "auth.sign_in", entityId: u.id } })).toBe(1);
  });

  it("answers an unknown user exactly like a wrong password", async () => {
    const r = await signIn({ username: uniqueName("nobody"), password: "Whatever-123" }, meta);
    expect(r).toEqual({ ok: false, message: WRONG });
    expect(SIGN_IN_MESSAGES.wrong).toBe(WRONG);
  });

  it("answers empty or malformed credentials with the same message", async () => {
    expect(await signIn({ username: "", password: "" }, meta)).toEqual({ ok: false, message: WRONG });
    expect(await signIn(null, meta)).toEqual({ ok: false, message: WRONG });
    expect(await signIn({ username: "district.admin" }, meta)).toEqual({ ok: false, message: WRONG });
  });

  it("locks the account on the 5th wrong password; then even the right password is refused", async () => {
    expect(MAX_FAILED_SIGN_INS).toBe(5);
    const u = await newUser({ prefix: "lock" });
    const answers = await fail(u.username, 5);
    expect(answers.slice(0, 4)).toEqual([WRONG, WRONG, WRONG, WRONG]);
    expect(answers[4]).toContain("锁定");

    const r = await signIn({ username: u.username, password: u.password }, meta);
    expect(r.ok).toBe(false);
    expect((r as { message: string }).message).toContain("锁定");

    const row = await db().user.findUniqueOrThrow({ where: { id: u.id } });
    const minutes = (row.lockedUntil!.getTime() - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(29);
    expect(minutes).toBeLessThanOrEqual(30.1);
    expect(await db().auditLog.count({ where: { action: "auth.locked", entityId: u.id } })).toBe(1);
  });

  it("a correct password before the 5th failure resets the count", async () => {
    const u = await newUser({ prefix: "reset" });
    await fail(u.username, 4);
    expect((await signIn({ username: u.username, password: u.password }, meta)).ok).toBe(true);
    // four more wrong ones are not enough to lock: the count started again
    expect(await fail(u.username, 4)).toEqual([WRONG, WRONG, WRONG, WRONG]);
    expect((await signIn({ username: u.username, password: u.password }, meta)).ok).toBe(true);
  });

  it("parallel wrong passwords cannot slip past the limit", async () => {
    const u = await newUser({ prefix: "par" });
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => signIn({ username: u.username, password: `bad-${i}` }, meta)),
    );
    expect(results.every((r) => !r.ok)).toBe(true);
    const row = await db().user.findUniqueOrThrow({ where: { id: u.id } });
    expect(row.lockedUntil).not.toBeNull();
    expect((await signIn({ username: u.username, password: u.password }, meta)).ok).toBe(false);
  });

  it("an administrator's password reset unlocks the account", async () => {
    const u = await newUser({ prefix: "unlock" });
    await fail(u.username, 5);
    const NEW = "Fresh-Start-2026";
    await resetPassword(await actorFor("district.admin"), { id: u.id, password: NEW });
    expect((await signIn({ username: u.username, password: NEW }, meta)).ok).toBe(true);
  });

  it("a disabled user is refused with the 停用 message, even with the right password", async () => {
    const u = await newUser({ prefix: "off" });
    await setUserDisabled(await actorFor("district.admin"), { id: u.id, disabled: true });
    const r = await signIn({ username: u.username, password: u.password }, meta);
    expect(r).toEqual({ ok: false, message: SIGN_IN_MESSAGES.disabled });
    expect(SIGN_IN_MESSAGES.disabled).toContain("停用");
  });
});
