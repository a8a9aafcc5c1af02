/**
 * The Excel/WPS templates of shared/IMPORT.md — a contract: header names and
 * vocabularies are fixed (other offices' scripts rely on them). One definition serves
 * the template download, the reader (header matching), the per-kind import and the
 * export, so export → import is always "all unchanged".
 *
 * Vocabularies map the sheet's Chinese word to the stored value. `aliases` are further
 * words accepted on import (what offices write by habit); export writes the first word.
 */

export const IMPORT_KINDS = ["units", "rosters", "volunteers", "stations", "activities"] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export interface Vocabulary<V extends string = string> {
  /** Chinese word on the sheet → stored value; the first word per value is what export writes. */
  words: readonly (readonly [string, V])[];
}

const vocab = <V extends string>(words: readonly (readonly [string, V])[]): Vocabulary<V> => ({ words });

export const YES_NO = vocab([
  ["是", "yes"],
  ["否", "no"],
  ["有", "yes"],
  ["无", "no"],
  ["√", "yes"],
  ["×", "no"],
] as const);

export const UNIT_LEVELS = vocab([
  ["镇街", "TOWN"],
  ["村社区", "VILLAGE"],
  ["学校", "SCHOOL"],
] as const);

/** 单位类型 (OrgUnit.kind is stored as the word itself), and the levels each kind belongs to. */
export const UNIT_KINDS: Record<string, "TOWN" | "VILLAGE" | "SCHOOL"> = {
  镇: "TOWN",
  街道: "TOWN",
  村: "VILLAGE",
  社区: "VILLAGE",
  小学: "SCHOOL",
  初中: "SCHOOL",
  九年一贯制: "SCHOOL",
  高中: "SCHOOL",
  职业学校: "SCHOOL",
  特殊教育学校: "SCHOOL",
};

export const GENDERS = vocab([
  ["男", "MALE"],
  ["女", "FEMALE"],
] as const);

/** 职级; empty = NONE (not a cadre). */
export const CADRE_RANKS = vocab([
  ["科级及以上", "SECTION_OR_ABOVE"],
  ["科级以下", "BELOW_SECTION"],
  ["科级以下干部", "BELOW_SECTION"],
  ["非干部", "NONE"],
] as const);

export const ROSTER_ROLES = vocab([
  ["主任", "DIRECTOR"],
  ["常务副主任", "EXEC_DEPUTY"],
  ["副主任", "DEPUTY"],
  ["年轻工作者", "ASSISTANT"],
  ["成员", "MEMBER"],
  ["委员", "MEMBER"],
] as const);

export const VOLUNTEER_CATEGORIES = vocab([
  ["老干部", "VETERAN_CADRE"],
  ["老战士", "VETERAN_SOLDIER"],
  ["老专家", "VETERAN_EXPERT"],
  ["老教师", "VETERAN_TEACHER"],
  ["老模范", "VETERAN_MODEL"],
] as const);

/** 状态; empty = 在岗 (ACTIVE). */
export const VOLUNTEER_STATUSES = vocab([
  ["在岗", "ACTIVE"],
  ["在队", "ACTIVE"],
  ["暂停", "PAUSED"],
  ["退出", "LEFT"],
  ["已退出", "LEFT"],
] as const);

/** 电子阅览室: none, present but not up to standard, up to standard. */
export const E_READING_ROOMS = vocab([
  ["无", "NONE"],
  ["有未达标", "BELOW_STANDARD"],
  ["达标", "UP_TO_STANDARD"],
] as const);

export const ACTIVITY_KINDS = vocab([
  ["报告会", "REPORT"],
  ["故事会", "STORY"],
  ["宣讲会", "LECTURE"],
  ["暑期活动", "SUMMER"],
  ["其他", "OTHER"],
] as const);

/** Several names or skills in one cell: 、 , ， ; ； or line breaks. */
export const LIST_SEPARATORS = /[、,，;；\n]+/;

export type ColumnType = "text" | "code" | "date" | "year" | "int" | "phone" | "vocab" | "list";

export interface Column {
  /** The header as written on the template (without the `*`). */
  header: string;
  required: boolean;
  type: ColumnType;
  /** For `vocab` columns; the template's drop-down lists its first word per value. */
  vocabulary?: Vocabulary;
  /** For the 说明 sheet. */
  note: string;
  /** Example row value on the template. */
  example: string;
}

export interface Template {
  kind: ImportKind;
  /** Sheet name and file name (组织架构.xlsx …). */
  title: string;
  columns: readonly Column[];
  /** Headers that together identify a row (re-import updates it instead of adding one). */
  key: readonly string[];
}

const c = (header: string, required: boolean, type: ColumnType, note: string, example: string, vocabulary?: Vocabulary): Column => ({
  header,
  required,
  type,
  note,
  example,
  vocabulary,
});

export const TEMPLATES: Record<ImportKind, Template> = {
  units: {
    kind: "units",
    title: "组织架构",
    key: ["单位代码"],
    columns: [
      c("单位名称", true, "text", "单位全称", "城南街道"),
      c("单位层级", true, "vocab", "镇街 / 村社区 / 学校", "镇街", UNIT_LEVELS),
      c("单位类型", true, "vocab", Object.keys(UNIT_KINDS).join("、"), "街道", vocab(Object.keys(UNIT_KINDS).map((k) => [k, k] as const))),
      c("单位代码", true, "code", "镇街 9 位（区 6 位 + 3 位），村社区 12 位（镇街 9 位 + 3 位），学校为区内唯一的代码（如 10 位学校标识码）", "320812001"),
      c("上级单位代码", false, "code", "空 = 直属区；村社区填所属镇街代码", ""),
      c("关工委成立日期", false, "date", "空 = 尚未成立关工委；如 2019-10-12 或 2019年10月12日", "2006-06-01"),
    ],
  },
  rosters: {
    kind: "rosters",
    title: "班子成员",
    key: ["单位代码", "姓名", "班子职务", "任职日期"],
    columns: [
      c("单位代码", true, "code", "班子所在单位的代码", "320812001"),
      c("姓名", true, "text", "成年人姓名", "王建国"),
      c("性别", false, "vocab", "男 / 女", "男", GENDERS),
      c("出生年份", false, "year", "四位数，1930 年至今年", "1956"),
      c("联系电话", false, "phone", "11 位手机号或带区号的固定电话", "13800000000"),
      c("政治面貌", false, "text", "中共党员、群众等", "中共党员"),
      c("原任职务", false, "text", "退休前的职务", "街道党工委副书记"),
      c("职级", false, "vocab", "科级及以上 / 科级以下；空 = 非干部", "科级及以上", CADRE_RANKS),
      c("是否退休", false, "vocab", "是 / 否", "是", YES_NO),
      c("班子职务", true, "vocab", "主任 / 常务副主任 / 副主任 / 年轻工作者 / 成员", "常务副主任", ROSTER_ROLES),
      c("是否兼任", false, "vocab", "是 / 否（在职领导兼任填“是”）", "否", YES_NO),
      c("任职日期", true, "date", "如 2019-10-12", "2018-01-01"),
      c("离任日期", false, "date", "空 = 现任", ""),
    ],
  },
  volunteers: {
    kind: "volunteers",
    title: "五老志愿者",
    key: ["所属单位代码", "姓名", "出生年份"],
    columns: [
      c("所属单位代码", true, "code", "志愿者所属单位的代码", "320812001001"),
      c("姓名", true, "text", "成年人姓名", "李秀英"),
      c("性别", false, "vocab", "男 / 女", "女", GENDERS),
      c("出生年份", false, "year", "四位数，1930 年至今年", "1950"),
      c("联系电话", false, "phone", "11 位手机号或带区号的固定电话", "13900000000"),
      c("类别", true, "vocab", "老干部 / 老战士 / 老专家 / 老教师 / 老模范", "老教师", VOLUNTEER_CATEGORIES),
      c("专长", false, "list", "多项用、或，分隔", "书法、家庭教育"),
      c("加入日期", true, "date", "如 2019-10-12", "2019-03-01"),
      c("培训日期", false, "date", "入门培训日期", "2019-04-15"),
      c("状态", false, "vocab", "在岗（默认）/ 暂停 / 退出", "在岗", VOLUNTEER_STATUSES),
      c("同意宣传", false, "vocab", "是 / 否（默认否）", "否", YES_NO),
    ],
  },
  stations: {
    kind: "stations",
    title: "校外辅导站",
    key: ["所在单位代码", "辅导站名称"],
    columns: [
      c("辅导站名称", true, "text", "辅导站全称", "城南街道校外辅导站"),
      c("所在单位代码", true, "code", "所在镇街或村社区的代码", "320812001"),
      c("挂钩学校代码", false, "code", "挂钩学校的代码", ""),
      c("地址", false, "text", "", "城南街道文化站二楼"),
      c("辅导员", false, "list", "成年辅导员姓名，多名用、或，分隔", "张老师、李老师"),
      c("电子阅览室", false, "vocab", "无 / 有未达标 / 达标", "达标", E_READING_ROOMS),
      c("达标检查日期", false, "date", "电子阅览室达标检查日期", "2019-09-01"),
    ],
  },
  activities: {
    kind: "activities",
    title: "活动记录",
    key: ["所在单位代码", "辅导站名称", "活动日期", "活动类型", "活动主题"],
    columns: [
      c("所在单位代码", true, "code", "辅导站所在单位的代码", "320812001"),
      c("辅导站名称", true, "text", "已登记的辅导站名称", "城南街道校外辅导站"),
      c("活动日期", true, "date", "不能晚于今天", "2019-07-15"),
      c("活动类型", true, "vocab", "报告会 / 故事会 / 宣讲会 / 暑期活动 / 其他", "暑期活动", ACTIVITY_KINDS),
      c("活动主题", true, "text", "", "暑期安全教育"),
      c("参加青少年人数", true, "int", "0–10000，只填人数，不填青少年姓名", "45"),
      c("备注", false, "text", "", ""),
    ],
  },
};

/** Header cells match after trimming half- and full-width spaces, removing `*` and line breaks. */
export function normalizeHeader(raw: string): string {
  return raw.replace(/[\s\u3000*＊]+/g, "");
}

/** The stored value for a sheet word, or undefined when the word is not in the vocabulary. */
export function fromWord<V extends string>(v: Vocabulary<V>, word: string): V | undefined {
  return v.words.find(([w]) => w === word)?.[1];
}

/** The word export writes for a stored value (the first word listed for it). */
export function toWord<V extends string>(v: Vocabulary<V>, value: V): string {
  const found = v.words.find(([, x]) => x === value);
  if (!found) throw new Error(`no word for ${value}`);
  return found[0];
}

/** The words the template's drop-down offers: the first word per value. */
export function dropDownWords(v: Vocabulary): string[] {
  const seen = new Set<string>();
  return v.words.filter(([, x]) => (seen.has(x) ? false : (seen.add(x), true))).map(([w]) => w);
}
