import "server-only";
/**
 * People shared by the roster and volunteer imports. A row names a person by unit, name
 * and birth year: an existing Person there is reused (so one person can be both a
 * committee member and a volunteer), else one new Person per (unit, name, birth year)
 * of the file. Rows naming the same person must agree on the person's facts, or a
 * second import would flip them back and forth.
 */
import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { Actor } from "../actor";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Tx } from "../db";
import { scope } from "../scope";
import { canSeePhone, PERSON_SELECT } from "../people/persons";
import { adultBirthYearProblem, tooLong } from "./rows";

/** The person facts a template carries (each template carries its own subset). */
export interface PersonFacts {
  gender?: "MALE" | "FEMALE" | null;
  birthYear?: number | null;
  phone?: string | null;
  politicalStatus?: string | null;
  formerPost?: string | null;
  cadreRank?: "SECTION_OR_ABOVE" | "BELOW_SECTION" | "NONE";
  retired?: boolean;
}

export interface StoredPerson {
  id: string;
  orgUnitId: string;
  name: string;
  gender: "MALE" | "FEMALE" | null;
  birthYear: number | null;
  phone: string | null;
  politicalStatus: string | null;
  formerPost: string | null;
  cadreRank: "SECTION_OR_ABOVE" | "BELOW_SECTION" | "NONE";
  retired: boolean;
}

// Re-exported: the import kinds read persons from here, beside PersonBook.
export { PERSON_SELECT };

/** The person columns both templates (班子成员, 五老志愿者) have right after their unit code. */
export const PERSON_COLUMNS = { name: "姓名", gender: "性别", birthYear: "出生年份", phone: "联系电话" } as const;

/** The typed-row fields of the row number, the unit code and those columns: each template's row schema starts with them. */
export const PERSON_ROW = {
  row: z.number().int().positive(),
  unitCode: z.string().min(1),
  name: z.string().min(1),
  gender: z.enum(["MALE", "FEMALE"]).nullish(),
  birthYear: z.number().int().nullish(),
  phone: z.string().nullish(),
};

/** Template header → typed-row key for the unit code (under the template's own header) and the person columns. */
export const personFields = (unitHeader: string) => ({
  [unitHeader]: "unitCode",
  [PERSON_COLUMNS.name]: "name",
  [PERSON_COLUMNS.gender]: "gender",
  [PERSON_COLUMNS.birthYear]: "birthYear",
  [PERSON_COLUMNS.phone]: "phone",
});

/** The person columns' own limits, the same in both templates as in the forms. */
export const personChecks = (r: { name: string; birthYear?: number | null }): [string, string | null][] => [
  [PERSON_COLUMNS.name, tooLong(r.name, 40)],
  [PERSON_COLUMNS.birthYear, adultBirthYearProblem(r.birthYear ?? null)],
];

export const personKey = (orgUnitId: string, name: string, birthYear: number | null) => `${orgUnitId}\u0000${name}\u0000${birthYear ?? ""}`;

const FACT_KEYS = ["gender", "birthYear", "phone", "politicalStatus", "formerPost", "cadreRank", "retired"] as const;
const FACT_LABELS: Record<(typeof FACT_KEYS)[number], string> = {
  gender: "性别",
  birthYear: "出生年份",
  phone: "联系电话",
  politicalStatus: "政治面貌",
  formerPost: "原任职务",
  cadreRank: "职级",
  retired: "是否退休",
};

/**
 * The facts to compare and write for a stored person: a phone the actor only sees
 * masked is neither compared nor changed (as in the volunteer form).
 */
function writableFacts(actor: Actor, stored: { orgUnitId: string } | null, facts: PersonFacts): PersonFacts {
  if (stored && facts.phone !== undefined && !canSeePhone(actor, stored.orgUnitId)) {
    const rest = { ...facts };
    delete rest.phone;
    return rest;
  }
  return facts;
}

export function factsDiffer(stored: StoredPerson, facts: PersonFacts): boolean {
  return FACT_KEYS.some((k) => facts[k] !== undefined && facts[k] !== stored[k]);
}

/** A PersonBook over the persons registered at the file's units (`narrow` limits them further), oldest first. */
export async function loadPersonBook(client: Tx, actor: Actor, unitIds: string[], narrow: Prisma.PersonWhereInput = {}): Promise<PersonBook> {
  const persons = await client.person.findMany({
    where: { ...scope.persons(actor), orgUnitId: { in: unitIds }, ...narrow },
    select: PERSON_SELECT,
    orderBy: { createdAt: "asc" },
  });
  return new PersonBook(actor, persons);
}

/** Tracks the persons a file touches: reuse, creation, updates, and agreement between rows. */
export class PersonBook {
  private readonly byKey = new Map<string, StoredPerson>();
  private readonly byId = new Map<string, StoredPerson>();
  /** The first row naming each person, and the facts it gave. */
  private readonly first = new Map<string, { row: number; facts: PersonFacts }>();
  private readonly created = new Map<string, { id: string; orgUnitId: string; name: string; facts: PersonFacts }>();
  private readonly updated = new Map<string, { stored: StoredPerson; facts: PersonFacts }>();

  constructor(
    private readonly actor: Actor,
    stored: StoredPerson[],
  ) {
    for (const p of stored) {
      this.byId.set(p.id, p);
      const key = personKey(p.orgUnitId, p.name, p.birthYear);
      if (!this.byKey.has(key)) this.byKey.set(key, p);
    }
  }

  /** Existing person by (unit, name, birth year), if any. */
  find(orgUnitId: string, name: string, birthYear: number | null): StoredPerson | undefined {
    return this.byKey.get(personKey(orgUnitId, name, birthYear));
  }

  /**
   * Checks that this row agrees with earlier rows about the same person; returns the
   * message when it does not. `storedId` is the person the row is bound to, if stored.
   */
  agree(row: number, ident: string, facts: PersonFacts): string | null {
    const seen = this.first.get(ident);
    if (!seen) {
      this.first.set(ident, { row, facts });
      return null;
    }
    const diff = FACT_KEYS.filter((k) => facts[k] !== undefined && seen.facts[k] !== undefined && facts[k] !== seen.facts[k]);
    return diff.length ? `与第 ${seen.row} 行是同一人（单位、姓名、出生年份相同），但${diff.map((k) => FACT_LABELS[k]).join("、")}不一致，请统一` : null;
  }

  /**
   * Records an update of a stored person (applied once, whatever number of rows name
   * them); true when these facts change the person, so the row counts as updated.
   */
  update(stored: StoredPerson, facts: PersonFacts): boolean {
    const w = writableFacts(this.actor, stored, facts);
    if (!factsDiffer(stored, w)) return false;
    this.updated.set(stored.id, { stored, facts: w });
    return true;
  }

  /**
   * The person a new position or volunteer points at: the existing one of (unit, name,
   * birth year), with these facts, else the file's new one.
   */
  bind(orgUnitId: string, name: string, facts: PersonFacts): string {
    const existing = this.find(orgUnitId, name, facts.birthYear ?? null);
    if (!existing) return this.create(orgUnitId, name, facts);
    this.update(existing, facts);
    return existing.id;
  }

  /** The id of the new person for (unit, name, birth year), creating one per file. */
  create(orgUnitId: string, name: string, facts: PersonFacts): string {
    const key = personKey(orgUnitId, name, facts.birthYear ?? null);
    const existing = this.created.get(key);
    if (existing) return existing.id;
    const id = randomUUID();
    this.created.set(key, { id, orgUnitId, name, facts });
    return id;
  }

  /** New persons first (positions and volunteers point at them), then the changed facts. */
  async apply(tx: Tx): Promise<void> {
    const news = [...this.created.values()];
    if (news.length) {
      await tx.$executeRaw`
        INSERT INTO "Person" (id, "tenantId", "orgUnitId", name, gender, "birthYear", phone, "politicalStatus", "formerPost", "cadreRank", retired, "updatedAt")
        SELECT v.id, ${this.actor.tenantId}::uuid, v.unit, v.name, v.gender::"Gender", v.year, v.phone, v.pol, v.post, v.rank::"CadreRank", v.retired, now()
        FROM unnest(${news.map((p) => p.id)}::uuid[], ${news.map((p) => p.orgUnitId)}::uuid[], ${news.map((p) => p.name)}::text[],
                    ${news.map((p) => p.facts.gender ?? null)}::text[], ${news.map((p) => p.facts.birthYear ?? null)}::int[],
                    ${news.map((p) => p.facts.phone ?? null)}::text[], ${news.map((p) => p.facts.politicalStatus ?? null)}::text[],
                    ${news.map((p) => p.facts.formerPost ?? null)}::text[], ${news.map((p) => p.facts.cadreRank ?? "NONE")}::text[],
                    ${news.map((p) => p.facts.retired ?? false)}::boolean[])
             AS v(id, unit, name, gender, year, phone, pol, post, rank, retired)`;
    }
    const ups = [...this.updated.values()].map(({ stored, facts }) => ({ ...stored, ...facts }));
    if (ups.length) {
      // Every column is written from the merged row (stored values where the template had none).
      await tx.$executeRaw`
        UPDATE "Person" p SET gender = v.gender::"Gender", "birthYear" = v.year, phone = v.phone, "politicalStatus" = v.pol,
               "formerPost" = v.post, "cadreRank" = v.rank::"CadreRank", retired = v.retired, "updatedAt" = now()
        FROM unnest(${ups.map((p) => p.id)}::uuid[], ${ups.map((p) => p.gender)}::text[], ${ups.map((p) => p.birthYear)}::int[],
                    ${ups.map((p) => p.phone)}::text[], ${ups.map((p) => p.politicalStatus)}::text[], ${ups.map((p) => p.formerPost)}::text[],
                    ${ups.map((p) => p.cadreRank)}::text[], ${ups.map((p) => p.retired)}::boolean[])
             AS v(id, gender, year, phone, pol, post, rank, retired)
        WHERE p.id = v.id AND p."tenantId" = ${this.actor.tenantId}::uuid
          AND EXISTS (SELECT 1 FROM "OrgUnit" u WHERE u.id = p."orgUnitId" AND u."tenantId" = p."tenantId" AND u.path @> ARRAY[${this.actor.orgUnitId}::uuid])`;
    }
  }
}
