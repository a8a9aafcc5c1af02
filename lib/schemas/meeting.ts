/**
 * 会议制度 (DOMAIN §4.3): the zod schemas the meeting forms and server actions parse
 * (a JSON API can parse the same ones), and how a form's numbered decision rows become
 * the list the schema expects. Pure: safe in client components.
 */
import { z } from "zod";
import type { MeetingKind } from "@/lib/generated/prisma/enums";
import { zAnyDay, zPastDay } from "./dates";
import { emptyToUndefined } from "./person";
import { optionalText, text, ZPage } from "./text";

export const MEETING_KINDS = ["DISTRICT_WEEKLY", "GRASSROOTS_MONTHLY", "ANNUAL_SUMMARY", "OTHER"] as const satisfies readonly MeetingKind[];

/** Decisions one meeting may record at once. */
export const MAX_DECISIONS = 20;
/** Blank decision rows a new-meeting form starts with. */
export const BLANK_DECISION_ROWS = 3;

const ZKind = z.enum(MEETING_KINDS, { error: "请选择会议类型" });

const decisionFields = {
  text: text("决定事项", 200),
  owner: text("责任人或责任部门", 60),
  dueOn: zAnyDay("完成期限"),
};
export const ZDecision = z.object(decisionFields);

const meetingFields = {
  kind: ZKind,
  heldOn: zPastDay("会议日期"),
  title: text("会议名称", 100),
  attendees: optionalText("参会人员", 500),
  minutes: optionalText("会议纪要", 5000),
};

export const DUE_BEFORE_MEETING = "完成期限不能早于会议日期";

export const ZMeeting = z
  .object({
    orgUnitId: z.uuid({ error: "请选择召开会议的单位" }),
    ...meetingFields,
    decisions: z
      .array(ZDecision, { error: "决定事项须为列表" })
      .max(MAX_DECISIONS, `一次最多登记 ${MAX_DECISIONS} 项决定`)
      .default([]),
  })
  .superRefine((m, ctx) => {
    // Runs even when a field failed (zod 4): compare only days that parsed.
    if (!(m.heldOn instanceof Date) || !Array.isArray(m.decisions)) return;
    m.decisions.forEach((d, i) => {
      if (d.dueOn instanceof Date && d.dueOn < m.heldOn) ctx.addIssue({ code: "custom", path: ["decisions", i, "dueOn"], message: DUE_BEFORE_MEETING });
    });
  });
export type TMeeting = z.output<typeof ZMeeting>;

/** The unit and the decisions stay as recorded; decisions are added with ZAddDecision. */
export const ZUpdateMeeting = z.object({ id: z.uuid({ error: "会议编号有误" }), ...meetingFields });
export type TUpdateMeeting = z.output<typeof ZUpdateMeeting>;

/** One more decision for a meeting already recorded (its due day is checked against the meeting's day by the write). */
export const ZAddDecision = z.object({ meetingId: z.uuid({ error: "会议编号有误" }), ...decisionFields });
export type TAddDecision = z.output<typeof ZAddDecision>;

export const ZDecisionDone = z.object({
  decisionId: z.uuid({ error: "决定事项编号有误" }),
  doneOn: zPastDay("完成日期"),
});
export type TDecisionDone = z.output<typeof ZDecisionDone>;

/** The field names of decision row `i` in a form: "decisions.0.text" is also the path of its error. */
export const decisionField = (i: number, f: keyof typeof decisionFields) => `decisions.${i}.${f}`;

const DECISION_FIELD_RE = /^decisions\.(\d{1,2})\.(text|owner|dueOn)$/;

/**
 * A form posts decision rows as numbered fields ("decisions.2.owner"). Rows left wholly
 * blank are dropped, so the form's spare rows cost nothing; `rows[i]` is the form row of
 * `decisions[i]`, for putting an error back beside the row the user typed in.
 */
export function meetingFormInput(fields: Record<string, string>): { input: Record<string, unknown>; rows: number[] } {
  const byRow = new Map<number, Record<string, string>>();
  const input: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fields)) {
    const m = DECISION_FIELD_RE.exec(k);
    if (!m) {
      if (!k.startsWith("decisions.")) input[k] = v;
      continue;
    }
    byRow.set(Number(m[1]), { ...byRow.get(Number(m[1])), [m[2]]: v });
  }
  const rows = [...byRow.keys()].filter((i) => Object.values(byRow.get(i)!).some((v) => v.trim() !== "")).sort((a, b) => a - b);
  input.decisions = rows.map((i) => byRow.get(i)!);
  return { input, rows };
}

/** Field errors of `decisions.i.*` renamed to the form row they came from (see meetingFormInput). */
export function errorsByFormRow(fieldErrors: Record<string, string>, rows: number[]): Record<string, string> {
  return Object.fromEntries(
    Object.entries(fieldErrors).map(([path, message]) => {
      const m = /^decisions\.(\d+)\.(.+)$/.exec(path);
      return [m && rows[Number(m[1])] !== undefined ? `decisions.${rows[Number(m[1])]}.${m[2]}` : path, message];
    }),
  );
}

// ── list filters ─────────────────────────────────────────────────────────────────────

export const ZMeetingFilters = z.object({
  year: z.preprocess(
    emptyToUndefined,
    z.coerce
      .number({ error: "年份须为四位数字，例如 2019" })
      .int("年份须为四位数字，例如 2019")
      .min(2000, "年份不能早于 2000 年")
      .max(2100, "年份有误")
      .optional(),
  ),
  kind: z.preprocess(emptyToUndefined, z.enum(MEETING_KINDS, { error: "kind 应为 DISTRICT_WEEKLY、GRASSROOTS_MONTHLY、ANNUAL_SUMMARY 或 OTHER" }).optional()),
  /** A unit in scope: meetings of its whole subtree. */
  unit: z.preprocess(emptyToUndefined, z.string().max(100).optional()),
  page: ZPage,
});
export type TMeetingFilters = z.output<typeof ZMeetingFilters>;
