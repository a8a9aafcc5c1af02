import "server-only";
/**
 * Logging and correcting station activities. Both are defineWrites ("activity.write",
 * validated, scoped, audited). Logging is idempotent by the client's id: phones retry,
 * and a retry must neither make a second activity nor a second audit entry.
 */
import { randomUUID } from "node:crypto";
import { defineWrite } from "../write";
import { AppError, invalid, notFound } from "../errors";
import { scope } from "../scope";
import type { Tx } from "../db";
import type { Actor } from "../actor";
import { ACTIVITY_SELECT, activityJson, findActivityInScope, type ActivityJson } from "./read-activities";
import { activityEditRefusal, ZCreateActivity, ZUpdateActivity } from "@/lib/schemas/activity";

export type LoggedActivity = ActivityJson & { created: boolean };

/** The station must be in scope (else NOT_FOUND) and still active. */
async function stationInScope(tx: Tx, actor: Actor, stationId: string) {
  const station = await tx.station.findFirst({ where: { ...scope.stations(actor), id: stationId }, select: { id: true, orgUnitId: true, active: true } });
  if (!station) throw notFound();
  if (!station.active) throw invalid([{ path: "stationId", message: "该辅导站已停用，不能再登记活动" }]);
  return station;
}

/** Every chosen volunteer must be one the actor may see; one message for all that are not. */
async function checkVolunteers(tx: Tx, actor: Actor, ids: string[]) {
  if (ids.length === 0) return;
  const found = await tx.volunteer.count({ where: { ...scope.volunteers(actor), id: { in: ids } } });
  if (found !== ids.length) throw invalid([{ path: "volunteerIds", message: "所选志愿者不存在或不在您的管辖范围内，请重新选择" }]);
}

/** Log an activity; the same id again answers `created: false` with the stored row and writes nothing. */
export const createActivity = defineWrite({
  action: "activity.create",
  permission: "activity.write",
  input: ZCreateActivity,
  async run({ tx, actor, input }) {
    const id = input.id?.toLowerCase() ?? randomUUID();
    // A retry of something already logged: answer with what is stored, change nothing.
    const existing = await findActivityInScope(tx, actor, id);
    if (existing) return { result: { ...activityJson(existing), created: false }, unchanged: true };
    const station = await stationInScope(tx, actor, input.stationId);
    await checkVolunteers(tx, actor, input.volunteerIds);
    // The primary key decides between concurrent double submits: ON CONFLICT DO NOTHING
    // waits for the other insert and then inserts nothing, without aborting this transaction.
    const inserted = await tx.activity.createMany({
      data: [
        {
          id,
          tenantId: actor.tenantId,
          orgUnitId: station.orgUnitId,
          stationId: station.id,
          date: input.date,
          kind: input.kind,
          title: input.title,
          youthParticipants: input.youthParticipants,
          notes: input.notes ?? null,
          createdById: actor.userId,
        },
      ],
      skipDuplicates: true,
    });
    if (inserted.count === 0) {
      // Someone else stored this id first: in scope it is the same activity; elsewhere
      // (another unit or district) it is simply not found.
      const stored = await findActivityInScope(tx, actor, id);
      if (!stored) throw notFound();
      return { result: { ...activityJson(stored), created: false }, unchanged: true };
    }
    if (input.volunteerIds.length > 0) {
      await tx.activityVolunteer.createMany({
        data: input.volunteerIds.map((volunteerId) => ({ tenantId: actor.tenantId, activityId: id, volunteerId })),
      });
    }
    const after = await tx.activity.findFirstOrThrow({ where: { ...scope.activities(actor), id }, select: ACTIVITY_SELECT });
    const json = activityJson(after);
    return { result: { ...json, created: true } as LoggedActivity, entity: "Activity", entityId: id, after: json };
  },
});

/** Correct an activity: coordinators their own within 30 days, admins any in scope. */
export const updateActivity = defineWrite({
  action: "activity.update",
  permission: "activity.write",
  input: ZUpdateActivity,
  async run({ tx, actor, input }) {
    const current = await tx.activity.findFirst({
      where: { ...scope.activities(actor), id: input.id.toLowerCase() },
      select: ACTIVITY_SELECT,
    });
    if (!current) throw notFound();
    const refusal = activityEditRefusal(actor, current);
    if (refusal) throw new AppError("FORBIDDEN", refusal);
    const station = current.stationId === input.stationId ? { id: current.stationId, orgUnitId: current.orgUnitId } : await stationInScope(tx, actor, input.stationId);
    await checkVolunteers(tx, actor, input.volunteerIds);
    await tx.activity.update({
      where: { id: current.id },
      data: {
        stationId: station.id,
        orgUnitId: station.orgUnitId,
        date: input.date,
        kind: input.kind,
        title: input.title,
        youthParticipants: input.youthParticipants,
        notes: input.notes ?? null,
      },
    });
    // The submitted set replaces only the links the editor can see: a link to a volunteer
    // outside their scope (added by an admin above them) is not theirs to drop.
    await tx.activityVolunteer.deleteMany({ where: { tenantId: actor.tenantId, activityId: current.id, volunteer: scope.volunteers(actor) } });
    if (input.volunteerIds.length > 0) {
      await tx.activityVolunteer.createMany({
        data: input.volunteerIds.map((volunteerId) => ({ tenantId: actor.tenantId, activityId: current.id, volunteerId })),
        skipDuplicates: true,
      });
    }
    const after = await tx.activity.findFirstOrThrow({ where: { ...scope.activities(actor), id: current.id }, select: ACTIVITY_SELECT });
    const json = activityJson(after);
    return { result: json, entity: "Activity", entityId: current.id, before: activityJson(current), after: json };
  },
});
