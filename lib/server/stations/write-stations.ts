import "server-only";
/**
 * Registering and editing 校外辅导站. A station is hosted by a town or village in scope;
 * its paired school (挂钩学校) is a school the actor sees or one under the host's town.
 * Each write is a defineWrite: validated, "station.write" only, scoped, audited.
 */
import { defineWrite } from "../write";
import { invalid, notFound } from "../errors";
import { findUnitInScope, scope } from "../scope";
import type { Tx } from "../db";
import type { Actor } from "../actor";
import { stationJson } from "./read-stations";
import { ZCreateStation, ZUpdateStation } from "@/lib/schemas/station";

const AUDIT_SELECT = {
  id: true,
  name: true,
  orgUnitId: true,
  address: true,
  pairedSchoolId: true,
  tutors: true,
  eReadingRoom: true,
  eReadingRoomUpToStandard: true,
  eReadingRoomCheckedOn: true,
  active: true,
} as const;

/** The host: a town or village in scope (else NOT_FOUND), active. */
async function hostUnit(tx: Tx, actor: Actor, orgUnitId: string) {
  const unit = await findUnitInScope(tx, actor, orgUnitId, { id: true, level: true, parentId: true, active: true });
  if (unit.level !== "TOWN" && unit.level !== "VILLAGE") {
    throw invalid([{ path: "orgUnitId", message: "校外辅导站只能设在镇（街道）或村（社区）" }]);
  }
  if (!unit.active) throw invalid([{ path: "orgUnitId", message: "该单位已停用，不能登记辅导站" }]);
  return unit;
}

/** The paired school must be a school the actor may pick for this host; anything else is a field error. */
async function pairedSchool(tx: Tx, actor: Actor, host: { id: string; level: string; parentId: string | null }, schoolId: string | undefined) {
  if (!schoolId) return null;
  const townId = host.level === "TOWN" ? host.id : host.parentId;
  const school = await tx.orgUnit.findFirst({ where: { ...scope.pairableSchools(actor, townId), id: schoolId }, select: { id: true } });
  if (!school) throw invalid([{ path: "pairedSchoolId", message: "挂钩学校须是本辖区或本镇（街道）的学校，请从列表中选择" }]);
  return school.id;
}

const resultOf = (s: Omit<Parameters<typeof stationJson>[0], "yearActivities">) => stationJson({ ...s, yearActivities: 0 });

export const createStation = defineWrite({
  action: "station.create",
  permission: "station.write",
  input: ZCreateStation,
  async run({ tx, actor, input }) {
    const host = await hostUnit(tx, actor, input.orgUnitId);
    const schoolId = await pairedSchool(tx, actor, host, input.pairedSchoolId);
    const created = await tx.station.create({
      data: {
        tenantId: actor.tenantId,
        orgUnitId: host.id,
        name: input.name,
        address: input.address ?? null,
        pairedSchoolId: schoolId,
        tutors: input.tutors,
        eReadingRoom: input.eReadingRoom,
        eReadingRoomUpToStandard: input.eReadingRoomUpToStandard,
        eReadingRoomCheckedOn: input.eReadingRoomCheckedOn ?? null,
      },
      select: AUDIT_SELECT,
    });
    return { result: resultOf(created), entity: "Station", entityId: created.id, after: created };
  },
});

export const updateStation = defineWrite({
  action: "station.update",
  permission: "station.write",
  input: ZUpdateStation,
  async run({ tx, actor, input }) {
    const before = await tx.station.findFirst({
      where: { ...scope.stations(actor), id: input.id },
      select: { ...AUDIT_SELECT, orgUnit: { select: { id: true, level: true, parentId: true } } },
    });
    if (!before) throw notFound();
    const { orgUnit: host, ...beforeRow } = before;
    // An unchanged pairing stays valid even if the school is no longer offered (e.g. set by the district).
    const schoolId =
      input.pairedSchoolId && input.pairedSchoolId === before.pairedSchoolId ? before.pairedSchoolId : await pairedSchool(tx, actor, host, input.pairedSchoolId);
    const after = await tx.station.update({
      where: { id: before.id },
      data: {
        name: input.name,
        address: input.address ?? null,
        pairedSchoolId: schoolId,
        tutors: input.tutors,
        eReadingRoom: input.eReadingRoom,
        eReadingRoomUpToStandard: input.eReadingRoomUpToStandard,
        eReadingRoomCheckedOn: input.eReadingRoomCheckedOn ?? null,
      },
      select: AUDIT_SELECT,
    });
    return { result: resultOf(after), entity: "Station", entityId: after.id, before: beforeRow, after };
  },
});
