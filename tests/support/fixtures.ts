/**
 * Helpers for the integration suite: unique names (the database is shared by every
 * test file of a run), fresh users created through the product's own write path,
 * API requests, and AppError assertions.
 */
import { randomBytes } from "node:crypto";
import { expect } from "vitest";
import { NextRequest } from "next/server";
import { db } from "@/lib/server/db";
import { AppError, type AppErrorCode } from "@/lib/server/errors";
import { issueToken } from "@/lib/server/auth/token-issue";
import { createUser } from "@/lib/server/users/write-users";
import type { Role } from "@/lib/generated/prisma/enums";
import { actorFor } from "./actors";

/** A username no other test (or earlier run) uses: lower-case, digits and `-`. */
export function uniqueName(prefix = "t"): string {
  return `${prefix}-${randomBytes(5).toString("hex")}`;
}

/** Passes ZPassword: long, 4 classes, not a common password. */
export const STRONG_PASSWORD = "Qm-Itest-2026!x";

/** The seeded units the tests talk about, resolved from the seeded users (not from names alone). */
export async function demoUnits() {
  const [district, town, village, huaiyin] = await Promise.all(
    ["district.admin", "town.admin", "unit.admin", "huaiyin.admin"].map((u) =>
      db().user.findUniqueOrThrow({ where: { username: u }, select: { orgUnit: true } }).then((x) => {
        if (!x.orgUnit) throw new Error(`${u} has no unit`);
        return x.orgUnit;
      }),
    ),
  );
  const sib = (parentId: string, notId: string, level: "TOWN" | "VILLAGE") =>
    db().orgUnit.findFirstOrThrow({ where: { parentId, level, NOT: { id: notId } }, orderBy: { code: "asc" } });
  const siblingTown = await db().orgUnit.findFirstOrThrow({ where: { tenantId: district.tenantId, name: "清江街道" } });
  const siblingVillage = await sib(town.id, village.id, "VILLAGE");
  const villageOfSiblingTown = await db().orgUnit.findFirstOrThrow({
    where: { parentId: siblingTown.id, level: "VILLAGE" },
    orderBy: { code: "asc" },
  });
  const townSchool = await db().orgUnit.findFirstOrThrow({ where: { parentId: town.id, level: "SCHOOL" }, orderBy: { code: "asc" } });
  const districtSchool = await db().orgUnit.findFirstOrThrow({
    where: { parentId: district.id, level: "SCHOOL" },
    orderBy: { code: "asc" },
  });
  const huaiyinTown = await db().orgUnit.findFirstOrThrow({ where: { parentId: huaiyin.id, level: "TOWN" }, orderBy: { code: "asc" } });
  const huaiyinVillage = await db().orgUnit.findFirstOrThrow({
    where: { parentId: huaiyinTown.id, level: "VILLAGE" },
    orderBy: { code: "asc" },
  });
  return {
    district,
    town,
    village,
    siblingTown,
    siblingVillage,
    villageOfSiblingTown,
    townSchool,
    districtSchool,
    huaiyin,
    huaiyinTown,
    huaiyinVillage,
  };
}
export type DemoUnits = Awaited<ReturnType<typeof demoUnits>>;

/** A fresh user, created by district.admin through createUser (the real write path). */
export async function newUser(opts: { role?: Role; orgUnitId?: string; password?: string; prefix?: string } = {}) {
  const admin = await actorFor("district.admin");
  const username = uniqueName(opts.prefix ?? "u");
  const user = await createUser(admin, {
    username,
    displayName: "测试用户",
    role: opts.role ?? "DISTRICT_ADMIN",
    orgUnitId: opts.orgUnitId ?? admin.orgUnitId,
    password: opts.password ?? STRONG_PASSWORD,
  });
  // createUser makes the new user choose their own password at the first sign-in. Tests
  // skip that step on purpose and use the account at once (tests/integration/platform.test.ts
  // covers the step itself).
  await db().user.update({ where: { id: user.id }, data: { mustChangePassword: false } });
  return { ...user, password: opts.password ?? STRONG_PASSWORD };
}

/** A personal access token for a user, issued the way the token CLI does. */
export async function tokenFor(username: string, days = 30): Promise<{ token: string; id: string }> {
  const user = await db().user.findUniqueOrThrow({ where: { username }, select: { id: true, tenantId: true } });
  if (!user.tenantId) throw new Error(`${username} belongs to no district`);
  const { token, row } = await issueToken(db(), { id: user.id, tenantId: user.tenantId }, { name: `itest ${uniqueName()}`, days });
  return { token, id: row.id };
}

/** A GET request as a client sends it. */
export function apiGet(pathAndQuery: string, token?: string, extraHeaders: Record<string, string> = {}): NextRequest {
  const headers: Record<string, string> = { "user-agent": "vitest", ...extraHeaders };
  if (token !== undefined) headers.authorization = `Bearer ${token}`;
  return new NextRequest(new URL(pathAndQuery, "http://localhost:3000"), { headers });
}

/** The second argument of a Next route handler. */
export const routeCtx = <P extends object>(p: P) => ({ params: Promise.resolve(p) });

/** Awaits a promise that must reject with an AppError of this code; returns the error. */
export async function expectAppError(p: Promise<unknown>, code: AppErrorCode): Promise<AppError> {
  let caught: unknown;
  try {
    await p;
  } catch (e) {
    caught = e;
  }
  expect(caught, `expected AppError ${code}, but it resolved`).toBeDefined();
  expect(caught).toBeInstanceOf(AppError);
  expect((caught as AppError).code).toBe(code);
  return caught as AppError;
}

/** Audit rows whose `after` snapshot names this username (for "nothing was written"). */
export function auditRowsNamingUser(username: string) {
  return db().auditLog.findMany({ where: { after: { path: ["username"], equals: username } } });
}

/** JSON text of a row that may hold BigInt ids (AuditLog.id), for "never contains" checks. */
export const jsonText = (v: unknown) => JSON.stringify(v, (_k, x) => (typeof x === "bigint" ? x.toString() : x));
