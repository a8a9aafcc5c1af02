import "server-only";
/**
 * 调研 (DOMAIN §4.5): surveys with the units they covered and their findings, each
 * finding with a category and a follow-up (status, owner, due, done). A committee's
 * surveys are read by every unit below it (scope.surveys, shared downward); only the
 * committee's own subtree may change them (scope.editable: NOT_FOUND otherwise).
 */
import type { Prisma } from "@/lib/generated/prisma/client";
import type { FindingCategory } from "@/lib/generated/prisma/enums";
import { db } from "../db";
import type { Actor } from "../actor";
import { notFound } from "../errors";
import { assertCan } from "../permissions";
import { assertUnitsInScope, findUnitInScope, parseId, scope } from "../scope";
import { defineWrite, parseInput } from "../write";
import { FINDING_CATEGORIES, ZAddFinding, ZFollowUp, ZSurvey, ZSurveyFilters, type TAddFinding, type TSurveyFilters } from "@/lib/schemas/survey";
import { isoDay, todayInBeijing } from "@/lib/schemas/dates";
import { canEditUnit } from "./units";

export const SURVEY_PAGE_SIZE = 20;
/** The open-findings list shows at most this many (the counts cover all). */
export const OPEN_FINDINGS_LIMIT = 200;

const OPEN = { in: ["OPEN", "IN_PROGRESS"] } satisfies Prisma.EnumFollowUpStatusFilter;

export function parseSurveyFilters(raw: Record<string, string | undefined>): TSurveyFilters {
  return parseInput(ZSurveyFilters, raw);
}

/** A due day before today (Beijing) on a finding not yet done. */
export const isOverdue = (f: { status: string; dueOn: Date | null }, today = todayInBeijing()) =>
  f.status !== "DONE" && f.dueOn !== null && isoDay(f.dueOn)! < today;

/** One page of surveys in scope, newest first, with how many findings each has and how many are still open. */
export async function listSurveys(actor: Actor, filters: Pick<TSurveyFilters, "page">) {
  assertCan(actor, "outcome.read");
  const where = scope.surveys(actor);
  const [rows, total] = await Promise.all([
    db().survey.findMany({
      where,
      orderBy: [{ periodFrom: "desc" }, { createdAt: "desc" }, { id: "desc" }],
      skip: (filters.page - 1) * SURVEY_PAGE_SIZE,
      take: SURVEY_PAGE_SIZE,
      select: {
        id: true,
        title: true,
        periodFrom: true,
        periodTo: true,
        orgUnit: { select: { name: true } },
        _count: { select: { findings: true, units: true } },
      },
    }),
    db().survey.count({ where }),
  ]);
  const open = await db().surveyFinding.groupBy({
    by: ["surveyId"],
    where: { ...scope.surveyFindings(actor), surveyId: { in: rows.map((r) => r.id) }, status: OPEN },
    _count: { _all: true },
  });
  const openBySurvey = new Map(open.map((o) => [o.surveyId, o._count._all]));
  return {
    items: rows.map((r) => ({ ...r, openFindings: openBySurvey.get(r.id) ?? 0 })),
    total,
    pages: Math.max(1, Math.ceil(total / SURVEY_PAGE_SIZE)),
  };
}

/**
 * Findings not yet done across every survey in scope: a count per category (all five,
 * zeros included; one grouped query) and the list, soonest due first, optionally of one
 * category, each marked overdue when its due day has passed.
 */
export async function openFindings(actor: Actor, opts: { category?: FindingCategory } = {}) {
  assertCan(actor, "outcome.read");
  const where = { ...scope.surveyFindings(actor), status: OPEN };
  const [groups, rows] = await Promise.all([
    db().surveyFinding.groupBy({ by: ["category"], where, _count: { _all: true } }),
    db().surveyFinding.findMany({
      where: { ...where, ...(opts.category ? { category: opts.category } : {}) },
      orderBy: [{ dueOn: { sort: "asc", nulls: "last" } }, { createdAt: "asc" }, { id: "asc" }],
      take: OPEN_FINDINGS_LIMIT,
      select: {
        id: true,
        category: true,
        text: true,
        status: true,
        owner: true,
        dueOn: true,
        survey: { select: { id: true, title: true } },
      },
    }),
  ]);
  const byCategory = new Map(groups.map((g) => [g.category, g._count._all]));
  const counts = FINDING_CATEGORIES.map((category) => ({ category, count: byCategory.get(category) ?? 0 }));
  const today = todayInBeijing();
  return {
    counts,
    total: counts.reduce((n, c) => n + c.count, 0),
    items: rows.map((r) => ({ ...r, overdue: isOverdue(r, today) })),
  };
}

/** One survey in scope with the units it covered and its findings; `editable` when the actor's subtree did it. */
export async function getSurvey(actor: Actor, id: unknown) {
  assertCan(actor, "outcome.read");
  const s = await db().survey.findFirst({
    where: { ...scope.surveys(actor), id: parseId(id) },
    select: {
      id: true,
      title: true,
      periodFrom: true,
      periodTo: true,
      summary: true,
      recommendations: true,
      orgUnitId: true,
      orgUnit: { select: { name: true, path: true } },
      units: { orderBy: { orgUnit: { code: "asc" } }, select: { orgUnit: { select: { id: true, name: true } } } },
      findings: {
        // Category in its enum order (班子队伍 … 其他), as the page groups them.
        orderBy: [{ category: "asc" }, { createdAt: "asc" }, { id: "asc" }],
        select: { id: true, category: true, text: true, recommendation: true, status: true, owner: true, dueOn: true, doneOn: true },
      },
    },
  });
  if (!s) throw notFound();
  const today = todayInBeijing();
  return {
    ...s,
    units: s.units.map((u) => u.orgUnit),
    findings: s.findings.map((f) => ({ ...f, overdue: isOverdue(f, today) })),
    editable: canEditUnit(actor, s.orgUnit),
  };
}
export type SurveyDetail = Awaited<ReturnType<typeof getSurvey>>;

const FINDING_SELECT = {
  id: true,
  surveyId: true,
  category: true,
  text: true,
  recommendation: true,
  status: true,
  owner: true,
  dueOn: true,
  doneOn: true,
} satisfies Prisma.SurveyFindingSelect;

type FindingRow = Prisma.SurveyFindingGetPayload<{ select: typeof FINDING_SELECT }>;
const findingJson = (f: FindingRow) => ({ ...f, dueOn: isoDay(f.dueOn), doneOn: isoDay(f.doneOn) });

/** A finding's row: it carries its survey's committee, which is what scope reads. */
const findingRow = (actor: Actor, survey: { id: string; orgUnitId: string }, f: Omit<TAddFinding, "surveyId">) => ({
  tenantId: actor.tenantId,
  orgUnitId: survey.orgUnitId,
  surveyId: survey.id,
  category: f.category,
  text: f.text,
  recommendation: f.recommendation ?? null,
  owner: f.owner ?? null,
  dueOn: f.dueOn ?? null,
});

/** Records a survey with the units it covered (all in scope, else NOT_FOUND) and its findings. */
export const createSurvey = defineWrite({
  action: "survey.create",
  permission: "research.write",
  input: ZSurvey,
  async run({ tx, actor, input }) {
    const unit = await findUnitInScope(tx, actor, input.orgUnitId, { id: true });
    await assertUnitsInScope(tx, actor, input.unitIds);
    const survey = await tx.survey.create({
      data: {
        tenantId: actor.tenantId,
        orgUnitId: unit.id,
        title: input.title,
        periodFrom: input.periodFrom,
        periodTo: input.periodTo,
        summary: input.summary ?? null,
        recommendations: input.recommendations ?? null,
      },
      select: { id: true, title: true, orgUnitId: true, periodFrom: true, periodTo: true },
    });
    await tx.surveyUnit.createMany({ data: input.unitIds.map((orgUnitId) => ({ tenantId: actor.tenantId, surveyId: survey.id, orgUnitId })) });
    await tx.surveyFinding.createMany({ data: input.findings.map((f) => findingRow(actor, survey, f)) });
    const result = { ...survey, periodFrom: isoDay(survey.periodFrom), periodTo: isoDay(survey.periodTo) };
    return {
      result,
      entity: "Survey",
      entityId: survey.id,
      after: { ...result, unitIds: input.unitIds, findings: input.findings.map((f) => ({ ...f, dueOn: isoDay(f.dueOn) })) },
    };
  },
});

/** One more finding for a survey the actor's subtree did. */
export const addFinding = defineWrite({
  action: "survey.add_finding",
  permission: "research.write",
  input: ZAddFinding,
  async run({ tx, actor, input }) {
    const survey = await tx.survey.findFirst({ where: { ...scope.editable(actor), id: input.surveyId }, select: { id: true, orgUnitId: true } });
    if (!survey) throw notFound();
    const f = await tx.surveyFinding.create({ data: findingRow(actor, survey, input), select: FINDING_SELECT });
    return { result: findingJson(f), entity: "SurveyFinding", entityId: f.id, after: findingJson(f) };
  },
});

/** Follow-up of a finding: status, owner, due day and (when done) the day it was done; audited with before and after. */
export const updateFollowUp = defineWrite({
  action: "survey.follow_up",
  permission: "research.write",
  input: ZFollowUp,
  async run({ tx, actor, input }) {
    const before = await tx.surveyFinding.findFirst({ where: { ...scope.editable(actor), id: input.findingId }, select: FINDING_SELECT });
    if (!before) throw notFound();
    const after = await tx.surveyFinding.update({
      where: { id: before.id },
      data: { status: input.status, owner: input.owner ?? null, dueOn: input.dueOn ?? null, doneOn: input.doneOn ?? null },
      select: FINDING_SELECT,
    });
    return { result: findingJson(after), entity: "SurveyFinding", entityId: after.id, before: findingJson(before), after: findingJson(after) };
  },
});
