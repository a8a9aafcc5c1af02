/** Typed failures, mapped once to HTTP (lib/server/api.ts) and to the UI (lib/server/actions.ts). */
export type AppErrorCode = "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "INVALID" | "CONFLICT";

export interface FieldIssue {
  path: string;
  message: string;
}

export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string = DEFAULT_MESSAGES[code],
    readonly issues: FieldIssue[] = [],
  ) {
    super(message);
    this.name = "AppError";
  }
}

export const DEFAULT_MESSAGES: Record<AppErrorCode, string> = {
  UNAUTHORIZED: "请先登录",
  FORBIDDEN: "您的角色无权进行此操作",
  NOT_FOUND: "未找到该记录，或不在您的管辖范围内",
  INVALID: "填写的内容有误，请按提示修改",
  CONFLICT: "与已有记录冲突",
};

export const notFound = () => new AppError("NOT_FOUND");
export const forbidden = () => new AppError("FORBIDDEN");
export const invalid = (issues: FieldIssue[], message?: string) => new AppError("INVALID", message, issues);

/** Prisma unique violation (P2002) → CONFLICT with a readable message. */
export function fromPrismaError(e: unknown, conflictMessage: string): unknown {
  if (typeof e === "object" && e !== null && (e as { code?: string }).code === "P2002") {
    return new AppError("CONFLICT", conflictMessage);
  }
  return e;
}
