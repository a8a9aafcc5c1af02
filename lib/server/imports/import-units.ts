import "server-only";
/**
 * 组织架构 import: adds units and edits their name, kind and committee date. Matched by
 * 单位代码 (the key). Parents may be existing units in scope or units further down the
 * same file. Moving a unit (a different 上级单位代码) and changing its level are refused:
 * a move re-paths a whole subtree and belongs on the org page, where it is seen.
 */
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { UNIT_KINDS } from "@/lib/imports/templates";
import { kindsOfLevel, NEW_UNIT_LEVEL_LABELS, PARENT_LEVELS, PARENT_RULE_MESSAGES, type NewUnitLevel } from "@/lib/schemas/org";
import type { Actor } from "../actor";
import type { Tx } from "../db";
import { scope } from "../scope";
import type { Importer, Plan } from "./run";
import { codeMissMessage, isoDay, joinList, keep, LIST_SEP, sameDay, todayDate, tooLong, unitsInScope, type Problems, type ScopedUnit } from "./rows";

const ZRow = z.object({
  row: z.number().int().positive(),
  name: z.string().min(1),
  level: z.enum(["TOWN", "VILLAGE", "SCHOOL"]),
  kind: z.string().min(1),
  code: z.string().min(1).max(20),
  parentCode: z.string().max(20).nullish(),
  committeeEstablishedOn: z.date().nullish(),
});
type UnitRow = z.output<typeof ZRow>;

const C = { name: "单位名称", level: "单位层级", kind: "单位类型", code: "单位代码", parent: "上级单位代码", committee: "关工委成立日期" } as const;

/** A unit as the plan sees it: existing (in scope) or to be created by a row of this file. */
interface Node {
  id: string;
  code: string;
  level: string;
  path: string[];
  depth: number;
  closed: boolean;
  /** The row creating it, when new. */
  row?: number;
  /** For new units: the parent it goes under. */
  parent?: Node;
}

async function plan(client: Tx, actor: Actor, rows: UnitRow[], problems: Problems): Promise<Plan> {
  // The district root: every town hangs under it, and town codes start with its code.
  // It is an ancestor of every caller, which callers may read (Actor.orgUnitPath).
  const root = await client.orgUnit.findFirstOrThrow({
    where: { tenantId: actor.tenantId, id: actor.orgUnitPath[0] },
    select: { id: true, code: true, level: true, path: true, depth: true },
  });
  const codes = rows.flatMap((r) => [r.code, r.parentCode]);
  const inScope = await unitsInScope(client, actor, codes);
  // Codes are unique in the whole district: one used outside the caller's scope can be neither edited nor taken.
  const missing = [...new Set(codes.filter((c): c is string => Boolean(c) && !inScope.has(c!)))];
  const taken = new Set(
    missing.length
      ? (await client.orgUnit.findMany({ where: { tenantId: actor.tenantId, code: { in: missing } }, select: { code: true } })).map((u) => u.code)
      : [],
  );
  // Parent codes of existing units, to tell an edit from a move.
  const existingIds = rows.map((r) => inScope.get(r.code)?.id).filter((id): id is string => Boolean(id));
  const parentCodeOf = new Map(
    (
      await client.orgUnit.findMany({
        where: { ...scope.orgUnits(actor), id: { in: existingIds } },
        select: { id: true, parent: { select: { code: true } } },
      })
    ).map((u) => [u.id, u.parent?.code ?? null]),
  );

  const today = todayDate();
  const rowByCode = new Map(rows.map((r) => [r.code, r]));
  const isDistrictCaller = actor.orgUnitLevel === "DISTRICT";
  const creates: { r: UnitRow; node: Node & { parent: Node } }[] = [];
  const updates: { r: UnitRow; unit: ScopedUnit; est: Date | null }[] = [];
  let unchanged = 0;

  // Nodes of this file's new units, resolved parent-first (parents may come later in the file).
  const resolved = new Map<string, Node | null>();
  const resolving = new Set<string>();

  /** The parent a row names: the district (empty), an existing unit in scope, or another row's new unit. */
  function parentNode(r: UnitRow): Node | null {
    if (!r.parentCode || r.parentCode === root.code) {
      if (!isDistrictCaller) {
        problems.add(r.row, C.parent, "请填写上级单位代码：您只能在本辖区内的单位下添加单位");
        return null;
      }
      return { id: root.id, code: root.code, level: root.level, path: root.path, depth: root.depth, closed: false };
    }
    const existing = inScope.get(r.parentCode);
    if (existing) return { id: existing.id, code: existing.code, level: existing.level, path: existing.path, depth: existing.depth, closed: !existing.active };
    const parentRow = rowByCode.get(r.parentCode);
    if (parentRow && !taken.has(parentRow.code)) {
      const node = newNode(parentRow);
      if (!node) problems.add(r.row, C.parent, `上级单位 ${r.parentCode}（第 ${parentRow.row} 行）有错误，请先改正那一行`);
      return node;
    }
    problems.add(r.row, C.parent, codeMissMessage(actor, r.parentCode));
    return null;
  }

  /** The node of a new unit, or null when its row (or an ancestor row) cannot be created. */
  function newNode(r: UnitRow): Node | null {
    if (resolved.has(r.code)) return resolved.get(r.code)!;
    if (resolving.has(r.code)) {
      problems.add(r.row, C.parent, "上级单位代码形成了循环（单位不能在自己的下级之下），请核对");
      resolved.set(r.code, null);
      return null;
    }
    resolving.add(r.code);
    const node = checkNew(r);
    resolving.delete(r.code);
    resolved.set(r.code, node);
    return node;
  }

  function checkNew(r: UnitRow): Node | null {
    const errorsBefore = problems.has(r.row);
    const level = r.level as NewUnitLevel;
    if (!isDistrictCaller && level === "TOWN") problems.add(r.row, C.level, "镇（街道）只能由区关工委管理员添加");
    const parent = parentNode(r);
    if (parent) {
      if (!PARENT_LEVELS[level].includes(parent.level)) problems.add(r.row, C.parent, PARENT_RULE_MESSAGES[level]);
      else if (parent.closed) problems.add(r.row, C.parent, `上级单位 ${parent.code} 已撤销，不能在其下添加单位`);
      else if (level === "TOWN" && !new RegExp(`^${root.code}\\d{3}$`).test(r.code)) {
        problems.add(r.row, C.code, `镇（街道）代码应为 9 位数字：区代码 ${root.code} 加 3 位`);
      } else if (level === "VILLAGE" && !new RegExp(`^${parent.code}\\d{3}$`).test(r.code)) {
        problems.add(r.row, C.code, `村（社区）代码应为 12 位数字：所属镇（街道）代码 ${parent.code} 加 3 位`);
      }
    }
    if (!/^[0-9A-Za-z]+$/.test(r.code)) problems.add(r.row, C.code, "单位代码只能由数字和字母组成");
    if (problems.has(r.row) || errorsBefore || !parent) return null;
    const id = randomUUID();
    return { id, code: r.code, level, path: [...parent.path, id], depth: parent.depth + 1, closed: false, row: r.row, parent };
  }

  for (const r of rows) {
    const kindProblem = UNIT_KINDS[r.kind] !== r.level ? `${NEW_UNIT_LEVEL_LABELS[r.level]}的类型应为：${kindsOfLevel(r.level).join("、")}` : null;
    if (kindProblem) problems.add(r.row, C.kind, kindProblem);
    const nameProblem = tooLong(r.name, 50);
    if (nameProblem) problems.add(r.row, C.name, nameProblem);
    if (r.committeeEstablishedOn && r.committeeEstablishedOn > today) problems.add(r.row, C.committee, "关工委成立日期不能晚于今天");

    const unit = inScope.get(r.code);
    if (!unit) {
      if (taken.has(r.code)) {
        problems.add(r.row, C.code, isDistrictCaller ? `单位代码 ${r.code} 已被区内其他单位使用` : codeMissMessage(actor, r.code));
        continue;
      }
      const node = newNode(r);
      if (node?.parent && !problems.has(r.row)) creates.push({ r, node: { ...node, parent: node.parent } });
      continue;
    }

    // An existing unit: only name, kind and committee date may change here.
    if (unit.level !== r.level) {
      problems.add(r.row, C.level, `单位层级不能通过导入修改（该单位现为${NEW_UNIT_LEVEL_LABELS[unit.level as NewUnitLevel] ?? "区"}）`);
      continue;
    }
    const storedParent = parentCodeOf.get(unit.id) ?? null;
    // No 上级单位代码 column at all: the parent is not being talked about.
    if (r.parentCode !== undefined && (r.parentCode ?? root.code) !== (storedParent ?? root.code)) {
      problems.add(r.row, C.parent, `上级单位与现有不同（现为 ${storedParent ?? "直属区"}）：移动单位请在组织架构页面操作`);
      continue;
    }
    const est = keep(r.committeeEstablishedOn, unit.committeeEstablishedOn);
    const same = unit.name === r.name && unit.kind === r.kind && sameDay(unit.committeeEstablishedOn, est);
    if (problems.has(r.row)) continue;
    if (same) {
      unchanged++;
      continue;
    }
    if (!isDistrictCaller && unit.id === actor.orgUnitId) {
      problems.add(r.row, C.code, "不能通过导入修改您所在单位本身，请联系区关工委");
      continue;
    }
    if (!unit.active) {
      problems.add(r.row, C.code, `该单位已于 ${isoDay(unit.closedOn)} 撤销，不能通过导入修改；如需修改请先在组织架构页面恢复`);
      continue;
    }
    updates.push({ r, unit, est });
  }

  // A new unit whose new parent's row turned out bad (checked later in the loop) is not
  // created either, down the whole chain of new units.
  for (let changed = true; changed; ) {
    changed = false;
    for (const c of creates) {
      const parentRow = c.node.parent.row;
      if (!problems.has(c.r.row) && parentRow !== undefined && problems.has(parentRow)) {
        problems.add(c.r.row, C.parent, `上级单位 ${c.node.parent.code}（第 ${parentRow} 行）有错误，请先改正那一行`);
        changed = true;
      }
    }
  }
  const goodCreates = creates.filter((c) => !problems.has(c.r.row));

  return {
    created: goodCreates.length,
    updated: updates.length,
    unchanged,
    async apply(tx) {
      if (goodCreates.length) {
        // New units follow their existing siblings; parents before children (depth order).
        const parentIds = [...new Set(goodCreates.map((c) => c.node.parent.id))];
        const maxSort = new Map(
          (
            await tx.orgUnit.groupBy({ by: ["parentId"], where: { ...scope.orgUnits(actor), parentId: { in: parentIds } }, _max: { sortOrder: true } })
          ).map((g) => [g.parentId, g._max.sortOrder ?? -1]),
        );
        const sorted = [...goodCreates].sort((a, b) => a.node.depth - b.node.depth);
        const sortOrder = sorted.map((c) => {
          const next = (maxSort.get(c.node.parent.id) ?? -1) + 1;
          maxSort.set(c.node.parent.id, next);
          return next;
        });
        await tx.$executeRaw`
          INSERT INTO "OrgUnit" (id, "tenantId", "parentId", level, kind, name, code, path, depth, "sortOrder", "committeeEstablishedOn", "updatedAt")
          SELECT v.id, ${actor.tenantId}::uuid, v.parent, v.level::"OrgLevel", v.kind, v.name, v.code,
                 string_to_array(v.path, ${LIST_SEP})::uuid[], v.depth, v.sort, v.est, now()
          FROM unnest(${sorted.map((c) => c.node.id)}::uuid[], ${sorted.map((c) => c.node.parent.id)}::uuid[], ${sorted.map((c) => c.r.level)}::text[],
                      ${sorted.map((c) => c.r.kind)}::text[], ${sorted.map((c) => c.r.name)}::text[], ${sorted.map((c) => c.r.code)}::text[],
                      ${sorted.map((c) => joinList(c.node.path))}::text[], ${sorted.map((c) => c.node.depth)}::int[], ${sortOrder}::int[],
                      ${sorted.map((c) => isoDay(c.r.committeeEstablishedOn))}::date[])
               WITH ORDINALITY AS v(id, parent, level, kind, name, code, path, depth, sort, est, n)
          ORDER BY v.n`;
      }
      if (updates.length) {
        await tx.$executeRaw`
          UPDATE "OrgUnit" u SET name = v.name, kind = v.kind, "committeeEstablishedOn" = v.est, "updatedAt" = now()
          FROM unnest(${updates.map((x) => x.unit.id)}::uuid[], ${updates.map((x) => x.r.name)}::text[], ${updates.map((x) => x.r.kind)}::text[],
                      ${updates.map((x) => isoDay(x.est))}::date[]) AS v(id, name, kind, est)
          WHERE u.id = v.id AND u."tenantId" = ${actor.tenantId}::uuid AND u.path @> ARRAY[${actor.orgUnitId}::uuid]`;
      }
    },
  };
}

export const unitsImporter: Importer<UnitRow> = {
  kind: "units",
  permission: "org.write",
  roles: ["DISTRICT_ADMIN", "TOWN_ADMIN"],
  lockTree: true,
  fields: { [C.name]: "name", [C.level]: "level", [C.kind]: "kind", [C.code]: "code", [C.parent]: "parentCode", [C.committee]: "committeeEstablishedOn" },
  row: ZRow,
  plan,
};
