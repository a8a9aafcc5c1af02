/**
 * Who may see and change accounts (用户管理, /admin/users) and read the audit trail
 * (操作日志, /admin/audit) — issue 12. Only a district admin holds user.manage and
 * audit.read: every other role is refused (FORBIDDEN; the pages turn it into a 404 through
 * orNotFound), even for a user inside its own subtree. A district admin sees and changes
 * only its own district's users (another district's are NOT_FOUND) and reads only its own
 * district's audit rows. Should user.manage ever reach a role placed below the district,
 * the user scope still ends at that unit's subtree (the last block pins that).
 */
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import type { Actor } from "@/lib/server/actor";
import { can } from "@/lib/server/permissions";
import { getUser, listAudit, listUsers, listUserTokens } from "@/lib/server/users/read-users";
import { createUser, resetPassword, revokeToken, revokeUserToken, setUserDisabled, updateUser } from "@/lib/server/users/write-users";
import { actorFor } from "../support/actors";
import { STRONG_PASSWORD, demoUnits, expectAppError, newUser, tokenFor, uniqueName, type DemoUnits } from "../support/fixtures";

let units: DemoUnits;
const actors: Record<string, Actor> = {};
/** Users made for this file: one in 城南街道's village (inside the town admin's subtree), one in the sibling town's village. */
let inTown: Awaited<ReturnType<typeof newUser>>;
let inSiblingTown: Awaited<ReturnType<typeof newUser>>;
let huaiyinAdminId: string;

const NOT_MANAGING = ["town.admin", "unit.admin", "station.coord", "leader"] as const;

beforeAll(async () => {
  units = await demoUnits();
  for (const u of ["district.admin", "huaiyin.admin", ...NOT_MANAGING]) actors[u] = await actorFor(u);
  inTown = await newUser({ role: "UNIT_ADMIN", orgUnitId: units.village.id, prefix: "scope-in" });
  inSiblingTown = await newUser({ role: "UNIT_ADMIN", orgUnitId: units.villageOfSiblingTown.id, prefix: "scope-out" });
  huaiyinAdminId = actors["huaiyin.admin"].userId;
});

/** What a change to a user would touch: the row, their sessions and tokens. */
const userState = async (id: string) => ({
  user: await db().user.findUniqueOrThrow({ where: { id } }),
  tokens: await db().accessToken.findMany({ where: { userId: id }, orderBy: { id: "asc" } }),
  sessions: await db().session.findMany({ where: { userId: id }, orderBy: { id: "asc" } }),
});
const lastAuditId = async () => (await db().auditLog.aggregate({ _max: { id: true } }))._max.id ?? BigInt(0);

/** Every user write, with an input that is valid for `target` (so a refusal is the guard's). */
const USER_WRITES = [
  ["updateUser", (a: Actor, t: { id: string; orgUnitId: string | null }) => updateUser(a, { id: t.id, displayName: "改名", role: "UNIT_ADMIN", orgUnitId: t.orgUnitId })],
  ["resetPassword", (a: Actor, t: { id: string }) => resetPassword(a, { id: t.id, password: "Reset-By-Someone#26" })],
  ["setUserDisabled", (a: Actor, t: { id: string }) => setUserDisabled(a, { id: t.id, disabled: true })],
] as const;

async function expectUserUnchanged(target: { id: string }, actor: Actor, code: "FORBIDDEN" | "NOT_FOUND", run: () => Promise<unknown>) {
  const before = await userState(target.id);
  const mark = await lastAuditId();
  await expectAppError(run(), code);
  expect(await userState(target.id)).toEqual(before);
  const audit = await db().auditLog.findMany({ where: { id: { gt: mark } } });
  expect(audit.map((a) => [a.action, a.actorId, (a.after as { code?: string }).code])).toEqual([["authz.denied", actor.userId, code]]);
}

describe("roles without user.manage are refused, even for a user in their own subtree", () => {
  it("the table is right: only the district admin holds user.manage and audit.read", () => {
    for (const who of NOT_MANAGING) {
      expect(can(actors[who], "user.manage"), who).toBe(false);
      expect(can(actors[who], "audit.read"), who).toBe(false);
    }
    expect(can(actors["district.admin"], "user.manage")).toBe(true);
    expect(can(actors["district.admin"], "audit.read")).toBe(true);
  });

  it.each(NOT_MANAGING)("%s cannot list users, open one, or list their tokens (FORBIDDEN)", async (who) => {
    await expectAppError(listUsers(actors[who], {}), "FORBIDDEN");
    await expectAppError(getUser(actors[who], inTown.id), "FORBIDDEN");
    await expectAppError(listUserTokens(actors[who], inTown.id), "FORBIDDEN");
  });

  it.each(NOT_MANAGING)("%s cannot read the audit trail (FORBIDDEN)", async (who) => {
    await expectAppError(listAudit(actors[who], {}), "FORBIDDEN");
  });

  describe.each(USER_WRITES)("%s", (_name, write) => {
    it.each(NOT_MANAGING)("by %s: FORBIDDEN; the user, their sessions and tokens unchanged; only the refusal audited", async (who) => {
      await expectUserUnchanged(inTown, actors[who], "FORBIDDEN", () => write(actors[who], inTown));
    });
  });

  it.each(NOT_MANAGING)("%s cannot create a user, not even in its own unit (FORBIDDEN, nothing written)", async (who) => {
    const username = uniqueName("scope-new");
    const a = actors[who];
    await expectAppError(createUser(a, { username, displayName: "新人", role: "UNIT_ADMIN", orgUnitId: units.village.id, password: STRONG_PASSWORD }), "FORBIDDEN");
    expect(await db().user.findUnique({ where: { username } })).toBeNull();
  });

  it.each(NOT_MANAGING)("%s cannot revoke another user's token (FORBIDDEN; the token still works)", async (who) => {
    const t = await tokenFor(inTown.username);
    await expectAppError(revokeUserToken(actors[who], { id: t.id }), "FORBIDDEN");
    expect((await db().accessToken.findUniqueOrThrow({ where: { id: t.id } })).revokedAt).toBeNull();
  });
});

describe("a district admin sees and changes only its own district's users", () => {
  it("the list holds exactly the district's users, none of another district", async () => {
    for (const [who, other] of [
      ["district.admin", "huaiyin.admin"],
      ["huaiyin.admin", "district.admin"],
    ] as const) {
      const a = actors[who];
      const expected = await db().user.count({ where: { tenantId: a.tenantId } });
      expect(expected).toBeGreaterThan(0);
      const { total, items, pages } = await listUsers(a, {});
      expect(total).toBe(expected);
      const seen = [...items];
      for (let p = 2; p <= pages; p++) seen.push(...(await listUsers(a, { page: p })).items);
      expect(seen).toHaveLength(expected);
      const units = await db().orgUnit.findMany({ where: { id: { in: seen.map((u) => u.orgUnit!.id) } }, select: { tenantId: true } });
      expect(new Set(units.map((u) => u.tenantId))).toEqual(new Set([a.tenantId]));
      // Asked for by name, the other district's admin is not there.
      expect((await listUsers(a, { q: other })).items).toEqual([]);
    }
  });

  it("another district's user is NOT_FOUND: open, tokens, every change; nothing changes", async () => {
    const admin = actors["district.admin"];
    const other = await db().user.findUniqueOrThrow({ where: { id: huaiyinAdminId }, select: { id: true, orgUnitId: true } });
    await expectAppError(getUser(admin, other.id), "NOT_FOUND");
    await expectAppError(listUserTokens(admin, other.id), "NOT_FOUND");
    for (const [, write] of USER_WRITES) {
      await expectUserUnchanged(other, admin, "NOT_FOUND", () => write(admin, other));
    }
    const t = await tokenFor("huaiyin.admin");
    await expectUserUnchanged(other, admin, "NOT_FOUND", () => revokeUserToken(admin, { id: t.id }));
  });

  it("and the other way round: huaiyin.admin cannot open or change 清江浦区's users", async () => {
    const hy = actors["huaiyin.admin"];
    await expectAppError(getUser(hy, inTown.id), "NOT_FOUND");
    for (const [, write] of USER_WRITES) {
      await expectUserUnchanged(inTown, hy, "NOT_FOUND", () => write(hy, { id: inTown.id, orgUnitId: units.huaiyinVillage.id }));
    }
    const username = uniqueName("scope-hy");
    await expectAppError(createUser(hy, { username, displayName: "越界", role: "UNIT_ADMIN", orgUnitId: units.village.id, password: STRONG_PASSWORD }), "NOT_FOUND");
    expect(await db().user.findUnique({ where: { username } })).toBeNull();
  });
});

describe("操作日志: a district admin reads only its own district's rows", () => {
  it("the newest row of the other district (written just now) is not on page 1; every row is the reader's district; the count is the district's", async () => {
    for (const [who, other] of [
      ["district.admin", "huaiyin.admin"],
      ["huaiyin.admin", "district.admin"],
    ] as const) {
      const reader = actors[who];
      // A fresh row of the other district: the newest of all, so an unscoped list would show it first.
      await expectAppError(revokeToken(actors[other], { id: randomUUID() }), "NOT_FOUND");
      const foreign = await db().auditLog.findFirstOrThrow({ where: { action: "authz.denied", actorId: actors[other].userId }, orderBy: { id: "desc" } });
      expect(foreign.tenantId).toBe(actors[other].tenantId);
      expect(foreign.id).toBe(await lastAuditId());

      const page = await listAudit(reader, {});
      expect(page.items.length).toBeGreaterThan(0);
      expect(page.items.map((a) => a.id)).not.toContain(foreign.id);
      expect(new Set(page.items.map((a) => a.tenantId))).toEqual(new Set([reader.tenantId]));
      // Rows of no district (the platform's) and of other districts are not counted either.
      expect(page.total).toBe(await db().auditLog.count({ where: { tenantId: reader.tenantId } }));
      expect(page.total).toBeLessThan(await db().auditLog.count());
    }
  });
});

describe("should user.manage ever reach a role below the district, users stay inside that unit's subtree", () => {
  // The town admin's own actor, given the district admin's permissions: the scope layer alone decides.
  const managerOnTown = () => ({ ...actors["town.admin"], role: "DISTRICT_ADMIN" as const });

  it("lists only users of the town's subtree, and finds those", async () => {
    const a = managerOnTown();
    const { items, total } = await listUsers(a, {});
    expect(items.map((u) => u.id)).toContain(inTown.id);
    expect(items.map((u) => u.id)).not.toContain(inSiblingTown.id);
    const inSubtree = await db().user.count({ where: { tenantId: a.tenantId, orgUnit: { path: { has: units.town.id } } } });
    expect(total).toBe(inSubtree);
    expect(total).toBeLessThan(await db().user.count({ where: { tenantId: a.tenantId } }));
    expect((await getUser(a, inTown.id)).id).toBe(inTown.id);
  });

  it("a user of the sibling town or of the district office is NOT_FOUND: open and every change, nothing changes", async () => {
    const a = managerOnTown();
    for (const target of [inSiblingTown, { id: actors["district.admin"].userId, orgUnitId: units.district.id }]) {
      await expectAppError(getUser(a, target.id), "NOT_FOUND");
      for (const [, write] of USER_WRITES) {
        await expectUserUnchanged(target, a, "NOT_FOUND", () => write(a, { id: target.id, orgUnitId: units.village.id }));
      }
    }
  });
});
