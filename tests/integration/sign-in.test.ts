/**
 * Sign-in: wrong passwords, the 5-strike lock (30 min) that holds under parallel guesses,
 * the per-IP and per-username throttles, one answer for every failure, and what is audited.
 */
import { beforeEach, describe, expect, it, vi } from "vitest";
import { randomBytes } from "node:crypto";
import { db } from "@/lib/server/db";
import { signIn, SIGN_IN_MESSAGES, MAX_FAILED_SIGN_INS, SIGN_IN_LIMITS, maskUsername, pruneThrottle } from "@/lib/server/auth/sign-in";
import { metaFromHeaders, clientIpFrom } from "@/lib/server/auth/request-meta";
import { resetPassword, setUserDisabled } from "@/lib/server/users/write-users";
import { actorFor } from "../support/actors";
import { newUser, uniqueName } from "../support/fixtures";

// Count the real argon2 work of every path without changing it: the functions still run.
const calls = vi.hoisted(() => ({ verify: 0, burn: 0 }));
vi.mock("@/lib/server/auth/password", async (importOriginal) => {
  const m = await importOriginal<typeof import("@/lib/server/auth/password")>();
  return {
    ...m,
    verifyPassword: async (...a: Parameters<typeof m.verifyPassword>) => {
      calls.verify++;
      return m.verifyPassword(...a);
    },
    burnVerifyTime: async (...a: Parameters<typeof m.burnVerifyTime>) => {
      calls.burn++;
      return m.burnVerifyTime(...a);
    },
  };
});

/** Each test signs in from its own address, so the per-IP throttle of one cannot reach another. */
const newMeta = () => ({ ip: `10.${randomBytes(1)[0]}.${randomBytes(1)[0]}.${randomBytes(1)[0]}`, userAgent: "vitest" });
let meta = newMeta();
beforeEach(() => {
  meta = newMeta();
  calls.verify = 0;
  calls.burn = 0;
});
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

/** Failed attempts whose password was really checked against the user's hash. */
const verifiedFailures = (userId: string) =>
  db().auditLog.count({
    where: { entityId: userId, action: { in: ["auth.sign_in_failed", "auth.locked"] }, after: { path: ["reason"], equals: "wrong_password" } },
  });

describe("signIn", () => {
  it("accepts the right password and answers the user", async () => {
    const u = await newUser({ prefix: "si" });
    const r = await signIn({ username: u.username, password: u.password }, meta);
    expect(r).toEqual({ ok: true, user: { id: u.id, username: u.username, sessionVersion: 0 } });
    const row = await db().user.findUniqueOrThrow({ where: { id: u.id } });
    expect(row.lastLoginAt).not.toBeNull();
    expect(await db().auditLog.count({ where: { action: "auth.sign_in", entityId: u.id } })).toBe(1);
  });

  it("answers an unknown user exactly like a wrong password, after the same argon2 work", async () => {
    const r = await signIn({ username: uniqueName("nobody"), password: "Whatever-123" }, meta);
    expect(r).toEqual({ ok: false, message: WRONG });
    expect(SIGN_IN_MESSAGES.wrong).toBe(WRONG);
    expect(calls.burn).toBe(1);
  });

  it("answers empty or malformed credentials with the same message", async () => {
    expect(await signIn({ username: "", password: "" }, meta)).toEqual({ ok: false, message: WRONG });
    expect(await signIn(null, meta)).toEqual({ ok: false, message: WRONG });
    expect(await signIn({ username: "district.admin" }, meta)).toEqual({ ok: false, message: WRONG });
  });

  it("locks the account on the 5th wrong password; then even the right password gets the same answer", async () => {
    expect(MAX_FAILED_SIGN_INS).toBe(5);
    const u = await newUser({ prefix: "lock" });
    const answers = await fail(u.username, 5);
    // A stranger cannot tell a locked account from a wrong password (or an unknown name).
    expect(answers).toEqual([WRONG, WRONG, WRONG, WRONG, WRONG]);
    expect(calls.verify).toBe(5);

    const r = await signIn({ username: u.username, password: u.password }, meta);
    expect(r).toEqual({ ok: false, message: WRONG });
    // the locked path does not check the real password, but spends the same argon2 time
    expect(calls.verify).toBe(5);
    expect(calls.burn).toBe(1);

    const row = await db().user.findUniqueOrThrow({ where: { id: u.id } });
    const minutes = (row.lockedUntil!.getTime() - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(29);
    expect(minutes).toBeLessThanOrEqual(30.1);
    expect(await db().auditLog.count({ where: { action: "auth.locked", entityId: u.id } })).toBe(1);
    expect(
      await db().auditLog.count({ where: { action: "auth.sign_in_failed", entityId: u.id, after: { path: ["reason"], equals: "locked" } } }),
    ).toBe(1);
  });

  it("a correct password before the 5th failure resets the count", async () => {
    const u = await newUser({ prefix: "reset" });
    await fail(u.username, 4);
    expect((await signIn({ username: u.username, password: u.password }, meta)).ok).toBe(true);
    // four more wrong ones are not enough to lock: the count started again
    expect(await fail(u.username, 4)).toEqual([WRONG, WRONG, WRONG, WRONG]);
    expect((await signIn({ username: u.username, password: u.password }, meta)).ok).toBe(true);
  });

  it("the right password as the 5th attempt gets in and clears the count", async () => {
    const u = await newUser({ prefix: "fifth" });
    await fail(u.username, 4);
    expect((await signIn({ username: u.username, password: u.password }, meta)).ok).toBe(true);
    const row = await db().user.findUniqueOrThrow({ where: { id: u.id } });
    expect(row.failedLogins).toBe(0);
    expect(row.lockedUntil).toBeNull();
  });

  it("50 parallel wrong passwords: at most 5 are verified, the account locks, a right one in the burst is refused", async () => {
    const u = await newUser({ prefix: "par" });
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => signIn({ username: u.username, password: `bad-${i}` }, newMeta())),
    );
    expect(results.every((r) => !r.ok)).toBe(true);
    expect(calls.verify).toBeLessThanOrEqual(MAX_FAILED_SIGN_INS);
    expect(await verifiedFailures(u.id)).toBeLessThanOrEqual(MAX_FAILED_SIGN_INS);
    const row = await db().user.findUniqueOrThrow({ where: { id: u.id } });
    expect(row.lockedUntil!.getTime()).toBeGreaterThan(Date.now());

    // a second burst with the right password among the wrong ones: all refused, none verified
    calls.verify = 0;
    const burst = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        signIn({ username: u.username, password: i === 10 ? u.password : `bad2-${i}` }, newMeta()),
      ),
    );
    expect(burst.map((r) => r.ok)).toEqual(Array(20).fill(false));
    expect(calls.verify).toBe(0);
    expect(await verifiedFailures(u.id)).toBeLessThanOrEqual(MAX_FAILED_SIGN_INS);
  });

  it("a right password racing the wrong ones: never more than 5 verified in all", async () => {
    const u = await newUser({ prefix: "race" });
    await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        signIn({ username: u.username, password: i === 29 ? u.password : `bad-${i}` }, newMeta()),
      ),
    );
    expect(calls.verify).toBeLessThanOrEqual(MAX_FAILED_SIGN_INS);
  });

  it("an administrator's password reset unlocks the account", async () => {
    const u = await newUser({ prefix: "unlock" });
    await fail(u.username, 5);
    const NEW = "Fresh-Start-2026";
    await resetPassword(await actorFor("district.admin"), { id: u.id, password: NEW });
    expect((await signIn({ username: u.username, password: NEW }, meta)).ok).toBe(true);
  });

  it("a disabled user hears 停用 only after the right password; a wrong one gets the common answer", async () => {
    const u = await newUser({ prefix: "off" });
    await setUserDisabled(await actorFor("district.admin"), { id: u.id, disabled: true });
    expect(await signIn({ username: u.username, password: "Not-the-one-1" }, meta)).toEqual({ ok: false, message: WRONG });
    expect(calls.verify).toBe(1);
    const r = await signIn({ username: u.username, password: u.password }, meta);
    expect(r).toEqual({ ok: false, message: SIGN_IN_MESSAGES.disabled });
    expect(SIGN_IN_MESSAGES.disabled).toContain("停用");
    expect(calls.verify).toBe(2);
    // refused, so it is not a sign-in
    expect((await db().user.findUniqueOrThrow({ where: { id: u.id } })).lastLoginAt).toBeNull();
  });

  it("audits a known user's failures under the user's district, so its admins see them", async () => {
    const u = await newUser({ prefix: "aud" });
    await fail(u.username, 1);
    const row = await db().auditLog.findFirstOrThrow({ where: { action: "auth.sign_in_failed", entityId: u.id } });
    const user = await db().user.findUniqueOrThrow({ where: { id: u.id } });
    expect(user.tenantId).not.toBeNull();
    expect(row.tenantId).toBe(user.tenantId);
    expect(row.actorName).toBe(u.username);
    expect(row.ip).toBe(meta.ip);
  });

  it("never stores an unknown username as typed: it may be a password typed in the wrong box", async () => {
    const typed = `Pw-${randomBytes(6).toString("hex")}!`;
    expect(await signIn({ username: typed, password: "x" }, meta)).toEqual({ ok: false, message: WRONG });
    const rows = await db().auditLog.findMany({ where: { action: "auth.sign_in_failed", ip: meta.ip } });
    expect(rows).toHaveLength(1);
    expect(JSON.stringify({ ...rows[0], id: String(rows[0].id) })).not.toContain(typed.slice(1));
    expect(rows[0].actorName).toBe(maskUsername(typed));
    expect(maskUsername(typed)).toBe(`P…(${typed.length})`);
    expect(rows[0].tenantId).toBeNull();
    const throttleKeys = await db().signInThrottle.findMany({ where: { key: { contains: typed.slice(1) } } });
    expect(throttleKeys).toHaveLength(0);
  });

  it("throttles an IP after its limit of FAILED attempts, for every username; successes do not count", async () => {
    const { max } = SIGN_IN_LIMITS.ip;
    expect(max).toBe(30);
    const u = await newUser({ prefix: "ipok" });
    // an office signing in all day from one address is never stopped
    for (let i = 0; i < 3; i++) expect((await signIn({ username: u.username, password: u.password }, meta)).ok).toBe(true);
    for (let i = 0; i < max; i++) {
      expect(await signIn({ username: uniqueName("g"), password: `guess-${i}` }, meta)).toEqual({ ok: false, message: WRONG });
    }
    calls.burn = 0;
    calls.verify = 0;
    // over the limit: even a right password from that address waits, with the same argon2 time spent
    expect(await signIn({ username: u.username, password: u.password }, meta)).toEqual({ ok: false, message: SIGN_IN_MESSAGES.throttled });
    expect(calls.verify).toBe(0);
    expect(calls.burn).toBe(1);
    // other addresses are not affected, and the user's own count was not touched
    expect((await signIn({ username: u.username, password: u.password }, newMeta())).ok).toBe(true);
  });

  it("parallel guesses from one IP cannot slip past its limit", async () => {
    const { max } = SIGN_IN_LIMITS.ip;
    const results = await Promise.all(
      Array.from({ length: max + 20 }, (_, i) => signIn({ username: uniqueName("pg"), password: `g-${i}` }, meta)),
    );
    expect(results.filter((r) => !r.ok && r.message === WRONG)).toHaveLength(max);
  });

  it("throttles a username after its limit of failed attempts from any number of addresses", async () => {
    const { max } = SIGN_IN_LIMITS.username;
    const name = uniqueName("target");
    for (let i = 0; i < max; i++) {
      expect(await signIn({ username: name, password: `guess-${i}` }, newMeta())).toEqual({ ok: false, message: WRONG });
    }
    expect(await signIn({ username: name, password: "guess-last" }, newMeta())).toEqual({
      ok: false,
      message: SIGN_IN_MESSAGES.throttled,
    });
  });

  it("drops throttle rows whose longest window has ended, and keeps the others", async () => {
    const old = `ip:old-${randomBytes(4).toString("hex")}`;
    const fresh = `ip:fresh-${randomBytes(4).toString("hex")}`;
    await db().signInThrottle.createMany({
      data: [
        { key: old, windowStart: new Date(Date.now() - 25 * 3600_000), count: 3 },
        { key: fresh, windowStart: new Date(Date.now() - 23 * 3600_000), count: 3 },
      ],
    });
    await pruneThrottle(1);
    const left = await db().signInThrottle.findMany({ where: { key: { in: [old, fresh] } } });
    expect(left.map((r) => r.key)).toEqual([fresh]);
  });
});

describe("client IP behind proxies", () => {
  const h = (xff?: string, realIp?: string) =>
    new Headers({ ...(xff ? { "x-forwarded-for": xff } : {}), ...(realIp ? { "x-real-ip": realIp } : {}), "user-agent": "ua" });

  it("takes the right-most hop (what our own proxy saw), not the forgeable left-most", () => {
    expect(clientIpFrom(h("6.6.6.6, 203.0.113.7"), [])).toBe("203.0.113.7");
    expect(metaFromHeaders(h("203.0.113.7"))).toEqual({ ip: "203.0.113.7", userAgent: "ua" });
  });

  it("skips hops in the trusted-proxy list (IPs and CIDRs, v4 and v6)", () => {
    const trusted = ["10.0.0.0/8", "127.0.0.1", "fd00::/8"];
    expect(clientIpFrom(h("6.6.6.6, 203.0.113.7, 10.1.2.3, 127.0.0.1"), trusted)).toBe("203.0.113.7");
    expect(clientIpFrom(h("6.6.6.6, 2001:db8::1, fd00::2"), trusted)).toBe("2001:db8::1");
    expect(clientIpFrom(h("::ffff:203.0.113.9, ::ffff:10.0.0.1"), trusted)).toBe("203.0.113.9");
    // every hop trusted: the left-most is the best we know
    expect(clientIpFrom(h("10.0.0.5, 127.0.0.1"), trusted)).toBe("10.0.0.5");
  });

  it("falls back to x-real-ip without X-Forwarded-For, and ignores junk", () => {
    expect(clientIpFrom(h(undefined, "198.51.100.4"), [])).toBe("198.51.100.4");
    expect(clientIpFrom(h("not-an-ip, 198.51.100.5"), [])).toBe("198.51.100.5");
    expect(clientIpFrom(h(), [])).toBeNull();
  });

  it("reads TRUSTED_PROXIES from the environment", () => {
    const before = process.env.TRUSTED_PROXIES;
    process.env.TRUSTED_PROXIES = "192.0.2.0/24, 127.0.0.1";
    try {
      expect(metaFromHeaders(h("6.6.6.6, 203.0.113.7, 192.0.2.10, 127.0.0.1")).ip).toBe("203.0.113.7");
    } finally {
      if (before === undefined) delete process.env.TRUSTED_PROXIES;
      else process.env.TRUSTED_PROXIES = before;
    }
  });
});
