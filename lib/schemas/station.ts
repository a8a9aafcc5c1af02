/**
 * 校外辅导站, funding, purchases and 校站结合 summer plans (DOMAIN §4.3–4.4): the zod
 * schemas the forms, the server actions and /api/v1/stations parse, the Chinese labels,
 * and money in fen (BigInt) ⇄ 元 / 万元 text. Pure: safe in client components.
 */
import { z } from "zod";
import { zAnyDay, zPastDay } from "./dates";
import { emptyToUndefined, ZCheckbox } from "./person";
import { optionalText, ZPage } from "./text";

export const PURCHASE_ITEMS = ["COMPUTER", "AIR_CONDITIONER", "DESK", "CHAIR", "OTHER"] as const;
export type PurchaseItem = (typeof PURCHASE_ITEMS)[number];
export const PURCHASE_ITEM_LABELS: Record<PurchaseItem, string> = {
  COMPUTER: "电脑",
  AIR_CONDITIONER: "空调",
  DESK: "桌子",
  CHAIR: "椅子",
  OTHER: "其他",
};
/** Measure word per item, for "137 台电脑". */
export const PURCHASE_ITEM_UNITS: Record<PurchaseItem, string> = {
  COMPUTER: "台",
  AIR_CONDITIONER: "台",
  DESK: "张",
  CHAIR: "把",
  OTHER: "件",
};

export const SUMMER_PLAN_STATUSES = ["DRAFT", "AGREED", "DONE"] as const;
export type SummerPlanStatus = (typeof SUMMER_PLAN_STATUSES)[number];
export const SUMMER_PLAN_STATUS_LABELS: Record<SummerPlanStatus, string> = { DRAFT: "草稿", AGREED: "已商定", DONE: "已完成" };
/** The one move forward from each status (DRAFT → AGREED → DONE); DONE is final. */
export const SUMMER_PLAN_NEXT: Record<SummerPlanStatus, SummerPlanStatus | null> = { DRAFT: "AGREED", AGREED: "DONE", DONE: null };

export const READING_FILTERS = ["none", "present", "standard", "substandard"] as const;
export type ReadingFilter = (typeof READING_FILTERS)[number];
export const READING_FILTER_LABELS: Record<ReadingFilter, string> = {
  none: "没有电子阅览室",
  present: "有电子阅览室",
  standard: "电子阅览室达标",
  substandard: "有阅览室但未达标",
};

// ── money ───────────────────────────────────────────────────────────────────────────

const YUAN_RE = /^\d{1,10}(\.\d{1,2})?$/;

/**
 * An amount in 元 with up to 2 decimals ("1234.56", "1,234.5", 1234.56) → fen as a BigInt,
 * exactly: the text is split at the point, never multiplied as a float.
 */
export function yuanToFen(text: string): bigint | null {
  const s = text.trim().replace(/[,，\s]/g, "");
  if (!YUAN_RE.test(s)) return null;
  const [int, frac = ""] = s.split(".");
  return BigInt(int) * 100n + BigInt(frac.padEnd(2, "0"));
}

/** A form or API amount in 元 → fen (see yuanToFen); `positive`: 0 is refused too. */
export function zYuan(label: string, opts: { positive: boolean }) {
  return z.preprocess(
    (v) => (typeof v === "number" && Number.isFinite(v) ? String(v) : v === null || v === undefined ? "" : v),
    z
      .string({ error: `${label}须为数字，单位元，例如 1234.56` })
      .transform((s, ctx) => {
        if (s.trim() === "") {
          ctx.addIssue({ code: "custom", message: `请填写${label}（元）` });
          return z.NEVER;
        }
        const fen = yuanToFen(s);
        if (fen === null) {
          ctx.addIssue({ code: "custom", message: `${label}须为以元为单位的数字，最多两位小数，例如 1234.56` });
          return z.NEVER;
        }
        if (opts.positive && fen <= 0n) {
          ctx.addIssue({ code: "custom", message: `${label}须大于 0` });
          return z.NEVER;
        }
        return fen;
      }),
  );
}

const groupThousands = (n: bigint) => n.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",");

/** 123456n → "1,234.56 元" (whole yuan without decimals: "726,000 元"). */
export function formatYuan(fen: bigint): string {
  const neg = fen < 0n;
  const abs = neg ? -fen : fen;
  const yuan = abs / 100n;
  const cents = abs % 100n;
  const text = cents === 0n ? groupThousands(yuan) : `${groupThousands(yuan)}.${cents.toString().padStart(2, "0")}`;
  return `${neg ? "-" : ""}${text} 元`;
}

/** 72_600_000n → "72.6万元": 万元 with up to two decimals, trailing zeros dropped. */
export function formatWan(fen: bigint): string {
  // 1 万元 = 1,000,000 fen; round half up to 0.01 万元 (= 10,000 fen) in integers.
  const neg = fen < 0n;
  const abs = neg ? -fen : fen;
  const hundredths = (abs + 5_000n) / 10_000n;
  const int = hundredths / 100n;
  const frac = (hundredths % 100n).toString().padStart(2, "0").replace(/0+$/, "");
  return `${neg ? "-" : ""}${int}${frac ? `.${frac}` : ""}万元`;
}

/** "1,234.56 元（0.12万元）" for totals. */
export const formatMoney = (fen: bigint) => `${formatYuan(fen)}（${formatWan(fen)}）`;

// ── stations ─────────────────────────────────────────────────────────────────────────

/** "王老师, 李老师、张老师" from a form, or ["王老师", "李老师"] from the API. */
const ZTutors = z.preprocess(
  (v) => (typeof v === "string" ? v.split(/[,，、;；\n]+/) : (v ?? [])),
  z
    .array(z.string({ error: "辅导员姓名须为文字" }).trim().max(20, "每位辅导员的姓名不能超过 20 个字"), { error: "辅导员须为姓名列表" })
    .transform((xs) => [...new Set(xs.filter((x) => x.length > 0))])
    .refine((xs) => xs.length <= 30, "辅导员最多填写 30 位"),
);

const stationFields = {
  name: z.string({ error: "请填写辅导站名称" }).trim().min(1, "请填写辅导站名称").max(60, "辅导站名称不能超过 60 个字"),
  address: optionalText("地址", 100),
  pairedSchoolId: z.preprocess(emptyToUndefined, z.uuid({ error: "请从列表中选择挂钩学校" }).optional()),
  tutors: ZTutors,
  eReadingRoom: ZCheckbox,
  eReadingRoomUpToStandard: ZCheckbox,
  eReadingRoomCheckedOn: z.preprocess(emptyToUndefined, zPastDay("检查日期").optional()),
};

/** 达标 needs a room and the day it was checked. */
function readingRoomRules(v: { eReadingRoom: boolean; eReadingRoomUpToStandard: boolean; eReadingRoomCheckedOn?: Date }, ctx: z.RefinementCtx) {
  if (v.eReadingRoomUpToStandard && !v.eReadingRoom) {
    ctx.addIssue({ code: "custom", path: ["eReadingRoomUpToStandard"], message: "没有电子阅览室，不能标记为达标" });
  }
  if (v.eReadingRoomUpToStandard && !v.eReadingRoomCheckedOn) {
    ctx.addIssue({ code: "custom", path: ["eReadingRoomCheckedOn"], message: "标记达标时请填写检查日期" });
  }
}

export const ZCreateStation = z
  .object({ orgUnitId: z.uuid({ error: "请选择所在镇（街道）或村（社区）" }), ...stationFields })
  .superRefine(readingRoomRules);
export type TCreateStation = z.output<typeof ZCreateStation>;

/** The host unit is fixed once registered: activities are scoped through it. */
export const ZUpdateStation = z.object({ id: z.uuid(), ...stationFields }).superRefine(readingRoomRules);
export type TUpdateStation = z.output<typeof ZUpdateStation>;

export const ZStationFilters = z.object({
  town: z.preprocess(emptyToUndefined, z.string().optional()),
  reading: z.preprocess(emptyToUndefined, z.enum(READING_FILTERS, { error: "reading 应为 none、present、standard 或 substandard" }).optional()),
  page: ZPage,
});
export type TStationFilters = z.output<typeof ZStationFilters>;

// ── funding and purchases ────────────────────────────────────────────────────────────

export const ZCreateFunding = z
  .object({
    amount: zYuan("金额", { positive: true }),
    source: z.string({ error: "请填写资金来源" }).trim().min(1, "请填写资金来源，例如“区财政”“社会捐赠”").max(60, "资金来源不能超过 60 个字"),
    receivedOn: zPastDay("到账日期"),
    stationId: z.preprocess(emptyToUndefined, z.uuid({ error: "请从列表中选择辅导站" }).optional()),
    orgUnitId: z.preprocess(emptyToUndefined, z.uuid({ error: "请选择单位" }).optional()),
    note: optionalText("备注", 200),
  })
  .superRefine((v, ctx) => {
    if (!v.stationId && !v.orgUnitId) ctx.addIssue({ code: "custom", path: ["stationId"], message: "请选择辅导站，或选择筹资单位" });
  });
export type TCreateFunding = z.output<typeof ZCreateFunding>;

export const ZCreatePurchase = z
  .object({
    stationId: z.uuid({ error: "请选择辅导站" }),
    item: z.enum(PURCHASE_ITEMS, { error: "请选择物品（电脑、空调、桌子、椅子或其他）" }),
    itemName: optionalText("物品名称", 40),
    quantity: z.preprocess(
      (v) => (v === "" || v === null || v === undefined ? undefined : v),
      z.coerce
        .number({ error: "请填写数量" })
        .int("数量须为整数")
        .min(1, "数量至少为 1")
        .max(10_000, "数量不能超过 10000"),
    ),
    cost: zYuan("金额", { positive: false }),
    purchasedOn: zPastDay("购置日期"),
  })
  .superRefine((v, ctx) => {
    if (v.item === "OTHER" && !v.itemName) ctx.addIssue({ code: "custom", path: ["itemName"], message: "选择“其他”时请填写物品名称" });
  });
export type TCreatePurchase = z.output<typeof ZCreatePurchase>;

/** Totals filters: a period (from/to, both optional) and a town. */
export const ZMoneyFilters = z
  .object({
    from: z.preprocess(emptyToUndefined, zAnyDay("开始日期").optional()),
    to: z.preprocess(emptyToUndefined, zAnyDay("结束日期").optional()),
    town: z.preprocess(emptyToUndefined, z.string().optional()),
  })
  .superRefine((v, ctx) => {
    if (v.from && v.to && v.to < v.from) ctx.addIssue({ code: "custom", path: ["to"], message: "结束日期不能早于开始日期" });
  });
export type TMoneyFilters = z.output<typeof ZMoneyFilters>;

// ── summer plans ─────────────────────────────────────────────────────────────────────

const ZYear = z.coerce
  .number({ error: "请填写年份，例如 2019" })
  .int("请填写四位数的年份")
  .min(2000, "年份不能早于 2000 年")
  .refine((y) => y <= new Date().getFullYear() + 1, "年份太远了，请检查");

export const ZCreateSummerPlan = z
  .object({
    orgUnitId: z.uuid({ error: "请选择镇（街道）或村（社区）关工委" }),
    schoolId: z.preprocess(emptyToUndefined, z.uuid({ error: "请选择挂钩学校" }).optional()),
    year: ZYear,
    startsOn: zAnyDay("开始日期"),
    endsOn: zAnyDay("结束日期"),
    plannedActivities: z
      .string({ error: "请填写计划开展的活动" })
      .trim()
      .min(1, "请填写计划开展的活动")
      .max(2000, "计划内容不能超过 2000 个字"),
  })
  .superRefine((v, ctx) => {
    if (v.endsOn < v.startsOn) ctx.addIssue({ code: "custom", path: ["endsOn"], message: "结束日期不能早于开始日期" });
    if (v.startsOn.getUTCFullYear() !== v.year) ctx.addIssue({ code: "custom", path: ["startsOn"], message: `开始日期应在 ${v.year} 年内` });
  });
export type TCreateSummerPlan = z.output<typeof ZCreateSummerPlan>;

export const ZAdvanceSummerPlan = z.object({
  id: z.uuid(),
  status: z.enum(SUMMER_PLAN_STATUSES, { error: "请选择状态" }),
  agreedOn: z.preprocess(emptyToUndefined, zPastDay("商定日期").optional()),
});
export type TAdvanceSummerPlan = z.output<typeof ZAdvanceSummerPlan>;

export const ZLinkActivityToPlan = z.object({
  activityId: z.uuid({ error: "请选择活动" }),
  planId: z.uuid({ error: "请选择暑期计划" }),
});

export const ZSummerPlanYear = z.object({
  year: z.preprocess(emptyToUndefined, ZYear.optional()),
});

/** 1 July of a year, the day by which a plan must be agreed (截至7月1日). */
export const agreeDeadline = (year: number) => new Date(Date.UTC(year, 6, 1));
