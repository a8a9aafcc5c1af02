import "server-only";
/**
 * A village's or school's dashboard: instead of charts over one unit, the four things
 * its committee is judged on in a year (班子, 五好, 零犯罪, 辅导站 n/24), each with the
 * page that fixes it. Figures come from the metric engine for the actor's own unit,
 * so they are the same numbers the town and district see for it.
 */
import type { Actor } from "../actor";
import { getUnitRoster } from "../people/read-roster";
import { ACTIVITIES_REQUIRED_PER_YEAR } from "@/lib/schemas/activity";
import type { MetricKey } from "./definitions";
import { metricsAt, metricsTarget, type RateValue } from "./engine";
import { failingListsAt } from "./dashboard";

/** ok: nothing to do; warn: done but short of the rule; missing: not done yet; na: does not apply to this unit. */
export type CheckState = "ok" | "warn" | "missing" | "na";

export interface UnitCheck {
  key: "roster" | "fiveGood" | "zeroCrime" | "station";
  title: string;
  state: CheckState;
  /** What was found, in one or two short sentences. */
  detail: string;
  href: string;
  action: string;
}

export async function unitChecklist(actor: Actor, year: number): Promise<UnitCheck[]> {
  const unitId = actor.orgUnitId;
  const zeroCrimeKey: MetricKey = actor.orgUnitLevel === "SCHOOL" ? "studentZeroCrimeRate" : "youthZeroCrimeRate";
  const keys = ["fiveGoodRate", zeroCrimeKey, "stationActivityCompliance"] as const;
  const [roster, t] = await Promise.all([getUnitRoster(actor, unitId), metricsTarget(actor, unitId)]);
  const [answer, failing] = await Promise.all([metricsAt(t, { year, keys: [...keys, "activitySessions"] }), failingListsAt(t, year, keys)]);
  const rate = (k: MetricKey) => answer.metrics[k] as RateValue;
  const details = (k: MetricKey) => failing.find((f) => f.key === k)?.units.flatMap((u) => u.details) ?? [];

  const checks: UnitCheck[] = [];
  const r = roster.compliance;
  checks.push({
    key: "roster",
    title: "班子配备",
    state: r.status === "COMPLIANT" ? "ok" : r.status === "EXCEPTION" ? "warn" : "missing",
    detail:
      r.status === "COMPLIANT" ? "班子配备符合要求。" : r.status === "EXCEPTION" ? `已备案例外：${r.reasons.join("；")}` : r.reasons.join("；"),
    href: `/org/${unitId}`,
    action: r.status === "COMPLIANT" ? "查看班子" : "去调整班子",
  });

  const five = rate("fiveGoodRate");
  // The 五好 assessment is of village committees; a school is assessed only if the district chose to.
  const fiveApplies = actor.orgUnitLevel !== "SCHOOL" || five.denominator > 0;
  if (fiveApplies) checks.push({
    key: "fiveGood",
    title: `${year} 年度“五好”考核`,
    state: five.denominator === 0 ? "missing" : five.numerator === five.denominator ? "ok" : "warn",
    detail:
      five.denominator === 0
        ? "本年度尚无考核结果。"
        : five.numerator === five.denominator
          ? "考核达标。"
          : `考核未达标${details("fiveGoodRate").length ? `（${details("fiveGoodRate").join("、")}）` : ""}。`,
    href: "/rules/assessment",
    action: "查看考核",
  });

  const zero = rate(zeroCrimeKey);
  const who = zeroCrimeKey === "studentZeroCrimeRate" ? "在校生" : "青少年";
  checks.push({
    key: "zeroCrime",
    title: `${year} 年度“零犯罪”上报`,
    state: zero.denominator === 0 ? "missing" : zero.numerator === zero.denominator ? "ok" : "warn",
    detail:
      zero.denominator === 0
        ? "本年度尚未上报。"
        : zero.numerator === zero.denominator
          ? `已上报，${who}违法犯罪为零。`
          : `已上报：${details(zeroCrimeKey).join("、")}。`,
    href: "/outcomes/zero-crime",
    action: zero.denominator === 0 ? "去上报" : "查看上报",
  });

  const st = rate("stationActivityCompliance");
  const sessions = answer.metrics.activitySessions.value;
  checks.push({
    key: "station",
    title: `辅导站活动（每年至少 ${ACTIVITIES_REQUIRED_PER_YEAR} 次）`,
    state: st.denominator === 0 ? "na" : st.numerator === st.denominator ? "ok" : "warn",
    detail:
      st.denominator === 0
        ? "本单位没有在用的辅导站。"
        : st.denominator === 1
          ? `${year} 年已开展 ${sessions} / ${ACTIVITIES_REQUIRED_PER_YEAR} 次活动。`
          : `${st.numerator} / ${st.denominator} 个辅导站已达到 ${ACTIVITIES_REQUIRED_PER_YEAR} 次${details("stationActivityCompliance").length ? `；不足的：${details("stationActivityCompliance").join("、")}` : ""}。`,
    href: st.denominator === 0 ? "/stations" : "/activities/new",
    action: st.denominator === 0 ? "查看辅导站" : "登记活动",
  });
  return checks;
}
