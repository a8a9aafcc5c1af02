/**
 * Demo 制度 records for 清江浦区 (DOMAIN §4.3 and §5): the district's meetings from
 * 2018 to March 2020 with a few gaps (Spring Festival, National Day, the 2020 epidemic),
 * decisions mostly carried out; 五好 assessments for 2018 and 2019 (2019: 81 of 110
 * villages passed, 73.6%); a handful of 请示汇报, all answered; 2019 subsidies for
 * volunteers and station teachers, some paid late and a few still unpaid.
 */
import type { PrismaClient } from "../../lib/generated/prisma/client";
import type { FiveGoodItem, MeetingKind, SubsidyKind } from "../../lib/generated/prisma/enums";
import { DEFAULT_CRITERIA, FIVE_GOOD_ITEMS, score, type Points } from "../../lib/server/rules/scoring";
import { periodsOfYear } from "../../lib/server/rules/regularity";
import { dayDate } from "../../lib/schemas/dates";
import type { SeedUnit } from "./org";
import { day, personName, rng, type Rng } from "./random";

export const RULES_FIGURES = {
  /** 五好 passed of 110 villages assessed. */
  fiveGood: { 2018: 74, 2019: 81 } as Record<number, number>,
  /** Weeks (ISO week-years) and months without the required meeting. */
  missingWeeks: { 2018: ["2018-W07", "2018-W40"], 2019: ["2019-W06", "2019-W31", "2019-W40"], 2020: ["2020-W04", "2020-W05", "2020-W06"] } as Record<number, string[]>,
  missingMonths: { 2019: ["2019-02"], 2020: ["2020-02"] } as Record<number, string[]>,
  /** Meetings are seeded up to this day (the end of the source's activity records). */
  until: "2020-03-31",
};

const DECISIONS = [
  ["落实暑期“校站结合”活动计划", "区关工委办公室"],
  ["督促各镇（街道）报送辅导站活动台账", "各镇（街道）常务副主任"],
  ["筹备“五好”村（社区）关工委考核", "区关工委办公室"],
  ["开展“零犯罪”村（社区）创建情况摸底", "区关工委办公室"],
  ["组织五老志愿者入门培训", "各镇（街道）常务副主任"],
  ["整理上报先进典型材料", "区关工委秘书组"],
] as const;

function meetingsOf(kind: MeetingKind, districtId: string, tenantId: string, r: Rng) {
  const cadence = kind === "DISTRICT_WEEKLY" ? "WEEK" : kind === "GRASSROOTS_MONTHLY" ? "MONTH" : "YEAR";
  const rows: { tenantId: string; orgUnitId: string; kind: MeetingKind; heldOn: Date; title: string; attendees: string; minutes: string; isDemo: boolean }[] = [];
  for (const year of [2018, 2019, 2020]) {
    const missing = new Set([...(RULES_FIGURES.missingWeeks[year] ?? []), ...(RULES_FIGURES.missingMonths[year] ?? [])]);
    for (const p of periodsOfYear(cadence, year)) {
      if (missing.has(p.key)) continue;
      // Weekly on Monday or Tuesday, monthly in the first ten days, the annual summary in mid-January.
      const offset = cadence === "WEEK" ? r.int(0, 1) : cadence === "MONTH" ? r.int(2, 9) : r.int(12, 20);
      const held = new Date(dayDate(p.start).getTime() + offset * 86_400_000);
      if (held.toISOString().slice(0, 10) > RULES_FIGURES.until) continue;
      const title =
        cadence === "WEEK"
          ? `区关工委驻会成员例会（${p.label}）`
          : cadence === "MONTH"
            ? `${year}年${p.label}基层关工委常务副主任例会`
            : `${year - 1}年度工作总结暨${year}年工作部署会`;
      rows.push({
        tenantId,
        orgUnitId: districtId,
        kind,
        heldOn: held,
        title,
        attendees: cadence === "WEEK" ? "区关工委驻会成员" : cadence === "MONTH" ? "各镇（街道）、村（社区）关工委常务副主任" : "区关工委全体成员、各基层关工委主任和常务副主任",
        minutes: cadence === "WEEK" ? "传达上级精神，研究布置本周工作。" : cadence === "MONTH" ? "汇报交流上月工作，研究布置本月工作。" : "总结全年工作，表彰先进，部署新一年工作。",
        isDemo: true,
      });
    }
  }
  return rows;
}

/** Item points adding up to exactly `total`, each within 0..weight, deterministic. */
function spread(total: number, r: Rng): Points {
  const points = Object.fromEntries(FIVE_GOOD_ITEMS.map((i) => [i, Math.floor(total / 5)])) as Points;
  let left = total - 5 * Math.floor(total / 5);
  // Move a few marks between items so not every row is flat, keeping the sum.
  for (let k = 0; k < 3; k++) {
    const from = r.pick(FIVE_GOOD_ITEMS);
    const to = r.pick(FIVE_GOOD_ITEMS);
    const n = r.int(0, 2);
    if (from !== to && points[from] - n >= 0 && points[to] + n <= DEFAULT_CRITERIA.weights[to]) {
      points[from] -= n;
      points[to] += n;
    }
  }
  for (const item of FIVE_GOOD_ITEMS) {
    while (left > 0 && points[item] < DEFAULT_CRITERIA.weights[item]) {
      points[item]++;
      left--;
    }
  }
  return points;
}

async function seedAssessment(client: PrismaClient, tenantId: string, district: SeedUnit, villages: SeedUnit[], year: number, r: Rng) {
  const round = await client.assessmentRound.create({
    data: {
      tenantId,
      orgUnitId: district.id,
      year,
      passMark: DEFAULT_CRITERIA.passMark,
      status: "CONFIRMED",
      publishedAt: day(year, 1, 22),
      confirmedAt: day(year + 1, 1, 10),
      isDemo: true,
    },
  });
  await client.assessmentCriterion.createMany({
    data: FIVE_GOOD_ITEMS.map((item: FiveGoodItem) => ({ tenantId, roundId: round.id, item, weight: DEFAULT_CRITERIA.weights[item] })),
  });
  const passing = new Set(r.shuffled(villages).slice(0, RULES_FIGURES.fiveGood[year]).map((v) => v.id));
  const results = villages.map((v) => {
    const total = passing.has(v.id) ? r.int(80, 97) : r.int(58, 79);
    const points = spread(total, r);
    return { tenantId, roundId: round.id, orgUnitId: v.id, points, ...score(DEFAULT_CRITERIA, points), advanced: false, isDemo: true };
  });
  // 先进单位: the ten best (ties at the cut all named, so no tie is split).
  const sorted = results.map((x) => x.total).sort((a, b) => b - a);
  const cut = sorted[9];
  for (const x of results) x.advanced = x.passed && x.total >= cut;
  await client.assessmentResult.createMany({ data: results });
}

export async function seedRules(client: PrismaClient, tenantId: string, units: SeedUnit[]) {
  const r = rng(20191231);
  const district = units.find((u) => u.level === "DISTRICT")!;
  const villages = units.filter((u) => u.level === "VILLAGE").sort((a, b) => a.code.localeCompare(b.code));

  // Meetings and their decisions.
  const meetings = (["DISTRICT_WEEKLY", "GRASSROOTS_MONTHLY", "ANNUAL_SUMMARY"] as const).flatMap((k) => meetingsOf(k, district.id, tenantId, r));
  const created = await client.meeting.createManyAndReturn({ data: meetings, select: { id: true, kind: true, heldOn: true } });
  const decisions = created
    .filter((m) => m.kind !== "DISTRICT_WEEKLY")
    .flatMap((m, i) => {
      const [text, owner] = DECISIONS[i % DECISIONS.length];
      const dueOn = new Date(m.heldOn.getTime() + 30 * 86_400_000);
      // Most are done a little before the due day; every seventh is still open (past due).
      const doneOn = i % 7 === 3 ? null : new Date(dueOn.getTime() - r.int(0, 20) * 86_400_000);
      return [{ tenantId, orgUnitId: district.id, meetingId: m.id, text, owner, dueOn, doneOn }];
    });
  await client.meetingDecision.createMany({ data: decisions });

  await seedAssessment(client, tenantId, district, villages, 2018, r);
  await seedAssessment(client, tenantId, district, villages, 2019, r);

  // 请示汇报: all answered.
  const requests = [
    ["REPORT", "传达省关工委第十次全体（扩大）会议精神及我区贯彻意见", day(2019, 3, 4), 6],
    ["REQUEST", "关于解决校外辅导站电子阅览室设备经费的请示", day(2019, 4, 16), 21],
    ["REQUEST", "关于落实“五老”人员以奖代补资金的请示", day(2019, 6, 3), 28],
    ["REPORT", "2019年暑期“校站结合”活动安排情况汇报", day(2019, 6, 24), 5],
    ["REPORT", "“五好”村（社区）关工委创建工作进展汇报", day(2019, 9, 10), 9],
    ["REQUEST", "关于进站教师工作补贴发放办法的请示", day(2019, 11, 5), 35],
  ] as const;
  await client.partyRequest.createMany({
    data: requests.map(([kind, subject, submittedOn, days]) => ({
      tenantId,
      orgUnitId: district.id,
      kind,
      subject,
      submittedOn,
      answer: kind === "REQUEST" ? "同意，请区财政局、区教育局按程序落实。" : "已阅，请按计划推进。",
      resolvedOn: new Date(submittedOn.getTime() + days * 86_400_000),
      isDemo: true,
    })),
  });

  // Subsidies for 2019, per half year: 以奖代补 for active volunteers of a sample of villages,
  // work allowances for the teachers (tutors) of village stations.
  const volunteers = await client.volunteer.findMany({
    where: { tenantId, status: "ACTIVE", orgUnit: { level: "VILLAGE" } },
    select: { personId: true, orgUnitId: true, person: { select: { name: true } }, orgUnit: { select: { code: true } } },
    orderBy: [{ orgUnit: { code: "asc" } }, { joinedOn: "asc" }, { person: { name: "asc" } }],
  });
  const stations = await client.station.findMany({
    where: { tenantId, orgUnit: { level: "VILLAGE" } },
    select: { orgUnitId: true, tutors: true, orgUnit: { select: { code: true } } },
    orderBy: { orgUnit: { code: "asc" } },
  });
  const halves = [
    { from: day(2019, 1, 1), to: day(2019, 6, 30), due: day(2019, 7, 31) },
    { from: day(2019, 7, 1), to: day(2019, 12, 31), due: day(2020, 1, 31) },
  ];
  type Row = { tenantId: string; orgUnitId: string; kind: SubsidyKind; personId: string | null; recipientName: string; amountFen: bigint; periodFrom: Date; periodTo: Date; dueOn: Date; paidOn: Date | null; isDemo: boolean };
  const rows: Row[] = [];
  const paid = (due: Date) => {
    const x = r.next();
    if (x < 0.03) return null; // still unpaid
    if (x < 0.25) return new Date(due.getTime() + r.int(10, 90) * 86_400_000); // late
    return new Date(due.getTime() - r.int(0, 20) * 86_400_000);
  };
  for (const v of volunteers.filter((_, i) => i % 3 === 0)) {
    for (const h of halves) {
      rows.push({ tenantId, orgUnitId: v.orgUnitId, kind: "VOLUNTEER_REWARD", personId: v.personId, recipientName: v.person.name, amountFen: 60_000n, periodFrom: h.from, periodTo: h.to, dueOn: h.due, paidOn: paid(h.due), isDemo: true });
    }
  }
  for (const s of stations) {
    const teacher = s.tutors[0] ?? personName(r);
    for (const h of halves) {
      rows.push({ tenantId, orgUnitId: s.orgUnitId, kind: "TEACHER_ALLOWANCE", personId: null, recipientName: teacher, amountFen: 120_000n, periodFrom: h.from, periodTo: h.to, dueOn: h.due, paidOn: paid(h.due), isDemo: true });
    }
  }
  await client.subsidy.createMany({ data: rows });
  return { meetings: created.length, decisions: decisions.length, subsidies: rows.length };
}
