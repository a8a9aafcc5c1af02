/**
 * A district of a test file's own: a fresh tenant (an unused 6-digit code) with a town and
 * a village, and users made on demand. Files that add units or people use it, so the demo
 * district keeps exactly what the seed gave it for the files that count it.
 */
import crypto from "node:crypto";
import { db } from "@/lib/server/db";
import { hashPassword } from "@/lib/server/auth/password";
import type { Role } from "@/lib/generated/prisma/enums";
import { mfaRequired } from "@/lib/server/auth/access";
import { STRONG_PASSWORD, uniqueName } from "./fixtures";
import { enrol } from "./mfa";

/** A 6-digit district code no district of this run has yet. */
export async function unusedCode(): Promise<string> {
  for (;;) {
    const code = String(100000 + crypto.randomInt(800000));
    if (!(await db().tenant.findUnique({ where: { code } }))) return code;
  }
}

export async function ownDistrict(name = "测试区") {
  const code = await unusedCode();
  const tenant = await db().tenant.create({ data: { name: `${name}${code}`, code } });
  const unit = (id: string, parent: { id: string; path: string[] } | null, level: "DISTRICT" | "TOWN" | "VILLAGE", kind: string, unitName: string, unitCode: string) =>
    db().orgUnit.create({
      data: {
        id,
        tenantId: tenant.id,
        parentId: parent?.id ?? null,
        level,
        kind,
        name: unitName,
        code: unitCode,
        path: [...(parent?.path ?? []), id],
        depth: parent ? parent.path.length : 0,
        committeeEstablishedOn: new Date(Date.UTC(2008, 0, 1)),
      },
    });
  const district = await unit(crypto.randomUUID(), null, "DISTRICT", "区", tenant.name, code);
  const siblingTown = await unit(crypto.randomUUID(), district, "TOWN", "镇", "邻镇", `${code}001`);
  const villageOfSiblingTown = await unit(crypto.randomUUID(), siblingTown, "VILLAGE", "村", "邻镇一村", `${code}001001`);
  const passwordHash = await hashPassword(STRONG_PASSWORD);

  /** A user of this district (who has chosen their own password, and set up 两步验证 where the role requires it), by username. */
  async function user(role: Role, orgUnitId: string): Promise<string> {
    const username = uniqueName(role.toLowerCase().replace(/_/g, "-"));
    const u = await db().user.create({ data: { tenantId: tenant.id, orgUnitId, username, displayName: "测试用户", role, passwordHash } });
    if (mfaRequired({ role, tenant })) await enrol(u.id);
    return username;
  }
  return { tenant, district, siblingTown, villageOfSiblingTown, user };
}
