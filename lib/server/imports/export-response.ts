import "server-only";
import { contentDisposition } from "@/lib/server/outcomes/file-type";

export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** Headers of an .xlsx download: the real (Chinese) name as RFC 5987 filename*, never sniffed, never cached (it holds district data). */
export function xlsxDownloadHeaders(fileName: string): Record<string, string> {
  return {
    "content-type": XLSX_TYPE,
    "content-disposition": contentDisposition(fileName),
    "x-content-type-options": "nosniff",
    "cache-control": "no-store",
  };
}
