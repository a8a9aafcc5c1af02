import { z } from "zod";

export const CADRE_RANKS = ["SECTION_OR_ABOVE", "BELOW_SECTION", "NONE"] as const;
export const CADRE_RANK_LABELS: Record<(typeof CADRE_RANKS)[number], string> = {
  SECTION_OR_ABOVE: "科级及以上",
  BELOW_SECTION: "科级以下干部",
  NONE: "非干部",
};
export const GENDER_LABELS = { MALE: "男", FEMALE: "女" } as const;

/** Forms send "" for an empty optional field. */
const emptyToUndefined = (v: unknown) => (v === "" || v === null ? undefined : v);

/** Birth year of an adult volunteer or committee member: between 1920 and 18 years ago. */
export const ZBirthYear = z.preprocess(
  emptyToUndefined,
  z.coerce
    .number({ error: "请填写四位数的出生年份，例如 1956" })
    .int("请填写四位数的出生年份，例如 1956")
    .min(1920, "出生年份不能早于 1920 年")
    .refine((y) => y <= new Date().getFullYear() - 18, "出生年份有误：须年满 18 周岁")
    .optional(),
);

export const ZPhone = z.preprocess(
  emptyToUndefined,
  z
    .string()
    .trim()
    .regex(/^(1\d{10}|0\d{2,3}-?\d{7,8})$/, "请填写 11 位手机号或带区号的固定电话")
    .optional(),
);

/** A checkbox: forms send "on" or nothing; the API sends true/false. Anything else is a wrong type. */
const ZCheckbox = z.preprocess(
  (v) => (v === undefined || v === null || v === "" || v === "false" ? false : v === "on" || v === "true" ? true : v),
  z.boolean({ error: "须为是或否（true / false）" }),
);

/** A person's own facts, shared by roster appointments and volunteer registration. */
export const ZPersonFields = z.object({
  name: z.string({ error: "请填写姓名" }).trim().min(1, "请填写姓名").max(40, "姓名不能超过 40 个字"),
  gender: z.preprocess(emptyToUndefined, z.enum(["MALE", "FEMALE"], { error: "请选择性别" }).optional()),
  birthYear: ZBirthYear,
  phone: ZPhone,
  politicalStatus: z.preprocess(emptyToUndefined, z.string().trim().max(20, "不能超过 20 个字").optional()),
  formerPost: z.preprocess(emptyToUndefined, z.string().trim().max(60, "不能超过 60 个字").optional()),
  cadreRank: z.preprocess(emptyToUndefined, z.enum(CADRE_RANKS, { error: "请选择干部级别" }).default("NONE")),
  retired: ZCheckbox,
});
export type TPersonFields = z.infer<typeof ZPersonFields>;

export { emptyToUndefined, ZCheckbox };
