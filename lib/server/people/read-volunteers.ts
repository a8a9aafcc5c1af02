import "server-only";
/**
 * Reading the 五老 volunteer team: the paged list (search, filters, keyset paging over
 * createdAt desc, id desc, so page 2,000 costs what page 1 costs), one volunteer with
 * their training, recognition and publicity, and the API shape. Every query goes
 * through scope.ts; a unit or volunteer outside scope is NOT_FOUND.
 */
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "../db";
import type { Actor } from "../actor";
import { findUnitInScope, parseId, scope } from "../scope";
import { invalid, notFound } from "../errors";
import { assertCan } from "../permissions";
import { parseInput } from "../write";
import { listUnitsForPicker } from "../org/read-units";
import { phoneFor } from "./persons";
import { ZVolunteerFilters, type TVolunteerFilters } from "@/lib/schemas/volunteer";
import { isoDay } from "@/lib/schemas/dates";

export const VOLUNTEER_PAGE_SIZE = 50;

// ── keyset cursor ────────────────────────────────────────────────────────────────────

export interface VolunteerCursor {
  createdAt: Date;
  id: string;
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Opaque to clients: base64url of "<createdAt ms>.<id>" of the last row of a page. */
export function encodeCursor(c: VolunteerCursor): string {
  return Buffer.from(`${c.createdAt.getTime()}.${c.id}`).toString("base64url");
}

/** null when the text is not a cursor this server made. */
export function decodeCursor(raw: string): VolunteerCursor | null {
  const text = Buffer.from(raw, "base64url").toString("utf8");
  const m = /^(\d{1,15})\.(.+)$/.exec(text);
  if (!m || !UUID_RE.test(m[2])) return null;
  const createdAt = new Date(Number(m[1]));
  return Number.isNaN(createdAt.getTime()) ? null : { createdAt, id: m[2].toLowerCase() };
}

// ── list ─────────────────────────────────────────────────────────────────────────────

/**
 * A volunteer's own facts (not the person's): the list, the audit trail, the importer
 * and the exporter read the same columns.
 */
export const VOLUNTEER_FIELDS = {
  category: true,
  skills: true,
  joinedOn: true,
  trainedOn: true,
  status: true,
  publicityConsent: true,
} as const;

const LIST_SELECT = {
  id: true,
  ...VOLUNTEER_FIELDS,
  createdAt: true,
  orgUnitId: true,
  orgUnit: { select: { name: true } },
  person: { select: { id: true, name: true, phone: true, orgUnitId: true, gender: true, birthYear: true } },
} satisfies Prisma.VolunteerSelect;

type ListRow = Prisma.VolunteerGetPayload<{ select: typeof LIST_SELECT }>;

/** Raw query-string values (page or API) → checked filters; bad values are 400 issues. */
export function parseVolunteerFilters(raw: Record<string, string | undefined>): TVolunteerFilters {
  return parseInput(ZVolunteerFilters, raw);
}

/** The where-clause of a filtered list (without the cursor), always inside the actor's scope. */
async function filterWhere(actor: Actor, f: TVolunteerFilters): Promise<Prisma.VolunteerWhereInput> {
  const and: Prisma.VolunteerWhereInput[] = [];
  if (f.unit) {
    // The whole subtree of a unit the actor may see; any other id is simply not found.
    const unit = await findUnitInScope(db(), actor, f.unit, { id: true });
    and.push({ orgUnit: { tenantId: actor.tenantId, path: { has: unit.id } } });
  }
  if (f.q) and.push({ person: { tenantId: actor.tenantId, name: { contains: f.q } } });
  if (f.category) and.push({ category: f.category });
  if (f.status) and.push({ status: f.status });
  if (f.trained === "yes") and.push({ trainedOn: { not: null } });
  if (f.trained === "no") and.push({ trainedOn: null });
  return { ...scope.volunteers(actor), AND: and };
}

export interface VolunteerListItem {
  id: string;
  name: string;
  gender: "MALE" | "FEMALE" | null;
  birthYear: number | null;
  phone: string | null;
  category: ListRow["category"];
  skills: string[];
  orgUnitId: string;
  orgUnitName: string;
  joinedOn: Date;
  trainedOn: Date | null;
  status: ListRow["status"];
  publicityConsent: boolean;
}

function listItem(actor: Actor, v: ListRow): VolunteerListItem {
  return {
    id: v.id,
    name: v.person.name,
    gender: v.person.gender,
    birthYear: v.person.birthYear,
    phone: phoneFor(actor, v.person),
    category: v.category,
    skills: v.skills,
    orgUnitId: v.orgUnitId,
    orgUnitName: v.orgUnit.name,
    joinedOn: v.joinedOn,
    trainedOn: v.trainedOn,
    status: v.status,
    publicityConsent: v.publicityConsent,
  };
}

/**
 * One page of volunteers, newest registrations first. `nextCursor` is null on the last
 * page. Keyset paging: (createdAt, id) < cursor, served by Volunteer(tenantId, createdAt, id).
 */
export async function listVolunteers(
  actor: Actor,
  filters: TVolunteerFilters,
  opts: { pageSize?: number } = {},
): Promise<{ items: VolunteerListItem[]; nextCursor: string | null }> {
  assertCan(actor, "people.read");
  const take = opts.pageSize ?? VOLUNTEER_PAGE_SIZE;
  const where = await filterWhere(actor, filters);
  if (filters.cursor) {
    const c = decodeCursor(filters.cursor);
    if (!c) throw invalid([{ path: "cursor", message: "翻页参数无效，请回到第一页重新浏览" }]);
    where.AND = [
      ...(where.AND as Prisma.VolunteerWhereInput[]),
      // (createdAt, id) < cursor. The redundant `lte` bounds the index scan, so page 2,000
      // starts where page 1,999 ended instead of filtering its way down from the top.
      { createdAt: { lte: c.createdAt } },
      { OR: [{ createdAt: { lt: c.createdAt } }, { createdAt: c.createdAt, id: { lt: c.id } }] },
    ];
  }
  const rows = await db().volunteer.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: take + 1,
    select: LIST_SELECT,
  });
  const page = rows.slice(0, take);
  const last = page.at(-1);
  return {
    items: page.map((v) => listItem(actor, v)),
    nextCursor: rows.length > take && last ? encodeCursor(last) : null,
  };
}

/** How many volunteers match the filters (for the list header). */
export async function countVolunteers(actor: Actor, filters: TVolunteerFilters): Promise<number> {
  assertCan(actor, "people.read");
  return db().volunteer.count({ where: await filterWhere(actor, { ...filters, cursor: undefined }) });
}

/** API.md shape of a volunteer: dates as YYYY-MM-DD. */
export function volunteerJson(v: {
  id: string;
  name: string;
  category: string;
  orgUnitId: string;
  joinedOn: Date;
  trainedOn: Date | null;
  status: string;
}) {
  return {
    id: v.id,
    name: v.name,
    category: v.category,
    orgUnitId: v.orgUnitId,
    joinedOn: isoDay(v.joinedOn),
    trainedOn: isoDay(v.trainedOn),
    status: v.status,
  };
}

// ── one volunteer ────────────────────────────────────────────────────────────────────

/** A volunteer in scope with their person, training, recognition and publicity; else NOT_FOUND. */
export async function getVolunteer(actor: Actor, id: unknown) {
  assertCan(actor, "people.read");
  const v = await db().volunteer.findFirst({
    where: { ...scope.volunteers(actor), id: parseId(id) },
    select: {
      ...LIST_SELECT,
      updatedAt: true,
      person: {
        select: {
          id: true,
          name: true,
          phone: true,
          orgUnitId: true,
          gender: true,
          birthYear: true,
          politicalStatus: true,
          formerPost: true,
          cadreRank: true,
          retired: true,
        },
      },
      attendance: {
        where: { session: scope.trainingSessions(actor) },
        select: { session: { select: { id: true, title: true, kind: true, heldOn: true, orgUnit: { select: { name: true } } } } },
      },
    },
  });
  if (!v) throw notFound();
  const [recognitions, publicity] = await Promise.all([
    db().recognition.findMany({
      where: { ...scope.recognitions(actor), personId: v.person.id },
      orderBy: [{ awardedOn: "desc" }, { id: "desc" }],
      select: { id: true, title: true, level: true, awardedOn: true, issuer: true },
    }),
    db().publicity.findMany({
      where: { ...scope.publicity(actor), personId: v.person.id },
      orderBy: [{ publishedOn: "desc" }, { id: "desc" }],
      select: { id: true, outlet: true, level: true, publishedOn: true, link: true },
    }),
  ]);
  const training = v.attendance.map((a) => a.session).sort((a, b) => b.heldOn.getTime() - a.heldOn.getTime());
  return {
    ...listItem(actor, v),
    person: { ...v.person, phone: phoneFor(actor, v.person) },
    updatedAt: v.updatedAt,
    training,
    recognitions,
    publicity,
  };
}
export type VolunteerDetail = Awaited<ReturnType<typeof getVolunteer>>;

/** Units the actor may register volunteers into (active, in tree order), for the form's picker. */
export async function volunteerUnitOptions(actor: Actor) {
  const units = await listUnitsForPicker(actor);
  const base = units[0]?.depth ?? 0;
  return units.map((u) => ({ id: u.id, name: u.name, depth: u.depth - base }));
}
