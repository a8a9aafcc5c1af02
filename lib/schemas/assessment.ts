/**
 * The 五好 assessment (DOMAIN §4.3): the zod schemas the forms and server actions parse,
 * the status labels, and the form → input shape (fields named `weights.LEADERSHIP`,
 * `points.VENUE`… nest, so a problem comes back at the path of its field). Pure: safe
 * in client components. The rules themselves (totals, pass mark, ranks) are
 * lib/server/rules/scoring.ts.
 */
import { z } from "zod";
import type { AssessmentStatus, FiveGoodItem } from "@/lib/generated/prisma/enums";
import { FIVE_GOOD_ITEMS, FIVE_GOOD_LABELS, fullMarks } from "@/lib/server/rules/scoring";
import { emptyToUndefined, ZCheckbox } from "./person";

export const ASSESSMENT_STATUS_LABELS: Record<AssessmentStatus, string> = {
  DRAFT: "草稿（未发布）",
  PUBLISHED: "已发布，评分中",
  CONFIRMED: "已确认",
};

export const YEAR_MIN = 2000;
export const YEAR_MAX = 2100;

/** A whole number from a form field ("" is missing, not 0). */
function zWhole(missing: string, notNumber: string) {
  return z.preprocess(
    (v) => {
      if (typeof v !== "string") return v;
      const s = v.trim();
      return s === "" ? undefined : /^-?\d+(\.\d+)?$/.test(s) ? Number(s) : s;
    },
    z.number({ error: (i) => (i.input === undefined ? missing : notNumber) }),
  );
}

export const ZAssessmentYear = zWhole("请填写年度，例如 2019", "年度须为四位数字，例如 2019").pipe(
  z.number().int("年度须为四位数字，例如 2019").min(YEAR_MIN, `年度不能早于 ${YEAR_MIN} 年`).max(YEAR_MAX, `年度不能晚于 ${YEAR_MAX} 年`),
);

const zWeight = (item: FiveGoodItem) => {
  const label = FIVE_GOOD_LABELS[item];
  return zWhole(`请填写${label}的满分`, `${label}的满分须为整数`).pipe(
    z.number().int(`${label}的满分须为整数`).min(1, `${label}的满分至少 1 分`).max(100, `${label}的满分不能超过 100 分`),
  );
};

const zGuidance = z.preprocess(emptyToUndefined, z.string().trim().max(300, "评分要点不能超过 300 个字").optional());

const byItem = <T extends z.ZodType>(make: (item: FiveGoodItem) => T) =>
  z.object(Object.fromEntries(FIVE_GOOD_ITEMS.map((i) => [i, make(i)])) as Record<FiveGoodItem, T>);

/** A year's criteria: full marks per item (1..100), pass mark (1..full marks), what scorers look for. */
export const ZRoundCriteria = z
  .object({
    year: ZAssessmentYear,
    passMark: zWhole("请填写达标分数线", "达标分数线须为整数").pipe(z.number().int("达标分数线须为整数").min(1, "达标分数线至少 1 分")),
    weights: byItem(zWeight),
    guidance: z.preprocess((v) => v ?? {}, byItem(() => zGuidance)),
  })
  .superRefine((c, ctx) => {
    const full = fullMarks(c);
    if (c.passMark > full) ctx.addIssue({ code: "custom", path: ["passMark"], message: `达标分数线不能高于满分合计 ${full} 分` });
  });
export type TRoundCriteria = z.output<typeof ZRoundCriteria>;

/** Publish or confirm a year. */
export const ZRoundYear = z.object({ year: ZAssessmentYear });

const zPoint = (item: FiveGoodItem) => zWhole(`请填写${FIVE_GOOD_LABELS[item]}的得分`, `${FIVE_GOOD_LABELS[item]}的得分须为数字`);

/**
 * One village's score. Points are only checked to be numbers here: whole, 0..full marks
 * depends on the year's criteria (scoring.ts checkPoints, in the write).
 */
export const ZScoreUnit = z.object({
  year: ZAssessmentYear,
  orgUnitId: z.string({ error: "请选择村（社区）" }).min(1, "请选择村（社区）"),
  points: byItem(zPoint),
  comment: z.preprocess(emptyToUndefined, z.string().trim().max(500, "评语不能超过 500 个字").optional()),
  /** Required (by the write) when amending a confirmed year. */
  reason: z.preprocess(emptyToUndefined, z.string().trim().max(300, "修改原因不能超过 300 个字").optional()),
});
export type TScoreUnit = z.output<typeof ZScoreUnit>;

/** Name (or un-name) a passed village 先进单位. */
export const ZSetAdvanced = z.object({
  year: ZAssessmentYear,
  orgUnitId: z.string({ error: "请选择村（社区）" }).min(1, "请选择村（社区）"),
  advanced: ZCheckbox,
});

/** Form fields → input: `points.LEADERSHIP` = "18" becomes `{ points: { LEADERSHIP: "18" } }`. */
export function nestFields(fields: Record<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    const dot = key.indexOf(".");
    if (dot < 0) {
      out[key] = value;
      continue;
    }
    const [head, tail] = [key.slice(0, dot), key.slice(dot + 1)];
    const inner = (out[head] ?? {}) as Record<string, unknown>;
    inner[tail] = value;
    out[head] = inner;
  }
  return out;
}

/** The title of the year's 通报. */
export const noticeTitle = (year: number) => `关于表彰${year}年度“五好”村（社区）关工委先进单位的通报`;
