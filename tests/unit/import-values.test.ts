/** Import cells → values (shared/IMPORT.md "Values"): every date format, full-width text, vocabularies, years, phones. */
import { describe, expect, it } from "vitest";
import { TEMPLATES, type Column } from "@/lib/imports/templates";
import { formatDate, normalizeText, parseCell, parseDate } from "@/lib/server/imports/values";

const col = (kind: keyof typeof TEMPLATES, header: string): Column => {
  const c = TEMPLATES[kind].columns.find((x) => x.header === header);
  if (!c) throw new Error(`no column ${header}`);
  return c;
};
const value = (c: Column, text: string) => {
  const r = parseCell(c, normalizeText(text));
  if (!r.ok) throw new Error(`expected ok for “${text}”: ${r.message}`);
  return r.value;
};
const message = (c: Column, text: string) => {
  const r = parseCell(c, normalizeText(text));
  if (r.ok) throw new Error(`expected an error for “${text}”`);
  return r.message;
};
const day = (s: string) => new Date(`${s}T00:00:00.000Z`);

describe("normalizeText", () => {
  it("turns full-width digits, letters and date punctuation half-width and trims full-width spaces", () => {
    expect(normalizeText("\u3000２０１９－１０－１２\u3000")).toBe("2019-10-12");
    expect(normalizeText("３２０８１２００１")).toBe("320812001");
    expect(normalizeText("ＡＢｃ／．：")).toBe("ABc/.:");
    expect(normalizeText(" a\r\nb ")).toBe("a\nb");
    expect(normalizeText("")).toBe("");
  });
  it("keeps full-width punctuation that belongs to names", () => {
    expect(normalizeText("城南（社区），一组")).toBe("城南（社区），一组");
  });
  it("leaves text and list cells as written, apart from surrounding spaces (an export re-imports unchanged)", () => {
    expect(normalizeText("\u3000“五老”报告会：第１期 ", "text")).toBe("“五老”报告会：第１期");
    expect(normalizeText("张　三\r\n", "text")).toBe("张　三");
    expect(normalizeText("书法、Ａ类", "list")).toBe("书法、Ａ类");
    expect(normalizeText("２０１９．１０．１２", "date")).toBe("2019.10.12");
  });
});

describe("dates", () => {
  const joined = col("volunteers", "加入日期");
  it.each([
    ["2019-10-12", "2019-10-12"],
    ["2019/10/12", "2019-10-12"],
    ["2019.10.12", "2019-10-12"],
    ["2019年10月12日", "2019-10-12"],
    ["2019 年 10 月 12 日", "2019-10-12"],
    ["2019-1-5", "2019-01-05"],
    ["2019/1/5", "2019-01-05"],
    ["20191012", "2019-10-12"],
    ["２０１９年１０月１２日", "2019-10-12"],
    ["2019-10-12 00:00:00", "2019-10-12"],
    ["2020-02-29", "2020-02-29"],
  ])("reads %s", (text, iso) => {
    expect(value(joined, text)).toEqual(day(iso));
  });
  it.each(["2019-13-01", "2019-02-30", "2019-02-29", "2019-10", "12/10/2019", "2019-10/12", "去年", "43750", "1800-01-01", "2019-10-12 08:30"])(
    "refuses %s with the formats to use",
    (text) => {
      expect(message(joined, text)).toBe(`无法识别的日期“${normalizeText(text)}”，请写成 2019-10-12 或 2019年10月12日`);
    },
  );
  it("a required date cannot be empty; an optional one is null", () => {
    expect(message(joined, " ")).toBe("必填，不能为空");
    expect(value(col("volunteers", "培训日期"), "")).toBeNull();
  });
  it("formatDate writes what parseDate reads", () => {
    expect(formatDate(day("2019-10-12"))).toBe("2019-10-12");
    expect(parseDate(formatDate(day("2006-06-01")))).toEqual(day("2006-06-01"));
  });
});

describe("vocabularies", () => {
  const consent = col("volunteers", "同意宣传");
  it.each([
    ["是", "yes"],
    ["否", "no"],
    ["有", "yes"],
    ["无", "no"],
    ["√", "yes"],
    ["×", "no"],
  ])("yes/no word %s", (word, v) => {
    expect(value(consent, word)).toBe(v);
  });
  it("an unknown word lists the allowed words", () => {
    expect(message(consent, "yes")).toBe("“yes”不是可选的值，请填写：是 / 否");
    expect(message(col("volunteers", "类别"), "老同志")).toContain("老干部 / 老战士 / 老专家 / 老教师 / 老模范");
  });
  it("maps words to stored values", () => {
    expect(value(col("volunteers", "类别"), "老教师")).toBe("VETERAN_TEACHER");
    expect(value(col("units", "单位类型"), "街道")).toBe("街道");
    expect(value(col("stations", "电子阅览室"), "有未达标")).toBe("BELOW_STANDARD");
  });
});

describe("years, numbers, codes, phones, lists, text", () => {
  const born = col("volunteers", "出生年份");
  it("birth years from 1930 to this year", () => {
    expect(value(born, "1956")).toBe(1956);
    expect(value(born, "１９５６")).toBe(1956);
    expect(value(born, "1930")).toBe(1930);
    expect(message(born, "1800")).toContain("出生年份应在 1930 年到今年之间");
    expect(message(born, String(new Date().getUTCFullYear() + 1))).toContain("出生年份应在 1930 年到今年之间");
    expect(message(born, "56")).toContain("四位数字");
  });
  it("counts are non-negative integers", () => {
    const n = col("activities", "参加青少年人数");
    expect(value(n, "45")).toBe(45);
    expect(value(n, "0")).toBe(0);
    expect(message(n, "-3")).toContain("应为整数");
    expect(message(n, "4.5")).toContain("应为整数");
    expect(message(n, "四十")).toContain("应为整数");
    expect(message(n, "")).toBe("必填，不能为空");
  });
  it("codes: digits, letters and '-', at most 20", () => {
    const code = col("units", "单位代码");
    expect(value(code, "３２０８１２００１００１")).toBe("320812001001");
    expect(message(code, "3208 12")).toContain("只能由数字、字母");
    expect(message(code, "1".repeat(21))).toContain("不能超过 20 位");
  });
  it("phones: 11-digit mobile or landline with area code", () => {
    const phone = col("volunteers", "联系电话");
    expect(value(phone, "13800000000")).toBe("13800000000");
    expect(value(phone, "138 0000 0000")).toBe("13800000000");
    expect(value(phone, "0517-83660000")).toBe("0517-83660000");
    expect(value(phone, "０５１７－８３６６００００")).toBe("0517-83660000");
    expect(message(phone, "83660000")).toContain("11 位手机号或带区号的固定电话");
    expect(message(phone, "1380000000")).toContain("11 位手机号");
  });
  it("lists split on 、 , ， ; and line breaks", () => {
    const skills = col("volunteers", "专长");
    expect(value(skills, "书法、家庭教育, 剪纸；;\n 象棋")).toEqual(["书法", "家庭教育", "剪纸", "象棋"]);
    expect(value(skills, "")).toBeNull();
  });
  it("text up to 200 characters", () => {
    const name = col("volunteers", "姓名");
    expect(value(name, "  李秀英 ")).toBe("李秀英");
    expect(message(name, "字".repeat(201))).toContain("不能超过 200 个字");
  });
});
