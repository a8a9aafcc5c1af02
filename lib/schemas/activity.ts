/**
 * Station activities (活动记录, DOMAIN §4.4): the zod schemas the phone form, the server
 * actions and /api/v1/activities all parse, the Chinese labels, and the edit rule the
 * server enforces and the UI uses to hide what would be refused.
 */
import { z } from "zod";
import type { Role } from "@/lib/generated/prisma/enums";
import { isCalendarDay, zPastDay } from "./dates";
import { emptyToUndefined } from "./person";

export const ACTIVITY_KINDS = ["REPORT", "STORY", "LECTURE", "SUMMER", "OTHER"] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];
export const KIND_LABELS: Record<ActivityKind, string> = {
  REPORT: "报告会",
  STORY: "故事会",
  LECTURE: "宣讲会",
  SUMMER: "暑期活动",
  OTHER: "其他",
};

/** A station must hold at least this many activities a year (DOMAIN §4.4). */
export const ACTIVITIES_REQUIRED_PER_YEAR = 24;
/** Coordinators may correct their own entries for this many days after logging them. */
export const COORDINATOR_EDIT_DAYS = 30;
export const MAX_YOUTH_PARTICIPANTS = 10_000;

const ZKind = z.enum(ACTIVITY_KINDS, { error: "请选择活动类型（报告会、故事会、宣讲会、暑期活动或其他）" });

/** A count of young people, never their names. The API must send a number; the form path converts first. */
const ZYouthParticipants = z
  .number({ error: "请填写参加活动的青少年人数（数字），例如 35" })
  .int("参加人数须为整数")
  .min(0, "参加人数不能为负数")
  .max(MAX_YOUTH_PARTICIPANTS, `参加人数不能超过 ${MAX_YOUTH_PARTICIPANTS.toLocaleString("en-US")} 人，请检查`);

const ZVolunteerIds = z
  .array(z.uuid({ error: "志愿者编号有误" }), { error: "带领活动的志愿者须为编号列表" })
  .max(50, "一次最多选择 50 位志愿者")
  .optional()
  .transform((xs) => [...new Set((xs ?? []).map((x) => x.toLowerCase()))]);

const activityFields = {
  stationId: z.uuid({ error: "请选择辅导站" }),
  date: zPastDay("活动日期"),
  kind: ZKind,
  title: z.string({ error: "请填写活动主题" }).trim().min(1, "请填写活动主题").max(100, "活动主题不能超过 100 个字"),
  youthParticipants: ZYouthParticipants,
  volunteerIds: ZVolunteerIds,
  notes: z.preprocess(emptyToUndefined, z.string({ error: "备注须为文字" }).trim().max(500, "备注不能超过 500 个字").optional()),
};

/** Logging an activity. `id` is the client's own id (a retry sends the same one); absent, the server makes one. */
export const ZCreateActivity = z.object({
  id: z.preprocess(emptyToUndefined, z.uuid({ error: "活动编号须为 UUID" }).optional()),
  ...activityFields,
});
export type TCreateActivity = z.output<typeof ZCreateActivity>;

export const ZUpdateActivity = z.object({ id: z.uuid({ error: "活动编号须为 UUID" }), ...activityFields });
export type TUpdateActivity = z.output<typeof ZUpdateActivity>;

/**
 * A form posts text; the JSON API must send a number. This turns the form's participant
 * count into a number only when it is plainly one ("35", "-2", "1.5" — the schema then
 * says what is wrong with it), so the one schema keeps rejecting "12" from JSON while a
 * phone's number pad works; and gathers the volunteer checkboxes.
 */
export function activityFormInput(fields: Record<string, string>, volunteerIds: string[]): Record<string, unknown> {
  const raw = (fields.youthParticipants ?? "").trim();
  const youthParticipants = raw === "" ? undefined : /^-?\d+(\.\d+)?$/.test(raw) ? Number(raw) : raw;
  return { ...fields, youthParticipants, volunteerIds };
}

// ── list filters ─────────────────────────────────────────────────────────────────────

export const ZFilterDay = (label: string) =>
  z.preprocess(
    emptyToUndefined,
    z
      .string({ error: `${label}须为 YYYY-MM-DD` })
      .refine(isCalendarDay, `${label}须为有效日期，例如 2019-10-12`)
      .optional(),
  );

/** List filters from a query string (page or API); bad values are field issues, not crashes. */
export const ZActivityFilters = z
  .object({
    station: z.preprocess(emptyToUndefined, z.string().max(100).optional()),
    /** A town or village: its whole subtree. */
    town: z.preprocess(emptyToUndefined, z.string().max(100).optional()),
    kind: z.preprocess(emptyToUndefined, z.enum(ACTIVITY_KINDS, { error: "kind 应为 REPORT、STORY、LECTURE、SUMMER 或 OTHER" }).optional()),
    from: ZFilterDay("开始日期"),
    to: ZFilterDay("结束日期"),
    cursor: z.preprocess(emptyToUndefined, z.string().max(200).optional()),
  })
  .superRefine((f, ctx) => {
    if (f.from && f.to && f.from > f.to) ctx.addIssue({ code: "custom", path: ["to"], message: "结束日期不能早于开始日期" });
  });
export type TActivityFilters = z.output<typeof ZActivityFilters>;

/** "2019-07" → that month; anything else is a field issue. */
export const ZMonth = z
  .string({ error: "月份须为 YYYY-MM" })
  .regex(/^(19|20)\d{2}-(0[1-9]|1[0-2])$/, "月份须为 YYYY-MM，例如 2019-07");

// ── who may edit ─────────────────────────────────────────────────────────────────────

/**
 * Why this actor may not edit this activity, or null when they may. Coordinators: their
 * own entries within 30 days of logging them; admins: anything in scope (scope is checked
 * by the query, not here); read-only roles: never.
 */
export function activityEditRefusal(
  actor: { role: Role; userId: string },
  activity: { createdById: string | null; createdAt: Date },
  now: Date = new Date(),
): string | null {
  if (actor.role === "LEADER") return "您的角色只能查看，不能修改活动记录";
  if (actor.role !== "STATION_COORDINATOR") return null;
  if (activity.createdById !== actor.userId) return "辅导员只能修改自己登记的活动，如需更正请联系本单位管理员";
  const ageMs = now.getTime() - activity.createdAt.getTime();
  if (ageMs > COORDINATOR_EDIT_DAYS * 24 * 60 * 60 * 1000) {
    return `登记已超过 ${COORDINATOR_EDIT_DAYS} 天，辅导员不能再修改；如需更正请联系本单位管理员`;
  }
  return null;
}
