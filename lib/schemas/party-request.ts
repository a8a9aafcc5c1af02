/**
 * 请示汇报 to the district party committee (DOMAIN §4.3): the zod schemas the forms and
 * server actions parse, the list filters and the Chinese labels (day counts: dates.ts
 * daysBetween). Pure: safe in client components.
 */
import { z } from "zod";
import type { PartyRequestKind } from "@/lib/generated/prisma/enums";
import { zPastDay } from "./dates";
import { emptyToUndefined } from "./person";
import { optionalText, text, ZPage } from "./text";

export const PARTY_REQUEST_KINDS = ["REQUEST", "REPORT"] as const satisfies readonly PartyRequestKind[];
export const PARTY_REQUEST_KIND_LABELS: Record<PartyRequestKind, string> = { REQUEST: "请示", REPORT: "汇报" };

/** An open request waiting this many days or more is shown as long overdue for an answer. */
export const LONG_WAIT_DAYS = 30;

export const ZCreatePartyRequest = z.object({
  kind: z.enum(PARTY_REQUEST_KINDS, { error: "请选择请示或汇报" }),
  subject: text("标题", 120),
  body: optionalText("内容", 5000),
  submittedOn: zPastDay("报送日期"),
});
export type TCreatePartyRequest = z.output<typeof ZCreatePartyRequest>;

/** The answer's day is checked against the stored 报送日期 by the write (the form does not carry it). */
export const ZAnswerPartyRequest = z.object({
  id: z.uuid({ error: "请示汇报编号有误" }),
  answer: text("区委的答复（批示）", 2000),
  resolvedOn: zPastDay("答复日期"),
});
export type TAnswerPartyRequest = z.output<typeof ZAnswerPartyRequest>;

export const answeredBeforeSubmitted = (submitted: string) => `答复日期不能早于报送日期（${submitted}）`;

/** A list filter's year (shared with subsidy.ts): 2000 up to next year; empty = all years. */
export const ZFilterYear = z.preprocess(
  emptyToUndefined,
  z.coerce
    .number({ error: "年份有误" })
    .int("年份有误")
    .min(2000, "年份不能早于 2000 年")
    .refine((y) => y <= new Date().getFullYear() + 1, "年份太远了")
    .optional(),
);

export const ZPartyRequestFilters = z.object({
  kind: z.preprocess(emptyToUndefined, z.enum(PARTY_REQUEST_KINDS, { error: "kind 应为 REQUEST 或 REPORT" }).optional()),
  /** Year submitted. */
  year: ZFilterYear,
  /** Page of the answered list (open ones are all shown). */
  page: ZPage,
});
export type TPartyRequestFilters = z.output<typeof ZPartyRequestFilters>;
