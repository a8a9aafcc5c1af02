import "server-only";
/**
 * The home page's "what needs doing" list: the few things in the actor's scope that
 * are missing or wrong, each with the page that fixes it. Each capability adds its
 * checks here; each check is one or two scoped queries, never a loop over units.
 */
import type { Actor } from "../actor";
import { can } from "../permissions";
import { complianceInScope } from "../people/read-roster";
import { countVolunteers } from "../people/read-volunteers";
import { db } from "../db";
import { scope } from "../scope";
import { ACTIVITIES_REQUIRED_PER_YEAR } from "@/lib/schemas/activity";
import { todayInBeijing } from "@/lib/schemas/dates";
import { meetingRegularityFor } from "../rules/meetings";
import { overdueSubsidies } from "../rules/subsidies";
import { unreportedUnits } from "../outcomes/zero-crime";
import { MEETING_KIND_LABELS } from "../rules/regularity";

export interface ChecklistItem {
  key: string;
  title: string;
  detail: string;
  href: string;
  action: string;
}

export async function homeChecklist(actor: Actor): Promise<ChecklistItem[]> {
  const items: ChecklistItem[] = [];
  if (!can(actor, "people.read")) return items;
  // Independent checks: all at once.
  const [compliance, untrained, stations, rules] = await Promise.all([
    can(actor, "people.write") ? complianceInScope(actor) : Promise.resolve([]),
    countVolunteers(actor, { trained: "no", status: "ACTIVE" }),
    stationsBehind(actor),
    rulesAndOutcomes(actor),
  ]);

  const noCommittee = compliance.filter((c) => c.compliance.failedRules.includes("committee"));
  if (noCommittee.length) {
    items.push({
      key: "committee",
      title: `${noCommittee.length} 个单位尚未成立关工委`,
      detail: noCommittee.slice(0, 3).map((c) => c.unit.name).join("、") + (noCommittee.length > 3 ? " 等" : ""),
      href: "/rosters?rule=committee",
      action: "查看并登记",
    });
  }
  const failing = compliance.filter((c) => c.compliance.status === "NON_COMPLIANT" && !c.compliance.failedRules.includes("committee"));
  if (failing.length) {
    items.push({
      key: "roster",
      title: `${failing.length} 个单位班子配备不符合要求`,
      detail: failing
        .slice(0, 3)
        .map((c) => `${c.unit.name}：${c.compliance.reasons[0]}`)
        .join("；") + (failing.length > 3 ? " 等" : ""),
      href: "/rosters?status=NON_COMPLIANT",
      action: "去调整班子",
    });
  }
  if (untrained > 0) {
    items.push({
      key: "training",
      title: `${untrained} 名在队志愿者未参加入门培训`,
      detail: "参加活动前须先完成入门培训。",
      href: "/volunteers?trained=no&status=ACTIVE",
      action: "安排培训",
    });
  }
  items.push(...stations, ...rules);
  return items;
}

/** The first few names, and "等" when there are more than those. */
const some = (names: string[], total: number) => names.slice(0, 3).join("、") + (total > 3 ? " 等" : "");

/**
 * 制度 and 成效 (DOMAIN §4.3, §4.5): required meetings missed this year, subsidies past
 * due and unpaid, last year's 零犯罪 counts not yet reported. A few scoped queries, each
 * counting in SQL and reading only the few names shown.
 */
export async function rulesAndOutcomes(actor: Actor, today = todayInBeijing()): Promise<ChecklistItem[]> {
  const items: ChecklistItem[] = [];
  const year = Number(today.slice(0, 4));
  const lastYear = year - 1;
  const [gaps, overdue, unreported] = await Promise.all([
    can(actor, "meeting.write") ? meetingRegularityFor(actor, actor.orgUnitId, year, today) : Promise.resolve([]),
    can(actor, "subsidy.write") ? overdueSubsidies(actor, today) : { count: 0, recipients: [] },
    can(actor, "zerocrime.report") ? unreportedUnits(actor, lastYear) : { count: 0, names: [] },
  ]);
  const short = gaps.filter((g) => g.regularity.missing.length > 0);
  const missed = short.reduce((n, g) => n + g.regularity.missing.length, 0);
  if (missed) {
    items.push({
      key: "meetings",
      title: `本年有 ${missed} 次例会未按规定召开`,
      detail: short
        .map((g) => `${MEETING_KIND_LABELS[g.rule.kind]}缺 ${g.regularity.missing.length} 次（最近：${g.regularity.missing.at(-1)!.label}）`)
        .join("；"),
      href: `/rules/meetings?year=${year}`,
      action: "登记会议",
    });
  }
  if (overdue.count) {
    items.push({
      key: "subsidies",
      title: `${overdue.count} 笔补贴已过发放期限仍未发放`,
      detail: `如：${some(overdue.recipients, overdue.count)}`,
      href: "/rules/subsidies?status=overdue",
      action: "登记发放",
    });
  }
  if (unreported.count) {
    items.push({
      key: "zero-crime",
      title: `${unreported.count} 个单位尚未上报${lastYear}年“零犯罪”情况`,
      detail: some(unreported.names, unreported.count),
      href: `/outcomes/zero-crime?year=${lastYear}`,
      action: "去上报",
    });
  }
  return items;
}

/**
 * Stations behind the pace of 24 activities a year (e.g. 9 by October, when 18 are due).
 * Two queries: the stations in scope, and this year's counts grouped by station.
 */
export async function stationsBehind(actor: Actor, now = new Date()): Promise<ChecklistItem[]> {
  if (!can(actor, "station.read")) return [];
  const year = now.getUTCFullYear();
  const start = new Date(Date.UTC(year, 0, 1));
  const elapsed = (now.getTime() - start.getTime()) / (Date.UTC(year + 1, 0, 1) - start.getTime());
  const due = Math.floor(ACTIVITIES_REQUIRED_PER_YEAR * elapsed);
  if (due < 2) return []; // too early in the year to say anyone is behind
  const [stations, counts] = await Promise.all([
    db().station.findMany({ where: { ...scope.stations(actor), active: true }, select: { id: true, name: true }, orderBy: { name: "asc" } }),
    db().activity.groupBy({
      by: ["stationId"],
      where: { ...scope.activities(actor), date: { gte: start, lte: now } },
      _count: { _all: true },
    }),
  ]);
  const done = new Map(counts.map((c) => [c.stationId, c._count._all]));
  const behind = stations.filter((s) => (done.get(s.id) ?? 0) < due);
  if (!behind.length) return [];
  return [
    {
      key: "stations",
      title:
        behind.length === 1
          ? `${behind[0].name}本年已开展 ${done.get(behind[0].id) ?? 0} 次活动，按进度应达到 ${due} 次`
          : `${behind.length} 个辅导站本年活动进度落后（按进度应达到 ${due} 次）`,
      detail: `每站每年至少开展 ${ACTIVITIES_REQUIRED_PER_YEAR} 次活动。` + (behind.length > 1 ? `如：${behind.slice(0, 3).map((s) => s.name).join("、")}` : ""),
      href: actor.role === "STATION_COORDINATOR" ? "/activities/new" : "/stations",
      action: actor.role === "STATION_COORDINATOR" ? "登记活动" : "查看各站进度",
    },
  ];
}
