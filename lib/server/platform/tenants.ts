/**
 * 系统管理: districts (tenants) and their first admins, and the demo districts' removal.
 * A platform admin sees no district data: only names, codes, states and counts.
 * Used by the /platform pages and by the CLI (scripts/tenant-create.ts, demo.ts,
 * platform-admin.ts), so there is one set of rules and one audit trail for both.
 */
import { randomUUID } from "node:crypto";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Tx } from "../db";
import { AppError, forbidden, invalid, notFound } from "../errors";
import { hashPassword } from "../auth/password";
import { resetMfa } from "../auth/mfa";
import { definePlatformWrite, type PlatformActor } from "./platform-write";
import { oneTimePassword } from "./one-time-password";
import { ZCreateTenant, ZPlatformAdmin, ZRemoveDemo, ZResetAdminPassword, ZSetTenantDisabled } from "./schemas";

/** The audit action of a demo removal; prisma/seed never seeds the demo again after one. */
export const DEMO_REMOVED_ACTION = "tenant.demo_remove";

/** What a password reset does besides the hash: old sessions end, the lock lifts, the user must choose their own. */
const freshPassword = async (password: string) => ({
  passwordHash: await hashPassword(password),
  passwordChangedAt: new Date(),
  mustChangePassword: true,
  sessionVersion: { increment: 1 },
  failedLogins: 0,
  lockedUntil: null,
});

// ── reads ──────────────────────────────────────────────────────────────────────

export interface TenantRow {
  id: string;
  name: string;
  code: string;
  isDemo: boolean;
  disabledAt: Date | null;
  createdAt: Date;
  userCount: number;
  unitCount: number;
  /** The district admins (for a password reset): name and state only. */
  admins: { id: string; username: string; displayName: string; disabledAt: Date | null; mustChangePassword: boolean; mfaEnabledAt: Date | null }[];
}

/** Every district, with counts only: no people beyond their admins' names, no figures. */
export async function listTenants(client: PrismaClient, admin: PlatformActor): Promise<TenantRow[]> {
  if (admin.role !== "PLATFORM_ADMIN") throw forbidden();
  const rows = await client.tenant.findMany({
    orderBy: [{ isDemo: "asc" }, { code: "asc" }],
    select: {
      id: true,
      name: true,
      code: true,
      isDemo: true,
      disabledAt: true,
      createdAt: true,
      _count: { select: { users: true, orgUnits: true } },
      users: {
        where: { role: "DISTRICT_ADMIN" },
        orderBy: { username: "asc" },
        select: { id: true, username: true, displayName: true, disabledAt: true, mustChangePassword: true, mfaEnabledAt: true },
      },
    },
  });
  return rows.map(({ _count, users, ...t }) => ({ ...t, userCount: _count.users, unitCount: _count.orgUnits, admins: users }));
}

// ── writes ─────────────────────────────────────────────────────────────────────

/**
 * A new district: the tenant (never a demo), its root unit (区关工委, level DISTRICT, code =
 * the district's code) and its first district admin, whose one-time password is returned
 * once (shown on screen or printed by the CLI) and must be changed at the first sign-in.
 */
export const createTenant = definePlatformWrite({
  action: "tenant.create",
  input: ZCreateTenant,
  conflictMessage: "区划代码或用户名已被使用，请换一个",
  conflictField: "code",
  async run({ tx, input }) {
    const sameCode = await tx.tenant.findUnique({ where: { code: input.code }, select: { name: true } });
    if (sameCode) throw invalid([{ path: "code", message: `区划代码 ${input.code} 已被“${sameCode.name}”使用` }], `区划代码 ${input.code} 已被“${sameCode.name}”使用`);
    if (await tx.user.findUnique({ where: { username: input.adminUsername }, select: { id: true } })) {
      throw invalid([{ path: "adminUsername", message: `用户名 ${input.adminUsername} 已被使用，请换一个` }], `用户名 ${input.adminUsername} 已被使用，请换一个`);
    }
    const tenant = await tx.tenant.create({
      data: { name: input.name, code: input.code, isDemo: false },
      select: { id: true, name: true, code: true, isDemo: true },
    });
    const rootId = randomUUID();
    const root = await tx.orgUnit.create({
      data: { id: rootId, tenantId: tenant.id, parentId: null, level: "DISTRICT", kind: "区", name: input.rootUnitName ?? input.name, code: input.code, path: [rootId], depth: 0 },
      select: { id: true, name: true, code: true, level: true },
    });
    const password = oneTimePassword();
    const user = await tx.user.create({
      data: {
        tenantId: tenant.id,
        orgUnitId: root.id,
        username: input.adminUsername,
        displayName: input.adminDisplayName ?? "区关工委管理员",
        role: "DISTRICT_ADMIN",
        passwordHash: await hashPassword(password),
        mustChangePassword: true,
      },
      select: { id: true, username: true, displayName: true, role: true },
    });
    return {
      result: { tenant, rootUnit: root, admin: user, password },
      tenantId: tenant.id,
      entity: "Tenant",
      entityId: tenant.id,
      after: { tenant, rootUnit: root, admin: user },
    };
  },
});

/** Switches a district off (nobody of it can sign in; sessions and tokens end at once) or on again. */
export const setTenantDisabled = definePlatformWrite({
  action: "tenant.set_disabled",
  input: ZSetTenantDisabled,
  async run({ tx, input }) {
    const before = await tx.tenant.findUnique({ where: { id: input.tenantId }, select: { id: true, name: true, code: true, isDemo: true, disabledAt: true } });
    if (!before) throw notFound();
    const after = await tx.tenant.update({
      where: { id: before.id },
      data: { disabledAt: input.disabled ? (before.disabledAt ?? new Date()) : null },
      select: { id: true, name: true, code: true, isDemo: true, disabledAt: true },
    });
    return { result: after, tenantId: after.id, entity: "Tenant", entityId: after.id, before, after };
  },
});

/** A new one-time password for a district admin (returned once); they choose their own at the next sign-in. */
export const resetAdminPassword = definePlatformWrite({
  action: "tenant.reset_admin_password",
  input: ZResetAdminPassword,
  async run({ tx, input }) {
    const user = await tx.user.findFirst({
      where: { id: input.userId, role: "DISTRICT_ADMIN", tenantId: { not: null } },
      select: { id: true, tenantId: true, username: true, displayName: true },
    });
    if (!user) throw notFound();
    const password = oneTimePassword();
    await tx.user.update({ where: { id: user.id }, data: await freshPassword(password) });
    return {
      result: { username: user.username, displayName: user.displayName, password },
      tenantId: user.tenantId,
      entity: "User",
      entityId: user.id,
      after: { username: user.username, passwordReset: true, unlocked: true },
    };
  },
});

/**
 * A platform admin (CLI: npm run platform:admin): created, or — when the username is
 * already a platform admin — given a new one-time password and a cleared 两步验证 (set up
 * again at the next sign-in): the way back for a platform admin who lost both. A district's
 * username is refused: the two kinds of account never mix.
 */
export const ensurePlatformAdmin = definePlatformWrite({
  action: "platform_admin.create",
  input: ZPlatformAdmin,
  conflictMessage: "该用户名已被使用，请换一个",
  conflictField: "username",
  async run({ tx, input }) {
    const existing = await tx.user.findUnique({ where: { username: input.username }, select: { id: true, role: true, displayName: true } });
    if (existing && existing.role !== "PLATFORM_ADMIN") {
      throw invalid([{ path: "username", message: `用户名 ${input.username} 已是某个区的账号，不能用作系统管理员` }], `用户名 ${input.username} 已是某个区的账号，不能用作系统管理员`);
    }
    const password = oneTimePassword();
    if (existing) {
      await tx.user.update({
        where: { id: existing.id },
        data: { ...(await freshPassword(password)), disabledAt: null, ...(input.displayName ? { displayName: input.displayName } : {}) },
      });
      await resetMfa(tx, existing.id);
      return {
        result: { created: false, username: input.username, password },
        action: "platform_admin.reset_password",
        tenantId: null,
        entity: "User",
        entityId: existing.id,
        after: { username: input.username, passwordReset: true, mfaReset: true },
      };
    }
    const user = await tx.user.create({
      data: {
        tenantId: null,
        orgUnitId: null,
        username: input.username,
        displayName: input.displayName ?? "系统管理员",
        role: "PLATFORM_ADMIN",
        passwordHash: await hashPassword(password),
        mustChangePassword: true,
      },
      select: { id: true, username: true, displayName: true, role: true },
    });
    return { result: { created: true, username: user.username, password }, tenantId: null, entity: "User", entityId: user.id, after: user };
  },
});

/**
 * Tables holding district rows, children before parents (from the database's own foreign
 * keys, so a table added later is included without a change here). A table that points
 * into a district table but has no tenantId could not be removed by district: refused.
 */
async function tenantTablesInDeleteOrder(tx: Tx): Promise<string[]> {
  const tables = new Set(
    (
      await tx.$queryRaw<{ t: string }[]>`
        SELECT c.table_name AS t FROM information_schema.columns c
          JOIN information_schema.tables tb ON tb.table_schema = c.table_schema AND tb.table_name = c.table_name AND tb.table_type = 'BASE TABLE'
         WHERE c.table_schema = current_schema() AND c.column_name = 'tenantId'`
    ).map((r) => r.t),
  );
  const edges = await tx.$queryRaw<{ child: string; parent: string }[]>`
    SELECT ch.relname AS child, pa.relname AS parent
      FROM pg_constraint k
      JOIN pg_class ch ON ch.oid = k.conrelid
      JOIN pg_class pa ON pa.oid = k.confrelid
      JOIN pg_namespace n ON n.oid = ch.relnamespace
     WHERE k.contype = 'f' AND n.nspname = current_schema()`;
  const children = new Map<string, Set<string>>(); // parent → tables pointing at it
  for (const { child, parent } of edges) {
    if (!tables.has(parent) || child === parent) continue;
    if (!tables.has(child)) throw new Error(`table ${child} points into ${parent} but has no tenantId`);
    if (!children.has(parent)) children.set(parent, new Set());
    children.get(parent)!.add(child);
  }
  const order: string[] = [];
  const left = new Set(tables);
  while (left.size) {
    const ready = [...left].filter((t) => ![...(children.get(t) ?? [])].some((c) => left.has(c))).sort();
    if (!ready.length) throw new Error(`foreign keys form a cycle among ${[...left].join(", ")}`);
    for (const t of ready) {
      order.push(t);
      left.delete(t);
    }
  }
  return order;
}

/**
 * Removes demo districts completely: every row of every table, the audit trail included,
 * in one transaction. Only tenants WHERE isDemo are ever selected, so a real district
 * cannot be removed by this path; with `tenantId`, only that one (which must be a demo).
 * The audit trail keeps one entry (tenantId NULL) saying what was removed.
 */
export const removeDemoTenants = definePlatformWrite({
  action: DEMO_REMOVED_ACTION,
  input: ZRemoveDemo,
  timeoutMs: 10 * 60_000,
  async run({ tx, input }) {
    const tenants = await tx.tenant.findMany({
      where: { isDemo: true, ...(input.tenantId ? { id: input.tenantId } : {}) },
      select: { id: true, name: true, code: true },
      orderBy: { code: "asc" },
    });
    if (input.tenantId && !tenants.length) throw new AppError("NOT_FOUND", "未找到该演示区（只能删除演示数据）");
    const order = tenants.length ? await tenantTablesInDeleteOrder(tx) : [];
    const removed: { id: string; name: string; code: string; rows: Record<string, number> }[] = [];
    for (const t of tenants) {
      const rows: Record<string, number> = {};
      for (const table of order) {
        // The app's role may not delete audit rows: this database function may, for a demo tenant only.
        const n =
          table === "AuditLog"
            ? (await tx.$queryRaw<{ n: number }[]>`SELECT qingmiao_purge_demo_audit(${t.id}::uuid) AS n`)[0].n
            : await tx.$executeRawUnsafe(`DELETE FROM "${table.replace(/"/g, '""')}" WHERE "tenantId" = $1::uuid`, t.id);
        if (n) rows[table] = n;
      }
      await tx.$executeRaw`DELETE FROM "Tenant" WHERE id = ${t.id}::uuid AND "isDemo"`;
      removed.push({ ...t, rows });
    }
    return {
      result: removed,
      tenantId: null,
      entity: "Tenant",
      entityId: removed.length === 1 ? removed[0].id : null,
      after: { removed },
    };
  },
});
