import "server-only";
/**
 * 校外辅导站 import (key: 所在单位代码 + 辅导站名称). The host is a town or village in
 * scope. The paired school (挂钩学校代码) follows the station form's rule
 * (scope.pairableSchools): a school the caller sees, or one directly under the host's
 * town — pairing names a school, it grants no access to it. A pairing already stored
 * stays acceptable as is, so an export re-imports unchanged.
 */
import { z } from "zod";
import type { Actor } from "../actor";
import type { Tx } from "../db";
import { scope } from "../scope";
import type { Importer, Plan } from "./run";
import { cleanList, firstByKey, isoDay, joinList, keep, LIST_SEP, sameDay, sameList, STATION_PICK_ORDER, stationKey, todayDate, tooLong, unitLookup, unitsInScope, type Problems } from "./rows";

const ZRow = z.object({
  row: z.number().int().positive(),
  name: z.string().min(1),
  hostCode: z.string().min(1),
  schoolCode: z.string().nullish(),
  address: z.string().nullish(),
  tutors: z.array(z.string()).nullish(),
  eReadingRoom: z.enum(["NONE", "BELOW_STANDARD", "UP_TO_STANDARD"]).nullish(),
  checkedOn: z.date().nullish(),
});
type StationRow = z.output<typeof ZRow>;

const C = { name: "辅导站名称", host: "所在单位代码", school: "挂钩学校代码", address: "地址", tutors: "辅导员", room: "电子阅览室", checked: "达标检查日期" } as const;

async function plan(client: Tx, actor: Actor, rows: StationRow[], problems: Problems): Promise<Plan> {
  const hosts = await unitsInScope(client, actor, rows.map((r) => r.hostCode));
  const hostIds = [...new Set([...hosts.values()].map((u) => u.id))];
  const townOf = (h: { id: string; level: string; parentId: string | null }) => (h.level === "TOWN" ? h.id : h.parentId);
  const towns = [...new Set([...hosts.values()].filter((h) => h.level === "TOWN" || h.level === "VILLAGE").map(townOf))];
  const schoolCodes = [...new Set(rows.map((r) => r.schoolCode).filter((c): c is string => Boolean(c)))];
  const [stations, schools] = await Promise.all([
    client.station.findMany({
      where: { ...scope.stations(actor), orgUnitId: { in: hostIds } },
      select: {
        id: true,
        orgUnitId: true,
        name: true,
        address: true,
        pairedSchoolId: true,
        pairedSchool: { select: { code: true } },
        tutors: true,
        eReadingRoom: true,
        eReadingRoomUpToStandard: true,
        eReadingRoomCheckedOn: true,
      },
      orderBy: STATION_PICK_ORDER,
    }),
    schoolCodes.length
      ? client.orgUnit.findMany({
          // The union of what the station form offers for each host town of the file.
          where: { code: { in: schoolCodes }, OR: (towns.length ? towns : [null]).map((t) => scope.pairableSchools(actor, t)) },
          select: { id: true, code: true, parentId: true, path: true },
        })
      : Promise.resolve([]),
  ]);
  const byKey = firstByKey(stations, (s) => stationKey(s.orgUnitId, s.name));
  const schoolByCode = new Map(schools.map((s) => [s.code, s]));

  const today = todayDate();
  type Values = { address: string | null; pairedSchoolId: string | null; tutors: string[]; eReadingRoom: boolean; upToStandard: boolean; checkedOn: Date | null };
  const creates: { hostId: string; name: string; v: Values }[] = [];
  const updates: { id: string; v: Values }[] = [];
  let unchanged = 0;

  const hostOf = unitLookup(hosts, actor, problems, C.host);
  for (const r of rows) {
    const host = hostOf(r.row, r.hostCode);
    if (!host) continue;
    const tutors = cleanList(r.tutors, "辅导员姓名", 20, 20);
    const checks: [string, string | null][] = [
      [C.host, host.level !== "TOWN" && host.level !== "VILLAGE" ? `单位 ${r.hostCode} 不是镇（街道）或村（社区）：校外辅导站只能设在镇（街道）或村（社区）` : null],
      [C.name, tooLong(r.name, 60)],
      [C.address, tooLong(r.address, 100)],
      [C.tutors, tutors.problem],
      [C.checked, r.checkedOn && r.checkedOn > today ? "达标检查日期不能晚于今天" : null],
    ];
    if (problems.check(r.row, checks)) continue;

    const stored = byKey.get(stationKey(host.id, r.name));
    let pairedSchoolId: string | null = null;
    if (r.schoolCode) {
      if (stored?.pairedSchool?.code === r.schoolCode) pairedSchoolId = stored.pairedSchoolId;
      else {
        const school = schoolByCode.get(r.schoolCode);
        const townId = townOf(host);
        if (school && (school.path.includes(actor.orgUnitId) || (townId !== null && school.parentId === townId))) pairedSchoolId = school.id;
        else {
          problems.add(r.row, C.school, `挂钩学校代码 ${r.schoolCode} 不是本辖区或本镇（街道）的学校，请核对`);
          continue;
        }
      }
    }
    // A column left out of the sheet keeps what is stored; an empty cell clears it (电子阅览室: 无).
    const room = r.eReadingRoom === undefined ? null : (r.eReadingRoom ?? "NONE");
    const v: Values = {
      address: keep(r.address, stored?.address ?? null),
      pairedSchoolId: r.schoolCode === undefined ? (stored?.pairedSchoolId ?? null) : pairedSchoolId,
      tutors: r.tutors === undefined ? (stored?.tutors ?? []) : tutors.value,
      eReadingRoom: room === null ? (stored?.eReadingRoom ?? false) : room !== "NONE",
      upToStandard: room === null ? (stored?.eReadingRoomUpToStandard ?? false) : room === "UP_TO_STANDARD",
      checkedOn: keep(r.checkedOn, stored?.eReadingRoomCheckedOn ?? null),
    };
    if (stored) {
      const same =
        stored.address === v.address &&
        stored.pairedSchoolId === v.pairedSchoolId &&
        sameList(stored.tutors, v.tutors) &&
        stored.eReadingRoom === v.eReadingRoom &&
        stored.eReadingRoomUpToStandard === v.upToStandard &&
        sameDay(stored.eReadingRoomCheckedOn, v.checkedOn);
      if (same) unchanged++;
      else updates.push({ id: stored.id, v });
      continue;
    }
    if (!host.active) {
      problems.add(r.row, C.host, `单位 ${r.hostCode} 已撤销，不能再登记辅导站`);
      continue;
    }
    creates.push({ hostId: host.id, name: r.name, v });
  }

  return {
    created: creates.length,
    updated: updates.length,
    unchanged,
    async apply(tx) {
      const tenant = actor.tenantId;
      if (creates.length) {
        await tx.$executeRaw`
          INSERT INTO "Station" (id, "tenantId", "orgUnitId", name, address, "pairedSchoolId", tutors, "eReadingRoom", "eReadingRoomUpToStandard", "eReadingRoomCheckedOn", "updatedAt")
          SELECT gen_random_uuid(), ${tenant}::uuid, v.host, v.name, v.address, v.school, string_to_array(v.tutors, ${LIST_SEP}), v.room, v.std, v.checked, now()
          FROM unnest(${creates.map((c) => c.hostId)}::uuid[], ${creates.map((c) => c.name)}::text[], ${creates.map((c) => c.v.address)}::text[],
                      ${creates.map((c) => c.v.pairedSchoolId)}::uuid[], ${creates.map((c) => joinList(c.v.tutors))}::text[],
                      ${creates.map((c) => c.v.eReadingRoom)}::boolean[], ${creates.map((c) => c.v.upToStandard)}::boolean[],
                      ${creates.map((c) => isoDay(c.v.checkedOn))}::date[]) AS v(host, name, address, school, tutors, room, std, checked)`;
      }
      if (updates.length) {
        await tx.$executeRaw`
          UPDATE "Station" s SET address = v.address, "pairedSchoolId" = v.school, tutors = string_to_array(v.tutors, ${LIST_SEP}),
                 "eReadingRoom" = v.room, "eReadingRoomUpToStandard" = v.std, "eReadingRoomCheckedOn" = v.checked, "updatedAt" = now()
          FROM unnest(${updates.map((u) => u.id)}::uuid[], ${updates.map((u) => u.v.address)}::text[], ${updates.map((u) => u.v.pairedSchoolId)}::uuid[],
                      ${updates.map((u) => joinList(u.v.tutors))}::text[], ${updates.map((u) => u.v.eReadingRoom)}::boolean[],
                      ${updates.map((u) => u.v.upToStandard)}::boolean[], ${updates.map((u) => isoDay(u.v.checkedOn))}::date[])
               AS v(id, address, school, tutors, room, std, checked)
          WHERE s.id = v.id AND s."tenantId" = ${tenant}::uuid`;
      }
    },
  };
}

export const stationsImporter: Importer<StationRow> = {
  kind: "stations",
  permission: "station.write",
  fields: { [C.name]: "name", [C.host]: "hostCode", [C.school]: "schoolCode", [C.address]: "address", [C.tutors]: "tutors", [C.room]: "eReadingRoom", [C.checked]: "checkedOn" },
  row: ZRow,
  plan,
};
