/**
 * 五老 volunteers, training, recognition and publicity (DOMAIN §4.2): the zod schemas the
 * forms, the server actions and /api/v1/volunteers all parse, and the Chinese labels.
 */
import { z } from "zod";
import { emptyToUndefined, ZCheckbox, ZPersonFields } from "./person";

export const VOLUNTEER_CATEGORIES = ["VETERAN_CADRE", "VETERAN_SOLDIER", "VETERAN_EXPERT", "VETERAN_TEACHER", "VETERAN_MODEL"] as const;
export type VolunteerCategory = (typeof VOLUNTEER_CATEGORIES)[number];
export const CATEGORY_LABELS: Record<VolunteerCategory, string> = {
  VETERAN_CADRE: "老干部",
  VETERAN_SOLDIER: "老战士",
  VETERAN_EXPERT: "老专家",
  VETERAN_TEACHER: "老教师",
  VETERAN_MODEL: "老模范",
};

export const VOLUNTEER_STATUSES = ["ACTIVE", "PAUSED", "LEFT"] as const;
export type VolunteerStatus = (typeof VOLUNTEER_STATUSES)[number];
export const STATUS_LABELS: Record<VolunteerStatus, string> = { ACTIVE: "在队", PAUSED: "暂停", LEFT: "已退出" };

export const HONOR_LEVELS = ["DISTRICT", "CITY", "PROVINCE", "NATIONAL"] as const;
export type HonorLevel = (typeof HONOR_LEVELS)[number];
export const HONOR_LEVEL_LABELS: Record<HonorLevel, string> = { DISTRICT: "区级", CITY: "市级", PROVINCE: "省级", NATIONAL: "国家级" };

export const TRAINING_KINDS = ["ONBOARDING", "OTHER"] as const;
export type TrainingKind = (typeof TRAINING_KINDS)[number];
export const TRAINING_KIND_LABELS: Record<TrainingKind, string> = { ONBOARDING: "入门培训", OTHER: "其他培训" };

/** Shown wherever a volunteer without 入门培训 appears (list, detail, pickers). */
export const UNTRAINED_FLAG = "未参加入门培训，参加活动前须先培训";

/** Today in Beijing time as YYYY-MM-DD: "not in the future" means not after this day. */
export function todayIso(now: Date = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}

/** A calendar day as YYYY-MM-DD (the API's date format and the value of <input type="date">). */
export function isoDay(d: Date | null | undefined): string | null {
  return d ? d.toISOString().slice(0, 10) : null;
}

const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A real calendar day "YYYY-MM-DD" → Date at UTC midnight (how @db.Date columns come
 * back). One message per field: the first rule that fails (`latest` is the last allowed day).
 */
function zDay(required: string, latest: () => string, tooLate: string) {
  return z
    .string({ error: required })
    .trim()
    .superRefine((s, ctx) => {
      const fail = (message: string) => ctx.addIssue({ code: "custom", message });
      if (s.length === 0) return fail(required);
      if (!DAY_RE.test(s) || Number.isNaN(Date.parse(s)) || !new Date(s).toISOString().startsWith(s)) return fail("请按 2019-10-12 的格式填写日期");
      if (s < "1950-01-01") return fail("日期不能早于 1950 年");
      if (s > latest()) return fail(tooLate);
    })
    .transform((s) => new Date(s));
}

/** A day that has already come (joined on, awarded on, published on). */
export const zPastDay = (required: string, future: string) => zDay(required, () => todayIso(), future);

/** Any plausible day, for events that may still be planned (a training session). */
export const zAnyDay = (required: string) =>
  zDay(required, () => `${Number(todayIso().slice(0, 4)) + 2}-12-31`, "日期太远了，请检查年份");

const ZCategory = z.enum(VOLUNTEER_CATEGORIES, { error: "请选择类别（老干部、老战士、老专家、老教师或老模范）" });
const ZUnitId = z.uuid({ error: "请选择单位" });

/** "书法, 法律咨询、宣讲" from a form, or ["书法", "法律咨询"] from the API. */
const ZSkills = z.preprocess(
  (v) => (typeof v === "string" ? v.split(/[,，、;；\n]+/) : v ?? []),
  z
    .array(z.string({ error: "特长须为文字" }).trim().max(20, "每项特长不能超过 20 个字"), { error: "特长须为文字列表" })
    .transform((xs) => [...new Set(xs.filter((x) => x.length > 0))])
    .refine((xs) => xs.length <= 10, "特长最多填写 10 项"),
);

/** What registering and editing a volunteer share, beyond the person's own facts. */
const volunteerFields = {
  category: ZCategory,
  skills: ZSkills,
  orgUnitId: ZUnitId,
  joinedOn: zPastDay("请填写加入日期", "加入日期不能晚于今天"),
  publicityConsent: ZCheckbox,
};

export const ZRegisterVolunteer = ZPersonFields.extend(volunteerFields);
export type TRegisterVolunteer = z.output<typeof ZRegisterVolunteer>;

export const ZUpdateVolunteer = ZPersonFields.extend({ id: z.uuid(), ...volunteerFields });
export type TUpdateVolunteer = z.output<typeof ZUpdateVolunteer>;

export const ZSetVolunteerStatus = z.object({
  id: z.uuid(),
  status: z.enum(VOLUNTEER_STATUSES, { error: "请选择状态" }),
});

export const ZCreateTrainingSession = z.object({
  title: z.string({ error: "请填写培训名称" }).trim().min(1, "请填写培训名称").max(60, "培训名称不能超过 60 个字"),
  kind: z.enum(TRAINING_KINDS, { error: "请选择培训类型" }),
  heldOn: zAnyDay("请填写培训日期"),
  orgUnitId: ZUnitId,
  location: z.preprocess(emptyToUndefined, z.string().trim().max(60, "地点不能超过 60 个字").optional()),
});

export const ZRecordAttendance = z.object({
  sessionId: z.uuid(),
  volunteerIds: z
    .array(z.uuid({ error: "志愿者编号有误" }), { error: "请勾选参加培训的志愿者" })
    .min(1, "请至少勾选一位参加培训的志愿者")
    .max(500, "一次最多登记 500 人"),
});

const ZLevel = z.enum(HONOR_LEVELS, { error: "请选择级别（区级、市级、省级或国家级）" });

export const ZCreateRecognition = z
  .object({
    recipient: z.enum(["PERSON", "UNIT"], { error: "请选择表彰对象是个人还是单位" }),
    volunteerId: z.preprocess(emptyToUndefined, z.uuid({ error: "请选择受表彰的志愿者" }).optional()),
    recipientUnitId: z.preprocess(emptyToUndefined, z.uuid({ error: "请选择受表彰的单位" }).optional()),
    title: z.string({ error: "请填写荣誉名称" }).trim().min(1, "请填写荣誉名称").max(80, "荣誉名称不能超过 80 个字"),
    level: ZLevel,
    awardedOn: zPastDay("请填写表彰日期", "表彰日期不能晚于今天"),
    issuer: z.string({ error: "请填写授予单位" }).trim().min(1, "请填写授予单位").max(60, "授予单位不能超过 60 个字"),
  })
  .superRefine((v, ctx) => {
    if (v.recipient === "PERSON" && !v.volunteerId) ctx.addIssue({ code: "custom", path: ["volunteerId"], message: "请选择受表彰的志愿者" });
    if (v.recipient === "UNIT" && !v.recipientUnitId) ctx.addIssue({ code: "custom", path: ["recipientUnitId"], message: "请选择受表彰的单位" });
  });
export type TCreateRecognition = z.output<typeof ZCreateRecognition>;

export const ZCreatePublicity = z.object({
  volunteerId: z.uuid({ error: "请选择志愿者" }),
  outlet: z.string({ error: "请填写媒体名称" }).trim().min(1, "请填写媒体名称，例如“淮安日报”").max(60, "媒体名称不能超过 60 个字"),
  level: z.preprocess(emptyToUndefined, ZLevel.optional()),
  publishedOn: zPastDay("请填写报道日期", "报道日期不能晚于今天"),
  link: z.preprocess(
    emptyToUndefined,
    z
      .url({ protocol: /^https?$/, error: "请填写以 http:// 或 https:// 开头的网址" })
      .max(500, "网址太长")
      .optional(),
  ),
});

/** List filters from a query string (page or API); bad values are field issues, not crashes. */
export const ZVolunteerFilters = z.object({
  q: z.preprocess(emptyToUndefined, z.string().trim().max(40, "搜索词不能超过 40 个字").optional()),
  category: z.preprocess(emptyToUndefined, ZCategory.optional()),
  status: z.preprocess(emptyToUndefined, z.enum(VOLUNTEER_STATUSES, { error: "状态应为 ACTIVE、PAUSED 或 LEFT" }).optional()),
  trained: z.preprocess(emptyToUndefined, z.enum(["yes", "no"], { error: "trained 应为 yes 或 no" }).optional()),
  unit: z.preprocess(emptyToUndefined, z.string().optional()),
  cursor: z.preprocess(emptyToUndefined, z.string().max(200).optional()),
});
export type TVolunteerFilters = z.output<typeof ZVolunteerFilters>;
