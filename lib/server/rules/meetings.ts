import "server-only";
/**
 * 会议制度 (DOMAIN §4.3): meetings with their decisions, regularity laid over the calendar
 * (regularity.ts) from the days meetings were held, and decisions past due. The kinds the
 * 例会制度 requires may only be recorded for units of the level that must hold them, so a
 * town's own meetings never count towards the district's weekly meeting.
 * Every read and write goes through scope.ts; a meeting or unit outside scope is NOT_FOUND.
 */
import type { Prisma } from "@/lib/generated/prisma/client";
import type { MeetingKind, OrgLevel } from "@/lib/generated/prisma/enums";
import { db, type Tx } from "../db";
import type { Actor } from "../actor";
import { defineWrite, parseInput } from "../write";
import { AppError, invalid, notFound } from "../errors";
import { findUnitInScope, parseId, scope } from "../scope";
import { assertCan } from "../permissions";
import { listUnitsForPicker } from "../org/read-units";
import { LEVEL_LABELS } from "@/lib/format";
import { dayDate, daysBetween, isoDay, todayInBeijing, yearRange } from "@/lib/schemas/dates";
import {
  DUE_BEFORE_MEETING,
  MEETING_KINDS,
  ZAddDecision,
  ZDecisionDone,
  ZMeeting,
  ZMeetingFilters,
  ZUpdateMeeting,
  type TMeeting,
  type TMeetingFilters,
} from "@/lib/schemas/meeting";
import { MEETING_KIND_LABELS, periodsOfYear, regularity, REQUIRED_MEETINGS, type MeetingRule, type Regularity } from "./regularity";

export const MEETING_PAGE_SIZE = 30;
/** Whole days an open decision is past its due day (0 when not yet due). */
const daysOverdue = (dueOn: Date, today: string) => Math.max(0, daysBetween(dueOn, today));

/** Why this kind may not be recorded for a unit of this level, or null. */
function kindRefusal(kind: MeetingKind, level: OrgLevel): string | null {
  const rule = REQUIRED_MEETINGS.find((r) => r.kind === kind);
  if (!rule || rule.level === level) return null;
  return `“${MEETING_KIND_LABELS[kind]}”由${LEVEL_LABELS[rule.level]}关工委召开；本单位的会议请选择“${MEETING_KIND_LABELS.OTHER}”`;
}

const MEETING_SELECT = {
  id: true,
  orgUnitId: true,
  kind: true,
  heldOn: true,
  title: true,
  attendees: true,
  minutes: true,
} satisfies Prisma.MeetingSelect;

/** The columns a meeting form sets (absent optional text is stored as null). */
function meetingData(m: Pick<TMeeting, "kind" | "heldOn" | "title" | "attendees" | "minutes">) {
  return { kind: m.kind, heldOn: m.heldOn, title: m.title, attendees: m.attendees ?? null, minutes: m.minutes ?? null };
}

const DECISION_SELECT = { id: true, meetingId: true, text: true, owner: true, dueOn: true, doneOn: true } satisfies Prisma.MeetingDecisionSelect;

// ── writes ───────────────────────────────────────────────────────────────────────────

export const createMeeting = defineWrite({
  action: "meeting.create",
  permission: "meeting.write",
  input: ZMeeting,
  async run({ tx, actor, input }) {
    const unit = await findUnitInScope(tx, actor, input.orgUnitId, { id: true, level: true });
    const refusal = kindRefusal(input.kind, unit.level);
    if (refusal) throw invalid([{ path: "kind", message: refusal }], refusal);
    const meeting = await tx.meeting.create({
      data: { tenantId: actor.tenantId, orgUnitId: unit.id, ...meetingData(input) },
      select: MEETING_SELECT,
    });
    const created = await tx.meetingDecision.createManyAndReturn({
      data: input.decisions.map((d) => ({ tenantId: actor.tenantId, orgUnitId: unit.id, meetingId: meeting.id, ...d })),
      select: DECISION_SELECT,
    });
    const result = { ...meeting, decisions: created };
    return { result, entity: "Meeting", entityId: meeting.id, after: result };
  },
});

/** Kind, day, title, attendees and minutes; the unit is fixed (regularity is counted by it). */
export const updateMeeting = defineWrite({
  action: "meeting.update",
  permission: "meeting.write",
  input: ZUpdateMeeting,
  async run({ tx, actor, input }) {
    const before = await tx.meeting.findFirst({ where: { ...scope.meetings(actor), id: input.id }, select: MEETING_SELECT });
    if (!before) throw notFound();
    const unit = await findUnitInScope(tx, actor, before.orgUnitId, { level: true });
    const refusal = kindRefusal(input.kind, unit.level);
    if (refusal) throw invalid([{ path: "kind", message: refusal }], refusal);
    const dueBefore = await tx.meetingDecision.findFirst({
      where: { ...scope.meetingDecisions(actor), meetingId: before.id, dueOn: { lt: input.heldOn } },
      select: { dueOn: true },
    });
    if (dueBefore) {
      throw invalid([{ path: "heldOn", message: "本次会议已有决定事项的完成期限早于这一天，请检查会议日期" }]);
    }
    const data = meetingData(input);
    await tx.meeting.updateMany({ where: { ...scope.meetings(actor), id: before.id }, data });
    const after = { ...before, ...data };
    return { result: after, entity: "Meeting", entityId: before.id, before, after };
  },
});

/** One more decision for a meeting in scope, due no earlier than the meeting. */
export const addDecision = defineWrite({
  action: "meeting.add_decision",
  permission: "meeting.write",
  input: ZAddDecision,
  async run({ tx, actor, input }) {
    const meeting = await tx.meeting.findFirst({ where: { ...scope.meetings(actor), id: input.meetingId }, select: { id: true, orgUnitId: true, heldOn: true } });
    if (!meeting) throw notFound();
    if (input.dueOn < meeting.heldOn) throw invalid([{ path: "dueOn", message: DUE_BEFORE_MEETING }]);
    const row = await tx.meetingDecision.create({
      data: { tenantId: actor.tenantId, orgUnitId: meeting.orgUnitId, meetingId: meeting.id, text: input.text, owner: input.owner, dueOn: input.dueOn },
      select: DECISION_SELECT,
    });
    return { result: row, entity: "MeetingDecision", entityId: row.id, after: row };
  },
});

/** 标记完成: once, on a day not before the meeting and not in the future. */
export const markDecisionDone = defineWrite({
  action: "meeting.decision_done",
  permission: "meeting.write",
  input: ZDecisionDone,
  async run({ tx, actor, input }) {
    const before = await tx.meetingDecision.findFirst({ where: { ...scope.meetingDecisions(actor), id: input.decisionId }, select: DECISION_SELECT });
    if (!before) throw notFound();
    if (before.doneOn) throw invalid([{ path: "doneOn", message: `该事项已于 ${isoDay(before.doneOn)} 标记完成` }]);
    const meeting = await tx.meeting.findFirst({ where: { ...scope.meetings(actor), id: before.meetingId }, select: { heldOn: true } });
    if (!meeting) throw notFound();
    if (input.doneOn < meeting.heldOn) throw invalid([{ path: "doneOn", message: "完成日期不能早于会议日期" }]);
    // Only while still open: a concurrent 标记完成 makes this a conflict, not a second stamp.
    const { count } = await tx.meetingDecision.updateMany({
      where: { ...scope.meetingDecisions(actor), id: before.id, doneOn: null },
      data: { doneOn: input.doneOn },
    });
    if (count !== 1) throw new AppError("CONFLICT", "该事项刚被他人标记完成，请刷新页面");
    const after = { ...before, doneOn: input.doneOn };
    return { result: after, entity: "MeetingDecision", entityId: before.id, before, after };
  },
});

// ── reads ────────────────────────────────────────────────────────────────────────────

export function parseMeetingFilters(raw: Record<string, string | undefined>): TMeetingFilters {
  return parseInput(ZMeetingFilters, raw);
}

async function meetingWhere(client: Tx, actor: Actor, f: TMeetingFilters): Promise<Prisma.MeetingWhereInput> {
  const and: Prisma.MeetingWhereInput[] = [];
  if (f.unit) {
    const unit = await findUnitInScope(client, actor, f.unit, { id: true });
    and.push({ orgUnit: { tenantId: actor.tenantId, path: { has: unit.id } } });
  }
  return {
    ...scope.meetings(actor),
    ...(f.kind ? { kind: f.kind } : {}),
    ...(f.year ? { heldOn: yearRange(f.year) } : {}),
    AND: and,
  };
}

/** One page of meetings in scope, newest first, with their decisions counted (open ones too). */
export async function listMeetings(actor: Actor, filters: TMeetingFilters) {
  assertCan(actor, "rules.read");
  const where = await meetingWhere(db(), actor, filters);
  const [rows, total] = await Promise.all([
    db().meeting.findMany({
      where,
      orderBy: [{ heldOn: "desc" }, { createdAt: "desc" }, { id: "asc" }],
      skip: (filters.page - 1) * MEETING_PAGE_SIZE,
      take: MEETING_PAGE_SIZE,
      select: {
        ...MEETING_SELECT,
        orgUnit: { select: { name: true } },
        _count: { select: { decisions: { where: scope.meetingDecisions(actor) } } },
      },
    }),
    db().meeting.count({ where }),
  ]);
  const open = await db().meetingDecision.groupBy({
    by: ["meetingId"],
    where: { ...scope.meetingDecisions(actor), meetingId: { in: rows.map((r) => r.id) }, doneOn: null },
    _count: { _all: true },
  });
  const openBy = new Map(open.map((o) => [o.meetingId, o._count._all]));
  return {
    items: rows.map(({ _count, ...r }) => ({ ...r, decisions: _count.decisions, openDecisions: openBy.get(r.id) ?? 0 })),
    total,
    pages: Math.max(1, Math.ceil(total / MEETING_PAGE_SIZE)),
  };
}
export type MeetingListItem = Awaited<ReturnType<typeof listMeetings>>["items"][number];

/** A meeting in scope with its unit and decisions (due first, each with its days overdue); else NOT_FOUND. */
export async function getMeeting(actor: Actor, id: unknown, today = todayInBeijing()) {
  assertCan(actor, "rules.read");
  const m = await db().meeting.findFirst({
    where: { ...scope.meetings(actor), id: parseId(id) },
    select: {
      ...MEETING_SELECT,
      createdAt: true,
      updatedAt: true,
      orgUnit: { select: { name: true, level: true } },
      decisions: { where: scope.meetingDecisions(actor), orderBy: [{ dueOn: "asc" }, { createdAt: "asc" }], select: DECISION_SELECT },
    },
  });
  if (!m) throw notFound();
  return { ...m, decisions: m.decisions.map((d) => ({ ...d, daysOverdue: d.doneOn ? 0 : daysOverdue(d.dueOn, today) })) };
}
export type MeetingDetail = Awaited<ReturnType<typeof getMeeting>>;

export interface RuleRegularity {
  unit: { id: string; name: string; level: OrgLevel; establishedOn: string | null };
  rule: MeetingRule;
  year: number;
  regularity: Regularity;
  /** held ÷ required, or null while nothing is owed yet. */
  rate: number | null;
}

/**
 * The 例会制度 of a unit's subtree for a year: every unit in it that must hold a required
 * meeting (in practice the district), each rule of its level laid over the year's weeks,
 * months or year. Two queries whatever the number of units and periods: the units, then
 * the days their required meetings were held.
 */
export async function meetingRegularityFor(actor: Actor, unitId: unknown, year: number, today = todayInBeijing()): Promise<RuleRegularity[]> {
  assertCan(actor, "rules.read");
  const unit = await findUnitInScope(db(), actor, unitId, { id: true });
  const levels = [...new Set(REQUIRED_MEETINGS.map((r) => r.level))];
  const owners = await db().orgUnit.findMany({
    // The subtree limit in AND: a spread scope clause already holds a `path` key.
    where: { ...scope.orgUnits(actor), active: true, level: { in: levels }, AND: [{ path: { has: unit.id } }] },
    orderBy: [{ depth: "asc" }, { sortOrder: "asc" }, { code: "asc" }],
    select: { id: true, name: true, level: true, committeeEstablishedOn: true },
  });
  if (owners.length === 0) return [];
  // ISO weeks of a year may begin in the December before and end in the January after.
  const periods = [...new Set(REQUIRED_MEETINGS.map((r) => r.cadence))].flatMap((c) => periodsOfYear(c, year));
  const from = periods.reduce((a, p) => (p.start < a ? p.start : a), periods[0].start);
  const to = periods.reduce((a, p) => (p.end > a ? p.end : a), periods[0].end);
  const held = await db().meeting.findMany({
    where: {
      ...scope.meetings(actor),
      orgUnitId: { in: owners.map((o) => o.id) },
      kind: { in: REQUIRED_MEETINGS.map((r) => r.kind) },
      heldOn: { gte: dayDate(from), lte: dayDate(to) },
    },
    select: { orgUnitId: true, kind: true, heldOn: true },
  });
  const days = new Map<string, string[]>();
  for (const m of held) {
    const key = `${m.orgUnitId}|${m.kind}`;
    days.set(key, [...(days.get(key) ?? []), isoDay(m.heldOn)!]);
  }
  return owners.flatMap((o) => {
    const establishedOn = isoDay(o.committeeEstablishedOn);
    return REQUIRED_MEETINGS.filter((r) => r.level === o.level).map((rule): RuleRegularity => {
      const result = regularity({ cadence: rule.cadence, year, meetingDays: days.get(`${o.id}|${rule.kind}`) ?? [], establishedOn, today });
      return {
        unit: { id: o.id, name: o.name, level: o.level, establishedOn },
        rule,
        year,
        regularity: result,
        rate: result.required > 0 ? result.held / result.required : null,
      };
    });
  });
}

/** Open decisions in scope whose due day has passed, longest overdue first (at most `take`, with the total). */
export async function overdueDecisions(actor: Actor, today = todayInBeijing(), take = 50) {
  assertCan(actor, "rules.read");
  const where = { ...scope.meetingDecisions(actor), doneOn: null, dueOn: { lt: dayDate(today) } } satisfies Prisma.MeetingDecisionWhereInput;
  const [rows, total] = await Promise.all([
    db().meetingDecision.findMany({
      where,
      orderBy: [{ dueOn: "asc" }, { createdAt: "asc" }],
      take,
      select: { ...DECISION_SELECT, orgUnit: { select: { name: true } }, meeting: { select: { title: true, heldOn: true } } },
    }),
    db().meetingDecision.count({ where }),
  ]);
  return {
    total,
    items: rows.map((r) => ({ ...r, daysOverdue: daysOverdue(r.dueOn, today) })),
  };
}
export type OverdueDecision = Awaited<ReturnType<typeof overdueDecisions>>["items"][number];

/** Units in scope that may record meetings, in tree order, with their level (which kinds they may record). */
export async function meetingUnitOptions(actor: Actor) {
  assertCan(actor, "rules.read");
  const units = await listUnitsForPicker(actor);
  const base = units[0]?.depth ?? 0;
  return units.map((u) => ({ id: u.id, name: u.name, level: u.level, depth: Math.max(0, u.depth - base) }));
}

/** The kinds for a meeting form, each with the level of unit that may record it (null: any). */
export function meetingKindChoices() {
  return MEETING_KINDS.map((kind) => ({
    value: kind,
    label: MEETING_KIND_LABELS[kind],
    level: REQUIRED_MEETINGS.find((r) => r.kind === kind)?.level ?? null,
  }));
}
