import { z } from "zod";
import { currentYear, isCalendarDay } from "./dates";

const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;
const zDayParam = (label: string) =>
  z
    .string()
    .regex(DAY_RE, `${label}须为 YYYY-MM-DD 格式的日期`)
    .refine(isCalendarDay, `${label}不是有效的日期`)
    .optional();

/** Query of GET /api/v1/metrics and of the dashboard: which unit, which year, which activity window. */
export const ZMetricsQuery = z
  .object({
    orgUnit: z.string().trim().optional(),
    year: z.preprocess(
      (v) => (v === undefined || v === "" ? currentYear() : v),
      z.coerce.number({ error: "年份须为四位数字，例如 2019" }).int("年份须为四位数字，例如 2019").min(2000, "年份须在 2000 至 2100 之间").max(2100, "年份须在 2000 至 2100 之间"),
    ),
    from: zDayParam("开始日期"),
    to: zDayParam("结束日期"),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { path: ["to"], message: "结束日期不能早于开始日期" });
export type TMetricsQuery = z.output<typeof ZMetricsQuery>;
