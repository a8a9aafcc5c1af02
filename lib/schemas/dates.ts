import { z } from "zod";

/** One formatter for the process: building an Intl.DateTimeFormat costs ~70 µs and native memory, and imports call this per row. */
const BEIJING_DAY = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit", day: "2-digit" });

/** Today's date in Beijing as YYYY-MM-DD: "not in the future" means not after this day. */
export function todayInBeijing(now: Date = new Date()): string {
  return BEIJING_DAY.format(now);
}

/** This year in Beijing. */
export const currentYear = (now: Date = new Date()) => Number(todayInBeijing(now).slice(0, 4));

/** A @db.Date as YYYY-MM-DD (the API's date format and the value of <input type="date">). */
export function isoDay(d: Date | null | undefined): string | null {
  return d ? d.toISOString().slice(0, 10) : null;
}

/** "YYYY-MM-DD" → the @db.Date value it stands for (UTC midnight). */
export const dayDate = (day: string) => new Date(`${day}T00:00:00Z`);

/** [1 Jan, 1 Jan next year) of a year, as @db.Date values. */
export function yearRange(year: number) {
  return { gte: new Date(Date.UTC(year, 0, 1)), lt: new Date(Date.UTC(year + 1, 0, 1)) };
}

const DAY_MS = 86_400_000;

/** Whole days from one @db.Date to another (or to "YYYY-MM-DD"): 0 on the same day. */
export function daysBetween(from: Date, to: Date | string): number {
  const end = typeof to === "string" ? dayDate(to) : to;
  return Math.round((end.getTime() - from.getTime()) / DAY_MS);
}

const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;

/** "YYYY-MM-DD" naming a real calendar day (not 2019-02-30). */
export function isCalendarDay(s: string): boolean {
  if (!DAY_RE.test(s)) return false;
  const d = dayDate(s);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}
const EARLIEST = "1949-10-01";

/**
 * A real calendar day "YYYY-MM-DD" → Date at UTC midnight (how @db.Date columns come
 * back), with one message per field naming it: the first rule that fails.
 */
function zDay(label: string, latest: () => string, tooLate: string) {
  return z.preprocess(
    (v) => (v === null || v === undefined ? "" : v),
    z
      .string({ error: `请填写${label}，例如 2019-10-12` })
      .trim()
      .superRefine((s, ctx) => {
        const fail = (message: string) => ctx.addIssue({ code: "custom", message });
        if (s.length === 0) return fail(`请填写${label}`);
        if (!DAY_RE.test(s)) return fail(`请填写${label}，例如 2019-10-12`);
        if (!isCalendarDay(s)) return fail(`${label}不是有效的日期`);
        if (s < EARLIEST) return fail(`${label}不能早于 1949 年`);
        if (s > latest()) return fail(tooLate);
      })
      .transform(dayDate),
  );
}

/** A day that has already come (joined, appointed, awarded, published…). */
export const zPastDay = (label: string) => zDay(label, () => todayInBeijing(), `${label}不能晚于今天`);

/** Any plausible day, for events that may still be planned (a training session). */
export const zAnyDay = (label: string) =>
  zDay(label, () => `${currentYear() + 2}-12-31`, `${label}太远了，请检查年份`);
