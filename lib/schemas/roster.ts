import { z } from "zod";
import { emptyToUndefined, ZCheckbox, ZPersonFields } from "./person";

export const ROSTER_ROLES = ["DIRECTOR", "EXEC_DEPUTY", "DEPUTY", "ASSISTANT", "MEMBER"] as const;
export type TRosterRole = (typeof ROSTER_ROLES)[number];
export const ROSTER_ROLE_LABELS: Record<TRosterRole, string> = {
  DIRECTOR: "主任",
  EXEC_DEPUTY: "常务副主任",
  DEPUTY: "副主任",
  ASSISTANT: "年轻工作者",
  MEMBER: "委员",
};
/** Posts of which a unit has exactly one current holder (enforced by RosterPosition.currentSlot). */
export const SINGLE_HOLDER_ROLES: readonly TRosterRole[] = ["DIRECTOR", "EXEC_DEPUTY"];

/** Today's date in Beijing as YYYY-MM-DD (the day the office is working in). */
export function todayInBeijing(now: Date = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}

/** A calendar day as YYYY-MM-DD, not after today; becomes a Date at UTC midnight (a @db.Date). */
export function ZPastDay(what: string) {
  const format = `请填写${what}，例如 2019-10-12`;
  return z.preprocess(
    emptyToUndefined,
    z
      .string({ error: format })
      .trim()
      .regex(/^\d{4}-\d{2}-\d{2}$/, format)
      .refine((s) => {
        const d = new Date(`${s}T00:00:00Z`);
        return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
      }, `${what}不是有效的日期`)
      .refine((s) => s >= "1949-10-01", `${what}不能早于 1949 年`)
      .refine((s) => s <= todayInBeijing(), `${what}不能晚于今天`)
      .transform((s) => new Date(`${s}T00:00:00Z`)),
  );
}

const ZExceptionReason = z.preprocess(
  emptyToUndefined,
  z.string().trim().max(200, "例外说明不能超过 200 个字").optional(),
);

/**
 * 任命: into a unit, either a person already registered in scope (`personId`) or a new
 * one (`person`). `replaceCurrent` ends the current 主任/常务副主任 on the new start date.
 */
export const ZAppointPosition = z
  .object({
    orgUnitId: z.uuid({ error: "请选择单位" }),
    role: z.enum(ROSTER_ROLES, { error: "请选择职务" }),
    personId: z.preprocess(emptyToUndefined, z.uuid({ error: "请选择人员" }).optional()),
    person: ZPersonFields.optional(),
    concurrent: ZCheckbox,
    startedOn: ZPastDay("任职日期"),
    exceptionReason: ZExceptionReason,
    replaceCurrent: ZCheckbox,
    /** The position the user saw as current when they chose to replace it (a stale screen is refused). */
    replacesId: z.preprocess(emptyToUndefined, z.uuid().optional()),
  })
  .superRefine((v, ctx) => {
    if (!v.personId && !v.person) {
      ctx.addIssue({ code: "custom", path: ["person", "name"], message: "请填写姓名，或选择已登记的人员" });
    }
  });
export type TAppointPosition = z.infer<typeof ZAppointPosition>;

/** Edit a current position: 兼任 and the recorded exception. */
export const ZChangePosition = z.object({
  id: z.uuid(),
  concurrent: ZCheckbox,
  exceptionReason: ZExceptionReason,
});

/** 离任. */
export const ZEndPosition = z.object({
  id: z.uuid(),
  endedOn: ZPastDay("离任日期"),
});
