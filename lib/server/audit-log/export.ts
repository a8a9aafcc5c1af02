import "server-only";
/**
 * 操作日志 as an Excel file: exactly the rows the page lists for the same filters (same
 * where-clause, auditWhere), newest first, streamed. exceljs's streaming writer commits
 * each row as it goes and the rows are read in keyset batches, so memory stays flat however
 * long the log; one file holds at most AUDIT_EXPORT_MAX_ROWS rows (the page says so and
 * asks for a narrower period instead).
 *
 * The export is itself an audit entry ("audit.export", with the filters and the row count),
 * written before the first byte goes out. The rows are those up to the highest id
 * of the district at that moment, so the file never contains its own entry and its count is exact.
 */
import { once } from "node:events";
import { PassThrough, Readable } from "node:stream";
import ExcelJS from "exceljs";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "../actor";
import { writeAudit } from "../audit";
import { db } from "../db";
import { invalid } from "../errors";
import { scope } from "../scope";
import { todayInBeijing } from "@/lib/schemas/dates";
import { actionLabel, entityLabel, viaLabel, type TAuditFilters } from "@/lib/schemas/audit";
import { AUDIT_ORDER, auditActors, auditWhere, type AuditRow } from "./read-audit";

/** Far more than a period anyone reads, far below Excel's 1,048,576 rows a sheet. */
export const AUDIT_EXPORT_MAX_ROWS = 100_000;
const BATCH = 2000;
/** Excel refuses longer cell text. */
const CELL_MAX = 32_767;
const BEIJING_OFFSET_MS = 8 * 3600_000;

export const AUDIT_EXPORT_COLUMNS = [
  { header: "编号", key: "id", width: 10 },
  { header: "时间", key: "at", width: 22 },
  { header: "操作人账号", key: "account", width: 18 },
  { header: "操作人姓名", key: "name", width: 12 },
  { header: "所在单位", key: "unit", width: 18 },
  { header: "操作", key: "action", width: 20 },
  { header: "对象", key: "entity", width: 12 },
  { header: "对象编号", key: "entityId", width: 38 },
  { header: "方式", key: "via", width: 10 },
  { header: "IP地址", key: "ip", width: 16 },
  { header: "浏览器", key: "userAgent", width: 30 },
  { header: "修改前", key: "before", width: 40 },
  { header: "修改后", key: "after", width: 40 },
] as const;

export const exportTooLargeMessage = (rows: number) =>
  `符合条件的记录有 ${rows} 条，一次最多导出 ${AUDIT_EXPORT_MAX_ROWS} 条。请缩小日期范围或加上其他条件后再导出。`;

const json = (v: Prisma.JsonValue | null) => {
  if (v === null) return "";
  const s = JSON.stringify(v);
  return s.length > CELL_MAX ? `${s.slice(0, CELL_MAX - 10)}…（已截断）` : s;
};

/**
 * Starts the export: checks scope and size, records the export, and returns the file as a
 * stream (the rows are read while the browser downloads).
 */
export async function startAuditExport(actor: Actor, filters: TAuditFilters) {
  const where = await auditWhere(actor, filters);
  // The district's newest entry now (a cheap backward step on the primary key, unlike the max under the filters).
  const newest = (await db().auditLog.aggregate({ where: scope.auditLogs(actor), _max: { id: true } }))._max.id;
  const upTo: Prisma.AuditLogWhereInput = { AND: [where, { id: { lte: newest ?? BigInt(0) } }] };
  const rows = newest === null ? 0 : await db().auditLog.count({ where: upTo });
  if (rows > AUDIT_EXPORT_MAX_ROWS) throw invalid([{ path: "_", message: exportTooLargeMessage(rows) }], exportTooLargeMessage(rows));
  await writeAudit(db(), actor, { action: "audit.export", entity: "AuditLog", after: { filters, rows } });

  const out = new PassThrough();
  writeWorkbook(actor, upTo, out).catch((e) => {
    console.error("[audit] the 操作日志 export failed midway", e);
    out.destroy(e instanceof Error ? e : new Error(String(e)));
  });
  return {
    rows,
    fileName: `操作日志-${todayInBeijing()}.xlsx`,
    body: Readable.toWeb(out) as ReadableStream<Uint8Array>,
  };
}

async function writeWorkbook(actor: Actor, where: Prisma.AuditLogWhereInput, out: PassThrough) {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = "青苗关工委工作平台";
  const sheet = wb.addWorksheet("操作日志", { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = AUDIT_EXPORT_COLUMNS.map((c) => ({ ...c }));
  sheet.getColumn("at").numFmt = 'yyyy"年"m"月"d"日" hh:mm:ss';
  sheet.getRow(1).font = { bold: true };
  let last: AuditRow | undefined;
  for (;;) {
    // Keyset paging in the page's order (at, id) descending: the rows after the last one written.
    const after: Prisma.AuditLogWhereInput | undefined = last && { OR: [{ at: { lt: last.at } }, { at: last.at, id: { lt: last.id } }] };
    const batch: AuditRow[] = await db().auditLog.findMany({ where: after ? { AND: [where, after] } : where, orderBy: AUDIT_ORDER, take: BATCH });
    const actors = await auditActors(actor, batch);
    for (const r of batch) {
      const who = r.actorId ? actors.get(r.actorId) : undefined;
      sheet
        .addRow({
          id: Number(r.id),
          // Excel times carry no zone: write the Beijing wall-clock time.
          at: new Date(r.at.getTime() + BEIJING_OFFSET_MS),
          account: r.actorName,
          name: who?.displayName ?? "",
          unit: who?.unitName ?? "",
          action: actionLabel(r.action),
          entity: entityLabel(r.entity),
          entityId: r.entityId ?? "",
          via: viaLabel(r.via),
          ip: r.ip ?? "",
          userAgent: r.userAgent ?? "",
          before: json(r.before),
          after: json(r.after),
        })
        .commit();
    }
    if (batch.length < BATCH) break;
    last = batch[batch.length - 1];
    // Let a slow download catch up before reading the next batch; stop when it was cancelled.
    if (out.writableNeedDrain) await Promise.race([once(out, "drain"), once(out, "close")]);
    if (out.destroyed) return;
  }
  sheet.commit();
  await wb.commit();
}
