import "server-only";
/**
 * 校站结合 summer plans: each spring a town/village committee records its plan with the
 * school paired with its station; status only moves forward (草稿 → 已商定 → 已完成);
 * activities of the committee's stations can be linked to it. The list of committees
 * with a paired school but no plan agreed by 1 July costs two queries.
 */
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "../db";
import type { Actor } from "../actor";
import { defineWrite } from "../write";
import { AppError, invalid, notFound } from "../errors";
import { findUnitInScope, parseId, scope } from "../scope";
import { assertCan } from "../permissions";
import { dayDate, todayInBeijing, yearRange } from "@/lib/schemas/dates";
import {
  agreeDeadline,
  SUMMER_PLAN_NEXT,
  SUMMER_PLAN_STATUS_LABELS,
  ZAdvanceSummerPlan,
  ZCreateSummerPlan,
  ZLinkActivityToPlan,
  type SummerPlanStatus,
} from "@/lib/schemas/station";

const PLAN_SELECT = {
  id: true,
  orgUnitId: true,
  schoolId: true,
  year: true,
  startsOn: true,
  endsOn: true,
  plannedActivities: true,
  status: true,
  agreedOn: true,
} as const;

export const createSummerPlan = defineWrite({
  action: "summer_plan.create",
  permission: "station.write",
  input: ZCreateSummerPlan,
  conflictMessage: "该单位与这所学校当年的暑期计划已经登记过了",
  conflictField: "year",
  async run({ tx, actor, input }) {
    const committee = await findUnitInScope(tx, actor, input.orgUnitId, { id: true, level: true });
    if (committee.level !== "TOWN" && committee.level !== "VILLAGE") {
      throw invalid([{ path: "orgUnitId", message: "暑期计划由镇（街道）或村（社区）关工委登记" }]);
    }
    // The plan is made with the school paired with the committee's station(s).
    const paired = await tx.station.findMany({
      where: { ...scope.stations(actor), orgUnitId: committee.id, active: true, pairedSchoolId: { not: null } },
      select: { pairedSchoolId: true },
      distinct: ["pairedSchoolId"],
    });
    const schools = paired.map((p) => p.pairedSchoolId!);
    if (schools.length === 0) {
      throw invalid([{ path: "orgUnitId", message: "该单位的辅导站还没有挂钩学校，请先在辅导站资料里设定挂钩学校" }]);
    }
    let schoolId = input.schoolId;
    if (schoolId && !schools.includes(schoolId)) throw invalid([{ path: "schoolId", message: "请选择与本单位辅导站挂钩的学校" }]);
    if (!schoolId) {
      if (schools.length > 1) throw invalid([{ path: "schoolId", message: "本单位有多所挂钩学校，请选择一所" }]);
      schoolId = schools[0];
    }
    const row = await tx.summerPlan.create({
      data: {
        tenantId: actor.tenantId,
        orgUnitId: committee.id,
        schoolId,
        year: input.year,
        startsOn: input.startsOn,
        endsOn: input.endsOn,
        plannedActivities: input.plannedActivities,
      },
      select: PLAN_SELECT,
    });
    return { result: row, entity: "SummerPlan", entityId: row.id, after: row };
  },
});

/** Why a move is refused, in words the committee understands; null when it is the one move forward. */
export function transitionRefusal(from: SummerPlanStatus, to: SummerPlanStatus): string | null {
  if (SUMMER_PLAN_NEXT[from] === to) return null;
  const L = SUMMER_PLAN_STATUS_LABELS;
  if (from === to) return `该计划已经是“${L[to]}”状态`;
  if (from === "DONE") return "计划已完成，状态不能再修改";
  if (from === "DRAFT" && to === "DONE") return "须先与学校商定计划（已商定），才能标记为已完成";
  return `暑期计划只能向前推进（草稿 → 已商定 → 已完成），不能从“${L[from]}”改回“${L[to]}”`;
}

/** 草稿 → 已商定 (records the day agreed, default today) → 已完成; nothing else. */
export const advanceSummerPlan = defineWrite({
  action: "summer_plan.advance",
  permission: "station.write",
  input: ZAdvanceSummerPlan,
  async run({ tx, actor, input }) {
    const before = await tx.summerPlan.findFirst({ where: { ...scope.summerPlans(actor), id: input.id }, select: PLAN_SELECT });
    if (!before) throw notFound();
    const refusal = transitionRefusal(before.status, input.status);
    if (refusal) throw invalid([{ path: "status", message: refusal }], refusal);
    const agreedOn = input.status === "AGREED" ? (input.agreedOn ?? dayDate(todayInBeijing())) : before.agreedOn;
    // Only from the status we read: a concurrent change makes this a conflict, not a skipped step.
    const { count } = await tx.summerPlan.updateMany({
      where: { ...scope.summerPlans(actor), id: before.id, status: before.status },
      data: { status: input.status, agreedOn },
    });
    if (count !== 1) throw new AppError("CONFLICT", "计划状态刚被他人修改，请刷新后重试");
    const after = { ...before, status: input.status, agreedOn };
    return { result: after, entity: "SummerPlan", entityId: before.id, before, after };
  },
});

/** Links an activity to a plan: both in scope, the activity's station hosted by the plan's committee, same year. */
export const linkActivityToPlan = defineWrite({
  action: "summer_plan.link_activity",
  permission: "station.write",
  input: ZLinkActivityToPlan,
  async run({ tx, actor, input }) {
    const [activity, plan] = await Promise.all([
      tx.activity.findFirst({ where: { ...scope.activities(actor), id: input.activityId }, select: { id: true, orgUnitId: true, date: true, summerPlanId: true } }),
      tx.summerPlan.findFirst({ where: { ...scope.summerPlans(actor), id: input.planId }, select: { id: true, orgUnitId: true, year: true } }),
    ]);
    if (!activity || !plan) throw notFound();
    if (activity.orgUnitId !== plan.orgUnitId) {
      throw invalid([{ path: "activityId", message: "该活动不是本计划所属单位的辅导站开展的" }]);
    }
    if (activity.date.getUTCFullYear() !== plan.year) {
      throw invalid([{ path: "activityId", message: `只能关联 ${plan.year} 年的活动` }]);
    }
    await tx.activity.updateMany({ where: { ...scope.activities(actor), id: activity.id }, data: { summerPlanId: plan.id } });
    return {
      result: { activityId: activity.id, planId: plan.id },
      entity: "Activity",
      entityId: activity.id,
      before: { summerPlanId: activity.summerPlanId },
      after: { summerPlanId: plan.id },
    };
  },
});

// ── reads ────────────────────────────────────────────────────────────────────────────

/** Active towns and villages; ANDed with the scope (a spread `orgUnit` key would replace the scope's). */
const COMMITTEE = { level: { in: ["TOWN", "VILLAGE"] }, active: true } satisfies Prisma.OrgUnitWhereInput;

/** Plans of a year in scope, in tree order, with their linked activity counts. */
export async function listSummerPlans(actor: Actor, year: number) {
  assertCan(actor, "station.read");
  return db().summerPlan.findMany({
    where: { ...scope.summerPlans(actor), year },
    orderBy: [{ orgUnit: { code: "asc" } }, { school: { code: "asc" } }],
    select: {
      ...PLAN_SELECT,
      orgUnit: { select: { name: true } },
      school: { select: { name: true } },
      _count: { select: { activities: { where: scope.activities(actor) } } },
    },
  });
}

export interface MissingPlan {
  orgUnitId: string;
  name: string;
  schools: string[];
  /** What there is instead: no plan, a draft, or one agreed after 1 July. */
  reason: string;
}

/**
 * 截至7月1日未商定暑期计划: committees (towns, villages) whose station has a paired school
 * and that have no plan of the year AGREED or DONE with agreedOn on or before 1 July.
 * One query for committees with a paired school, one for the year's plans.
 */
export async function missingAgreedPlans(actor: Actor, year: number): Promise<{ committees: number; missing: MissingPlan[] }> {
  assertCan(actor, "station.read");
  const deadline = agreeDeadline(year);
  const [stations, plans] = await Promise.all([
    db().station.findMany({
      where: { ...scope.stations(actor), active: true, pairedSchoolId: { not: null }, AND: [{ orgUnit: COMMITTEE }] },
      orderBy: [{ orgUnit: { code: "asc" } }],
      select: { orgUnitId: true, orgUnit: { select: { name: true } }, pairedSchool: { select: { name: true } } },
    }),
    db().summerPlan.findMany({ where: { ...scope.summerPlans(actor), year }, select: { orgUnitId: true, status: true, agreedOn: true } }),
  ]);
  const committees = new Map<string, { name: string; schools: Set<string> }>();
  for (const s of stations) {
    const c = committees.get(s.orgUnitId) ?? { name: s.orgUnit.name, schools: new Set<string>() };
    if (s.pairedSchool) c.schools.add(s.pairedSchool.name);
    committees.set(s.orgUnitId, c);
  }
  const plansBy = new Map<string, typeof plans>();
  for (const p of plans) plansBy.set(p.orgUnitId, [...(plansBy.get(p.orgUnitId) ?? []), p]);
  const missing: MissingPlan[] = [];
  for (const [orgUnitId, c] of committees) {
    const own = plansBy.get(orgUnitId) ?? [];
    const agreedInTime = own.some((p) => p.status !== "DRAFT" && p.agreedOn !== null && p.agreedOn <= deadline);
    if (agreedInTime) continue;
    const late = own.find((p) => p.status !== "DRAFT" && p.agreedOn);
    const reason = late
      ? `${late.agreedOn!.toISOString().slice(0, 10)} 才商定（晚于7月1日）`
      : own.length > 0
        ? "计划仍是草稿，未商定"
        : "没有登记暑期计划";
    missing.push({ orgUnitId, name: c.name, schools: [...c.schools], reason });
  }
  return { committees: committees.size, missing };
}

/** One plan in scope with its linked activities and the committee's activities of that year not yet linked. */
export async function getSummerPlan(actor: Actor, id: unknown) {
  assertCan(actor, "station.read");
  const plan = await db().summerPlan.findFirst({
    where: { ...scope.summerPlans(actor), id: parseId(id) },
    select: { ...PLAN_SELECT, orgUnit: { select: { name: true } }, school: { select: { name: true } } },
  });
  if (!plan) throw notFound();
  const activitySelect = { id: true, date: true, kind: true, title: true, youthParticipants: true, station: { select: { name: true } } } as const;
  const [linked, candidates] = await Promise.all([
    db().activity.findMany({ where: { ...scope.activities(actor), summerPlanId: plan.id }, orderBy: { date: "asc" }, select: activitySelect }),
    db().activity.findMany({
      where: { ...scope.activities(actor), orgUnitId: plan.orgUnitId, date: yearRange(plan.year), summerPlanId: null },
      orderBy: { date: "desc" },
      take: 100,
      select: activitySelect,
    }),
  ]);
  return { ...plan, linked, candidates };
}

/** Committees in scope whose stations have a paired school (for the new-plan form). */
export async function planCommitteeOptions(actor: Actor) {
  assertCan(actor, "station.read");
  const rows = await db().station.findMany({
    where: { ...scope.stations(actor), active: true, pairedSchoolId: { not: null }, AND: [{ orgUnit: COMMITTEE }] },
    orderBy: [{ orgUnit: { code: "asc" } }],
    select: { orgUnitId: true, orgUnit: { select: { name: true, level: true } }, pairedSchool: { select: { id: true, name: true } } },
  });
  const out = new Map<string, { id: string; name: string; depth: number; schools: { id: string; name: string }[] }>();
  for (const r of rows) {
    const c = out.get(r.orgUnitId) ?? { id: r.orgUnitId, name: r.orgUnit.name, depth: r.orgUnit.level === "VILLAGE" ? 1 : 0, schools: [] };
    if (r.pairedSchool && !c.schools.some((s) => s.id === r.pairedSchool!.id)) c.schools.push(r.pairedSchool);
    out.set(r.orgUnitId, c);
  }
  return [...out.values()];
}
