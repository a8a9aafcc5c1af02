import "server-only";
/**
 * What every import kind shares: sheet rows → typed rows (parseCell per column), the
 * per-row error list, duplicate keys inside one file, and finding the file's unit codes
 * in the caller's scope. The kind modules (import-*.ts) only add their own rules.
 */
import type { Prisma } from "@/lib/generated/prisma/client";
import { normalizeHeader, type Template } from "@/lib/imports/templates";
import { todayInBeijing, dayDate } from "@/lib/schemas/dates";
import type { Actor } from "../actor";
import type { Tx } from "../db";
import { scope } from "../scope";
import { parseCell } from "./values";
import type { SheetData } from "./read-file";

/** One problem of one row: the sheet's own row number and the template's column header. */
export interface ImportError {
  row: number;
  column?: string;
  message: string;
}

export type CellValue = string | number | Date | string[] | null;

/** Collects row errors; a row with any error is neither counted nor written. */
export class Problems {
  readonly list: ImportError[] = [];
  private readonly rows = new Set<number>();

  add(row: number, column: string | undefined, message: string): void {
    this.list.push(column ? { row, column, message } : { row, message });
    this.rows.add(row);
  }

  has(row: number): boolean {
    return this.rows.has(row);
  }

  /**
   * Adds the message of each failed check ([column, message or null]); true when the row
   * now has any problem, so the caller skips it.
   */
  check(row: number, checks: readonly (readonly [string, string | null])[]): boolean {
    for (const [column, message] of checks) if (message) this.add(row, column, message);
    return this.has(row);
  }

  get any(): boolean {
    return this.list.length > 0;
  }

  /** By row, then in the template's column order (the order a person reads the sheet in). */
  sorted(template: Template): ImportError[] {
    const order = new Map(template.columns.map((c, i) => [c.header, i]));
    const col = (e: ImportError) => (e.column ? (order.get(e.column) ?? 99) : -1);
    return [...this.list].sort((a, b) => a.row - b.row || col(a) - col(b));
  }
}

/**
 * Every cell through parseCell; rows with a bad cell get their errors and are dropped.
 * `fields` maps template headers to the typed row's keys. In the typed row an empty cell
 * is null (clear it / the default) and a column missing from the sheet is undefined.
 */
export function typedRows<R extends { row: number }>(
  template: Template,
  sheet: SheetData,
  fields: Readonly<Record<string, string>>,
  problems: Problems,
): R[] {
  const out: R[] = [];
  // An optional column left out of the sheet stays undefined: "keep what is stored", never "clear it".
  const present = new Set(sheet.headerCells.map((h) => normalizeHeader(String(h ?? ""))));
  for (const sheetRow of sheet.rows) {
    const row: Record<string, CellValue> & { row: number } = { row: sheetRow.row };
    let good = true;
    for (const column of template.columns) {
      const key = fields[column.header];
      if (!key || (!column.required && !present.has(column.header))) continue;
      const parsed = parseCell(column, sheetRow.values[column.header] ?? "");
      if (parsed.ok) {
        row[key] = parsed.value;
      } else {
        problems.add(sheetRow.row, column.header, parsed.message);
        good = false;
      }
    }
    if (good) out.push(row as unknown as R);
  }
  return out;
}

const keyPart = (v: unknown) => (v instanceof Date ? v.toISOString().slice(0, 10) : Array.isArray(v) ? v.join("、") : String(v ?? ""));

/** Two rows with the same key (template.key) in one file: the later one is an error naming the earlier. */
export function duplicateKeys<R extends { row: number }>(
  template: Template,
  fields: Readonly<Record<string, string>>,
  rows: R[],
  problems: Problems,
): R[] {
  const seen = new Map<string, number>();
  const keys = template.key.map((h) => fields[h]);
  return rows.filter((r) => {
    const key = keys.map((k) => keyPart((r as Record<string, unknown>)[k])).join("\u0000");
    const first = seen.get(key);
    if (first === undefined) {
      seen.set(key, r.row);
      return true;
    }
    problems.add(r.row, template.key[0], repeatMessage(template, first));
    return false;
  });
}

export const repeatMessage = (template: Template, first: number) => `与第 ${first} 行重复（${template.key.join("、")}都相同），同一条记录只能填一行`;

/** A unit found by its code, with what the kind rules need. */
export interface ScopedUnit {
  id: string;
  code: string;
  name: string;
  level: "CITY" | "DISTRICT" | "TOWN" | "VILLAGE" | "SCHOOL";
  kind: string;
  parentId: string | null;
  path: string[];
  depth: number;
  active: boolean;
  closedOn: Date | null;
  committeeEstablishedOn: Date | null;
}

const UNIT_FIELDS = {
  id: true,
  code: true,
  name: true,
  level: true,
  kind: true,
  parentId: true,
  path: true,
  depth: true,
  active: true,
  closedOn: true,
  committeeEstablishedOn: true,
} as const;

/** The file's unit codes that lie in the caller's scope (one query), by code. */
export async function unitsInScope(client: Tx, actor: Actor, codes: Iterable<string | null | undefined>): Promise<Map<string, ScopedUnit>> {
  const wanted = [...new Set([...codes].filter((c): c is string => Boolean(c)))];
  if (wanted.length === 0) return new Map();
  const units = await client.orgUnit.findMany({ where: { ...scope.orgUnits(actor), code: { in: wanted } }, select: UNIT_FIELDS });
  return new Map(units.map((u) => [u.code, u]));
}

/**
 * A code the caller cannot use. A district-level caller sees the whole district, so the
 * code simply does not exist; anyone else may have typed another town's code.
 */
export function codeMissMessage(actor: Actor, code: string): string {
  return actor.orgUnitLevel === "DISTRICT" ? `找不到单位代码 ${code}，请先在组织架构中添加该单位或核对代码` : `单位代码 ${code} 不在您的管辖范围内`;
}

/**
 * Each row's unit by its code (from unitsInScope); a code the caller cannot use becomes
 * that row's error in `column`, and the row gets no unit.
 */
export function unitLookup(units: Map<string, ScopedUnit>, actor: Actor, problems: Problems, column: string) {
  return (row: number, code: string): ScopedUnit | undefined => {
    const unit = units.get(code);
    if (!unit) problems.add(row, column, codeMissMessage(actor, code));
    return unit;
  };
}

/**
 * Stored records by their import key, the first of each key winning: queries read them in
 * the order the export writes them, so a re-imported row meets the record it came from.
 */
export function firstByKey<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T> {
  const byKey = new Map<string, T>();
  for (const item of items) {
    const key = keyOf(item);
    if (!byKey.has(key)) byKey.set(key, item);
  }
  return byKey;
}

/**
 * A station is named in a sheet by its unit code + name, and a unit may hold several with one
 * name (a closed one and its successor). The station and activity importers and the export
 * must pick the same one — the active, then the oldest — so they share the order and the key.
 */
export const STATION_PICK_ORDER: Prisma.StationOrderByWithRelationInput[] = [{ active: "desc" }, { createdAt: "asc" }, { id: "asc" }];
export const stationKey = (unitId: string, name: string) => `${unitId}\u0000${name}`;

/** Today in Beijing as a @db.Date value: "not in the future" means not after this. */
export const todayDate = () => dayDate(todayInBeijing());

export const isoDay = (d: Date | null | undefined) => (d ? d.toISOString().slice(0, 10) : null);

/** A column the sheet left out (undefined) keeps the stored value; an empty cell (null) is a value. */
export const keep = <T>(fromFile: T | undefined, stored: T): T => (fromFile === undefined ? stored : fromFile);
export const sameDay = (a: Date | null | undefined, b: Date | null | undefined) => isoDay(a) === isoDay(b);
export const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/** Birth years of adults only (committee members and volunteers are 18 or older). */
export function adultBirthYearProblem(year: number | null): string | null {
  if (year === null) return null;
  return year > Number(todayInBeijing().slice(0, 4)) - 18 ? `出生年份 ${year} 有误：班子成员和志愿者须年满 18 周岁` : null;
}

/** Lists in one PostgreSQL text parameter per row (string_to_array on the server): arrays of arrays cannot be unnested. */
export const LIST_SEP = "\u001f";
export const joinList = (xs: readonly string[]) => xs.join(LIST_SEP);

/** Text cells longer than the product's own forms allow. */
export function tooLong(value: string | null | undefined, max: number): string | null {
  return value != null && value.length > max ? `不能超过 ${max} 个字（现有 ${value.length} 个字）` : null;
}

/** A list cell: trimmed, de-duplicated, within item and count limits. */
export function cleanList(items: string[] | null | undefined, label: string, maxItems: number, maxLen: number): { value: string[]; problem: string | null } {
  const value = [...new Set(items ?? [])];
  const long = value.find((x) => x.length > maxLen);
  if (long) return { value, problem: `每项${label}不能超过 ${maxLen} 个字（“${long}”）` };
  if (value.length > maxItems) return { value, problem: `${label}最多填写 ${maxItems} 项` };
  return { value, problem: null };
}
