/**
 * One cell of an import sheet → a typed value, by the template column's type
 * (shared/IMPORT.md). Pure: no database, unit-tested on its own. Messages are the
 * plain Chinese sentence shown beside the row and column in the dry run and the
 * error report, so they say what is wrong AND how to write it instead.
 */
import { dropDownWords, fromWord, LIST_SEPARATORS, type Column, type ColumnType } from "@/lib/imports/templates";
import { currentYear } from "@/lib/schemas/dates";

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const bad = (message: string): Parsed<never> => ({ ok: false, message });

/**
 * Full-width digits and letters and the punctuation that appears inside dates, codes and
 * phone numbers (－ ／ ． ：) become half-width; full-width and no-break spaces become
 * plain spaces; Windows line breaks become "\n"; then trimmed.
 *
 * With `type` "text" or "list" only the line breaks and the surrounding spaces are
 * touched: a name or title is kept as written ("报告会：红色家风", "第１期"), so an
 * exported text re-imports unchanged. Other full-width punctuation (，（）) is never changed.
 */
export function normalizeText(raw: string, type?: ColumnType): string {
  if (!raw) return "";
  if (type === "text" || type === "list") return raw.replace(/\r\n?/g, "\n").replace(/^[\s\u3000]+|[\s\u3000]+$/g, "");
  return raw
    .replace(/[０-９Ａ-Ｚａ-ｚ－／．：]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/[\u3000\u00a0]/g, " ")
    .replace(/\r\n?/g, "\n")
    .trim();
}

const MAX_TEXT = 200;
const MAX_CODE = 20;
const MIN_BIRTH_YEAR = 1930;
/** Dates before or after these years are typing mistakes, not real committee or activity dates. */
const MIN_DATE_YEAR = 1900;
const MAX_DATE_YEAR = 2100;

/** A UTC-midnight Date when y-m-d is a real calendar day, else null. */
function calendarDay(y: number, m: number, d: number): Date | null {
  if (y < MIN_DATE_YEAR || y > MAX_DATE_YEAR || m < 1 || m > 12 || d < 1 || d > 31) return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCMonth() === m - 1 && date.getUTCDate() === d ? date : null;
}

/**
 * 2019-10-12, 2019/10/12, 2019.10.12 (one- or two-digit month and day), 2019年10月12日,
 * 20191012; a trailing midnight time ("2019-10-12 00:00:00", what some systems export)
 * is tolerated.
 */
const DATE_SEPARATED = /^(\d{4})\s*([-/.])\s*(\d{1,2})\s*\2\s*(\d{1,2})(?:\s+0{1,2}:00(?::00)?)?$/;
const DATE_CHINESE = /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?$/;
const DATE_COMPACT = /^(\d{4})(\d{2})(\d{2})$/;

export function parseDate(text: string): Date | null {
  const m = DATE_SEPARATED.exec(text) ?? DATE_CHINESE.exec(text) ?? DATE_COMPACT.exec(text);
  if (!m) return null;
  const [y, mo, d] = m.length === 5 ? [m[1], m[3], m[4]] : [m[1], m[2], m[3]];
  return calendarDay(Number(y), Number(mo), Number(d));
}

const PHONE = /^(1\d{10}|0\d{2,3}-?\d{7,8})$/;

/** Parses one cell (already normalised text) by the column's type. */
export function parseCell(column: Column, text: string): Parsed<string | number | Date | string[] | null> {
  if (text === "") return column.required ? bad("必填，不能为空") : ok(null);
  switch (column.type) {
    case "text":
      return text.length > MAX_TEXT ? bad(`不能超过 ${MAX_TEXT} 个字（现有 ${text.length} 个字）`) : ok(text);
    case "code":
      if (!/^[0-9A-Za-z-]+$/.test(text)) return bad(`代码“${text}”只能由数字、字母和“-”组成`);
      return text.length > MAX_CODE ? bad(`代码不能超过 ${MAX_CODE} 位`) : ok(text);
    case "date": {
      const date = parseDate(text);
      return date ? ok(date) : bad(`无法识别的日期“${text}”，请写成 2019-10-12 或 2019年10月12日`);
    }
    case "year": {
      const m = /^(\d{4})\s*年?$/.exec(text);
      const thisYear = currentYear();
      if (!m) return bad(`出生年份“${text}”应为四位数字，如 1956`);
      const year = Number(m[1]);
      return year < MIN_BIRTH_YEAR || year > thisYear ? bad(`出生年份应在 ${MIN_BIRTH_YEAR} 年到今年之间（现为 ${year}）`) : ok(year);
    }
    case "int": {
      if (!/^\d+$/.test(text)) return bad(`“${text}”应为整数（0 或正整数）`);
      const n = Number(text);
      return Number.isSafeInteger(n) ? ok(n) : bad(`“${text}”应为整数，且不能这么大`);
    }
    case "phone": {
      // Spaces inside a number are how people group digits, not part of it.
      const phone = text.replace(/\s+/g, "");
      return PHONE.test(phone) ? ok(phone) : bad(`电话“${text}”不对：请填写 11 位手机号或带区号的固定电话（如 0517-83660000）`);
    }
    case "vocab": {
      if (!column.vocabulary) throw new Error(`column ${column.header} has no vocabulary`);
      const value = fromWord(column.vocabulary, text);
      return value !== undefined ? ok(value) : bad(`“${text}”不是可选的值，请填写：${dropDownWords(column.vocabulary).join(" / ")}`);
    }
    case "list": {
      const items = text
        .split(LIST_SEPARATORS)
        .map((s) => s.trim())
        .filter((s) => s !== "");
      const long = items.find((s) => s.length > MAX_TEXT);
      return long ? bad(`每项不能超过 ${MAX_TEXT} 个字`) : ok(items);
    }
  }
}

/** How export writes a Date: "2019-10-12" (the UTC calendar day; dates are stored at UTC midnight). */
export function formatDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}
