/**
 * 调研 (DOMAIN §4.5): the zod schemas the survey forms and server actions parse, the
 * Chinese labels, and how the new-survey form's one box per category becomes the list
 * of findings. Pure: safe in client components.
 */
import { z } from "zod";
import type { FindingCategory, FollowUpStatus } from "@/lib/generated/prisma/enums";
import { zAnyDay, zPastDay } from "./dates";
import { emptyToUndefined } from "./person";
import { optionalText, text, ZPage } from "./text";

export const FINDING_CATEGORIES = ["LEADERSHIP_TEAM", "STATION_HARDWARE", "TEACHERS", "FUNDING", "OTHER"] as const satisfies readonly FindingCategory[];
export const FINDING_CATEGORY_LABELS: Record<FindingCategory, string> = {
  LEADERSHIP_TEAM: "班子队伍",
  STATION_HARDWARE: "辅导站硬件",
  TEACHERS: "师资",
  FUNDING: "经费",
  OTHER: "其他",
};

export const FOLLOW_UP_STATUSES = ["OPEN", "IN_PROGRESS", "DONE"] as const satisfies readonly FollowUpStatus[];
export const FOLLOW_UP_STATUS_LABELS: Record<FollowUpStatus, string> = { OPEN: "未整改", IN_PROGRESS: "整改中", DONE: "已整改" };

/** Findings one survey may record at once. */
export const MAX_FINDINGS = 50;

/** Unit ids ticked in a form (one string, several, or none) or sent as a list; duplicates dropped. */
export const ZUnitIds = z.preprocess(
  (v) => (v === undefined || v === null || v === "" ? [] : typeof v === "string" ? [v] : v),
  z
    .array(z.uuid({ error: "单位编号有误" }), { error: "单位须为编号列表" })
    .max(300, "最多选择 300 个单位")
    .transform((ids) => [...new Set(ids)]),
);

const ZCategory = z.enum(FINDING_CATEGORIES, { error: "请选择问题类别（班子队伍、辅导站硬件、师资、经费或其他）" });

const findingFields = {
  category: ZCategory,
  text: text("问题描述", 500),
  recommendation: optionalText("整改建议", 500),
  owner: optionalText("责任人或责任部门", 60),
  dueOn: z.preprocess(emptyToUndefined, zAnyDay("整改期限").optional()),
};
export const ZFinding = z.object(findingFields);

export const PERIOD_REVERSED = "结束日期不能早于开始日期";

export const ZSurvey = z
  .object({
    orgUnitId: z.uuid({ error: "请选择开展调研的单位" }),
    title: text("调研题目", 120),
    periodFrom: zPastDay("开始日期"),
    periodTo: zAnyDay("结束日期"),
    unitIds: ZUnitIds.refine((ids) => ids.length > 0, "请至少选择一个调研覆盖的单位"),
    summary: optionalText("调研概况", 5000),
    recommendations: optionalText("对策建议", 5000),
    findings: z.array(ZFinding, { error: "发现的问题须为列表" }).max(MAX_FINDINGS, `一次最多登记 ${MAX_FINDINGS} 个问题`).default([]),
  })
  .superRefine((s, ctx) => {
    // Runs even when a field failed (zod 4): compare only days that parsed.
    if (s.periodFrom instanceof Date && s.periodTo instanceof Date && s.periodTo < s.periodFrom) {
      ctx.addIssue({ code: "custom", path: ["periodTo"], message: PERIOD_REVERSED });
    }
  });
export type TSurvey = z.output<typeof ZSurvey>;

/** One more finding for a recorded survey. */
export const ZAddFinding = z.object({ surveyId: z.uuid({ error: "调研编号有误" }), ...findingFields });
export type TAddFinding = z.output<typeof ZAddFinding>;

/** Follow-up of a finding: status, who, by when, and the day it was done (only when done). */
export const ZFollowUp = z
  .object({
    findingId: z.uuid({ error: "问题编号有误" }),
    status: z.enum(FOLLOW_UP_STATUSES, { error: "请选择整改状态" }),
    owner: findingFields.owner,
    dueOn: findingFields.dueOn,
    doneOn: z.preprocess(emptyToUndefined, zPastDay("完成日期").optional()),
  })
  .superRefine((f, ctx) => {
    if (f.status === "DONE" && !f.doneOn) ctx.addIssue({ code: "custom", path: ["doneOn"], message: "标记为已整改时，请填写完成日期" });
  })
  // A finding that is not done has no done day (a form may still hold one from before).
  .transform((f) => ({ ...f, doneOn: f.status === "DONE" ? f.doneOn : undefined }));
export type TFollowUp = z.output<typeof ZFollowUp>;

/** The new-survey form's fields of one category: "findings.TEACHERS.text" is also where its error shows. */
export const findingField = (c: FindingCategory, f: "text" | "recommendation" | "owner" | "dueOn") => `findings.${c}.${f}`;

/**
 * The new-survey form has one box per category. Categories left wholly blank are
 * dropped; `categories[i]` is the category of `findings[i]`, so an error on
 * "findings.0.text" can be shown beside that category's box (`formErrors`).
 */
export function surveyFormInput(fields: Record<string, string>, unitIds: unknown[]) {
  const input: Record<string, unknown> = { unitIds };
  for (const [k, v] of Object.entries(fields)) if (!k.startsWith("findings.") && k !== "unitIds") input[k] = v;
  const categories = FINDING_CATEGORIES.filter((c) =>
    (["text", "recommendation", "owner", "dueOn"] as const).some((f) => (fields[findingField(c, f)] ?? "").trim() !== ""),
  );
  input.findings = categories.map((category) => ({
    category,
    text: fields[findingField(category, "text")] ?? "",
    recommendation: fields[findingField(category, "recommendation")],
    owner: fields[findingField(category, "owner")],
    dueOn: fields[findingField(category, "dueOn")],
  }));
  const formErrors = (fieldErrors: Record<string, string>) =>
    Object.fromEntries(
      Object.entries(fieldErrors).map(([path, message]) => {
        const m = /^findings\.(\d+)\.(.+)$/.exec(path);
        const c = m ? categories[Number(m[1])] : undefined;
        return [c ? `findings.${c}.${m![2]}` : path, message];
      }),
    );
  return { input, formErrors };
}

// ── list filters ─────────────────────────────────────────────────────────────────────

export const ZSurveyFilters = z.object({
  category: z.preprocess(emptyToUndefined, ZCategory.optional()),
  page: ZPage,
});
export type TSurveyFilters = z.output<typeof ZSurveyFilters>;
