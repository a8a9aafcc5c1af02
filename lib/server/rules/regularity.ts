/**
 * Meeting regularity (DOMAIN §4.3), pure: which weeks, months and years a committee
 * owed a meeting, and which of them lack one. "Regularity is computed, not ticked":
 * the caller passes the days meetings were held; this lays them over the calendar.
 *
 * Days are "YYYY-MM-DD" strings (Beijing calendar days, as @db.Date columns hold them).
 * Weeks are ISO weeks (Monday..Sunday) of the ISO week-year, so 2019-12-30 belongs to
 * 2020-W01 and a year has 52 or 53 weeks.
 */
import type { MeetingKind, OrgLevel } from "@/lib/generated/prisma/enums";

export type Cadence = "WEEK" | "MONTH" | "YEAR";

export interface MeetingRule {
  kind: MeetingKind;
  /** Committees of this level must hold it. */
  level: OrgLevel;
  cadence: Cadence;
  label: string;
}

/** The 例会制度 of the source: what must be held, by whom, how often. */
export const REQUIRED_MEETINGS: readonly MeetingRule[] = [
  { kind: "DISTRICT_WEEKLY", level: "DISTRICT", cadence: "WEEK", label: "每周区关工委驻会成员例会" },
  { kind: "GRASSROOTS_MONTHLY", level: "DISTRICT", cadence: "MONTH", label: "每月基层关工委常务副主任例会" },
  { kind: "ANNUAL_SUMMARY", level: "DISTRICT", cadence: "YEAR", label: "每年全年工作总结会" },
];

export const MEETING_KIND_LABELS: Record<MeetingKind, string> = {
  DISTRICT_WEEKLY: "驻会成员周例会",
  GRASSROOTS_MONTHLY: "常务副主任月例会",
  ANNUAL_SUMMARY: "全年工作总结会",
  OTHER: "其他会议",
};

export const CADENCE_LABELS: Record<Cadence, string> = { WEEK: "周", MONTH: "月", YEAR: "年" };

export interface Period {
  /** "2019-W05", "2019-03" or "2019". */
  key: string;
  /** 第5周 / 3月 / 2019年. */
  label: string;
  /** First and last day, inclusive. */
  start: string;
  end: string;
}

/**
 * HELD: at least one meeting in the period. MISSING: the period has ended without one.
 * PENDING: the period is under way and has none yet (not counted). NOT_REQUIRED: the
 * committee did not exist on the period's first day, or the period has not begun.
 */
export type SlotStatus = "HELD" | "MISSING" | "PENDING" | "NOT_REQUIRED";

export interface Slot extends Period {
  status: SlotStatus;
  meetings: number;
}

export interface Regularity {
  slots: Slot[];
  /** Periods owed so far: ended, and the committee existed when they began. */
  required: number;
  /** Of those, the ones with a meeting. */
  held: number;
  missing: Period[];
}

const DAY_MS = 86_400_000;
const toDate = (day: string) => new Date(`${day}T00:00:00Z`);
const toDay = (d: Date) => d.toISOString().slice(0, 10);
const addDays = (day: string, n: number) => toDay(new Date(toDate(day).getTime() + n * DAY_MS));
const pad = (n: number) => String(n).padStart(2, "0");

/** Monday of ISO week 1 of an ISO week-year: the week that holds 4 January. */
function isoWeekOneMonday(year: number): string {
  const jan4 = toDate(`${year}-01-04`);
  const weekday = (jan4.getUTCDay() + 6) % 7; // Monday = 0
  return addDays(`${year}-01-04`, -weekday);
}

/** The periods of one calendar year (or ISO week-year, for weeks), in order. */
export function periodsOfYear(cadence: Cadence, year: number): Period[] {
  if (cadence === "YEAR") return [{ key: String(year), label: `${year}年`, start: `${year}-01-01`, end: `${year}-12-31` }];
  if (cadence === "MONTH") {
    return Array.from({ length: 12 }, (_, i) => {
      const m = i + 1;
      const nextStart = m === 12 ? `${year + 1}-01-01` : `${year}-${pad(m + 1)}-01`;
      return { key: `${year}-${pad(m)}`, label: `${m}月`, start: `${year}-${pad(m)}-01`, end: addDays(nextStart, -1) };
    });
  }
  const first = isoWeekOneMonday(year);
  const next = isoWeekOneMonday(year + 1);
  const weeks = Math.round((toDate(next).getTime() - toDate(first).getTime()) / (7 * DAY_MS));
  return Array.from({ length: weeks }, (_, i) => {
    const start = addDays(first, 7 * i);
    return { key: `${year}-W${pad(i + 1)}`, label: `第${i + 1}周`, start, end: addDays(start, 6) };
  });
}

export interface RegularityInput {
  cadence: Cadence;
  year: number;
  /** Days on which a meeting of the required kind was held (any order, any years). */
  meetingDays: readonly string[];
  /** When the committee was established; null = not (yet) established: nothing is owed. */
  establishedOn: string | null;
  /** Today, "YYYY-MM-DD" (Beijing). */
  today: string;
}

export function regularity({ cadence, year, meetingDays, establishedOn, today }: RegularityInput): Regularity {
  const slots = periodsOfYear(cadence, year).map((p): Slot => {
    const meetings = meetingDays.filter((d) => d >= p.start && d <= p.end).length;
    let status: SlotStatus;
    if (meetings > 0) status = "HELD";
    else if (!establishedOn || establishedOn > p.start || p.start > today) status = "NOT_REQUIRED";
    else if (p.end >= today) status = "PENDING";
    else status = "MISSING";
    return { ...p, status, meetings };
  });
  // A held period counts only when it was owed: ended, and the committee existed at its start.
  const owed = slots.filter((s) => establishedOn !== null && establishedOn <= s.start && s.end < today);
  const missing = owed.filter((s) => s.status === "MISSING").map(({ key, label, start, end }) => ({ key, label, start, end }));
  return { slots, required: owed.length, held: owed.length - missing.length, missing };
}
