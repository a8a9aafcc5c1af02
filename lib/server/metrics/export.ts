import "server-only";
/**
 * The dashboard's tables as an Excel workbook: one sheet per table, Chinese headers,
 * numbers as numbers (rates as fractions with a percent format, money in 元), so a
 * leader can sort, sum and chart them. Takes what the engine computed; no queries.
 */
import ExcelJS from "exceljs";
import { LEVEL_LABELS } from "@/lib/format";
import { METRICS, METRIC_BY_KEY, type MetricDef } from "./definitions";
import type { MetricsAnswer, MetricValue } from "./engine";
import type { FailingList, Month } from "./dashboard";

export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const SHEETS = { summary: "指标汇总", children: "下级单位对比", monthly: "月度活动", failing: "未达标单位" } as const;

const PERCENT = "0.0%";
const INTEGER = "#,##0";
const YUAN = "#,##0.00";

export interface WorkbookInput {
  answer: MetricsAnswer;
  monthly: Month[];
  /** For a drill-down (or the report): the failing units of these rates. */
  failing?: FailingList[];
  /** When the file was made, for its properties and the summary sheet. */
  now?: Date;
}

/** "清江浦区_2019_数据看板.xlsx", or with the drill-down's rate. */
export function workbookFileName(answer: Pick<MetricsAnswer, "orgUnit" | "year">, failingKey?: MetricDef["key"]): string {
  const what = failingKey ? `${METRIC_BY_KEY[failingKey].label.replace(/[“”"]/g, "")}_未达标单位` : "数据看板";
  return `${answer.orgUnit.name}_${answer.year}_${what}.xlsx`.replace(/[\\/:*?<>|]/g, "_");
}

export async function dashboardWorkbook(input: WorkbookInput): Promise<Buffer> {
  const { answer } = input;
  const now = input.now ?? new Date();
  const wb = new ExcelJS.Workbook();
  wb.creator = "青苗关工委工作平台";
  wb.created = now;
  wb.title = `${answer.orgUnit.name}${answer.year}年度数据看板`;
  summarySheet(wb, answer, now);
  if (answer.children.length) childrenSheet(wb, answer);
  monthlySheet(wb, input);
  if (input.failing?.length) failingSheet(wb, input.failing);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A rate as a fraction (formatted as %), money in 元, other counts as they are; null stays empty. */
function cellValue(def: Pick<MetricDef, "unit">, v: MetricValue): number | null {
  if ("numerator" in v) return v.value;
  return def.unit === "fen" ? v.value / 100 : v.value;
}
const numFmt = (def: Pick<MetricDef, "kind" | "unit">) => (def.kind === "rate" ? PERCENT : def.unit === "fen" ? YUAN : INTEGER);
const unitText = (def: Pick<MetricDef, "kind" | "unit">) => (def.kind === "rate" ? "%" : def.unit === "fen" ? "元" : (def.unit ?? ""));

function header(sheet: ExcelJS.Worksheet, rowNumber: number) {
  const row = sheet.getRow(rowNumber);
  row.font = { bold: true };
  row.alignment = { vertical: "middle", wrapText: true };
  row.eachCell({ includeEmpty: true }, (c) => {
    c.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFF3F4F6" } };
    c.border = { bottom: { style: "thin", color: { argb: "FFD1D5DB" } } };
  });
}

function summarySheet(wb: ExcelJS.Workbook, answer: MetricsAnswer, now: Date) {
  const sheet = wb.addWorksheet(SHEETS.summary, { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = [
    { header: "指标", width: 34 },
    { header: "分子", width: 10 },
    { header: "分母", width: 10 },
    { header: "数值", width: 14 },
    { header: "单位", width: 8 },
    { header: "说明", width: 60 },
  ];
  header(sheet, 1);
  for (const def of METRICS) {
    const v = answer.metrics[def.key];
    if (!v) continue;
    const rate = "numerator" in v;
    const row = sheet.addRow([def.label, rate ? v.numerator : null, rate ? v.denominator : null, cellValue(def, v), unitText(def), def.explain]);
    row.getCell(4).numFmt = numFmt(def);
  }
  sheet.addRow([]);
  sheet.addRow(["单位", answer.orgUnit.name]);
  sheet.addRow(["年度", answer.year]);
  sheet.addRow(["活动统计期间", `${answer.from} 至 ${answer.to}`]);
  sheet.addRow(["导出时间", now.toLocaleString("zh-CN", { timeZone: "Asia/Shanghai", hour12: false })]);
}

function childrenSheet(wb: ExcelJS.Workbook, answer: MetricsAnswer) {
  // Two header rows: each rate spans 分子 / 分母 / 比例; a count has its unit below its name.
  const sheet = wb.addWorksheet(SHEETS.children, { views: [{ state: "frozen", xSplit: 1, ySplit: 2 }] });
  const top: (string | null)[] = ["单位", "层级"];
  const sub: (string | null)[] = [null, null];
  const cols: { def: MetricDef; part: "numerator" | "denominator" | "value" }[] = [];
  for (const def of METRICS) {
    if (def.kind === "rate") {
      top.push(def.label, null, null);
      sub.push("分子", "分母", "比例");
      cols.push({ def, part: "numerator" }, { def, part: "denominator" }, { def, part: "value" });
    } else {
      top.push(def.label);
      sub.push(unitText(def));
      cols.push({ def, part: "value" });
    }
  }
  sheet.addRow(top);
  sheet.addRow(sub);
  sheet.mergeCells(1, 1, 2, 1);
  sheet.mergeCells(1, 2, 2, 2);
  let c = 3;
  for (const def of METRICS) {
    if (def.kind === "rate") sheet.mergeCells(1, c, 1, c + 2);
    c += def.kind === "rate" ? 3 : 1;
  }
  header(sheet, 1);
  header(sheet, 2);
  sheet.getRow(1).height = 48;
  sheet.getColumn(1).width = 22;
  sheet.getColumn(2).width = 10;
  cols.forEach((col, i) => {
    const column = sheet.getColumn(i + 3);
    column.width = col.part === "value" ? 12 : 7;
    column.numFmt = col.part === "value" ? numFmt(col.def) : INTEGER;
  });

  const line = (name: string, level: string, metrics: MetricsAnswer["metrics"]) =>
    sheet.addRow([
      name,
      level,
      ...cols.map(({ def, part }) => {
        const v = metrics[def.key];
        if (!v) return null;
        if (part === "value") return cellValue(def, v);
        return "numerator" in v ? v[part] : null;
      }),
    ]);
  for (const child of answer.children) line(child.orgUnit.name, LEVEL_LABELS[child.orgUnit.level], child.metrics);
  // The whole unit: not always the children's sum (a town's own station belongs to no child).
  line(`${answer.orgUnit.name}（整体）`, LEVEL_LABELS[answer.orgUnit.level], answer.metrics).font = { bold: true };
}

function monthlySheet(wb: ExcelJS.Workbook, { answer, monthly }: WorkbookInput) {
  const sheet = wb.addWorksheet(SHEETS.monthly, { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = [
    { header: "月份", width: 14 },
    { header: "活动场次（次）", width: 16, style: { numFmt: INTEGER } },
    { header: "受教育青少年（人次）", width: 22, style: { numFmt: INTEGER } },
  ];
  header(sheet, 1);
  for (const m of monthly) sheet.addRow([`${answer.year}年${m.month}月`, m.sessions, m.participants]);
  const total = (v: MetricValue | undefined) => (v && !("numerator" in v) ? v.value : null);
  sheet.addRow(["全年合计", total(answer.metrics.activitySessions), total(answer.metrics.activityParticipants)]).font = { bold: true };
}

function failingSheet(wb: ExcelJS.Workbook, lists: FailingList[]) {
  const sheet = wb.addWorksheet(SHEETS.failing, { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = [
    { header: "指标", width: 30 },
    { header: "单位", width: 22 },
    { header: "层级", width: 10 },
    { header: "所属上级", width: 16 },
    { header: "达标数", width: 8, style: { numFmt: INTEGER } },
    { header: "应达标数", width: 10, style: { numFmt: INTEGER } },
    { header: "情况", width: 50 },
  ];
  header(sheet, 1);
  for (const list of lists) {
    for (const u of list.units) {
      sheet.addRow([METRIC_BY_KEY[list.key].label, u.name, LEVEL_LABELS[u.level], u.parentName ?? "", u.numerator, u.denominator, u.details.join("；")]);
    }
  }
  sheet.autoFilter = { from: "A1", to: "G1" };
}
