import "server-only";
/**
 * Changes to the org tree (DOMAIN §2): add a unit, rename / re-kind / re-code, move a
 * subtree, close (撤销), reopen, merge (撤并). Every write goes through defineWrite.
 *
 * Tree edits are serialised per tenant: each one first locks the tenant row (`FOR
 * UPDATE`), then reads the units it checks. Two concurrent moves therefore never judge
 * "is B under A?" against a tree the other is changing, so no cycle or stale path can
 * appear. Every other write of the tenant locks that row too at its end (the audit
 * trigger bumps Tenant.dataVersion), so this costs no new kind of waiting.
 *
 * Who: DISTRICT_ADMIN anything in its district except closing, moving or merging the
 * district root; TOWN_ADMIN the villages and schools under its own town (its scope),
 * never its own town. Both through "org.manage"; UNIT_ADMIN lacks it (403) — a village
 * or school does not rename itself, the unit names are the district's register.
 */
import { randomUUID } from "node:crypto";
import { Prisma } from "@/lib/generated/prisma/client";
import { defineWrite } from "../write";
import { forbidden, invalid, type FieldIssue } from "../errors";
import { findUnitInScope } from "../scope";
import type { Tx } from "../db";
import type { Actor } from "../actor";
import { isoDay } from "@/lib/schemas/dates";
import { formatDate } from "@/lib/format";
import {
  NEW_UNIT_LEVEL_LABELS,
  PARENT_LEVELS,
  PARENT_RULE_MESSAGES,
  ZCreateUnit,
  ZMergeUnit,
  ZSetCommitteeEstablished,
  ZUpdateUnit,
  kindsOfLevel,
  type NewUnitLevel,
} from "@/lib/schemas/org";
import { UNIT_KINDS } from "@/lib/imports/templates";
import { SINGLE_HOLDER_ROLES } from "@/lib/schemas/roster";
import type { OrgLevel, RosterRole } from "@/lib/generated/prisma/enums";
import { UNIT_SELECT } from "./read-units";

export const setCommitteeEstablished = defineWrite({
  action: "org.set_committee_established",
  permission: "org.write",
  input: ZSetCommitteeEstablished,
  async run({ tx, actor, input }) {
    const unit = await findUnitInScope(tx, actor, input.unitId, { id: true, committeeEstablishedOn: true });
    await tx.orgUnit.update({ where: { id: unit.id }, data: { committeeEstablishedOn: input.establishedOn } });
    return {
      result: unit.id,
      entity: "OrgUnit",
      entityId: unit.id,
      before: { committeeEstablishedOn: isoDay(unit.committeeEstablishedOn) },
      after: { committeeEstablishedOn: isoDay(input.establishedOn) },
    };
  },
});

const fail = (path: string, message: string) => invalid([{ path, message }], message);

/** One tree edit at a time per tenant (org pages and the units import); everything read after this is current. */
export async function lockTree(tx: Tx, tenantId: string) {
  await tx.$queryRaw`SELECT id FROM "Tenant" WHERE id = ${tenantId}::uuid FOR UPDATE`;
}

const TREE_SELECT = { ...UNIT_SELECT, depth: true } as const;
type TreeUnit = Prisma.OrgUnitGetPayload<{ select: typeof TREE_SELECT }>;

/** The district (and any region above it) is the frame of the tree: renamed at most, never moved, closed or merged. */
const isRoot = (u: { parentId: string | null; level: OrgLevel }) => u.parentId === null || !(u.level in PARENT_LEVELS);

/** A town admin changes what lies under its town, never the town itself. */
function assertMayChange(actor: Actor, unit: { id: string }) {
  if (unit.id === actor.orgUnitId && actor.role !== "DISTRICT_ADMIN") throw forbidden();
}

/** Active children, for "close this first" messages. */
async function openChildren(tx: Tx, actor: Actor, unitId: string) {
  return tx.orgUnit.findMany({
    where: { tenantId: actor.tenantId, parentId: unitId, active: true },
    orderBy: { code: "asc" },
    select: { name: true },
  });
}

function childrenMessage(kids: { name: string }[], verb: string) {
  const names = kids.slice(0, 5).map((k) => k.name).join("、");
  return `该单位下还有未撤销的下级单位：${names}${kids.length > 5 ? ` 等 ${kids.length} 个` : ""}，请先将它们移走或撤销，再${verb}`;
}

/**
 * IMPORT.md "Codes": a town 9 digits starting with the district's 6, a village 12
 * starting with its town's 9, a school any code. Only new or changed codes are judged
 * (an existing register may predate the rule), and a prefix only against a parent
 * whose own code has the standard form. Unique in the tenant (closed units keep theirs).
 */
async function checkCode(tx: Tx, actor: Actor, code: string, level: OrgLevel, parent: { level: OrgLevel; code: string }, selfId?: string) {
  if (level === "TOWN") {
    if (!/^\d{9}$/.test(code)) throw fail("code", "镇（街道）代码须为 9 位数字（区代码 6 位 + 3 位）");
    if (parent.level === "DISTRICT" && /^\d{6}$/.test(parent.code) && !code.startsWith(parent.code)) {
      throw fail("code", `镇（街道）代码须以本区代码 ${parent.code} 开头`);
    }
  }
  if (level === "VILLAGE") {
    if (!/^\d{12}$/.test(code)) throw fail("code", "村（社区）代码须为 12 位数字（镇街代码 9 位 + 3 位）");
    if (parent.level === "TOWN" && /^\d{9}$/.test(parent.code) && !code.startsWith(parent.code)) {
      throw fail("code", `村（社区）代码须以所属镇（街道）的代码 ${parent.code} 开头`);
    }
  }
  const taken = await tx.orgUnit.findFirst({
    where: { tenantId: actor.tenantId, code, ...(selfId ? { NOT: { id: selfId } } : {}) },
    select: { name: true, path: true, active: true },
  });
  if (taken) {
    // Name the holder only when the actor may see it.
    const who = taken.path.includes(actor.orgUnitId) ? `「${taken.name}」${taken.active ? "" : "（已撤销）"}` : "本区其他单位";
    throw fail("code", `代码 ${code} 已被${who}使用`);
  }
}

const CODE_CONFLICT = "该单位代码刚刚已被使用，请换一个代码";

/** 新增下级单位. */
export const createUnit = defineWrite({
  action: "org.create_unit",
  permission: "org.manage",
  input: ZCreateUnit,
  conflictMessage: CODE_CONFLICT,
  conflictField: "code",
  async run({ tx, actor, input }) {
    await lockTree(tx, actor.tenantId);
    const parent = await findUnitInScope(tx, actor, input.parentId, TREE_SELECT);
    if (!parent.active) throw fail("parentId", `上级单位「${parent.name}」已撤销，不能在其下新增单位`);
    if (!PARENT_LEVELS[input.level].includes(parent.level)) throw fail("level", PARENT_RULE_MESSAGES[input.level]);
    await checkCode(tx, actor, input.code, input.level, parent);
    const last = await tx.orgUnit.aggregate({ where: { tenantId: actor.tenantId, parentId: parent.id }, _max: { sortOrder: true } });
    const id = randomUUID();
    const unit = await tx.orgUnit.create({
      data: {
        id,
        tenantId: actor.tenantId,
        parentId: parent.id,
        level: input.level,
        kind: input.kind,
        name: input.name,
        code: input.code,
        path: [...parent.path, id],
        depth: parent.depth + 1,
        sortOrder: (last._max.sortOrder ?? 0) + 1,
        committeeEstablishedOn: input.committeeEstablishedOn ?? null,
      },
      select: TREE_SELECT,
    });
    return { result: unit, entity: "OrgUnit", entityId: unit.id, after: auditView(unit) };
  },
});

function auditView(u: TreeUnit) {
  return {
    name: u.name,
    level: u.level,
    kind: u.kind,
    code: u.code,
    parentId: u.parentId,
    path: u.path,
    committeeEstablishedOn: isoDay(u.committeeEstablishedOn),
    closedOn: isoDay(u.closedOn),
    mergedIntoId: u.mergedIntoId,
  };
}

/**
 * Moves a unit and its whole subtree under `parent` in ONE statement: every row whose
 * path contains the unit keeps its tail from the unit down and gets the new parent's
 * path in front. Users' scopes follow, because scope is "path contains my unit".
 */
async function moveSubtree(tx: Tx, tenantId: string, unit: TreeUnit, parent: TreeUnit): Promise<number> {
  const k = unit.path.length; // 1-based position of the unit in its own path
  return tx.$executeRaw`
    UPDATE "OrgUnit"
    SET path = ${parent.path}::uuid[] || path[${k}::int:],
        depth = ${parent.path.length}::int + cardinality(path) - ${k}::int,
        "parentId" = CASE WHEN id = ${unit.id}::uuid THEN ${parent.id}::uuid ELSE "parentId" END,
        "updatedAt" = now()
    WHERE "tenantId" = ${tenantId}::uuid AND path @> ARRAY[${unit.id}::uuid]`;
}

/** 修改 (name, kind, code), 移动 (parentId), 撤销 (closedOn), 恢复 (reopen). */
export const updateUnit = defineWrite({
  action: "org.update_unit",
  permission: "org.manage",
  input: ZUpdateUnit,
  conflictMessage: CODE_CONFLICT,
  conflictField: "code",
  async run({ tx, actor, input }) {
    await lockTree(tx, actor.tenantId);
    const unit = await findUnitInScope(tx, actor, input.id, TREE_SELECT);
    assertMayChange(actor, unit);
    const before = auditView(unit);
    let movedUnits = 0;

    if (input.reopen) {
      if (unit.active) throw fail("reopen", "该单位没有撤销，无需恢复");
      const parent = unit.parentId
        ? await tx.orgUnit.findFirst({ where: { tenantId: actor.tenantId, id: unit.parentId }, select: { name: true, active: true } })
        : null;
      if (parent && !parent.active) throw fail("reopen", `上级单位「${parent.name}」已撤销，请先恢复上级单位`);
      await tx.orgUnit.update({ where: { id: unit.id }, data: { active: true, closedOn: null, mergedIntoId: null } });
    } else if (input.closedOn) {
      if (isRoot(unit)) throw fail("closedOn", "区本级不能撤销");
      if (!unit.active) throw fail("closedOn", `该单位已于${formatDate(unit.closedOn)}撤销`);
      const kids = await openChildren(tx, actor, unit.id);
      if (kids.length) throw fail("closedOn", childrenMessage(kids, "撤销本单位"));
      if (unit.committeeEstablishedOn && input.closedOn < unit.committeeEstablishedOn) {
        throw fail("closedOn", `撤销日期不能早于关工委成立日期（${formatDate(unit.committeeEstablishedOn)}）`);
      }
      await tx.orgUnit.update({ where: { id: unit.id }, data: { active: false, closedOn: input.closedOn } });
    } else {
      const issues: FieldIssue[] = [];
      if (!unit.active) {
        const message = "该单位已撤销，请先恢复后再修改";
        throw invalid([{ path: input.name !== undefined ? "name" : input.kind !== undefined ? "kind" : input.code !== undefined ? "code" : "parentId", message }], message);
      }
      if (isRoot(unit)) {
        if (input.kind !== undefined && input.kind !== unit.kind) issues.push({ path: "kind", message: "区本级的类型不能修改" });
        if (input.code !== undefined && input.code !== unit.code) issues.push({ path: "code", message: "区本级的代码与系统登记一致，不能在此修改" });
        if (input.parentId !== undefined) issues.push({ path: "parentId", message: "区本级不能移动" });
      } else if (input.kind !== undefined && UNIT_KINDS[input.kind] !== unit.level) {
        const level = unit.level as NewUnitLevel;
        issues.push({ path: "kind", message: `${NEW_UNIT_LEVEL_LABELS[level]}的类型须为：${kindsOfLevel(level).join("、")}` });
      }
      if (issues.length) throw invalid(issues, issues[0].message);

      let parent: TreeUnit | null = null;
      if (input.parentId !== undefined && input.parentId !== unit.parentId) {
        // Outside scope is NOT_FOUND: a town admin cannot move anything out of its town.
        const target = await findUnitInScope(tx, actor, input.parentId, TREE_SELECT);
        if (target.path.includes(unit.id)) throw fail("parentId", "不能移到它自己或它的下级单位之下");
        if (!target.active) throw fail("parentId", `「${target.name}」已撤销，不能移到其下`);
        const level = unit.level as NewUnitLevel;
        if (!PARENT_LEVELS[level].includes(target.level)) throw fail("parentId", PARENT_RULE_MESSAGES[level]);
        parent = target;
      }
      if (input.code !== undefined && input.code !== unit.code) {
        const judgedUnder =
          parent ?? (await tx.orgUnit.findFirstOrThrow({ where: { tenantId: actor.tenantId, id: unit.parentId! }, select: TREE_SELECT }));
        await checkCode(tx, actor, input.code, unit.level, judgedUnder, unit.id);
      }
      await tx.orgUnit.update({
        where: { id: unit.id },
        data: {
          ...(input.name !== undefined ? { name: input.name } : {}),
          ...(input.kind !== undefined ? { kind: input.kind } : {}),
          ...(input.code !== undefined ? { code: input.code } : {}),
        },
      });
      // A village keeps its code when it moves to another town: codes change separately.
      if (parent) movedUnits = await moveSubtree(tx, actor.tenantId, unit, parent);
    }

    const after = await tx.orgUnit.findUniqueOrThrow({ where: { id: unit.id }, select: TREE_SELECT });
    return {
      result: after,
      entity: "OrgUnit",
      entityId: unit.id,
      before,
      after: { ...auditView(after), ...(movedUnits ? { movedUnits } : {}) },
    };
  },
});

export interface MergeMoved {
  positions: number;
  persons: number;
  volunteers: number;
  stations: number;
}

/**
 * 撤并: village A into village B on a day. A closes (closedOn, mergedIntoId); what is
 * current moves to B — its current roster (ended at A on the day, started at B the
 * same day), its volunteers who have not left, its stations in use — and the people
 * concerned now belong to B. What happened stays A's: activities, meetings, 零犯罪
 * records, 五好 results, funding and ended positions keep orgUnitId A, so earlier
 * years' figures do not change.
 *
 * One current 主任 and 常务副主任 per unit: if B already has one, A's holder of that
 * post joins B as 副主任.
 */
export const mergeUnit = defineWrite({
  action: "org.merge_unit",
  permission: "org.manage",
  input: ZMergeUnit,
  conflictMessage: "并入单位的班子刚刚有变动，请刷新页面后重试",
  async run({ tx, actor, input }) {
    await lockTree(tx, actor.tenantId);
    const a = await findUnitInScope(tx, actor, input.id, TREE_SELECT);
    assertMayChange(actor, a);
    if (a.level !== "VILLAGE") throw fail("intoId", "只有村（社区）可以撤并到另一个村（社区）");
    if (!a.active) throw fail("on", `该单位已于${formatDate(a.closedOn)}撤销`);
    const b = await findUnitInScope(tx, actor, input.intoId, TREE_SELECT);
    if (b.id === a.id) throw fail("intoId", "不能并入它自己");
    if (b.level !== "VILLAGE") throw fail("intoId", "只能并入另一个村（社区）");
    if (!b.active) throw fail("intoId", `「${b.name}」已撤销，不能并入`);
    const kids = await openChildren(tx, actor, a.id);
    if (kids.length) throw fail("on", childrenMessage(kids, "撤并"));
    if (a.committeeEstablishedOn && input.on < a.committeeEstablishedOn) {
      throw fail("on", `撤并日期不能早于关工委成立日期（${formatDate(a.committeeEstablishedOn)}）`);
    }

    const positions = await tx.rosterPosition.findMany({
      where: { tenantId: actor.tenantId, orgUnitId: a.id, endedOn: null },
      orderBy: [{ role: "asc" }, { startedOn: "asc" }],
      select: { id: true, personId: true, role: true, concurrent: true, startedOn: true, exceptionReason: true, person: { select: { name: true } } },
    });
    const late = positions.find((p) => p.startedOn > input.on);
    if (late) throw fail("on", `撤并日期不能早于现任班子成员${late.person.name}的任职日期（${formatDate(late.startedOn)}）`);

    // End at A first (frees nothing at B, but keeps the rows' story in order), then start at B.
    await tx.rosterPosition.updateMany({
      where: { tenantId: actor.tenantId, id: { in: positions.map((p) => p.id) } },
      data: { endedOn: input.on, currentSlot: null },
    });
    const held = await tx.rosterPosition.findMany({
      where: { tenantId: actor.tenantId, orgUnitId: b.id, currentSlot: { not: null } },
      select: { currentSlot: true },
    });
    const taken = new Set<RosterRole>(held.map((h) => h.currentSlot!));
    const single = (r: RosterRole) => SINGLE_HOLDER_ROLES.includes(r);
    await tx.rosterPosition.createMany({
      data: positions.map((p) => {
        let role: RosterRole = p.role;
        let currentSlot: RosterRole | null = null;
        if (single(p.role)) {
          if (taken.has(p.role)) role = "DEPUTY";
          else {
            taken.add(p.role);
            currentSlot = p.role;
          }
        }
        return {
          tenantId: actor.tenantId,
          orgUnitId: b.id,
          personId: p.personId,
          role,
          concurrent: p.concurrent,
          startedOn: input.on,
          exceptionReason: role === p.role ? p.exceptionReason : null,
          currentSlot,
        };
      }),
    });

    const volunteers = await tx.volunteer.findMany({
      where: { tenantId: actor.tenantId, orgUnitId: a.id, status: { not: "LEFT" } },
      select: { id: true, personId: true },
    });
    const movedVolunteers = await tx.volunteer.updateMany({
      where: { tenantId: actor.tenantId, id: { in: volunteers.map((v) => v.id) } },
      data: { orgUnitId: b.id },
    });
    const personIds = [...new Set([...positions.map((p) => p.personId), ...volunteers.map((v) => v.personId)])];
    const movedPersons = await tx.person.updateMany({
      where: { tenantId: actor.tenantId, orgUnitId: a.id, id: { in: personIds } },
      data: { orgUnitId: b.id },
    });
    const movedStations = await tx.station.updateMany({
      where: { tenantId: actor.tenantId, orgUnitId: a.id, active: true },
      data: { orgUnitId: b.id },
    });
    await tx.orgUnit.update({ where: { id: a.id }, data: { active: false, closedOn: input.on, mergedIntoId: b.id } });

    const moved: MergeMoved = {
      positions: positions.length,
      persons: movedPersons.count,
      volunteers: movedVolunteers.count,
      stations: movedStations.count,
    };
    const unit = await tx.orgUnit.findUniqueOrThrow({ where: { id: a.id }, select: TREE_SELECT });
    return {
      result: { unit, into: { id: b.id, name: b.name }, moved },
      entity: "OrgUnit",
      entityId: a.id,
      before: auditView(a),
      after: { ...auditView(unit), mergedIntoName: b.name, moved },
    };
  },
});
