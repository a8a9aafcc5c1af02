import "server-only";
/**
 * 班子成员 import: one row = one post held by one person in one unit from a date
 * (key: 单位代码 + 姓名 + 班子职务 + 任职日期). Editable: the person's facts, 是否兼任 and
 * 离任日期. After the import a unit has at most one current 主任 and one current
 * 常务副主任 — checked here per row first, so the person sees which rows clash; the
 * unique currentSlot index stays the final guard.
 */
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { ROSTER_ROLE_LABELS, SINGLE_HOLDER_ROLES, ROSTER_ROLES } from "@/lib/schemas/roster";
import type { Actor } from "../actor";
import type { Tx } from "../db";
import { scope } from "../scope";
import type { Importer, Plan } from "./run";
import { firstByKey, isoDay, keep, sameDay, todayDate, tooLong, unitLookup, unitsInScope, type Problems } from "./rows";
import { PERSON_COLUMNS, PERSON_ROW, PERSON_SELECT, loadPersonBook, personChecks, personFields, personKey, type PersonFacts } from "./persons";

const yesNo = z.enum(["yes", "no"]).nullish();
const ZRow = z.object({
  ...PERSON_ROW,
  politicalStatus: z.string().nullish(),
  formerPost: z.string().nullish(),
  cadreRank: z.enum(["SECTION_OR_ABOVE", "BELOW_SECTION", "NONE"]).nullish(),
  retired: yesNo,
  role: z.enum(ROSTER_ROLES),
  concurrent: yesNo,
  startedOn: z.date(),
  endedOn: z.date().nullish(),
});
type RosterRow = z.output<typeof ZRow>;

const C = {
  unit: "单位代码",
  ...PERSON_COLUMNS,
  political: "政治面貌",
  post: "原任职务",
  rank: "职级",
  retired: "是否退休",
  role: "班子职务",
  concurrent: "是否兼任",
  started: "任职日期",
  ended: "离任日期",
} as const;

type Role = (typeof ROSTER_ROLES)[number];
const isSingle = (role: Role) => SINGLE_HOLDER_ROLES.includes(role);
const facts = (r: RosterRow): PersonFacts => ({
  gender: r.gender,
  birthYear: r.birthYear,
  phone: r.phone,
  politicalStatus: r.politicalStatus,
  formerPost: r.formerPost,
  cadreRank: r.cadreRank === undefined ? undefined : (r.cadreRank ?? "NONE"),
  retired: r.retired === undefined ? undefined : r.retired === "yes",
});
const positionKey = (unitId: string, name: string, role: string, startedOn: Date) => `${unitId}\u0000${name}\u0000${role}\u0000${isoDay(startedOn)}`;

async function plan(client: Tx, actor: Actor, rows: RosterRow[], problems: Problems): Promise<Plan> {
  const units = await unitsInScope(client, actor, rows.map((r) => r.unitCode));
  const unitIds = [...new Set([...units.values()].map((u) => u.id))];
  const [positions, book] = await Promise.all([
    client.rosterPosition.findMany({
      where: { ...scope.rosterPositions(actor), orgUnitId: { in: unitIds } },
      select: { id: true, orgUnitId: true, role: true, startedOn: true, endedOn: true, concurrent: true, currentSlot: true, person: { select: PERSON_SELECT } },
      orderBy: { createdAt: "asc" },
    }),
    loadPersonBook(client, actor, unitIds),
  ]);
  const byKey = firstByKey(positions, (p) => positionKey(p.orgUnitId, p.person.name, p.role, p.startedOn));

  const today = todayDate();
  /** A post's own values after the import (a column left out of the sheet keeps the stored value). */
  type Post = { r: RosterRow; ended: Date | null; concurrent: boolean };
  const creates: (Post & { id: string; orgUnitId: string; personId: string })[] = [];
  /** Positions whose own fields change (a person-only change updates just the Person). */
  const updates: (Post & { id: string })[] = [];
  /** Current 主任/常务副主任 after the import, per unit and role: file rows and untouched stored ones. */
  const holders = new Map<string, { row?: number; name: string; startedOn: Date }[]>();
  const touched = new Set<string>();
  const pending: (Post & { unitId: string; stored?: (typeof positions)[number] })[] = [];
  let unchanged = 0;
  let updated = 0;

  const unitOf = unitLookup(units, actor, problems, C.unit);
  for (const r of rows) {
    const unit = unitOf(r.row, r.unitCode);
    if (!unit) continue;
    const stored = byKey.get(positionKey(unit.id, r.name, r.role, r.startedOn));
    const ended = keep(r.endedOn, stored?.endedOn ?? null);
    const concurrent = r.concurrent === undefined ? (stored?.concurrent ?? false) : r.concurrent === "yes";
    const birthYear = r.birthYear ?? null;
    const checks: [string, string | null][] = [
      ...personChecks(r),
      [C.political, tooLong(r.politicalStatus, 20)],
      [C.post, tooLong(r.formerPost, 60)],
      [C.started, r.startedOn > today ? "任职日期不能晚于今天" : null],
      [C.ended, ended && ended < r.startedOn ? `离任日期不能早于任职日期（${isoDay(r.startedOn)}）` : r.endedOn && r.endedOn > today ? "离任日期不能晚于今天" : null],
    ];
    if (problems.check(r.row, checks)) continue;

    const person = stored?.person ?? book.find(unit.id, r.name, birthYear);
    const disagreement = book.agree(r.row, person?.id ?? personKey(unit.id, r.name, birthYear), facts(r));
    if (disagreement) {
      problems.add(r.row, C.name, disagreement);
      continue;
    }
    if (!stored && !unit.active) {
      problems.add(r.row, C.unit, `单位 ${r.unitCode} 已撤销，不能再添加班子成员`);
      continue;
    }
    pending.push({ r, unitId: unit.id, stored, ended, concurrent });
    if (stored) touched.add(stored.id);
  }

  // One current 主任 and one current 常务副主任 per unit, after the import.
  for (const p of positions) {
    if (p.currentSlot && !touched.has(p.id)) {
      const k = `${p.orgUnitId}\u0000${p.currentSlot}`;
      holders.set(k, [...(holders.get(k) ?? []), { name: p.person.name, startedOn: p.startedOn }]);
    }
  }
  for (const { r, unitId, ended } of pending) {
    if (!isSingle(r.role) || ended) continue;
    const k = `${unitId}\u0000${r.role}`;
    const others = holders.get(k) ?? [];
    const label = ROSTER_ROLE_LABELS[r.role];
    const other = others[0];
    if (other?.row !== undefined) {
      problems.add(r.row, C.role, `与第 ${other.row} 行的${other.name}同为现任${label}：一个单位只能有一位现任${label}，请给其中一人填写离任日期`);
    } else if (other) {
      problems.add(r.row, C.role, `该单位已有现任${label}${other.name}（${isoDay(other.startedOn)} 起）：一个单位只能有一位现任${label}，请在本文件中为其填写离任日期，或先在班子队伍页面办理离任`);
    }
    holders.set(k, [...others, { row: r.row, name: r.name, startedOn: r.startedOn }]);
  }

  for (const { r, unitId, stored, ended, concurrent } of pending) {
    if (problems.has(r.row)) continue;
    if (stored) {
      const personChanges = book.update(stored.person, facts(r));
      const positionChanges = stored.concurrent !== concurrent || !sameDay(stored.endedOn, ended);
      if (positionChanges) updates.push({ r, ended, concurrent, id: stored.id });
      if (personChanges || positionChanges) updated++;
      else unchanged++;
      continue;
    }
    creates.push({ r, ended, concurrent, id: randomUUID(), orgUnitId: unitId, personId: book.bind(unitId, r.name, facts(r)) });
  }

  return {
    created: creates.length,
    updated,
    unchanged,
    async apply(tx) {
      await book.apply(tx);
      const tenant = actor.tenantId;
      const slot = (p: Post) => (isSingle(p.r.role) && !p.ended ? p.r.role : null);
      if (updates.length) {
        // Slots are freed first and given back after the inserts, so no intermediate state
        // trips the unique (unit, currentSlot) index; the final state was checked above.
        await tx.$executeRaw`
          UPDATE "RosterPosition" p SET concurrent = v.conc, "endedOn" = v.ended, "currentSlot" = NULL, "updatedAt" = now()
          FROM unnest(${updates.map((u) => u.id)}::uuid[], ${updates.map((u) => u.concurrent)}::boolean[],
                      ${updates.map((u) => isoDay(u.ended))}::date[]) AS v(id, conc, ended)
          WHERE p.id = v.id AND p."tenantId" = ${tenant}::uuid`;
      }
      if (creates.length) {
        await tx.$executeRaw`
          INSERT INTO "RosterPosition" (id, "tenantId", "orgUnitId", "personId", role, concurrent, "startedOn", "endedOn", "currentSlot", "updatedAt")
          SELECT v.id, ${tenant}::uuid, v.unit, v.person, v.role::"RosterRole", v.conc, v.started, v.ended, v.slot::"RosterRole", now()
          FROM unnest(${creates.map((c) => c.id)}::uuid[], ${creates.map((c) => c.orgUnitId)}::uuid[], ${creates.map((c) => c.personId)}::uuid[],
                      ${creates.map((c) => c.r.role)}::text[], ${creates.map((c) => c.concurrent)}::boolean[],
                      ${creates.map((c) => isoDay(c.r.startedOn))}::date[], ${creates.map((c) => isoDay(c.ended))}::date[],
                      ${creates.map((c) => slot(c))}::text[]) AS v(id, unit, person, role, conc, started, ended, slot)`;
      }
      const slotted = updates.filter((u) => slot(u));
      if (slotted.length) {
        await tx.$executeRaw`
          UPDATE "RosterPosition" p SET "currentSlot" = p.role
          WHERE p.id = ANY(${slotted.map((u) => u.id)}::uuid[]) AND p."tenantId" = ${tenant}::uuid`;
      }
    },
  };
}

export const rostersImporter: Importer<RosterRow> = {
  kind: "rosters",
  permission: "people.write",
  fields: {
    ...personFields(C.unit),
    [C.political]: "politicalStatus",
    [C.post]: "formerPost",
    [C.rank]: "cadreRank",
    [C.retired]: "retired",
    [C.role]: "role",
    [C.concurrent]: "concurrent",
    [C.started]: "startedOn",
    [C.ended]: "endedOn",
  },
  row: ZRow,
  plan,
};
