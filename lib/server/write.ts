import "server-only";
/**
 * The single write path: authenticate (the caller passes a resolved Actor) →
 * validate (zod) → permission → scoped write in a transaction → audit entry in the
 * same transaction. Server actions (actions.ts) and /api/v1 handlers (api.ts) both
 * call writes defined here, so none can skip a step.
 */
import type { z } from "zod";
import type { Actor } from "./actor";
import { db, type Tx } from "./db";
import { AppError, forbidden, fromPrismaError, invalid, type FieldIssue } from "./errors";
import { can, type Permission } from "./permissions";
import { auditDenied, writeAudit } from "./audit";

export type WriteOutcome<R> =
  | {
      result: R;
      entity: string;
      entityId: string;
      before?: unknown;
      after?: unknown;
    }
  /** Nothing was written (e.g. an idempotent retry answered with the stored row): no audit entry. */
  | { result: R; unchanged: true };

export interface WriteSpec<S extends z.ZodType, R> {
  /** Audit action name, e.g. "user.create". */
  action: string;
  permission: Permission;
  input: S;
  /** What a unique-index conflict (a concurrent duplicate) means to the user. */
  conflictMessage?: string;
  /** Optional field the conflict belongs to, so a form shows it beside that field. */
  conflictField?: string;
  /** Transaction timeout; Prisma's default (5 s) suits single-row writes, not a 50,000-row import. */
  timeoutMs?: number;
  /** Runs inside the transaction; every read and write in it goes through scope.ts. */
  run: (ctx: { tx: Tx; actor: Actor; input: z.output<S> }) => Promise<WriteOutcome<R>>;
}

export type Write<S extends z.ZodType, R> = ((actor: Actor, raw: unknown) => Promise<R>) & {
  spec: WriteSpec<S, R>;
};

export function zodIssues(error: z.ZodError): FieldIssue[] {
  const seen = new Set<string>();
  const issues: FieldIssue[] = [];
  for (const i of error.issues) {
    const path = i.path.map(String).join(".") || "_";
    if (seen.has(path)) continue; // one message per field
    seen.add(path);
    issues.push({ path, message: i.message });
  }
  return issues;
}

export function parseInput<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw invalid(zodIssues(parsed.error));
  return parsed.data;
}

export function defineWrite<S extends z.ZodType, R>(spec: WriteSpec<S, R>): Write<S, R> {
  const write = async (actor: Actor, raw: unknown): Promise<R> => {
    const input = parseInput(spec.input, raw);
    const denied = { action: spec.action, permission: spec.permission };
    if (!can(actor, spec.permission)) {
      const e = forbidden();
      await auditDenied(actor, e, denied);
      throw e;
    }
    try {
      return await db().$transaction(async (tx) => {
        const out = await spec.run({ tx, actor, input });
        if ("unchanged" in out) return out.result;
        await writeAudit(tx, actor, {
          action: spec.action,
          entity: out.entity,
          entityId: out.entityId,
          before: out.before,
          after: out.after,
        });
        return out.result;
      }, spec.timeoutMs ? { timeout: spec.timeoutMs } : undefined);
    } catch (e) {
      // A unique index hit by a concurrent write is a conflict the user can act on, not a crash.
      const mapped = fromPrismaError(e, spec.conflictMessage ?? "与已有记录冲突，请刷新后重试");
      // Outside scope (NOT_FOUND) or refused inside run (FORBIDDEN): recorded after the rollback.
      if (mapped instanceof AppError) await auditDenied(actor, mapped, denied);
      if (mapped instanceof AppError && mapped !== e && spec.conflictField) {
        throw invalid([{ path: spec.conflictField, message: mapped.message }], mapped.message);
      }
      throw mapped;
    }
  };
  return Object.assign(write, { spec });
}

export { AppError };
