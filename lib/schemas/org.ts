import { z } from "zod";
import { zPastDay } from "./dates";
import { emptyToUndefined } from "./person";
import { text } from "./text";
import { UNIT_KINDS } from "@/lib/imports/templates";

/** Records when a unit's committee (关工委) was set up: it drives coverage (全覆盖). */
export const ZSetCommitteeEstablished = z.object({
  unitId: z.uuid(),
  establishedOn: zPastDay("关工委成立日期"),
});

/** The levels a person may add under a parent (the district root is made by the platform). */
export const NEW_UNIT_LEVELS = ["TOWN", "VILLAGE", "SCHOOL"] as const;
export type NewUnitLevel = (typeof NEW_UNIT_LEVELS)[number];

export const NEW_UNIT_LEVEL_LABELS: Record<NewUnitLevel, string> = {
  TOWN: "镇（街道）",
  VILLAGE: "村（社区）",
  SCHOOL: "学校",
};

/** Which parent levels each level may hang under (DOMAIN §2). */
export const PARENT_LEVELS: Record<NewUnitLevel, readonly string[]> = {
  TOWN: ["DISTRICT"],
  VILLAGE: ["TOWN"],
  SCHOOL: ["DISTRICT", "TOWN"],
};

export const PARENT_RULE_MESSAGES: Record<NewUnitLevel, string> = {
  TOWN: "镇（街道）只能设在区下",
  VILLAGE: "村（社区）只能设在镇（街道）下",
  SCHOOL: "学校只能设在区或镇（街道）下",
};

/** The kinds (单位类型) of a level, in the order of the import template. */
export const kindsOfLevel = (level: string) => Object.keys(UNIT_KINDS).filter((k) => UNIT_KINDS[k] === level);

const uuidOf = (message: string) => z.preprocess(emptyToUndefined, z.uuid({ error: message }));

const zKind = z.preprocess(
  emptyToUndefined,
  z.string({ error: "请选择单位类型" }).trim().refine((k) => k in UNIT_KINDS, `单位类型须为：${Object.keys(UNIT_KINDS).join("、")}`),
);

/** Codes are matched, names shown (IMPORT.md "Codes"): digits and letters only; the level rules are checked on the server. */
const zCode = z.preprocess(
  emptyToUndefined,
  z
    .string({ error: "请填写单位代码" })
    .trim()
    .min(1, "请填写单位代码")
    .max(20, "单位代码不能超过 20 位")
    .regex(/^[0-9A-Za-z]+$/, "单位代码只能由数字和字母组成"),
);

const zName = text("单位名称", 50);

/** 新增下级单位. */
export const ZCreateUnit = z
  .object({
    parentId: uuidOf("请选择上级单位"),
    level: z.enum(NEW_UNIT_LEVELS, { error: "请选择单位层级：镇（街道）、村（社区）或学校" }),
    kind: zKind,
    name: zName,
    code: zCode,
    committeeEstablishedOn: z.preprocess(emptyToUndefined, zPastDay("关工委成立日期").optional()),
  })
  .superRefine((v, ctx) => {
    if (UNIT_KINDS[v.kind] !== v.level) {
      ctx.addIssue({ code: "custom", path: ["kind"], message: `${NEW_UNIT_LEVEL_LABELS[v.level]}的类型须为：${kindsOfLevel(v.level).join("、")}` });
    }
  });

/** A checkbox or JSON `true`. */
const zTrue = z.preprocess((v) => (v === "on" || v === "true" ? true : emptyToUndefined(v)), z.literal(true, { error: "reopen 只能为 true" }).optional());

/**
 * 修改 / 移动 / 撤销 / 恢复 (PATCH): any of the fields. Closing and reopening stand alone;
 * the other changes may come together (e.g. rename and re-code after a 撤村并居).
 */
export const ZUpdateUnit = z
  .object({
    id: uuidOf("未找到该单位"),
    name: z.preprocess(emptyToUndefined, zName.optional()),
    kind: zKind.optional(),
    code: zCode.optional(),
    parentId: z.preprocess(emptyToUndefined, z.uuid({ error: "请选择新的上级单位" }).optional()),
    closedOn: z.preprocess(emptyToUndefined, zPastDay("撤销日期").optional()),
    reopen: zTrue,
  })
  .superRefine((v, ctx) => {
    const edits = [v.name, v.kind, v.code, v.parentId].filter((x) => x !== undefined).length;
    if (v.closedOn && (v.reopen || edits > 0)) {
      ctx.addIssue({ code: "custom", path: ["closedOn"], message: "撤销单位时不能同时修改其他内容" });
    } else if (v.reopen && edits > 0) {
      ctx.addIssue({ code: "custom", path: ["reopen"], message: "恢复单位时不能同时修改其他内容" });
    } else if (!v.closedOn && !v.reopen && edits === 0) {
      ctx.addIssue({ code: "custom", path: ["_"], message: "没有要修改的内容" });
    }
  });

/** 撤并: this village (id) into another (intoId) on a date. */
export const ZMergeUnit = z.object({
  id: uuidOf("未找到该单位"),
  intoId: uuidOf("请选择并入的村（社区）"),
  on: zPastDay("撤并日期"),
});
