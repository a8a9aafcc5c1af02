import "server-only";
import type { Actor } from "../actor";
import type { Tx } from "../db";
import type { TPersonFields } from "@/lib/schemas/person";

/**
 * Every stored fact of a person, as the roster page, the importer and the exporter read
 * it: one list, so a new person column reaches all three at once.
 */
export const PERSON_SELECT = {
  id: true,
  orgUnitId: true,
  name: true,
  gender: true,
  birthYear: true,
  phone: true,
  politicalStatus: true,
  formerPost: true,
  cadreRank: true,
  retired: true,
} as const;

/** Creates a person registered by (and scoped to) a unit the caller has already found in scope. */
export function createPerson(tx: Tx, actor: Actor, orgUnitId: string, fields: TPersonFields) {
  return tx.person.create({
    data: {
      tenantId: actor.tenantId,
      orgUnitId,
      name: fields.name,
      gender: fields.gender ?? null,
      birthYear: fields.birthYear ?? null,
      phone: fields.phone ?? null,
      politicalStatus: fields.politicalStatus ?? null,
      formerPost: fields.formerPost ?? null,
      cadreRank: fields.cadreRank,
      retired: fields.retired,
    },
  });
}

/**
 * Phone numbers are sensitive: shown in full only to DISTRICT_ADMIN and to the admins
 * of the person's own unit; everyone else sees 138****5678.
 */
export function canSeePhone(actor: Actor, personUnitId: string): boolean {
  if (actor.role === "DISTRICT_ADMIN") return true;
  return (actor.role === "TOWN_ADMIN" || actor.role === "UNIT_ADMIN") && actor.orgUnitId === personUnitId;
}

export function maskPhone(phone: string | null): string | null {
  if (!phone) return null;
  const digits = phone.replace(/\D/g, "");
  if (digits.length < 7) return "****";
  return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
}

export function phoneFor(actor: Actor, person: { orgUnitId: string; phone: string | null }): string | null {
  return canSeePhone(actor, person.orgUnitId) ? person.phone : maskPhone(person.phone);
}
