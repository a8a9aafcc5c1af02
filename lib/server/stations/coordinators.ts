import "server-only";
/**
 * Which station(s) a station coordinator (辅导员账号) logs for. The scope layer limits a
 * coordinator to the stations assigned here (scope.stations / scope.activities), so a
 * coordinator placed on a town does not reach every station of the town. An admin with
 * the station in scope assigns or removes coordinator accounts of the station's host
 * unit or a unit above it (within the admin's own scope); both are audited defineWrites.
 */
import { z } from "zod";
import { defineWrite } from "../write";
import { invalid, notFound } from "../errors";
import { parseId, scope } from "../scope";
import { db, type Tx } from "../db";
import type { Actor } from "../actor";

const ZCoordinatorLink = z.object({
  stationId: z.uuid({ error: "请选择辅导站" }),
  userId: z.uuid({ error: "请选择辅导员账号" }),
});

/** The station must be in the admin's scope, else NOT_FOUND. */
async function stationFor(tx: Tx, actor: Actor, stationId: string) {
  const s = await tx.station.findFirst({
    where: { ...scope.stations(actor), id: stationId },
    select: { id: true, name: true, orgUnit: { select: { path: true } } },
  });
  if (!s) throw notFound();
  return s;
}

/** Coordinator accounts in scope that may be given this station: sitting on its host unit or above it. */
const candidatesWhere = (actor: Actor, hostPath: string[]) => ({
  ...scope.users(actor),
  role: "STATION_COORDINATOR" as const,
  disabledAt: null,
  orgUnitId: { in: hostPath },
});

export const assignCoordinator = defineWrite({
  action: "station.coordinator.assign",
  permission: "station.write",
  input: ZCoordinatorLink,
  async run({ tx, actor, input }) {
    const station = await stationFor(tx, actor, input.stationId);
    const user = await tx.user.findFirst({ where: { ...candidatesWhere(actor, station.orgUnit.path), id: input.userId }, select: { id: true, username: true, displayName: true } });
    if (!user) throw invalid([{ path: "userId", message: "只能指定本单位或上级单位、在您管辖范围内的辅导员账号，请从列表中选择" }]);
    const made = await tx.stationCoordinator.createMany({ data: [{ tenantId: actor.tenantId, userId: user.id, stationId: station.id }], skipDuplicates: true });
    if (made.count === 0) return { result: user, unchanged: true };
    return { result: user, entity: "Station", entityId: station.id, after: { coordinator: user.username, coordinatorName: user.displayName } };
  },
});

export const unassignCoordinator = defineWrite({
  action: "station.coordinator.remove",
  permission: "station.write",
  input: ZCoordinatorLink,
  async run({ tx, actor, input }) {
    const station = await stationFor(tx, actor, input.stationId);
    // The link may be removed even if the account has since left the admin's view of candidates
    // (moved or disabled), but only for a user of the admin's scope.
    const link = await tx.stationCoordinator.findFirst({
      where: { tenantId: actor.tenantId, stationId: station.id, userId: input.userId, user: scope.users(actor) },
      select: { user: { select: { id: true, username: true, displayName: true } } },
    });
    if (!link) throw notFound();
    await tx.stationCoordinator.delete({ where: { userId_stationId: { userId: link.user.id, stationId: station.id } } });
    return { result: link.user, entity: "Station", entityId: station.id, before: { coordinator: link.user.username, coordinatorName: link.user.displayName } };
  },
});

/** The station's coordinator accounts and those that may be added, for the station page (admins). */
export async function stationCoordinators(actor: Actor, stationId: string) {
  const station = await stationFor(db(), actor, parseId(stationId));
  const select = { id: true, username: true, displayName: true, orgUnit: { select: { name: true } } } as const;
  const [assigned, candidates] = await Promise.all([
    db().user.findMany({
      where: { ...scope.users(actor), AND: [{ coordinatedStations: { some: { stationId: station.id } } }] },
      orderBy: { username: "asc" },
      select,
    }),
    db().user.findMany({
      where: { ...candidatesWhere(actor, station.orgUnit.path), AND: [{ coordinatedStations: { none: { stationId: station.id } } }] },
      orderBy: { username: "asc" },
      select,
    }),
  ]);
  const row = (u: (typeof assigned)[number]) => ({ id: u.id, username: u.username, displayName: u.displayName, unitName: u.orgUnit?.name ?? "" });
  return { assigned: assigned.map(row), candidates: candidates.map(row) };
}
