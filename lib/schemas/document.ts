/**
 * 政策文件 (DOMAIN §4.5): the zod schemas the document forms, server actions and
 * /api/v1/documents parse, and the upload limits the form checks before sending. The
 * file's type is judged by its content on the server (lib/server/outcomes/file-type.ts).
 * Pure: safe in client components.
 */
import { z } from "zod";
import { zPastDay } from "./dates";
import { emptyToUndefined } from "./person";
import { ZUnitIds } from "./survey";
import { optionalText, text, ZPage } from "./text";

/** 20 MiB: the largest file kept (the database checks it too). */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;
/** What the file picker offers; the server decides by content, not by this list. */
export const ACCEPTED_EXTENSIONS = [".pdf", ".doc", ".docx", ".jpg", ".jpeg", ".png", ".gif", ".webp"] as const;
export const ACCEPTED_TYPES_TEXT = "PDF、Word（.doc、.docx）、JPEG、PNG、GIF 或 WebP";

/** 12 KB, 1.5 MB (1024-based, as the 20 MB limit is). */
export function formatFileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} 字节`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(bytes < 10 * 1024 ? 1 : 0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export const fileTooLarge = (size: number) => `文件不能超过 20 MB（所选文件 ${formatFileSize(size)}），请压缩或拆分后再上传`;
export const NO_FILE = "请选择要上传的文件";

/** A file as a write receives it: a File from a form, or anything with a name, a size and its bytes. */
export interface UploadFile {
  name: string;
  size: number;
  arrayBuffer(): Promise<ArrayBuffer>;
}

const isUploadFile = (v: unknown): v is UploadFile =>
  typeof v === "object" &&
  v !== null &&
  typeof (v as UploadFile).name === "string" &&
  typeof (v as UploadFile).size === "number" &&
  typeof (v as UploadFile).arrayBuffer === "function";

/** Presence and size only: what the content is, the write checks (it needs the bytes). */
export const ZUploadFile = z.custom<UploadFile>(isUploadFile, { error: NO_FILE }).superRefine((f, ctx) => {
  // A form with no file chosen sends an empty, nameless file.
  if (f.size === 0) ctx.addIssue({ code: "custom", message: f.name ? "所选文件是空的，请重新选择" : NO_FILE });
  else if (f.size > MAX_FILE_BYTES) ctx.addIssue({ code: "custom", message: fileTooLarge(f.size) });
});

/** "区委办, 区教育局" or "区委办、区教育局" from a form, or ["区委办", "区教育局"] from the API. */
const ZIssuers = z.preprocess(
  (v) => (typeof v === "string" ? v.split(/[,，、;；\n]+/) : (v ?? [])),
  z
    .array(z.string({ error: "发文单位须为文字" }).trim().max(60, "每个发文单位不能超过 60 个字"), { error: "发文单位须为列表" })
    .transform((xs) => [...new Set(xs.filter((x) => x.length > 0))])
    .refine((xs) => xs.length > 0, "请填写发文单位，几家联合发文时用顿号分开")
    .refine((xs) => xs.length <= 10, "发文单位最多填写 10 个"),
);

const documentFields = {
  title: text("文件标题", 200),
  docNumber: optionalText("文号", 60),
  issuers: ZIssuers,
  issuedOn: zPastDay("发文日期"),
  topic: text("主题", 40),
  /** Units the document concerns (besides the filing unit, whose subtree reads it). */
  unitIds: ZUnitIds,
};

export const ZCreateDocument = z.object({
  orgUnitId: z.uuid({ error: "请选择归档单位" }),
  ...documentFields,
  file: ZUploadFile,
});
export type TCreateDocument = z.output<typeof ZCreateDocument>;

/** Its facts can be corrected; the file stays as uploaded. */
export const ZUpdateDocument = z.object({ id: z.uuid({ error: "文件编号有误" }), ...documentFields });
export type TUpdateDocument = z.output<typeof ZUpdateDocument>;

/** List filters from a query string (page or API); bad values are field issues, not crashes. */
export const ZDocumentFilters = z.object({
  q: z.preprocess(emptyToUndefined, z.string().trim().max(60, "搜索词不能超过 60 个字").optional()),
  topic: z.preprocess(emptyToUndefined, z.string().trim().max(40, "主题不能超过 40 个字").optional()),
  issuer: z.preprocess(emptyToUndefined, z.string().trim().max(60, "发文单位不能超过 60 个字").optional()),
  year: z.preprocess(
    emptyToUndefined,
    z.coerce.number({ error: "年份须为四位数字，例如 2019" }).int("年份须为四位数字，例如 2019").min(1949, "年份有误").max(2100, "年份有误").optional(),
  ),
  page: ZPage,
});
export type TDocumentFilters = z.output<typeof ZDocumentFilters>;
