import "server-only";
/**
 * 培训: training sessions (入门培训 and later training) and who attended. Attending an
 * 入门培训 is what clears a volunteer's "not trained" flag: it sets Volunteer.trainedOn.
 */
import { db, type Tx } from "../db";
import type { Actor } from "../actor";
import { defineWrite } from "../write";
import { invalid, notFound } from "../errors";
import { findUnitInScope, parseId, scope } from "../scope";
import { assertCan } from "../permissions";
import { ZCreateTrainingSession, ZRecordAttendance } from "@/lib/schemas/volunteer";
import { todayInBeijing } from "@/lib/schemas/dates";

const SESSION_SELECT = {
  id: true,
  title: true,
  kind: true,
  heldOn: true,
  location: true,
  orgUnitId: true,
  orgUnit: { select: { name: true } },
} as const;

/** The most recent sessions in scope (newest first) with their attendance counts. */
export async function listTrainingSessions(actor: Actor, opts: { take?: number } = {}) {
  assertCan(actor, "people.read");
  return db().trainingSession.findMany({
    where: scope.trainingSessions(actor),
    orderBy: [{ heldOn: "desc" }, { id: "desc" }],
    take: opts.take ?? 100,
    select: { ...SESSION_SELECT, _count: { select: { attendance: true } } },
  });
}

async function sessionInScope(client: Tx, actor: Actor, id: unknown) {
  const s = await client.trainingSession.findFirst({ where: { ...scope.trainingSessions(actor), id: parseId(id) }, select: SESSION_SELECT });
  if (!s) throw notFound();
  return s;
}

/** One session in scope with its attendees (those the actor may see), by name. */
export async function getTrainingSession(actor: Actor, id: unknown) {
  assertCan(actor, "people.read");
  const session = await sessionInScope(db(), actor, id);
  const attendance = await db().trainingAttendance.findMany({
    where: { tenantId: actor.tenantId, sessionId: session.id, volunteer: scope.volunteers(actor) },
    select: {
      volunteer: {
        select: { id: true, category: true, status: true, trainedOn: true, orgUnit: { select: { name: true } }, person: { select: { name: true } } },
      },
    },
  });
  const attendees = attendance.map((a) => a.volunteer).sort((a, b) => a.person.name.localeCompare(b.person.name, "zh-CN"));
  return { ...session, attendees };
}

/**
 * Volunteers who could be added to a session: in the session unit's subtree and in the
 * actor's scope, not left, not yet recorded; the untrained first, at most `take`.
 */
export async function attendanceCandidates(actor: Actor, sessionId: string, opts: { q?: string; take?: number } = {}) {
  assertCan(actor, "people.read");
  const session = await sessionInScope(db(), actor, sessionId);
  const q = opts.q?.trim().slice(0, 40);
  return db().volunteer.findMany({
    where: {
      ...scope.volunteers(actor),
      AND: [
        { orgUnit: { tenantId: actor.tenantId, path: { has: session.orgUnitId } } },
        { status: { not: "LEFT" } },
        { attendance: { none: { sessionId: session.id } } },
        ...(q ? [{ person: { tenantId: actor.tenantId, name: { contains: q } } }] : []),
      ],
    },
    orderBy: [{ trainedOn: { sort: "asc", nulls: "first" } }, { createdAt: "desc" }, { id: "desc" }],
    take: opts.take ?? 50,
    select: { id: true, category: true, trainedOn: true, orgUnit: { select: { name: true } }, person: { select: { name: true } } },
  });
}

export const createTrainingSession = defineWrite({
  action: "training.create",
  permission: "people.write",
  input: ZCreateTrainingSession,
  async run({ tx, actor, input }) {
    const unit = await findUnitInScope(tx, actor, input.orgUnitId, { id: true });
    const session = await tx.trainingSession.create({
      data: {
        tenantId: actor.tenantId,
        orgUnitId: unit.id,
        title: input.title,
        kind: input.kind,
        heldOn: input.heldOn,
        location: input.location ?? null,
      },
      select: { id: true, title: true, kind: true, heldOn: true, location: true, orgUnitId: true },
    });
    return { result: session, entity: "TrainingSession", entityId: session.id, after: session };
  },
});

/**
 * Records who attended a session (already recorded ones are kept, not duplicated). For
 * an 入门培训 it sets trainedOn on every attendee who has none, or an earlier day than
 * the one recorded: trainedOn is the day the volunteer first completed onboarding.
 */
export const recordAttendance = defineWrite({
  action: "training.record_attendance",
  permission: "people.write",
  input: ZRecordAttendance,
  async run({ tx, actor, input }) {
    const session = await sessionInScope(tx, actor, input.sessionId);
    if (session.heldOn.toISOString().slice(0, 10) > todayInBeijing()) {
      const message = "这次培训还没有举行，培训结束后再登记参加人员";
      throw invalid([{ path: "volunteerIds", message }], message);
    }
    const ids = [...new Set(input.volunteerIds)];
    const found = await tx.volunteer.findMany({ where: { ...scope.volunteers(actor), id: { in: ids } }, select: { id: true } });
    // Any id the actor may not see makes the whole request not found: nothing is written.
    if (found.length !== ids.length) throw notFound();
    const added = await tx.trainingAttendance.createMany({
      data: ids.map((volunteerId) => ({ tenantId: actor.tenantId, sessionId: session.id, volunteerId })),
      skipDuplicates: true,
    });
    let trained = 0;
    if (session.kind === "ONBOARDING") {
      const r = await tx.volunteer.updateMany({
        where: {
          ...scope.volunteers(actor),
          id: { in: ids },
          OR: [{ trainedOn: null }, { trainedOn: { gt: session.heldOn } }],
        },
        data: { trainedOn: session.heldOn },
      });
      trained = r.count;
    }
    const result = { sessionId: session.id, added: added.count, trained };
    return { result, entity: "TrainingSession", entityId: session.id, after: { ...result, volunteerIds: ids } };
  },
});
