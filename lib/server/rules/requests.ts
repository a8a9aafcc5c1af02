import "server-only";
/**
 * 请示汇报 to the district party committee: the district office's own channel, so every
 * request belongs to the district unit and only actors who see that unit (district
 * staff and leaders) see any. Open ones first with the days they have waited; answered
 * ones with the days the answer took; a summary (open, answered rate, average days)
 * from one SQL aggregate.
 */
import { Prisma } from "@/lib/generated/prisma/client";
import { db } from "../db";
import type { Actor } from "../actor";
import { AppError, forbidden, invalid, notFound } from "../errors";
import { findUnitInScope, parseId, scope } from "../scope";
import { assertCan } from "../permissions";
import { defineWrite, parseInput } from "../write";
import { daysBetween, isoDay, todayInBeijing, yearRange } from "@/lib/schemas/dates";
import { formatDate } from "@/lib/format";
import {
  answeredBeforeSubmitted,
  PARTY_REQUEST_KIND_LABELS,
  ZAnswerPartyRequest,
  ZCreatePartyRequest,
  ZPartyRequestFilters,
  type TPartyRequestFilters,
} from "@/lib/schemas/party-request";

export const REQUEST_PAGE_SIZE = 50;

const REQUEST_SELECT = {
  id: true,
  orgUnitId: true,
  kind: true,
  subject: true,
  body: true,
  submittedOn: true,
  answer: true,
  resolvedOn: true,
} as const satisfies Prisma.PartyRequestSelect;
type RequestRow = Prisma.PartyRequestGetPayload<{ select: typeof REQUEST_SELECT }>;

/** A row with its day count: waited so far (open) or taken to answer (answered). */
function withDays<R extends Pick<RequestRow, "submittedOn" | "resolvedOn">>(r: R, today: string) {
  return { ...r, days: daysBetween(r.submittedOn, r.resolvedOn ?? today) };
}

export function parseRequestFilters(raw: Record<string, string | undefined>): TPartyRequestFilters {
  return parseInput(ZPartyRequestFilters, raw);
}

function requestWhere(actor: Actor, f: Pick<TPartyRequestFilters, "kind" | "year">): Prisma.PartyRequestWhereInput {
  return { ...scope.partyRequests(actor), ...(f.kind ? { kind: f.kind } : {}), ...(f.year ? { submittedOn: yearRange(f.year) } : {}) };
}

/**
 * Open requests (all of them, longest waiting first, `days` = today − submitted) and one
 * page of answered ones (newest answer first, `days` = resolved − submitted).
 */
export async function listRequests(actor: Actor, filters: TPartyRequestFilters, today = todayInBeijing()) {
  assertCan(actor, "rules.read");
  const where = requestWhere(actor, filters);
  const answeredWhere = { ...where, resolvedOn: { not: null } };
  const [open, answered, answeredTotal] = await Promise.all([
    db().partyRequest.findMany({ where: { ...where, resolvedOn: null }, orderBy: [{ submittedOn: "asc" }, { id: "asc" }], select: REQUEST_SELECT }),
    db().partyRequest.findMany({
      where: answeredWhere,
      orderBy: [{ resolvedOn: "desc" }, { submittedOn: "desc" }, { id: "asc" }],
      skip: (filters.page - 1) * REQUEST_PAGE_SIZE,
      take: REQUEST_PAGE_SIZE,
      select: REQUEST_SELECT,
    }),
    db().partyRequest.count({ where: answeredWhere }),
  ]);
  return {
    open: open.map((r) => withDays(r, today)),
    answered: answered.map((r) => withDays(r, today)),
    answeredTotal,
    pages: Math.max(1, Math.ceil(answeredTotal / REQUEST_PAGE_SIZE)),
  };
}
export type RequestListItem = Awaited<ReturnType<typeof listRequests>>["open"][number];

export interface RequestSummary {
  total: number;
  open: number;
  answered: number;
  /** answered ÷ total to 4 decimals; null when there are none. */
  answeredRate: number | null;
  /** Mean of (resolved − submitted) over answered ones, to 1 decimal; null when none answered. */
  avgDaysToAnswer: number | null;
}

/**
 * Counts and the average days to answer, in one statement. The subtree condition is
 * scope.partyRequests in SQL (the unit's path holds the actor's unit, same tenant), as
 * the metric engine writes it.
 */
export async function requestSummary(actor: Actor, filters: Pick<TPartyRequestFilters, "kind" | "year"> = {}): Promise<RequestSummary> {
  assertCan(actor, "rules.read");
  const kind = filters.kind ? Prisma.sql`AND r.kind = ${filters.kind}::"PartyRequestKind"` : Prisma.empty;
  const year = filters.year ? Prisma.sql`AND r."submittedOn" BETWEEN ${`${filters.year}-01-01`}::date AND ${`${filters.year}-12-31`}::date` : Prisma.empty;
  const [row] = await db().$queryRaw<{ total: number; open: number; avg_days: number | null }[]>`
    SELECT count(*)::int AS total,
      (count(*) FILTER (WHERE r."resolvedOn" IS NULL))::int AS open,
      avg(r."resolvedOn" - r."submittedOn")::float8 AS avg_days
    FROM "PartyRequest" r
    JOIN "OrgUnit" u ON u."tenantId" = r."tenantId" AND u.id = r."orgUnitId"
    WHERE r."tenantId" = ${actor.tenantId}::uuid AND u.path @> ARRAY[${actor.orgUnitId}::uuid] ${kind} ${year}`;
  const answered = row.total - row.open;
  return {
    total: row.total,
    open: row.open,
    answered,
    answeredRate: row.total > 0 ? Math.round((answered / row.total) * 10_000) / 10_000 : null,
    avgDaysToAnswer: row.avg_days === null ? null : Math.round(row.avg_days * 10) / 10,
  };
}

/** One request in scope with its day count, or NOT_FOUND. */
export async function getRequest(actor: Actor, id: unknown, today = todayInBeijing()) {
  assertCan(actor, "rules.read");
  const r = await db().partyRequest.findFirst({
    where: { ...scope.partyRequests(actor), id: parseId(id) },
    select: { ...REQUEST_SELECT, orgUnit: { select: { name: true } } },
  });
  if (!r) throw notFound();
  return withDays(r, today);
}
export type RequestDetail = Awaited<ReturnType<typeof getRequest>>;

/** JSON-safe snapshot for the audit log (days as YYYY-MM-DD). */
const auditShape = (r: RequestRow) => ({ ...r, submittedOn: isoDay(r.submittedOn), resolvedOn: isoDay(r.resolvedOn) });

/** Only the district office reports to the district party committee: the request is its unit's. */
export const createRequest = defineWrite({
  action: "party_request.create",
  permission: "request.write",
  input: ZCreatePartyRequest,
  async run({ tx, actor, input }) {
    const unit = await findUnitInScope(tx, actor, actor.orgUnitId, { id: true, level: true });
    if (unit.level !== "DISTRICT") throw forbidden();
    const row = await tx.partyRequest.create({
      data: {
        tenantId: actor.tenantId,
        orgUnitId: unit.id,
        kind: input.kind,
        subject: input.subject,
        body: input.body ?? null,
        submittedOn: input.submittedOn,
      },
      select: REQUEST_SELECT,
    });
    return { result: row, entity: "PartyRequest", entityId: row.id, after: auditShape(row) };
  },
});

/** Records the committee's answer once; the day answered cannot precede the day submitted. */
export const answerRequest = defineWrite({
  action: "party_request.answer",
  permission: "request.write",
  input: ZAnswerPartyRequest,
  async run({ tx, actor, input }) {
    const before = await tx.partyRequest.findFirst({ where: { ...scope.partyRequests(actor), id: input.id }, select: REQUEST_SELECT });
    if (!before) throw notFound();
    if (before.resolvedOn) throw new AppError("CONFLICT", `该${PARTY_REQUEST_KIND_LABELS[before.kind]}已于${formatDate(before.resolvedOn)}答复`);
    if (input.resolvedOn < before.submittedOn) {
      throw invalid([{ path: "resolvedOn", message: answeredBeforeSubmitted(formatDate(before.submittedOn)) }]);
    }
    // Only while still open: a concurrent answer makes this a conflict, not an overwrite.
    const { count } = await tx.partyRequest.updateMany({
      where: { ...scope.partyRequests(actor), id: before.id, resolvedOn: null },
      data: { answer: input.answer, resolvedOn: input.resolvedOn },
    });
    if (count !== 1) throw new AppError("CONFLICT", "该请示汇报刚被他人答复，请刷新后查看");
    const after = { ...before, answer: input.answer, resolvedOn: input.resolvedOn };
    return { result: after, entity: "PartyRequest", entityId: before.id, before: auditShape(before), after: auditShape(after) };
  },
});
