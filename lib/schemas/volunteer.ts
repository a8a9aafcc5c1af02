/**
 * 五老 volunteers, training, recognition and publicity (DOMAIN §4.2): the zod schemas the
 * forms, the server actions and /api/v1/volunteers all parse, and the Chinese labels.
 */
import { z } from "zod";
import { zAnyDay, zPastDay } from "./dates";
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
  joinedOn: zPastDay("加入日期"),
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
  heldOn: zAnyDay("培训日期"),
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
    awardedOn: zPastDay("表彰日期"),
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
  publishedOn: zPastDay("报道日期"),
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
