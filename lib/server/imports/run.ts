import "server-only";
/**
 * One import run: sheet rows → typed rows → per-row errors → what would be created,
 * updated or left unchanged → (not a dry run, no errors) everything applied in ONE
 * transaction through defineWrite, with one audit entry for the whole file.
 *
 * The plan (all reads and rules) runs again inside the write's transaction, so what is
 * applied was checked against the data as it is at that moment, not at the dry run.
 * A file that changes nothing writes nothing and leaves no audit entry.
 */
import { z } from "zod";
import { TEMPLATES, type ImportKind } from "@/lib/imports/templates";
import type { Role } from "@/lib/generated/prisma/enums";
import type { Actor } from "../actor";
import { db, type Tx } from "../db";
import { forbidden } from "../errors";
import { can, type Permission } from "../permissions";
import { defineWrite, type Write } from "../write";
import { lockTree } from "../org/write-units";
import type { SheetData } from "./read-file";
import { duplicateKeys, Problems, typedRows, type ImportError } from "./rows";
import { unitsImporter } from "./import-units";
import { rostersImporter } from "./import-rosters";
import { volunteersImporter } from "./import-volunteers";
import { stationsImporter } from "./import-stations";
import { activitiesImporter } from "./import-activities";
import { usersImporter, USERS_TEMPLATE } from "./import-users";

/** The five template kinds of shared/IMPORT.md, and the optional accounts import. */
export type ImportTarget = ImportKind | "users";
export const templateOf = (kind: ImportTarget) => (kind === "users" ? USERS_TEMPLATE : TEMPLATES[kind]);

/** What a kind decided for its rows; `apply` writes exactly that with bulk statements. */
export interface Plan {
  created: number;
  updated: number;
  unchanged: number;
  /** More for the audit entry (never secrets). */
  auditDetail?: Record<string, unknown>;
  /** Filled by apply with what the caller is shown once (the users import's generated passwords). */
  issued?: unknown[];
  apply(tx: Tx): Promise<void>;
}

export interface Importer<R extends { row: number }> {
  kind: ImportTarget;
  permission: Permission;
  /** Roles allowed beyond the permission (units: district and town admins only). */
  roles?: readonly Role[];
  /** Template header → key of the typed row. */
  fields: Readonly<Record<string, string>>;
  /** The typed row, validated again at the write (defineWrite parses its input with zod). */
  row: z.ZodType<R>;
  /**
   * The file may repeat a key as often as the database already holds it (two identical
   * activities logged on one day: their export lists both); the plan pairs them in order
   * and refuses any further repeat. Otherwise a repeated key is the later row's error.
   */
  repeatsMatchStored?: boolean;
  /** Tree edits take the per-tenant lock the org writes take, before reading. */
  lockTree?: boolean;
  /** Reads what exists (through scope) and decides per row; rows it cannot apply get errors. */
  plan(client: Tx, actor: Actor, rows: R[], problems: Problems): Promise<Plan>;
}

export interface ImportReport {
  kind: ImportTarget;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  errors: ImportError[];
}

/** 120 s: a 50,000-row activity file is a few seconds of SQL, with room for a slow disk. */
const IMPORT_TIMEOUT_MS = 120_000;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each entry keeps its own row type
const IMPORTERS: Record<ImportTarget, Importer<any>> = {
  users: usersImporter,
  units: unitsImporter,
  rosters: rostersImporter,
  volunteers: volunteersImporter,
  stations: stationsImporter,
  activities: activitiesImporter,
};

/** May this actor import this kind at all (the page shows only these)? */
export function canImport(actor: { role: Role }, kind: ImportTarget): boolean {
  const imp = IMPORTERS[kind];
  return can(actor, imp.permission) && (!imp.roles || imp.roles.includes(actor.role));
}

/** Thrown inside the write's transaction when the plan finds errors: rolls everything back. */
class ImportRejected extends Error {
  constructor(readonly errors: ImportError[]) {
    super("import rejected");
  }
}

interface WriteResult {
  created: number;
  updated: number;
  unchanged: number;
  issued?: unknown[];
}

const WRITES = new Map<ImportTarget, Write<z.ZodType, WriteResult>>();

function importWrite(kind: ImportTarget): Write<z.ZodType, WriteResult> {
  const existing = WRITES.get(kind);
  if (existing) return existing;
  const imp = IMPORTERS[kind];
  const template = templateOf(kind);
  const write = defineWrite({
    action: `import.${kind}`,
    permission: imp.permission,
    timeoutMs: IMPORT_TIMEOUT_MS,
    input: z.object({
      fileName: z.string().max(500),
      sha256: z.string().regex(/^[0-9a-f]{64}$/),
      sheetRows: z.number().int().min(0),
      rows: z.array(imp.row).max(50_000),
    }),
    async run({ tx, actor, input }) {
      if (imp.roles && !imp.roles.includes(actor.role)) throw forbidden();
      // Tree edits take the org writes' per-tenant lock. Other imports wait for each other
      // (a double-clicked 确认导入 must not create every row twice), not for org edits.
      if (imp.lockTree) await lockTree(tx, actor.tenantId);
      else await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`qingmiao.import.${actor.tenantId}`}, 0))`;
      const problems = new Problems();
      const plan = await imp.plan(tx, actor, input.rows, problems);
      if (problems.any) throw new ImportRejected(problems.sorted(template));
      const counts = { created: plan.created, updated: plan.updated, unchanged: plan.unchanged };
      if (plan.created + plan.updated === 0) return { result: counts, unchanged: true };
      await plan.apply(tx);
      return {
        result: { ...counts, ...(plan.issued ? { issued: plan.issued } : {}) },
        entity: "Import",
        entityId: input.sha256,
        after: { kind, fileName: input.fileName, sha256: input.sha256, rows: input.sheetRows, ...counts, ...plan.auditDetail },
      };
    },
  });
  WRITES.set(kind, write);
  return write;
}

export interface RunOptions {
  dryRun: boolean;
  fileName: string;
  sha256: string;
}

/**
 * Checks a read sheet and, unless it is a dry run or any row has an error, applies it.
 * `applied` is false when nothing was written because of errors (the API answers 400).
 */
export async function runImport(
  actor: Actor,
  kind: ImportTarget,
  sheet: SheetData,
  opts: RunOptions,
): Promise<ImportReport & { applied: boolean; issued?: unknown[] }> {
  const imp = IMPORTERS[kind];
  if (!canImport(actor, kind)) throw forbidden();
  const template = templateOf(kind);
  const problems = new Problems();
  const typed = typedRows(template, sheet, imp.fields, problems);
  const rows = imp.repeatsMatchStored ? typed : duplicateKeys(template, imp.fields, typed, problems);
  const base = { kind, rows: sheet.rows.length };

  if (opts.dryRun || problems.any) {
    // Rows with errors are left out; the others are still checked against the database,
    // so one dry run lists every problem of the file.
    const plan = await imp.plan(db(), actor, rows, problems);
    const counts = problems.any && !opts.dryRun ? { created: 0, updated: 0, unchanged: 0 } : { created: plan.created, updated: plan.updated, unchanged: plan.unchanged };
    return { ...base, ...counts, errors: problems.sorted(template), applied: false };
  }
  try {
    const result = await importWrite(kind)(actor, { fileName: opts.fileName, sha256: opts.sha256, sheetRows: sheet.rows.length, rows });
    return { ...base, ...result, errors: [], applied: true };
  } catch (e) {
    if (e instanceof ImportRejected) return { ...base, created: 0, updated: 0, unchanged: 0, errors: e.errors, applied: false };
    throw e;
  }
}
