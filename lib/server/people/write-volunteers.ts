import "server-only";
/**
 * Writes of the 五老 volunteer team: register (a Person and a Volunteer in one
 * transaction), edit, and pause / resume / leave. Each is a defineWrite: validated,
 * "people.write" only, scoped, audited.
 */
import { defineWrite } from "../write";
import { invalid, notFound } from "../errors";
import { findUnitInScope, scope } from "../scope";
import type { Tx } from "../db";
import type { Actor } from "../actor";
import { canSeePhone, createPerson } from "./persons";
import { VOLUNTEER_FIELDS, volunteerJson } from "./read-volunteers";
import { STATUS_LABELS, ZRegisterVolunteer, ZSetVolunteerStatus, ZUpdateVolunteer } from "@/lib/schemas/volunteer";

/** What the audit trail keeps of a volunteer (the phone stays out of it). */
const AUDIT_SELECT = {
  id: true,
  personId: true,
  orgUnitId: true,
  ...VOLUNTEER_FIELDS,
  person: { select: { orgUnitId: true, name: true, gender: true, birthYear: true, politicalStatus: true, formerPost: true, cadreRank: true, retired: true } },
} as const;

/** A home unit must be in scope (else NOT_FOUND) and still active. */
async function homeUnit(tx: Tx, actor: Actor, orgUnitId: string) {
  const unit = await findUnitInScope(tx, actor, orgUnitId, { id: true, active: true });
  if (!unit.active) throw invalid([{ path: "orgUnitId", message: "该单位已停用，不能再登记志愿者" }]);
  return unit;
}

async function volunteerInScope(tx: Tx, actor: Actor, id: string) {
  const v = await tx.volunteer.findFirst({ where: { ...scope.volunteers(actor), id }, select: AUDIT_SELECT });
  if (!v) throw notFound();
  return v;
}

const apiShape = (v: { id: string; category: string; orgUnitId: string; joinedOn: Date; trainedOn: Date | null; status: string; skills: string[]; publicityConsent: boolean; personId: string; person: { name: string } }) => ({
  ...volunteerJson({ ...v, name: v.person.name }),
  personId: v.personId,
  skills: v.skills,
  publicityConsent: v.publicityConsent,
});

export const registerVolunteer = defineWrite({
  action: "volunteer.register",
  permission: "people.write",
  input: ZRegisterVolunteer,
  async run({ tx, actor, input }) {
    const unit = await homeUnit(tx, actor, input.orgUnitId);
    const person = await createPerson(tx, actor, unit.id, input);
    const created = await tx.volunteer.create({
      data: {
        tenantId: actor.tenantId,
        orgUnitId: unit.id,
        personId: person.id,
        category: input.category,
        skills: input.skills,
        joinedOn: input.joinedOn,
        publicityConsent: input.publicityConsent,
      },
      select: AUDIT_SELECT,
    });
    return { result: apiShape(created), entity: "Volunteer", entityId: created.id, after: created };
  },
});

export const updateVolunteer = defineWrite({
  action: "volunteer.update",
  permission: "people.write",
  input: ZUpdateVolunteer,
  async run({ tx, actor, input }) {
    const before = await volunteerInScope(tx, actor, input.id);
    if (input.orgUnitId !== before.orgUnitId) await homeUnit(tx, actor, input.orgUnitId);
    // The person's facts are edited through the volunteer the actor may see.
    const person = await tx.person.updateMany({
      where: { tenantId: actor.tenantId, id: before.personId, volunteer: { is: scope.volunteers(actor) } },
      data: {
        name: input.name,
        gender: input.gender ?? null,
        birthYear: input.birthYear ?? null,
        // Whoever sees only the masked phone cannot change it either (the form hides it).
        ...(canSeePhone(actor, before.person.orgUnitId) ? { phone: input.phone ?? null } : {}),
        politicalStatus: input.politicalStatus ?? null,
        formerPost: input.formerPost ?? null,
        cadreRank: input.cadreRank,
        retired: input.retired,
      },
    });
    if (person.count !== 1) throw notFound();
    if (input.orgUnitId !== before.orgUnitId) {
      // The person moves with the volunteer when the old home unit registered them, so
      // "the admins of the person's own unit" (who see the full phone) stay the right ones.
      await tx.person.updateMany({
        where: { ...scope.persons(actor), id: before.personId, orgUnitId: before.orgUnitId },
        data: { orgUnitId: input.orgUnitId },
      });
    }
    const after = await tx.volunteer.update({
      where: { id: before.id },
      data: {
        orgUnitId: input.orgUnitId,
        category: input.category,
        skills: input.skills,
        joinedOn: input.joinedOn,
        publicityConsent: input.publicityConsent,
      },
      select: AUDIT_SELECT,
    });
    return { result: apiShape(after), entity: "Volunteer", entityId: after.id, before, after };
  },
});

/** Pause (暂停), resume (在队) or leave (已退出); the record and its history stay. */
export const setVolunteerStatus = defineWrite({
  action: "volunteer.set_status",
  permission: "people.write",
  input: ZSetVolunteerStatus,
  async run({ tx, actor, input }) {
    const before = await volunteerInScope(tx, actor, input.id);
    if (before.status === input.status) {
      throw invalid([{ path: "status", message: `该志愿者已经是“${STATUS_LABELS[input.status]}”状态` }], `该志愿者已经是“${STATUS_LABELS[input.status]}”状态`);
    }
    const after = await tx.volunteer.update({ where: { id: before.id }, data: { status: input.status }, select: AUDIT_SELECT });
    return { result: apiShape(after), entity: "Volunteer", entityId: after.id, before, after };
  },
});
