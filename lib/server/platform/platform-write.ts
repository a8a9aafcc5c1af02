/**
 * The write path of 系统管理, mirroring defineWrite (lib/server/write.ts) for an actor
 * outside any district: validate (zod) → role PLATFORM_ADMIN → transaction → audit entry
 * in the same transaction (tenantId = the district acted on, or NULL).
 *
 * No `server-only` here: the CLI (scripts/platform-admin.ts, tenant-create.ts, demo.ts)
 * runs these same writes, so the caller passes its Prisma client (the app: db()).
 */
import type { z } from "zod";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Tx } from "../db";
import { AppError, forbidden, fromPrismaError, invalid, type FieldIssue } from "../errors";

/** Who acts in 系统管理: a signed-in platform admin, or the shell (`via: "cli"`, no user row). */
export interface PlatformActor {
  userId: string | null;
  username: string;
  displayName: string;
  role: "PLATFORM_ADMIN";
  via: "session" | "cli";
  ip: string | null;
  userAgent: string | null;
}

/** Whoever runs a CLI command on the server: they already hold the database. */
export function cliActor(): PlatformActor {
  const who = process.env.SUDO_USER || process.env.USER || "unknown";
  return { userId: null, username: `命令行:${who}`.slice(0, 100), displayName: "命令行", role: "PLATFORM_ADMIN", via: "cli", ip: null, userAgent: null };
}

export interface PlatformOutcome<R> {
  result: R;
  /** The district acted on; null for actions without one (platform admins, removed demo districts). */
  tenantId: string | null;
  entity: string;
  entityId: string | null;
  /** When one write records two kinds of action (e.g. create or reset). */
  action?: string;
  before?: unknown;
  after?: unknown;
}

export interface PlatformWriteSpec<S extends z.ZodType, R> {
  action: string;
  input: S;
  conflictMessage?: string;
  conflictField?: string;
  /** Transaction timeout (removing a demo district deletes tens of thousands of rows). */
  timeoutMs?: number;
  run: (ctx: { tx: Tx; admin: PlatformActor; input: z.output<S> }) => Promise<PlatformOutcome<R>>;
}

export type PlatformWrite<S extends z.ZodType, R> = ((client: PrismaClient, admin: PlatformActor, raw: unknown) => Promise<R>) & {
  spec: PlatformWriteSpec<S, R>;
};

function parse<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const seen = new Set<string>();
  const issues: FieldIssue[] = [];
  for (const i of parsed.error.issues) {
    const path = i.path.map(String).join(".") || "_";
    if (!seen.has(path)) issues.push({ path, message: i.message });
    seen.add(path);
  }
  throw invalid(issues);
}

/** JSON-safe copy for the audit columns (bigints as text). */
const snapshot = (v: unknown) =>
  v === undefined || v === null ? undefined : JSON.parse(JSON.stringify(v, (_k, x) => (typeof x === "bigint" ? x.toString() : x)));

export function definePlatformWrite<S extends z.ZodType, R>(spec: PlatformWriteSpec<S, R>): PlatformWrite<S, R> {
  const write = async (client: PrismaClient, admin: PlatformActor, raw: unknown): Promise<R> => {
    const input = parse(spec.input, raw);
    if (admin.role !== "PLATFORM_ADMIN") throw forbidden();
    try {
      return await client.$transaction(
        async (tx) => {
          const out = await spec.run({ tx, admin, input });
          await tx.auditLog.create({
            data: {
              tenantId: out.tenantId,
              actorId: admin.userId,
              actorName: admin.username,
              action: out.action ?? spec.action,
              entity: out.entity,
              entityId: out.entityId,
              before: snapshot(out.before),
              after: snapshot(out.after),
              ip: admin.ip,
              userAgent: admin.userAgent?.slice(0, 500) ?? null,
              via: admin.via,
            },
          });
          return out.result;
        },
        { timeout: spec.timeoutMs ?? 15_000 },
      );
    } catch (e) {
      const mapped = fromPrismaError(e, spec.conflictMessage ?? "与已有记录冲突，请刷新后重试");
      if (mapped instanceof AppError && mapped !== e && spec.conflictField) {
        throw invalid([{ path: spec.conflictField, message: mapped.message }], mapped.message);
      }
      throw mapped;
    }
  };
  return Object.assign(write, { spec });
}
