/**
 * 补贴发放 (DOMAIN §4.3): 以奖代补 for 五老 volunteers and work allowances for station
 * teachers — the zod schemas the forms and server actions parse, the list filters, and
 * a subsidy's payment status (按时 / 逾期发放 / 逾期未发 / 未到期). Pure: safe in client components.
 */
import { z } from "zod";
import type { SubsidyKind } from "@/lib/generated/prisma/enums";
import { isoDay, zAnyDay, zPastDay } from "./dates";
import { emptyToUndefined } from "./person";
import { zYuan } from "./station";
import { ZFilterYear } from "./party-request";
import { optionalText, ZPage } from "./text";

export const SUBSIDY_KINDS = ["VOLUNTEER_REWARD", "TEACHER_ALLOWANCE"] as const satisfies readonly SubsidyKind[];
export const SUBSIDY_KIND_LABELS: Record<SubsidyKind, string> = {
  VOLUNTEER_REWARD: "以奖代补（五老）",
  TEACHER_ALLOWANCE: "进站教师工作补贴",
};

export const SUBSIDY_STATUSES = ["paid_on_time", "paid_late", "overdue", "not_due"] as const;
export type SubsidyStatus = (typeof SUBSIDY_STATUSES)[number];
export const SUBSIDY_STATUS_LABELS: Record<SubsidyStatus, string> = {
  paid_on_time: "按时",
  paid_late: "逾期发放",
  overdue: "逾期未发",
  not_due: "未到期",
};

/**
 * Paid on or before the due day = 按时; paid after it = 逾期发放; unpaid with the due day
 * behind us = 逾期未发; unpaid and due today or later = 未到期. `today` is Beijing's "YYYY-MM-DD".
 */
export function subsidyStatus(s: { dueOn: Date; paidOn: Date | null }, today: string): SubsidyStatus {
  if (s.paidOn) return s.paidOn <= s.dueOn ? "paid_on_time" : "paid_late";
  return isoDay(s.dueOn)! < today ? "overdue" : "not_due";
}

export const PAID_BEFORE_PERIOD = "发放日期不能早于补贴期间的开始日期";

export const ZCreateSubsidy = z
  .object({
    orgUnitId: z.uuid({ error: "请选择领取人所在单位" }),
    kind: z.enum(SUBSIDY_KINDS, { error: "请选择补贴类别（以奖代补或进站教师工作补贴）" }),
    /** A 五老 volunteer's person; teachers are named only. */
    personId: z.preprocess(emptyToUndefined, z.uuid({ error: "请从列表中选择五老志愿者" }).optional()),
    recipientName: optionalText("领取人姓名", 40),
    // 元 → fen: up to two decimals, more than 0.
    amount: zYuan("金额", { positive: true }),
    periodFrom: zAnyDay("补贴期间的开始日期"),
    periodTo: zAnyDay("补贴期间的结束日期"),
    /** A due day may still lie ahead. */
    dueOn: zAnyDay("应发放日期"),
    /** Recording a subsidy already paid (an old one) in one step. */
    paidOn: z.preprocess(emptyToUndefined, zPastDay("发放日期").optional()),
    note: optionalText("备注", 200),
  })
  .superRefine((v, ctx) => {
    if (!v.personId && !v.recipientName) {
      ctx.addIssue({ code: "custom", path: ["recipientName"], message: "请填写领取人姓名，或选择五老志愿者" });
    }
    if (v.periodTo < v.periodFrom) ctx.addIssue({ code: "custom", path: ["periodTo"], message: "补贴期间的结束日期不能早于开始日期" });
    if (v.dueOn < v.periodFrom) ctx.addIssue({ code: "custom", path: ["dueOn"], message: "应发放日期不能早于补贴期间的开始日期" });
    if (v.paidOn && v.paidOn < v.periodFrom) ctx.addIssue({ code: "custom", path: ["paidOn"], message: PAID_BEFORE_PERIOD });
  });
export type TCreateSubsidy = z.output<typeof ZCreateSubsidy>;

/** 登记发放: the day paid is checked against the stored period by the write. */
export const ZMarkSubsidyPaid = z.object({
  id: z.uuid({ error: "补贴编号有误" }),
  paidOn: zPastDay("发放日期"),
});
export type TMarkSubsidyPaid = z.output<typeof ZMarkSubsidyPaid>;

export const ZSubsidyFilters = z.object({
  /** Year of the due day. */
  year: ZFilterYear,
  kind: z.preprocess(emptyToUndefined, z.enum(SUBSIDY_KINDS, { error: "kind 应为 VOLUNTEER_REWARD 或 TEACHER_ALLOWANCE" }).optional()),
  /** A town (or any unit) in scope: its subtree. */
  town: z.preprocess(emptyToUndefined, z.string().optional()),
  status: z.preprocess(emptyToUndefined, z.enum(SUBSIDY_STATUSES, { error: "status 应为 paid_on_time、paid_late、overdue 或 not_due" }).optional()),
  page: ZPage,
});
export type TSubsidyFilters = z.output<typeof ZSubsidyFilters>;
