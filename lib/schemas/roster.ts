import { z } from "zod";
import { emptyToUndefined, ZCheckbox, ZPersonFields } from "./person";
import { zPastDay } from "./dates";

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
    startedOn: zPastDay("任职日期"),
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
  endedOn: zPastDay("离任日期"),
});
