import "server-only";
/**
 * The annual 五好 assessment (DOMAIN §4.3). The district sets a year's criteria
 * (DRAFT), publishes them (PUBLISHED: scoring open), town and district offices score
 * their villages, and the district confirms the year (CONFIRMED: only the district may
 * amend a score, with a reason that goes into the audit entry). Criteria are frozen
 * once any score exists: the criteria update and every score write lock the round row
 * first (SELECT … FOR UPDATE), so a score and a criteria change can never interleave.
 * Totals, pass marks and ranks are the pure rules of scoring.ts.
 */
import type { AssessmentStatus, FiveGoodItem } from "@/lib/generated/prisma/enums";
import type { Prisma } from "@/lib/generated/prisma/client";
import { db, type Tx } from "../db";
import type { Actor } from "../actor";
import { defineWrite } from "../write";
import { AppError, forbidden, invalid, notFound } from "../errors";
import { findUnitInScope, parseId, scope } from "../scope";
import { assertCan, can } from "../permissions";
import { listTownsInScope } from "../org/read-units";
import { ZRoundCriteria, ZRoundYear, ZScoreUnit, ZSetAdvanced, type TRoundCriteria } from "@/lib/schemas/assessment";
import { checkPoints, FIVE_GOOD_ITEMS, FIVE_GOOD_LABELS, fullMarks, rankByTotal, score, type Criteria, type Points } from "./scoring";

const ROUND_SELECT = {
  id: true,
  year: true,
  status: true,
  passMark: true,
  publishedAt: true,
  confirmedAt: true,
  criteria: { select: { item: true, weight: true, guidance: true } },
} as const;
type RoundRow = Prisma.AssessmentRoundGetPayload<{ select: typeof ROUND_SELECT }>;

const RESULT_SELECT = { id: true, orgUnitId: true, points: true, total: true, passed: true, advanced: true, comment: true } as const;

export const LOCKED_MESSAGE = "该年度考核已确认，分数已锁定";

/** The year's criteria as scoring.ts reads them; criteria rows come back in any order. */
export function criteriaOf(round: Pick<RoundRow, "passMark" | "criteria">): Criteria {
  const weight = new Map(round.criteria.map((c) => [c.item, c.weight]));
  return { passMark: round.passMark, weights: Object.fromEntries(FIVE_GOOD_ITEMS.map((i) => [i, weight.get(i) ?? 0])) as Points };
}

/** Stored points (JSON keyed by item) → Points; a missing item counts 0. */
export function pointsOf(json: Prisma.JsonValue): Points {
  const o = (json && typeof json === "object" && !Array.isArray(json) ? json : {}) as Record<string, unknown>;
  return Object.fromEntries(FIVE_GOOD_ITEMS.map((i) => [i, Number(o[i] ?? 0)])) as Points;
}

export interface CriterionRow {
  item: FiveGoodItem;
  label: string;
  weight: number;
  guidance: string | null;
}

/** The five criteria in the order of the standard, with their names, full marks and guidance. */
function criteriaRows(round: Pick<RoundRow, "criteria">): CriterionRow[] {
  const byItem = new Map(round.criteria.map((c) => [c.item, c]));
  return FIVE_GOOD_ITEMS.map((item) => ({ item, label: FIVE_GOOD_LABELS[item], weight: byItem.get(item)?.weight ?? 0, guidance: byItem.get(item)?.guidance ?? null }));
}

/**
 * The round of a year in the actor's tenant, its row locked until the transaction ends.
 * Raw SQL because Prisma has no FOR UPDATE; the tenant condition is scope.assessmentRounds'.
 */
async function lockRound(tx: Tx, actor: Actor, year: number): Promise<RoundRow> {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM "AssessmentRound" WHERE "tenantId" = ${actor.tenantId}::uuid AND year = ${year} FOR UPDATE`;
  if (rows.length === 0) throw notFound();
  return tx.assessmentRound.findFirstOrThrow({ where: { ...scope.assessmentRounds(actor), id: rows[0].id }, select: ROUND_SELECT });
}

/** How many villages of the round have a score (for a district admin: in the whole district). */
const countScored = (tx: Tx, actor: Actor, roundId: string) => tx.assessmentResult.count({ where: { ...scope.assessmentResults(actor), roundId } });

const criteriaData = (input: TRoundCriteria) =>
  FIVE_GOOD_ITEMS.map((item) => ({ item, weight: input.weights[item], guidance: input.guidance[item] ?? null }));

const roundSnapshot = (r: RoundRow) => ({ year: r.year, status: r.status, passMark: r.passMark, criteria: criteriaRows(r) });

// ── writes: the district's criteria and the year's status ─────────────────────────────

/** A new year in DRAFT, owned by the district the admin sits on. */
export const createRound = defineWrite({
  action: "assessment.round.create",
  permission: "assessment.manage",
  input: ZRoundCriteria,
  conflictMessage: "该年度的考核标准已经建立，请在该年度页面修改",
  conflictField: "year",
  async run({ tx, actor, input }) {
    const district = await findUnitInScope(tx, actor, actor.orgUnitId, { id: true, level: true });
    if (district.level !== "DISTRICT") throw forbidden();
    const round = await tx.assessmentRound.create({
      data: {
        tenantId: actor.tenantId,
        orgUnitId: district.id,
        year: input.year,
        passMark: input.passMark,
        criteria: { createMany: { data: criteriaData(input) } },
      },
      select: ROUND_SELECT,
    });
    return { result: round, entity: "AssessmentRound", entityId: round.id, after: roundSnapshot(round) };
  },
});

/** Changes weights, pass mark and guidance while no village of the year has a score. */
export const updateRound = defineWrite({
  action: "assessment.round.update",
  permission: "assessment.manage",
  input: ZRoundCriteria,
  async run({ tx, actor, input }) {
    const before = await lockRound(tx, actor, input.year);
    if (before.status === "CONFIRMED") throw new AppError("CONFLICT", "该年度考核已确认，考核标准不能再修改");
    const scored = await countScored(tx, actor, before.id);
    if (scored > 0) throw new AppError("CONFLICT", `该年度已有 ${scored} 个村（社区）评分，考核标准已冻结，不能再修改`);
    await tx.assessmentCriterion.deleteMany({ where: { tenantId: actor.tenantId, roundId: before.id } });
    await tx.assessmentCriterion.createMany({ data: criteriaData(input).map((c) => ({ ...c, tenantId: actor.tenantId, roundId: before.id })) });
    const after = await tx.assessmentRound.update({ where: { id: before.id, tenantId: actor.tenantId }, data: { passMark: input.passMark }, select: ROUND_SELECT });
    return { result: after, entity: "AssessmentRound", entityId: after.id, before: roundSnapshot(before), after: roundSnapshot(after) };
  },
});

/**
 * One step of a year's status, locked like every other write of the round: `refuse`
 * says why the step cannot be taken from where the round is (null: go ahead).
 */
function roundStep(action: string, to: "PUBLISHED" | "CONFIRMED", refuse: (round: RoundRow, scored: () => Promise<number>) => Promise<string | null>) {
  return defineWrite({
    action,
    permission: "assessment.manage",
    input: ZRoundYear,
    async run({ tx, actor, input }) {
      const before = await lockRound(tx, actor, input.year);
      const refusal = await refuse(before, () => countScored(tx, actor, before.id));
      if (refusal) throw new AppError("CONFLICT", refusal);
      const stamp = to === "PUBLISHED" ? { publishedAt: new Date() } : { confirmedAt: new Date() };
      const after = await tx.assessmentRound.update({ where: { id: before.id, tenantId: actor.tenantId }, data: { status: to, ...stamp }, select: ROUND_SELECT });
      return { result: after, entity: "AssessmentRound", entityId: after.id, before: { status: before.status }, after: { status: to, ...stamp } };
    },
  });
}

/** DRAFT → PUBLISHED: scoring opens. */
export const publishRound = roundStep("assessment.round.publish", "PUBLISHED", async (r) =>
  r.status === "DRAFT" ? null : `${r.year} 年度的考核标准已经发布`,
);

/** PUBLISHED → CONFIRMED, once anything is scored: scores are locked for the towns. */
export const confirmRound = roundStep("assessment.round.confirm", "CONFIRMED", async (r, scored) => {
  if (r.status === "DRAFT") return "考核标准尚未发布，不能确认";
  if (r.status === "CONFIRMED") return `${r.year} 年度考核已经确认`;
  return (await scored()) === 0 ? "还没有任何村（社区）评分，不能确认" : null;
});

// ── writes: scores and 先进单位 ─────────────────────────────────────────────────────

/**
 * Enters or changes one village's score (one result per year and village). Open while
 * the year is PUBLISHED; after CONFIRMED only the district may amend, giving a reason.
 */
export const scoreUnit = defineWrite({
  action: "assessment.score",
  permission: "assessment.score",
  input: ZScoreUnit,
  async run({ tx, actor, input }) {
    const round = await lockRound(tx, actor, input.year);
    if (round.status === "DRAFT") throw new AppError("CONFLICT", `${input.year} 年度考核标准尚未发布，不能评分`);
    const amending = round.status === "CONFIRMED";
    if (amending && !can(actor, "assessment.manage")) throw new AppError("FORBIDDEN", LOCKED_MESSAGE);
    if (amending && !input.reason) throw invalid([{ path: "reason", message: "该年度考核已确认，修改分数须填写修改原因" }]);

    const unit = await findUnitInScope(tx, actor, input.orgUnitId, { id: true, name: true, level: true });
    if (unit.level !== "VILLAGE") throw invalid([{ path: "orgUnitId", message: "只有村（社区）关工委参加“五好”考核" }]);
    const criteria = criteriaOf(round);
    const problems = checkPoints(criteria, input.points);
    if (problems.length > 0) throw invalid(problems.map((p) => ({ path: `points.${p.item}`, message: p.message })));
    const { total, passed } = score(criteria, input.points);

    const before = await tx.assessmentResult.findFirst({ where: { ...scope.assessmentResults(actor), roundId: round.id, orgUnitId: unit.id }, select: RESULT_SELECT });
    const data = {
      points: input.points,
      total,
      passed,
      // 先进单位 only while passed (the table's CHECK says so too).
      advanced: (before?.advanced ?? false) && passed,
      comment: input.comment ?? null,
      scoredById: actor.userId,
    };
    const row = before
      ? await tx.assessmentResult.update({ where: { id: before.id, tenantId: actor.tenantId }, data, select: RESULT_SELECT })
      : await tx.assessmentResult.create({ data: { ...data, tenantId: actor.tenantId, roundId: round.id, orgUnitId: unit.id }, select: RESULT_SELECT });
    return {
      result: { ...row, year: round.year, unitName: unit.name },
      entity: "AssessmentResult",
      entityId: row.id,
      before: before ?? undefined,
      after: { ...row, year: round.year, ...(amending ? { reason: input.reason } : {}) },
    };
  },
});

/** Names a passed village 先进单位 (or takes the title back). */
export const setAdvanced = defineWrite({
  action: "assessment.advanced",
  permission: "assessment.manage",
  input: ZSetAdvanced,
  async run({ tx, actor, input }) {
    const round = await lockRound(tx, actor, input.year);
    const before = await tx.assessmentResult.findFirst({
      where: { ...scope.assessmentResults(actor), roundId: round.id, orgUnitId: parseId(input.orgUnitId) },
      select: { ...RESULT_SELECT, orgUnit: { select: { name: true } } },
    });
    if (!before) throw new AppError("CONFLICT", "该村（社区）还没有评分，不能评为先进单位");
    if (input.advanced && !before.passed) throw new AppError("CONFLICT", `${before.orgUnit.name}未达标（${before.total} 分），不能评为先进单位`);
    await tx.assessmentResult.update({ where: { id: before.id, tenantId: actor.tenantId }, data: { advanced: input.advanced } });
    return {
      result: { year: round.year, orgUnitId: before.orgUnitId, unitName: before.orgUnit.name, advanced: input.advanced },
      entity: "AssessmentResult",
      entityId: before.id,
      before: { advanced: before.advanced },
      after: { advanced: input.advanced },
    };
  },
});

// ── reads ────────────────────────────────────────────────────────────────────────────

/** Every year's round of the tenant, newest first (criteria are published to everyone). */
export async function listRounds(actor: Actor) {
  assertCan(actor, "rules.read");
  return db().assessmentRound.findMany({ where: scope.assessmentRounds(actor), orderBy: { year: "desc" }, select: { year: true, status: true } });
}

/** A round as the pages show it: criteria in the order of the standard, and the full marks. */
const roundView = (round: RoundRow) => ({ ...round, criteria: criteriaRows(round), fullMarks: fullMarks(criteriaOf(round)) });

async function roundOfYear(actor: Actor, year: number) {
  const round = await db().assessmentRound.findFirst({ where: { ...scope.assessmentRounds(actor), year }, select: ROUND_SELECT });
  if (!round) throw notFound();
  return round;
}

/** Villages taking part: active ones, and any with a score of this round. */
const assessedVillages = (roundId: string) =>
  ({ level: "VILLAGE", OR: [{ active: true }, { assessmentResults: { some: { roundId } } }] }) satisfies Prisma.OrgUnitWhereInput;

export interface RoundCounts {
  /** Villages in scope taking part. */
  villages: number;
  assessed: number;
  passed: number;
  unscored: number;
}

async function countsOf(actor: Actor, roundId: string): Promise<RoundCounts> {
  const [villages, assessed, passed] = await Promise.all([
    db().orgUnit.count({ where: { ...scope.orgUnits(actor), ...assessedVillages(roundId) } }),
    db().assessmentResult.count({ where: { ...scope.assessmentResults(actor), roundId } }),
    db().assessmentResult.count({ where: { ...scope.assessmentResults(actor), roundId, passed: true } }),
  ]);
  return { villages, assessed, passed, unscored: Math.max(0, villages - assessed) };
}

/** A year: status, criteria in the order of the standard, and the counts in the actor's scope. */
export async function getRound(actor: Actor, year: number) {
  assertCan(actor, "rules.read");
  const round = await roundOfYear(actor, year);
  const counts = await countsOf(actor, round.id);
  return { ...roundView(round), counts, editable: round.status !== "CONFIRMED" && counts.assessed === 0 };
}

export type ResultFilter = "passed" | "failed" | "unscored";

/**
 * The year's villages in scope with their score and rank. Ranks are over every score the
 * actor can see, so filtering by town keeps each village's place in the whole list.
 */
export async function roundResults(actor: Actor, year: number, filter: { town?: string; result?: ResultFilter } = {}) {
  assertCan(actor, "rules.read");
  const round = await roundOfYear(actor, year);
  const towns = await listTownsInScope(actor);
  const town = towns.find((t) => t.id === filter.town);
  const [villages, results] = await Promise.all([
    db().orgUnit.findMany({
      where: { ...scope.orgUnits(actor), ...assessedVillages(round.id), ...(town ? { AND: [{ path: { has: town.id } }] } : {}) },
      orderBy: { code: "asc" },
      select: { id: true, name: true, parent: { select: { name: true } } },
    }),
    db().assessmentResult.findMany({
      where: { ...scope.assessmentResults(actor), roundId: round.id },
      select: { ...RESULT_SELECT, orgUnit: { select: { name: true } } },
    }),
  ]);
  const ranked = new Map(rankByTotal(results.map((r) => ({ ...r, name: r.orgUnit.name }))).map(({ rank, row }) => [row.orgUnitId, { rank, row }]));
  const rows = villages
    .map((v) => {
      const hit = ranked.get(v.id);
      return {
        id: v.id,
        name: v.name,
        town: v.parent?.name ?? "",
        rank: hit?.rank ?? null,
        result: hit ? { total: hit.row.total, passed: hit.row.passed, advanced: hit.row.advanced, points: pointsOf(hit.row.points) } : null,
      };
    })
    .filter((r) =>
      filter.result === "unscored" ? !r.result : filter.result === "passed" ? r.result?.passed : filter.result === "failed" ? r.result && !r.result.passed : true,
    );
  return { round: roundView(round), towns, town: town?.id, rows };
}

/** What a scorer may do with a year: score, nothing yet (draft), nothing any more (locked), or amend with a reason. */
export type ScoreMode = "open" | "draft" | "locked" | "amend";

export function scoreMode(actor: Actor, status: AssessmentStatus): ScoreMode {
  if (status === "DRAFT") return "draft";
  if (status === "PUBLISHED") return "open";
  return can(actor, "assessment.manage") ? "amend" : "locked";
}

/** The score form of one village: the year's criteria and the village's current score. */
export async function scoreForm(actor: Actor, year: number, unitId: unknown) {
  assertCan(actor, "assessment.score");
  const round = await roundOfYear(actor, year);
  const unit = await findUnitInScope(db(), actor, unitId, { id: true, name: true, level: true, parent: { select: { name: true } } });
  if (unit.level !== "VILLAGE") throw notFound();
  const result = await db().assessmentResult.findFirst({ where: { ...scope.assessmentResults(actor), roundId: round.id, orgUnitId: unit.id }, select: RESULT_SELECT });
  return {
    round: roundView(round),
    unit: { id: unit.id, name: unit.name, town: unit.parent?.name ?? "" },
    result: result && { ...result, points: pointsOf(result.points) },
    mode: scoreMode(actor, round.status),
  };
}

export interface FiveGoodYear {
  year: number;
  status: AssessmentStatus;
  passMark: number;
  fullMarks: number;
  total: number;
  passed: boolean;
  advanced: boolean;
  points: { item: FiveGoodItem; label: string; points: number; weight: number }[];
}

/**
 * A village's 五好 status for its unit page: its latest scored year and, when that year
 * is still being scored, the latest confirmed one too. Null for other levels.
 */
export async function fiveGoodForUnit(actor: Actor, unitId: unknown): Promise<{ latest: FiveGoodYear; confirmed: FiveGoodYear | null } | null> {
  assertCan(actor, "rules.read");
  const unit = await findUnitInScope(db(), actor, unitId, { id: true, level: true });
  if (unit.level !== "VILLAGE") return null;
  const find = (status?: AssessmentStatus) =>
    db().assessmentResult.findFirst({
      where: { ...scope.assessmentResults(actor), orgUnitId: unit.id, ...(status ? { round: { status } } : {}) },
      orderBy: { round: { year: "desc" } },
      select: { ...RESULT_SELECT, round: { select: ROUND_SELECT } },
    });
  const latest = await find();
  if (!latest) return null;
  const confirmed = latest.round.status === "CONFIRMED" ? null : await find("CONFIRMED");
  const shape = (r: NonNullable<typeof latest>): FiveGoodYear => {
    const criteria = criteriaOf(r.round);
    const points = pointsOf(r.points);
    return {
      year: r.round.year,
      status: r.round.status,
      passMark: r.round.passMark,
      fullMarks: fullMarks(criteria),
      total: r.total,
      passed: r.passed,
      advanced: r.advanced,
      points: FIVE_GOOD_ITEMS.map((item) => ({ item, label: FIVE_GOOD_LABELS[item], points: points[item], weight: criteria.weights[item] })),
    };
  };
  return { latest: shape(latest), confirmed: confirmed && shape(confirmed) };
}

/**
 * The 通报 of a year: the 先进单位 in scope grouped by town (in the tree's order), who
 * issues it and the counts it cites. `partial` when the actor sees only part of the district.
 */
export async function noticeOf(actor: Actor, year: number) {
  assertCan(actor, "rules.read");
  const round = await db().assessmentRound.findFirst({
    where: { ...scope.assessmentRounds(actor), year },
    select: { id: true, year: true, status: true, confirmedAt: true, orgUnitId: true, orgUnit: { select: { name: true } } },
  });
  if (!round) throw notFound();
  const [advanced, counts] = await Promise.all([
    db().assessmentResult.findMany({
      where: { ...scope.assessmentResults(actor), roundId: round.id, advanced: true },
      orderBy: [{ orgUnit: { parent: { sortOrder: "asc" } } }, { orgUnit: { parent: { code: "asc" } } }, { orgUnit: { code: "asc" } }],
      select: { orgUnit: { select: { name: true, parent: { select: { id: true, name: true } } } } },
    }),
    countsOf(actor, round.id),
  ]);
  const groups: { town: string; units: string[] }[] = [];
  for (const r of advanced) {
    const town = r.orgUnit.parent?.name ?? "";
    const last = groups.at(-1);
    if (last && last.town === town) last.units.push(r.orgUnit.name);
    else groups.push({ town, units: [r.orgUnit.name] });
  }
  return {
    year: round.year,
    status: round.status,
    confirmedAt: round.confirmedAt,
    issuer: `${round.orgUnit.name}关心下一代工作委员会`,
    groups,
    advancedCount: advanced.length,
    counts,
    partial: actor.orgUnitId !== round.orgUnitId,
  };
}
