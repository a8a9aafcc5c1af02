import "server-only";
/**
 * Export of the five import kinds in their template format (shared/IMPORT.md): the data
 * of one unit's subtree, as the text each template cell holds, so that importing the
 * exported file back changes nothing ("all unchanged").
 *
 * What goes in, and why (each choice keeps the round trip exact):
 * - units: every active unit of the subtree except the district root; 上级单位代码 is
 *   empty for units right under the district (the importer reads empty as the district).
 *   Parents come before their children.
 * - rosters: every position, current and past, with the person's fields; volunteers:
 *   every volunteer, any status.
 * - phones: only those the actor may see in full (people/persons.ts canSeePhone); the
 *   others are left empty, never masked ("138****5678" is no phone number), and the
 *   importer leaves a phone it would show masked alone.
 * - stations: the active ones. Activities: of the station the importer finds for the
 *   row's 所在单位代码 + 辅导站名称 (an active one first, then the oldest), so a stopped
 *   station's history exports only when no current namesake would capture it. The
 *   code written is the station's current host (after a merge, the unit it moved to).
 * - 职级 NONE is written empty (the template: 空 = 非干部).
 */
import type { Actor } from "@/lib/server/actor";
import { db } from "@/lib/server/db";
import { assertCan, type Permission } from "@/lib/server/permissions";
import { findUnitInScope, scope } from "@/lib/server/scope";
import { canSeePhone, PERSON_SELECT } from "@/lib/server/people/persons";
import { VOLUNTEER_FIELDS } from "@/lib/server/people/read-volunteers";
import { formatDate } from "@/lib/server/imports/values";
import { STATION_PICK_ORDER, stationKey } from "@/lib/server/imports/rows";
import {
  ACTIVITY_KINDS,
  CADRE_RANKS,
  E_READING_ROOMS,
  GENDERS,
  ROSTER_ROLES,
  toWord,
  UNIT_LEVELS,
  VOLUNTEER_CATEGORIES,
  VOLUNTEER_STATUSES,
  YES_NO,
  type ImportKind,
} from "@/lib/imports/templates";

export const EXPORT_PERMISSION: Record<ImportKind, Permission> = {
  units: "org.read",
  rosters: "people.read",
  volunteers: "people.read",
  stations: "station.read",
  activities: "station.read",
};

type Row = Record<string, string>;

const day = (d: Date | null | undefined) => (d ? formatDate(d) : "");
const yesNo = (b: boolean) => toWord(YES_NO, b ? "yes" : "no");
const text = (s: string | null | undefined) => s ?? "";

/** The unit whose subtree is exported, checked against the actor's scope (404 outside it). */
export async function exportUnit(actor: Actor, orgUnitId: string) {
  return findUnitInScope(db(), actor, orgUnitId, { id: true, name: true, code: true, level: true });
}

/** The rows of one kind for a unit's subtree, by template header. */
export async function exportRows(actor: Actor, kind: ImportKind, orgUnitId: string): Promise<Row[]> {
  assertCan(actor, EXPORT_PERMISSION[kind]);
  const unit = await exportUnit(actor, orgUnitId);
  switch (kind) {
    case "units":
      return unitRows(actor, unit.id);
    case "rosters":
      return rosterRows(actor, unit.id);
    case "volunteers":
      return volunteerRows(actor, unit.id);
    case "stations":
      return stationRows(actor, unit.id);
    case "activities":
      return activityRows(actor, unit.id);
  }
}

/** Rows owned by a unit in `unitId`'s subtree (AND: the scope clause's own orgUnit key stays). */
const inSubtree = (unitId: string) => ({ AND: [{ orgUnit: { path: { has: unitId } } }] });

async function unitRows(actor: Actor, unitId: string): Promise<Row[]> {
  const units = await db().orgUnit.findMany({
    where: { ...scope.orgUnits(actor), active: true, level: { not: "DISTRICT" }, AND: [{ path: { has: unitId } }] },
    select: {
      name: true,
      level: true,
      kind: true,
      code: true,
      committeeEstablishedOn: true,
      parent: { select: { code: true, level: true } },
    },
    orderBy: [{ depth: "asc" }, { sortOrder: "asc" }, { code: "asc" }],
  });
  return units.map((u) => ({
    单位名称: u.name,
    单位层级: toWord(UNIT_LEVELS, u.level as "TOWN" | "VILLAGE" | "SCHOOL"),
    单位类型: u.kind,
    单位代码: u.code,
    上级单位代码: !u.parent || u.parent.level === "DISTRICT" ? "" : u.parent.code,
    关工委成立日期: day(u.committeeEstablishedOn),
  }));
}

function personFields(actor: Actor, p: { orgUnitId: string; gender: "MALE" | "FEMALE" | null; birthYear: number | null; phone: string | null }) {
  return {
    性别: p.gender ? toWord(GENDERS, p.gender) : "",
    出生年份: p.birthYear === null ? "" : String(p.birthYear),
    联系电话: p.phone && canSeePhone(actor, p.orgUnitId) ? p.phone : "",
  };
}

async function rosterRows(actor: Actor, unitId: string): Promise<Row[]> {
  const positions = await db().rosterPosition.findMany({
    where: { ...scope.rosterPositions(actor), ...inSubtree(unitId) },
    select: {
      role: true,
      concurrent: true,
      startedOn: true,
      endedOn: true,
      orgUnit: { select: { code: true, depth: true } },
      person: { select: PERSON_SELECT },
    },
    orderBy: [{ orgUnit: { depth: "asc" } }, { orgUnit: { code: "asc" } }, { startedOn: "asc" }, { role: "asc" }, { id: "asc" }],
  });
  return positions.map((p) => ({
    单位代码: p.orgUnit.code,
    姓名: p.person.name,
    ...personFields(actor, p.person),
    政治面貌: text(p.person.politicalStatus),
    原任职务: text(p.person.formerPost),
    职级: p.person.cadreRank === "NONE" ? "" : toWord(CADRE_RANKS, p.person.cadreRank),
    是否退休: yesNo(p.person.retired),
    班子职务: toWord(ROSTER_ROLES, p.role),
    是否兼任: yesNo(p.concurrent),
    任职日期: day(p.startedOn),
    离任日期: day(p.endedOn),
  }));
}

async function volunteerRows(actor: Actor, unitId: string): Promise<Row[]> {
  const volunteers = await db().volunteer.findMany({
    where: { ...scope.volunteers(actor), ...inSubtree(unitId) },
    select: {
      ...VOLUNTEER_FIELDS,
      orgUnit: { select: { code: true } },
      person: { select: { name: true, orgUnitId: true, gender: true, birthYear: true, phone: true } },
    },
    orderBy: [{ orgUnit: { code: "asc" } }, { joinedOn: "asc" }, { id: "asc" }],
  });
  return volunteers.map((v) => ({
    所属单位代码: v.orgUnit.code,
    姓名: v.person.name,
    ...personFields(actor, v.person),
    类别: toWord(VOLUNTEER_CATEGORIES, v.category),
    专长: v.skills.join("、"),
    加入日期: day(v.joinedOn),
    培训日期: day(v.trainedOn),
    状态: toWord(VOLUNTEER_STATUSES, v.status),
    同意宣传: yesNo(v.publicityConsent),
  }));
}

function eReadingRoom(s: { eReadingRoom: boolean; eReadingRoomUpToStandard: boolean }): string {
  return toWord(E_READING_ROOMS, !s.eReadingRoom ? "NONE" : s.eReadingRoomUpToStandard ? "UP_TO_STANDARD" : "BELOW_STANDARD");
}

async function stationRows(actor: Actor, unitId: string): Promise<Row[]> {
  const stations = await db().station.findMany({
    where: { ...scope.stations(actor), ...inSubtree(unitId), active: true },
    select: {
      name: true,
      address: true,
      tutors: true,
      eReadingRoom: true,
      eReadingRoomUpToStandard: true,
      eReadingRoomCheckedOn: true,
      orgUnit: { select: { code: true } },
      pairedSchool: { select: { code: true } },
    },
    orderBy: [{ orgUnit: { code: "asc" } }, { name: "asc" }, { createdAt: "asc" }],
  });
  return stations.map((s) => ({
    辅导站名称: s.name,
    所在单位代码: s.orgUnit.code,
    挂钩学校代码: s.pairedSchool?.code ?? "",
    地址: text(s.address),
    辅导员: s.tutors.join("、"),
    电子阅览室: eReadingRoom(s),
    达标检查日期: day(s.eReadingRoomCheckedOn),
  }));
}

/** Activities are many (a district's year is tens of thousands): read in keyset pages of only the needed columns. */
const ACTIVITY_PAGE = 5000;

async function activityRows(actor: Actor, unitId: string): Promise<Row[]> {
  // The station each 所在单位代码 + 辅导站名称 pair leads the importer to: active first, then the oldest.
  const stations = await db().station.findMany({
    where: { ...scope.stations(actor), ...inSubtree(unitId) },
    select: { id: true, orgUnitId: true, name: true, orgUnit: { select: { code: true } } },
    orderBy: STATION_PICK_ORDER,
  });
  const chosen = new Map<string, { id: string; code: string; name: string }>();
  for (const s of stations) {
    const key = stationKey(s.orgUnitId, s.name);
    if (!chosen.has(key)) chosen.set(key, { id: s.id, code: s.orgUnit.code, name: s.name });
  }
  const byId = new Map([...chosen.values()].map((s) => [s.id, s]));
  if (byId.size === 0) return [];

  const rows: Row[] = [];
  let after: string | undefined;
  for (;;) {
    const page = await db().activity.findMany({
      where: { ...scope.activities(actor), stationId: { in: [...byId.keys()] } },
      select: { id: true, stationId: true, date: true, kind: true, title: true, youthParticipants: true, notes: true },
      orderBy: { id: "asc" },
      take: ACTIVITY_PAGE,
      ...(after ? { cursor: { id: after }, skip: 1 } : {}),
    });
    for (const a of page) {
      const s = byId.get(a.stationId);
      if (!s) continue;
      rows.push({
        所在单位代码: s.code,
        辅导站名称: s.name,
        活动日期: day(a.date),
        活动类型: toWord(ACTIVITY_KINDS, a.kind),
        活动主题: a.title,
        参加青少年人数: String(a.youthParticipants),
        备注: text(a.notes),
      });
    }
    if (page.length < ACTIVITY_PAGE) break;
    after = page[page.length - 1].id;
  }
  // Read in id order for cheap paging; written in the order people read them.
  return rows.sort(
    (x, y) =>
      cmp(x.所在单位代码, y.所在单位代码) || cmp(x.辅导站名称, y.辅导站名称) || cmp(x.活动日期, y.活动日期) || cmp(x.活动类型, y.活动类型) || cmp(x.活动主题, y.活动主题),
  );
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
