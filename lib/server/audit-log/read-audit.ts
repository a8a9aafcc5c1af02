import "server-only";
/**
 * 操作日志: the filtered, scoped audit rows behind the page and its Excel export. One
 * where-clause builder serves both, so the file holds exactly what the page lists.
 *
 * Scope is scope.auditLogs (today: the actor's district; only `audit.read` roles, i.e. the
 * district admin). AuditLog rows carry no unit, so "单位" means the unit of the person who
 * acted, as the user row says now, including every unit below it (a town: its own office
 * and its villages and schools). Entries without a user (a mistyped sign-in name, the
 * command line) match no unit.
 */
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "../actor";
import { db } from "../db";
import { assertCan } from "../permissions";
import { findUnitInScope, scope } from "../scope";
import { listUnitsForPicker } from "../org/read-units";
import { actionLabel, type TAuditFilters } from "@/lib/schemas/audit";

export const AUDIT_PAGE_SIZE = 50;

/** Newest first: served by the (tenantId, at) indexes and their action and actor peers. */
export const AUDIT_ORDER = [{ at: "desc" }, { id: "desc" }] satisfies Prisma.AuditLogOrderByWithRelationInput[];

/** "YYYY-MM-DD" in Beijing → the instant that day begins there. */
const beijingDayStart = (day: string) => new Date(`${day}T00:00:00+08:00`);
const DAY_MS = 86_400_000;

/** Ids of the users in scope matching `where` (an `AND` keeps scope's own orgUnit key). */
async function userIds(actor: Actor, where: Prisma.UserWhereInput): Promise<string[]> {
  const rows = await db().user.findMany({ where: { ...scope.users(actor), AND: [where] }, select: { id: true } });
  return rows.map((r) => r.id);
}

/**
 * The where-clause of these filters, always inside the actor's scope. A unit outside scope
 * is NOT_FOUND, like any id from a URL.
 */
export async function auditWhere(actor: Actor, f: TAuditFilters): Promise<Prisma.AuditLogWhereInput> {
  assertCan(actor, "audit.read");
  const and: Prisma.AuditLogWhereInput[] = [scope.auditLogs(actor)];
  if (f.user) {
    // actorName is the username (or what was typed at a failed sign-in); names live on User.
    const named = await userIds(actor, { displayName: { contains: f.user, mode: "insensitive" } });
    and.push({ OR: [{ actorName: { contains: f.user, mode: "insensitive" } }, ...(named.length ? [{ actorId: { in: named } }] : [])] });
  }
  if (f.action) and.push({ action: f.action });
  if (f.unit) {
    const unit = await findUnitInScope(db(), actor, f.unit, { id: true });
    and.push({ actorId: { in: await userIds(actor, { orgUnit: { path: { has: unit.id } } }) } });
  }
  if (f.from) and.push({ at: { gte: beijingDayStart(f.from) } });
  if (f.to) and.push({ at: { lt: new Date(beijingDayStart(f.to).getTime() + DAY_MS) } });
  return { AND: and };
}

export type AuditRow = Prisma.AuditLogGetPayload<object>;

/** Who the actors of these rows are now: name and unit, for the users in scope. */
export async function auditActors(actor: Actor, rows: readonly { actorId: string | null }[]) {
  const ids = [...new Set(rows.map((r) => r.actorId).filter((id): id is string => id !== null))];
  const users = ids.length
    ? await db().user.findMany({
        where: { ...scope.users(actor), id: { in: ids } },
        select: { id: true, displayName: true, orgUnit: { select: { name: true } } },
      })
    : [];
  return new Map(users.map((u) => [u.id, { displayName: u.displayName, unitName: u.orgUnit?.name ?? "" }]));
}

/** One page of the filtered log, newest first, with the actors' names and units. */
export async function listAudit(actor: Actor, filters: TAuditFilters, page = 1) {
  const where = await auditWhere(actor, filters);
  const [total, items] = await Promise.all([
    db().auditLog.count({ where }),
    db().auditLog.findMany({ where, orderBy: AUDIT_ORDER, skip: (Math.max(1, page) - 1) * AUDIT_PAGE_SIZE, take: AUDIT_PAGE_SIZE }),
  ]);
  const actors = await auditActors(actor, items);
  return {
    total,
    page,
    pages: Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE)),
    items: items.map((a) => ({ ...a, actor: a.actorId ? actors.get(a.actorId) : undefined })),
  };
}

/**
 * The actions that occur in the actor's log, by their Chinese label (for the 操作 filter).
 * A skip scan over AuditLog(tenantId, action, at): one index probe per distinct action, where
 * a GROUP BY would read every row (milliseconds against a third of a second at a million rows).
 */
export async function auditActionOptions(actor: Actor) {
  assertCan(actor, "audit.read");
  const { tenantId } = scope.auditLogs(actor);
  const rows = await db().$queryRaw<{ action: string }[]>`
    WITH RECURSIVE a AS (
      (SELECT action FROM "AuditLog" WHERE "tenantId" = ${tenantId}::uuid ORDER BY action LIMIT 1)
      UNION ALL
      SELECT (SELECT l.action FROM "AuditLog" l WHERE l."tenantId" = ${tenantId}::uuid AND l.action > a.action ORDER BY l.action LIMIT 1)
        FROM a WHERE a.action IS NOT NULL
    )
    SELECT action FROM a WHERE action IS NOT NULL`;
  return rows
    .map((r) => ({ value: r.action, label: actionLabel(r.action) }))
    .sort((a, b) => a.label.localeCompare(b.label, "zh-CN") || a.value.localeCompare(b.value));
}

/** The units of the 单位 filter: every active unit in scope, in tree order, indented by depth. */
export async function auditUnitOptions(actor: Actor) {
  assertCan(actor, "audit.read");
  const units = await listUnitsForPicker(actor);
  const base = units[0]?.depth ?? 0;
  return units.map((u) => ({ id: u.id, name: u.name, depth: u.depth - base }));
}
