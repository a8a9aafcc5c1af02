import "server-only";
/**
 * 五老志愿者 import (key: 所属单位代码 + 姓名 + 出生年份). A new volunteer reuses a
 * Person of that unit with the same name and birth year who is not yet a volunteer
 * (e.g. a committee member), else gets a new Person. 状态 defaults to 在岗 and 同意宣传
 * to 否, exactly as the export writes them, so export → import changes nothing.
 */
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { VOLUNTEER_CATEGORIES, VOLUNTEER_STATUSES } from "@/lib/schemas/volunteer";
import type { Actor } from "../actor";
import type { Tx } from "../db";
import { scope } from "../scope";
import { VOLUNTEER_FIELDS } from "../people/read-volunteers";
import type { Importer, Plan } from "./run";
import { cleanList, firstByKey, isoDay, joinList, keep, LIST_SEP, sameDay, sameList, todayDate, unitLookup, unitsInScope, type Problems } from "./rows";
import { PERSON_COLUMNS, PERSON_ROW, PERSON_SELECT, loadPersonBook, personChecks, personFields, personKey, type PersonFacts } from "./persons";

const ZRow = z.object({
  ...PERSON_ROW,
  category: z.enum(VOLUNTEER_CATEGORIES),
  skills: z.array(z.string()).nullish(),
  joinedOn: z.date(),
  trainedOn: z.date().nullish(),
  status: z.enum(VOLUNTEER_STATUSES).nullish(),
  publicityConsent: z.enum(["yes", "no"]).nullish(),
});
type VolunteerRow = z.output<typeof ZRow>;

const C = {
  unit: "所属单位代码",
  ...PERSON_COLUMNS,
  category: "类别",
  skills: "专长",
  joined: "加入日期",
  trained: "培训日期",
  status: "状态",
  consent: "同意宣传",
} as const;

const facts = (r: VolunteerRow): PersonFacts => ({ gender: r.gender, birthYear: r.birthYear, phone: r.phone });

async function plan(client: Tx, actor: Actor, rows: VolunteerRow[], problems: Problems): Promise<Plan> {
  const units = await unitsInScope(client, actor, rows.map((r) => r.unitCode));
  const unitIds = [...new Set([...units.values()].map((u) => u.id))];
  const [volunteers, book] = await Promise.all([
    client.volunteer.findMany({
      where: { ...scope.volunteers(actor), orgUnitId: { in: unitIds } },
      select: { id: true, orgUnitId: true, ...VOLUNTEER_FIELDS, person: { select: PERSON_SELECT } },
      orderBy: { createdAt: "asc" },
    }),
    // Persons who could become volunteers: registered at these units and not volunteers yet.
    loadPersonBook(client, actor, unitIds, { volunteer: { is: null } }),
  ]);
  const byKey = firstByKey(volunteers, (v) => personKey(v.orgUnitId, v.person.name, v.person.birthYear));

  const today = todayDate();
  type Values = { category: VolunteerRow["category"]; skills: string[]; joinedOn: Date; trainedOn: Date | null; status: "ACTIVE" | "PAUSED" | "LEFT"; consent: boolean };
  const creates: { id: string; orgUnitId: string; personId: string; v: Values }[] = [];
  const updates: { id: string; v: Values }[] = [];
  let unchanged = 0;
  let updated = 0;

  const unitOf = unitLookup(units, actor, problems, C.unit);
  for (const r of rows) {
    const unit = unitOf(r.row, r.unitCode);
    if (!unit) continue;
    const skills = cleanList(r.skills, "专长", 10, 20);
    const checks: [string, string | null][] = [
      ...personChecks(r),
      [C.skills, skills.problem],
      [C.joined, r.joinedOn > today ? "加入日期不能晚于今天" : null],
      [C.trained, r.trainedOn && r.trainedOn > today ? "培训日期不能晚于今天" : null],
    ];
    if (problems.check(r.row, checks)) continue;

    const stored = byKey.get(personKey(unit.id, r.name, r.birthYear ?? null));
    // Empty cells take the defaults (在岗, 否); a column left out of the sheet keeps what is stored.
    const v: Values = {
      category: r.category,
      skills: r.skills === undefined ? (stored?.skills ?? []) : skills.value,
      joinedOn: r.joinedOn,
      trainedOn: keep(r.trainedOn, stored?.trainedOn ?? null),
      status: r.status === undefined ? (stored?.status ?? "ACTIVE") : (r.status ?? "ACTIVE"),
      consent: r.publicityConsent === undefined ? (stored?.publicityConsent ?? false) : r.publicityConsent === "yes",
    };
    if (stored) {
      const volunteerChanges =
        stored.category !== v.category ||
        !sameList(stored.skills, v.skills) ||
        !sameDay(stored.joinedOn, v.joinedOn) ||
        !sameDay(stored.trainedOn, v.trainedOn) ||
        stored.status !== v.status ||
        stored.publicityConsent !== v.consent;
      const personChanges = book.update(stored.person, facts(r));
      if (volunteerChanges) updates.push({ id: stored.id, v });
      if (volunteerChanges || personChanges) updated++;
      else unchanged++;
      continue;
    }
    if (!unit.active) {
      problems.add(r.row, C.unit, `单位 ${r.unitCode} 已撤销，不能再登记志愿者`);
      continue;
    }
    creates.push({ id: randomUUID(), orgUnitId: unit.id, personId: book.bind(unit.id, r.name, facts(r)), v });
  }

  return {
    created: creates.length,
    updated,
    unchanged,
    async apply(tx) {
      await book.apply(tx);
      const tenant = actor.tenantId;
      if (creates.length) {
        await tx.$executeRaw`
          INSERT INTO "Volunteer" (id, "tenantId", "orgUnitId", "personId", category, skills, "joinedOn", "trainedOn", status, "publicityConsent", "updatedAt")
          SELECT v.id, ${tenant}::uuid, v.unit, v.person, v.category::"VolunteerCategory", string_to_array(v.skills, ${LIST_SEP}),
                 v.joined, v.trained, v.status::"VolunteerStatus", v.consent, now()
          FROM unnest(${creates.map((c) => c.id)}::uuid[], ${creates.map((c) => c.orgUnitId)}::uuid[], ${creates.map((c) => c.personId)}::uuid[],
                      ${creates.map((c) => c.v.category)}::text[], ${creates.map((c) => joinList(c.v.skills))}::text[],
                      ${creates.map((c) => isoDay(c.v.joinedOn))}::date[], ${creates.map((c) => isoDay(c.v.trainedOn))}::date[],
                      ${creates.map((c) => c.v.status)}::text[], ${creates.map((c) => c.v.consent)}::boolean[])
               AS v(id, unit, person, category, skills, joined, trained, status, consent)`;
      }
      if (updates.length) {
        await tx.$executeRaw`
          UPDATE "Volunteer" t SET category = v.category::"VolunteerCategory", skills = string_to_array(v.skills, ${LIST_SEP}),
                 "joinedOn" = v.joined, "trainedOn" = v.trained, status = v.status::"VolunteerStatus", "publicityConsent" = v.consent, "updatedAt" = now()
          FROM unnest(${updates.map((u) => u.id)}::uuid[], ${updates.map((u) => u.v.category)}::text[], ${updates.map((u) => joinList(u.v.skills))}::text[],
                      ${updates.map((u) => isoDay(u.v.joinedOn))}::date[], ${updates.map((u) => isoDay(u.v.trainedOn))}::date[],
                      ${updates.map((u) => u.v.status)}::text[], ${updates.map((u) => u.v.consent)}::boolean[])
               AS v(id, category, skills, joined, trained, status, consent)
          WHERE t.id = v.id AND t."tenantId" = ${tenant}::uuid`;
      }
    },
  };
}

export const volunteersImporter: Importer<VolunteerRow> = {
  kind: "volunteers",
  permission: "people.write",
  fields: {
    ...personFields(C.unit),
    [C.category]: "category",
    [C.skills]: "skills",
    [C.joined]: "joinedOn",
    [C.trained]: "trainedOn",
    [C.status]: "status",
    [C.consent]: "publicityConsent",
  },
  row: ZRow,
  plan,
};
