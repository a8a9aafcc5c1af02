import "server-only";
/**
 * Every dashboard number, defined once (DOMAIN §4 "Metric:" lines, API.md keys).
 *
 * A definition is SQL over raw rows yielding one row per counted thing:
 *   unit_id  – the org unit the thing belongs to,
 *   path     – that unit's path (the engine buckets rows by the target's children with it),
 *   num, den – what the row adds to the numerator and denominator (den NULL for counts),
 *   detail   – optional text shown in a drill-down ("72 分", "青少年 2 人"),
 *   ord      – optional sort key of the details (e.g. a period's first day), else by text.
 * Each definition already limits itself to the target's subtree (`sub`), so the GIN index
 * on OrgUnit.path does the scoping work. The engine (engine.ts) runs them all in one
 * statement; nothing here loops over units.
 */
import { Prisma } from "@/lib/generated/prisma/client";
import { ACTIVITIES_REQUIRED_PER_YEAR } from "@/lib/schemas/activity";
import { YOUNG_ASSISTANT_MAX_AGE } from "@/lib/server/people/compliance";
import { MEETING_KIND_LABELS, periodsOfYear, REQUIRED_MEETINGS } from "@/lib/server/rules/regularity";

export const METRIC_KEYS = [
  "committeeCoverage",
  "townLeadershipCompliance",
  "villageLeadershipCompliance",
  "fiveGoodRate",
  "youthZeroCrimeRate",
  "minorZeroCrimeRate",
  "studentZeroCrimeRate",
  "stationActivityCompliance",
  "eReadingRoomCompliance",
  "meetingRegularity",
  "subsidyPaidOnTimeRate",
  "activitySessions",
  "activityParticipants",
  "awardPersonTimes",
  "volunteers",
  "fundsRaisedFen",
] as const;
export type MetricKey = (typeof METRIC_KEYS)[number];

/** The period and place a set of metrics is computed for. Days are "YYYY-MM-DD". */
export interface MetricParams {
  tenantId: string;
  /** The target unit: its whole subtree is counted. */
  unitId: string;
  year: number;
  /** Activity window: from..to when given, else the year. */
  from: string;
  to: string;
  /** Beijing today: periods still under way are not owed yet. */
  today: string;
}

export interface MetricDef {
  key: MetricKey;
  /** Chinese label for tiles, tables and Excel headers. */
  label: string;
  kind: "rate" | "count";
  /** How a count reads: 次, 人次, 人, 元 (money is stored in fen). */
  unit?: "次" | "人次" | "人" | "fen";
  /** What the rate counts, for the drill-down heading: "未达标的村（社区）". */
  failingLabel?: string;
  /** One sentence: what is counted over what. Shown under the tile and in the report. */
  explain: string;
  sql: (p: MetricParams) => Prisma.Sql;
}

const yearStart = (p: MetricParams) => `${p.year}-01-01`;
const yearEnd = (p: MetricParams) => `${p.year}-12-31`;
/** Rosters and coverage are judged as they stood at the end of the year (or today, in the current year). */
const refDay = (p: MetricParams) => (yearEnd(p) < p.today ? yearEnd(p) : p.today);

/** The target's subtree inside its tenant, for a unit alias. */
const sub = (p: MetricParams, u = "u") =>
  Prisma.sql`${Prisma.raw(u)}."tenantId" = ${p.tenantId}::uuid AND ${Prisma.raw(u)}.path @> ARRAY[${p.unitId}::uuid]`;

/**
 * A closed unit (撤销/撤并, OrgUnit.closedOn = the first day it no longer exists) counts
 * for the periods in which it existed, never after. Rule: figures judged on a day (rosters,
 * coverage: `refDay`) count the units that still existed on that day; figures of a span
 * (a year of station activity) count the units that existed at some point of it, i.e.
 * closed after it began; required meetings are owed per period only if the unit existed
 * until the period ended. Never filter on `active`: that is today's state and would
 * remove a unit closed in 2020 from 2019 too.
 */
const existedOn = (day: string, u = "u") => Prisma.sql`(${Prisma.raw(u)}."closedOn" IS NULL OR ${Prisma.raw(u)}."closedOn" > ${day}::date)`;

/** Joins a row's (tenantId, orgUnitId) to its unit. */
const unitOf = (alias: string) =>
  Prisma.raw(`JOIN "OrgUnit" u ON u."tenantId" = ${alias}."tenantId" AND u.id = ${alias}."orgUnitId"`);

function leadership(level: "TOWN" | "VILLAGE"): MetricDef["sql"] {
  // The rules of lib/server/people/compliance.ts, in SQL: COMPLIANT only (a recorded
  // exception is not compliance). tests/integration/metrics.test.ts checks both agree.
  return (p) => {
    const ref = refDay(p);
    const refYear = Number(ref.slice(0, 4));
    const deputyOk =
      level === "TOWN"
        ? Prisma.sql`pe.retired AND pe."cadreRank" = 'SECTION_OR_ABOVE'`
        : Prisma.sql`pe.retired AND pe."cadreRank" <> 'NONE'`;
    const youngAssistant =
      level === "VILLAGE"
        ? Prisma.sql`AND coalesce(bool_or(pe."birthYear" IS NOT NULL AND ${refYear}::int - pe."birthYear" <= ${YOUNG_ASSISTANT_MAX_AGE}::int) FILTER (WHERE p.role = 'ASSISTANT'), false)`
        : Prisma.empty;
    return Prisma.sql`
      SELECT u.id AS unit_id, u.path,
        (u."committeeEstablishedOn" IS NOT NULL AND u."committeeEstablishedOn" <= ${ref}::date
          AND count(p.id) FILTER (WHERE p.role = 'DIRECTOR') = 1
          AND count(p.id) FILTER (WHERE p.role = 'EXEC_DEPUTY') = 1
          AND coalesce(bool_and(NOT pe.retired AND p.concurrent) FILTER (WHERE p.role = 'DIRECTOR'), false)
          AND coalesce(bool_and(${deputyOk}) FILTER (WHERE p.role = 'EXEC_DEPUTY'), false)
          ${youngAssistant})::int AS num,
        1 AS den, NULL::text AS detail, NULL::text AS ord
      FROM "OrgUnit" u
      LEFT JOIN "RosterPosition" p ON p."tenantId" = u."tenantId" AND p."orgUnitId" = u.id
        AND p."startedOn" <= ${ref}::date AND (p."endedOn" IS NULL OR p."endedOn" > ${ref}::date)
      LEFT JOIN "Person" pe ON pe."tenantId" = p."tenantId" AND pe.id = p."personId"
      WHERE ${sub(p)} AND ${existedOn(ref)} AND u.level = ${level}::"OrgLevel"
      GROUP BY u.id`;
  };
}

function zeroCrime(level: "VILLAGE" | "SCHOOL", column: "youthOffenders" | "minorOffenders" | "studentOffenders", noun: string): MetricDef["sql"] {
  const col = Prisma.raw(`z."${column}"`);
  return (p) => Prisma.sql`
    SELECT u.id AS unit_id, u.path, (${col} = 0)::int AS num, 1 AS den, ${noun} || ' ' || ${col} || ' 人' AS detail, NULL::text AS ord
    FROM "ZeroCrimeRecord" z ${unitOf("z")}
    WHERE ${sub(p)} AND z.year = ${p.year}::int AND u.level = ${level}::"OrgLevel" AND ${col} IS NOT NULL`;
}

/** Activities in the window (from..to), totalled per unit by `total`: sessions or participant-times. */
function activityTotal(total: 'count(*)' | 'sum("youthParticipants")'): MetricDef["sql"] {
  return (p) => Prisma.sql`
    SELECT u.id AS unit_id, u.path, a.n AS num, NULL::int AS den, NULL::text AS detail, NULL::text AS ord
    FROM (SELECT "tenantId", "orgUnitId", ${Prisma.raw(total)} AS n FROM "Activity"
          WHERE "tenantId" = ${p.tenantId}::uuid AND date BETWEEN ${p.from}::date AND ${p.to}::date
          GROUP BY "tenantId", "orgUnitId") a ${unitOf("a")}
    WHERE ${sub(p)}`;
}

function meetingPeriods(p: MetricParams) {
  const rows = REQUIRED_MEETINGS.flatMap((rule) =>
    periodsOfYear(rule.cadence, p.year).map((period) => ({ level: rule.level, kind: rule.kind, ...period })),
  );
  const col = (f: (r: (typeof rows)[number]) => string) => rows.map(f).join(",");
  return { levels: col((r) => r.level), kinds: col((r) => r.kind), starts: col((r) => r.start), ends: col((r) => r.end), labels: col((r) => `${MEETING_KIND_LABELS[r.kind]}：${r.label}`) };
}

export const METRICS: readonly MetricDef[] = [
  {
    key: "committeeCoverage",
    label: "关工委组织覆盖率",
    kind: "rate",
    failingLabel: "尚未成立关工委的单位",
    explain: "已成立关工委的镇（街道）、村（社区）和学校 ÷ 全部此类单位",
    sql: (p) => Prisma.sql`
      SELECT u.id AS unit_id, u.path,
        (u."committeeEstablishedOn" IS NOT NULL AND u."committeeEstablishedOn" <= ${refDay(p)}::date)::int AS num,
        1 AS den, NULL::text AS detail, NULL::text AS ord
      FROM "OrgUnit" u
      WHERE ${sub(p)} AND ${existedOn(refDay(p))} AND u.level IN ('TOWN', 'VILLAGE', 'SCHOOL')`,
  },
  {
    key: "townLeadershipCompliance",
    label: "镇（街道）班子配备达标率",
    kind: "rate",
    failingLabel: "班子配备不达标的镇（街道）",
    explain: "班子符合要求的镇（街道）÷ 镇（街道）总数（已备案的例外不计为达标）",
    sql: leadership("TOWN"),
  },
  {
    key: "villageLeadershipCompliance",
    label: "村（社区）班子配备达标率",
    kind: "rate",
    failingLabel: "班子配备不达标的村（社区）",
    explain: "班子符合要求的村（社区）÷ 村（社区）总数",
    sql: leadership("VILLAGE"),
  },
  {
    key: "fiveGoodRate",
    label: "“五好”关工委达标率",
    kind: "rate",
    failingLabel: "“五好”考核未达标的村（社区）",
    explain: "考核达标的村（社区）÷ 参加当年考核的村（社区）",
    sql: (p) => Prisma.sql`
      SELECT u.id AS unit_id, u.path, r.passed::int AS num, 1 AS den, r.total || ' 分' AS detail, NULL::text AS ord
      FROM "AssessmentResult" r
      JOIN "AssessmentRound" ro ON ro."tenantId" = r."tenantId" AND ro.id = r."roundId" AND ro.year = ${p.year}::int
      ${unitOf("r")}
      WHERE ${sub(p)}`,
  },
  {
    key: "youthZeroCrimeRate",
    label: "青少年“零犯罪”村（社区）比例",
    kind: "rate",
    failingLabel: "有青少年违法犯罪的村（社区）",
    explain: "当年青少年违法犯罪人数为零的村（社区）÷ 已上报的村（社区）",
    sql: zeroCrime("VILLAGE", "youthOffenders", "青少年"),
  },
  {
    key: "minorZeroCrimeRate",
    label: "未成年人“零犯罪”村（社区）比例",
    kind: "rate",
    failingLabel: "有未成年人违法犯罪的村（社区）",
    explain: "当年未成年人违法犯罪人数为零的村（社区）÷ 已上报的村（社区）",
    sql: zeroCrime("VILLAGE", "minorOffenders", "未成年人"),
  },
  {
    key: "studentZeroCrimeRate",
    label: "在校生“零犯罪”学校比例",
    kind: "rate",
    failingLabel: "有在校生违法犯罪的学校",
    explain: "当年在校生违法犯罪人数为零的学校 ÷ 已上报的学校",
    sql: zeroCrime("SCHOOL", "studentOffenders", "在校生"),
  },
  {
    key: "stationActivityCompliance",
    label: `辅导站全年活动达标率（≥${ACTIVITIES_REQUIRED_PER_YEAR}次）`,
    kind: "rate",
    failingLabel: `全年活动不足 ${ACTIVITIES_REQUIRED_PER_YEAR} 次的辅导站`,
    explain: `当年活动不少于 ${ACTIVITIES_REQUIRED_PER_YEAR} 次的在用辅导站 ÷ 在用辅导站总数`,
    sql: (p) => Prisma.sql`
      SELECT u.id AS unit_id, u.path,
        (coalesce(a.n, 0) >= ${ACTIVITIES_REQUIRED_PER_YEAR}::int)::int AS num, 1 AS den,
        s.name || '：' || coalesce(a.n, 0) || ' 次' AS detail, NULL::text AS ord
      FROM "Station" s ${unitOf("s")}
      LEFT JOIN (
        SELECT "stationId", count(*) AS n FROM "Activity"
        WHERE "tenantId" = ${p.tenantId}::uuid AND date BETWEEN ${yearStart(p)}::date AND ${yearEnd(p)}::date
        GROUP BY "stationId"
      ) a ON a."stationId" = s.id
      WHERE ${sub(p)} AND s.active AND ${existedOn(yearStart(p))}`,
  },
  {
    key: "eReadingRoomCompliance",
    label: "青少年电子阅览室达标率",
    kind: "rate",
    failingLabel: "电子阅览室未达标的辅导站",
    explain: "电子阅览室达标的在用辅导站 ÷ 在用辅导站总数",
    sql: (p) => Prisma.sql`
      SELECT u.id AS unit_id, u.path, s."eReadingRoomUpToStandard"::int AS num, 1 AS den,
        s.name || CASE WHEN s."eReadingRoom" THEN '：有阅览室，未达标' ELSE '：未建阅览室' END AS detail, NULL::text AS ord
      FROM "Station" s ${unitOf("s")}
      WHERE ${sub(p)} AND s.active AND ${existedOn(yearStart(p))}`,
  },
  {
    key: "meetingRegularity",
    label: "例会制度落实率",
    kind: "rate",
    failingLabel: "缺开例会的单位",
    explain: "已按规定召开例会的周、月、年 ÷ 已经过去、应当召开的周、月、年",
    sql: (p) => {
      const m = meetingPeriods(p);
      return Prisma.sql`
        SELECT u.id AS unit_id, u.path,
          EXISTS (
            SELECT 1 FROM "Meeting" mt
            WHERE mt."tenantId" = u."tenantId" AND mt."orgUnitId" = u.id
              AND mt.kind::text = per.kind AND mt."heldOn" BETWEEN per.start AND per.finish
          )::int AS num,
          1 AS den, per.label AS detail, per.start::text AS ord
        FROM "OrgUnit" u
        JOIN unnest(
          string_to_array(${m.levels}, ','), string_to_array(${m.kinds}, ','),
          string_to_array(${m.starts}, ',')::date[], string_to_array(${m.ends}, ',')::date[],
          string_to_array(${m.labels}, ',')
        ) AS per(level, kind, start, finish, label) ON u.level::text = per.level
        WHERE ${sub(p)} AND (u."closedOn" IS NULL OR per.finish < u."closedOn")
          AND u."committeeEstablishedOn" <= per.start AND per.finish < ${p.today}::date`;
    },
  },
  {
    key: "subsidyPaidOnTimeRate",
    label: "补贴按时发放率",
    kind: "rate",
    failingLabel: "补贴未按时发放的单位",
    explain: "当年到期且已按期发放的补贴笔数 ÷ 当年已到期的补贴笔数",
    sql: (p) => Prisma.sql`
      SELECT u.id AS unit_id, u.path, (s."paidOn" IS NOT NULL AND s."paidOn" <= s."dueOn")::int AS num, 1 AS den,
        s."recipientName" || CASE WHEN s."paidOn" IS NULL THEN '：逾期未发' ELSE '：逾期发放' END AS detail, NULL::text AS ord
      FROM "Subsidy" s ${unitOf("s")}
      WHERE ${sub(p)} AND s."dueOn" BETWEEN ${yearStart(p)}::date AND ${yearEnd(p)}::date AND s."dueOn" < ${p.today}::date`,
  },
  {
    key: "activitySessions",
    label: "辅导站活动场次",
    kind: "count",
    unit: "次",
    explain: "所选期间各辅导站登记的活动场次",
    sql: activityTotal("count(*)"),
  },
  {
    key: "activityParticipants",
    label: "受教育青少年人次",
    kind: "count",
    unit: "人次",
    explain: "所选期间各场活动参加青少年人数之和（只计人数，不记姓名）",
    sql: activityTotal('sum("youthParticipants")'),
  },
  {
    key: "awardPersonTimes",
    label: "累计表彰奖励人次",
    kind: "count",
    unit: "人次",
    explain: "截至年底，个人获得各级表彰奖励的人次",
    sql: (p) => Prisma.sql`
      SELECT u.id AS unit_id, u.path, 1 AS num, NULL::int AS den, NULL::text AS detail, NULL::text AS ord
      FROM "Recognition" r ${unitOf("r")}
      WHERE ${sub(p)} AND r."personId" IS NOT NULL AND r."awardedOn" <= ${yearEnd(p)}::date`,
  },
  {
    key: "volunteers",
    label: "五老志愿者人数",
    kind: "count",
    unit: "人",
    explain: "截至年底已加入、目前未退出的五老志愿者",
    sql: (p) => Prisma.sql`
      SELECT u.id AS unit_id, u.path, 1 AS num, NULL::int AS den, NULL::text AS detail, NULL::text AS ord
      FROM "Volunteer" v ${unitOf("v")}
      WHERE ${sub(p)} AND v."joinedOn" <= ${yearEnd(p)}::date AND v.status <> 'LEFT'`,
  },
  {
    key: "fundsRaisedFen",
    label: "累计筹集辅导站资金",
    kind: "count",
    unit: "fen",
    explain: "截至年底为辅导站筹集的资金",
    sql: (p) => Prisma.sql`
      SELECT u.id AS unit_id, u.path, f."amountFen" AS num, NULL::int AS den, NULL::text AS detail, NULL::text AS ord
      FROM "Funding" f ${unitOf("f")}
      WHERE ${sub(p)} AND f."receivedOn" <= ${yearEnd(p)}::date`,
  },
];

export const METRIC_BY_KEY = Object.fromEntries(METRICS.map((m) => [m.key, m])) as Record<MetricKey, MetricDef>;
