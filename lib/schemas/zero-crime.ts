/**
 * 零犯罪创建 (DOMAIN §4.5): the zod schemas the report form, the server actions and
 * /api/v1/zero-crime parse, the Chinese labels, and how a record reads (零犯罪 or not).
 * Counts only: the schemas keep the count fields and drop every other key, so a name or
 * a case description sent by mistake is never stored. Pure: safe in client components.
 */
import { z } from "zod";
import type { OrgLevel, ZeroCrimeStatus } from "@/lib/generated/prisma/enums";
import { currentYear } from "./dates";
import { emptyToUndefined } from "./person";

/** Said on every screen that takes counts. */
export const COUNTS_ONLY = "只填人数，不填姓名和案情。";
export const LOCKED_MESSAGE = "已由区关工委确认，不能再修改";
export const MINORS_OVER_YOUTH = "未成年人数不能超过青少年总数";
export const FIRST_YEAR = 2000;
export const MAX_OFFENDERS = 1000;

export const COUNT_FIELDS = ["youthOffenders", "minorOffenders", "studentOffenders"] as const;
export type CountField = (typeof COUNT_FIELDS)[number];
export const COUNT_LABELS: Record<CountField, string> = {
  youthOffenders: "青少年违法犯罪人数",
  minorOffenders: "其中未成年人数",
  studentOffenders: "在校学生违法犯罪人数",
};

/** Who reports what: villages (村/社区) their young people, schools their students. */
export const REPORTING_LEVELS = ["VILLAGE", "SCHOOL"] as const satisfies readonly OrgLevel[];
export type ReportingLevel = (typeof REPORTING_LEVELS)[number];
export const isReportingLevel = (level: OrgLevel): level is ReportingLevel => (REPORTING_LEVELS as readonly string[]).includes(level);
export const FIELDS_OF_LEVEL: Record<ReportingLevel, readonly CountField[]> = {
  VILLAGE: ["youthOffenders", "minorOffenders"],
  SCHOOL: ["studentOffenders"],
};

export const RECORD_STATUS_LABELS: Record<ZeroCrimeStatus, string> = { REPORTED: "待确认", CONFIRMED: "已确认" };

/** The year view's filter: what the unit's year shows (零犯罪 or not, or nothing yet) and where it stands. */
export const ZERO_CRIME_FILTERS = ["zero", "offenders", "unreported", "pending", "confirmed"] as const;
export type ZeroCrimeFilter = (typeof ZERO_CRIME_FILTERS)[number];
export const ZERO_CRIME_FILTER_LABELS: Record<ZeroCrimeFilter, string> = {
  zero: "零犯罪",
  offenders: "有违法犯罪",
  unreported: "未上报",
  pending: "待确认",
  confirmed: "已确认",
};

export type ZeroCrimeOutcome = "zero" | "offenders" | "unreported";

export interface ZeroCrimeCounts {
  youthOffenders: number | null;
  minorOffenders: number | null;
  studentOffenders: number | null;
}

/** 零犯罪 = nobody of the unit's kind: no young people for a village, no students for a school. */
export function outcomeOf(level: ReportingLevel, record: ZeroCrimeCounts | null): ZeroCrimeOutcome {
  if (!record) return "unreported";
  const n = level === "VILLAGE" ? record.youthOffenders : record.studentOffenders;
  if (n === null) return "unreported";
  return n === 0 ? "zero" : "offenders";
}

/** "青少年 2 人，其中未成年人 1 人" / "在校学生 1 人". */
export function countsText(level: ReportingLevel, r: ZeroCrimeCounts): string {
  if (level === "SCHOOL") return `在校学生 ${r.studentOffenders ?? 0} 人`;
  return `青少年 ${r.youthOffenders ?? 0} 人，其中未成年人 ${r.minorOffenders ?? 0} 人`;
}

/** A year that has begun: 2000 .. this year (Beijing). */
export const ZZeroCrimeYear = z
  .number({ error: "请填写年度，例如 2019" })
  .int("年度须为四位数字，例如 2019")
  .min(FIRST_YEAR, `年度不能早于 ${FIRST_YEAR} 年`)
  .refine((y) => y <= currentYear(), "不能填报今年以后的年度");

/** A head count: a whole number 0..MAX_OFFENDERS. JSON must send a number; the form converts first. */
function zCount(field: CountField) {
  const label = COUNT_LABELS[field];
  return z.preprocess(
    emptyToUndefined,
    z
      .number({ error: `${label}须为数字，没有请填 0` })
      .int(`${label}须为整数`)
      .min(0, `${label}不能为负数`)
      .max(MAX_OFFENDERS, `${label}不能超过 ${MAX_OFFENDERS} 人，请检查`)
      .optional(),
  );
}

/**
 * One unit's counts for one year. Which counts a unit must (and may) give depends on its
 * level, which only the server knows: the write checks that. Unknown keys are dropped.
 */
export const ZReportZeroCrime = z
  .object({
    orgUnitId: z.uuid({ error: "请选择村（社区）或学校" }),
    year: ZZeroCrimeYear,
    youthOffenders: zCount("youthOffenders"),
    minorOffenders: zCount("minorOffenders"),
    studentOffenders: zCount("studentOffenders"),
    /** Required (by the write) when the district changes a confirmed record; goes into the audit entry. */
    reason: z.preprocess(emptyToUndefined, z.string({ error: "修改原因须为文字" }).trim().max(300, "修改原因不能超过 300 个字").optional()),
  })
  .superRefine((v, ctx) => {
    // Only between two valid counts: a negative or fractional one already has its own message.
    const valid = (n: number | undefined): n is number => n !== undefined && Number.isInteger(n) && n >= 0;
    if (valid(v.youthOffenders) && valid(v.minorOffenders) && v.minorOffenders > v.youthOffenders) {
      ctx.addIssue({ code: "custom", path: ["minorOffenders"], message: MINORS_OVER_YOUTH });
    }
  });
export type TReportZeroCrime = z.output<typeof ZReportZeroCrime>;

export const ZConfirmZeroCrime = z.object({ orgUnitId: z.uuid({ error: "请选择村（社区）或学校" }), year: ZZeroCrimeYear });
export type TConfirmZeroCrime = z.output<typeof ZConfirmZeroCrime>;

/** Every record of a year awaiting confirmation, in scope or in one unit's subtree (a town). */
export const ZConfirmZeroCrimeYear = z.object({
  year: ZZeroCrimeYear,
  orgUnitId: z.preprocess(emptyToUndefined, z.uuid({ error: "请选择镇（街道）" }).optional()),
});

/** A query string's year ("2019"); bad values are field issues. */
const ZQueryYear = z.preprocess(
  emptyToUndefined,
  z.coerce.number({ error: "year 须为四位数字，例如 2019" }).pipe(ZZeroCrimeYear).optional(),
);

/** GET /api/v1/zero-crime?orgUnit=&year= (no orgUnit: the caller's unit; no year: every year). */
export const ZZeroCrimeQuery = z.object({
  orgUnit: z.preprocess(emptyToUndefined, z.string().max(100).optional()),
  year: ZQueryYear,
});

/** The year view's filters from its query string; a bad value is simply not applied. */
export const ZZeroCrimeFilters = z.object({
  town: z.preprocess(emptyToUndefined, z.string().max(100).optional().catch(undefined)),
  status: z.preprocess(emptyToUndefined, z.enum(ZERO_CRIME_FILTERS).optional().catch(undefined)),
});
export type TZeroCrimeFilters = z.output<typeof ZZeroCrimeFilters>;

/** The form posts text; counts and the year become numbers only when they plainly are ("2", "-1", "1.5"). */
export function zeroCrimeFormInput(fields: Record<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...fields };
  for (const k of [...COUNT_FIELDS, "year"]) {
    const raw = (fields[k] ?? "").trim();
    out[k] = raw === "" ? undefined : /^-?\d+(\.\d+)?$/.test(raw) ? Number(raw) : raw;
  }
  return out;
}
