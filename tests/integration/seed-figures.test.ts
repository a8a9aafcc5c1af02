/**
 * The demo seed reproduces the source report's figures (DOMAIN §5) for the parts that
 * exist so far. Counted straight from the raw rows.
 */
import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { evaluateRoster } from "@/lib/server/people/compliance";
import { REQUIRED_MEETINGS, regularity } from "@/lib/server/rules/regularity";
import { isoDay } from "@/lib/schemas/dates";

async function qingjiangpu() {
  return db().tenant.findUniqueOrThrow({ where: { code: "320812" } });
}

describe("demo seed: 清江浦区", () => {
  it("has 16 towns, 110 villages/communities and 25 schools, every committee established", async () => {
    const t = await qingjiangpu();
    const rows = await db().orgUnit.groupBy({
      by: ["level"],
      where: { tenantId: t.id, committeeEstablishedOn: { not: null } },
      _count: { _all: true },
    });
    const byLevel = Object.fromEntries(rows.map((r) => [r.level, r._count._all]));
    expect(byLevel).toMatchObject({ DISTRICT: 1, TOWN: 16, VILLAGE: 110, SCHOOL: 25 });
    expect(await db().orgUnit.count({ where: { tenantId: t.id, committeeEstablishedOn: null } })).toBe(0);
  });

  it("rosters: 14 of 16 towns compliant and 2 recorded exceptions; 110 of 110 villages compliant", async () => {
    const t = await qingjiangpu();
    const units = await db().orgUnit.findMany({
      where: { tenantId: t.id, level: { in: ["TOWN", "VILLAGE"] } },
      select: {
        id: true, name: true, level: true, committeeEstablishedOn: true,
        rosterPositions: {
          where: { endedOn: null },
          select: { role: true, concurrent: true, exceptionReason: true, person: { select: { name: true, retired: true, cadreRank: true, birthYear: true } } },
        },
      },
    });
    const statuses = units.map((u) => ({ level: u.level, name: u.name, ...evaluateRoster({ ...u, positions: u.rosterPositions }) }));
    const towns = statuses.filter((s) => s.level === "TOWN");
    expect(towns.filter((s) => s.status === "COMPLIANT")).toHaveLength(14);
    expect(towns.filter((s) => s.status === "EXCEPTION").map((s) => s.name).sort()).toEqual(["柳树湾街道", "长西街道"]);
    const villages = statuses.filter((s) => s.level === "VILLAGE");
    expect(villages).toHaveLength(110);
    expect(villages.filter((s) => s.status !== "COMPLIANT")).toEqual([]);
  });

  it("volunteers in every town, in all five categories", async () => {
    const t = await qingjiangpu();
    const towns = await db().orgUnit.findMany({ where: { tenantId: t.id, level: "TOWN" }, select: { id: true, name: true } });
    const rows = await db().$queryRaw<{ town: string; categories: number }[]>`
      SELECT t.id::text AS town, count(DISTINCT v.category)::int AS categories
        FROM "OrgUnit" t
        JOIN "OrgUnit" u ON u."tenantId" = t."tenantId" AND t.id = ANY(u.path)
        JOIN "Volunteer" v ON v."tenantId" = u."tenantId" AND v."orgUnitId" = u.id
       WHERE t."tenantId" = ${t.id}::uuid AND t.level = 'TOWN'
       GROUP BY t.id`;
    expect(rows).toHaveLength(towns.length);
    expect(rows.every((r) => r.categories === 5)).toBe(true);
  });

  it("recognition adds up to 675 award person-times", async () => {
    const t = await qingjiangpu();
    // Seeded rows only: other suites add awards of their own to the same database.
    expect(await db().recognition.count({ where: { tenantId: t.id, personId: { not: null }, isDemo: true } })).toBe(675);
  });

  it("126 stations, one per town and village; e-reading room up to standard in 96 (76.2%)", async () => {
    const t = await qingjiangpu();
    const stations = await db().station.findMany({ where: { tenantId: t.id, isDemo: true }, select: { orgUnit: { select: { level: true } }, eReadingRoomUpToStandard: true } });
    expect(stations).toHaveLength(126);
    expect(stations.filter((s) => s.orgUnit.level === "TOWN")).toHaveLength(16);
    expect(stations.filter((s) => s.eReadingRoomUpToStandard)).toHaveLength(96);
  });

  it("726,000 元 raised; 137 computers, 4 air conditioners, 68 desks, 59 chairs; over 9 town and 36 village stations", async () => {
    const t = await qingjiangpu();
    const funds = await db().funding.aggregate({ where: { tenantId: t.id, isDemo: true }, _sum: { amountFen: true } });
    expect(funds._sum.amountFen).toBe(72_600_000n);
    const items = await db().purchase.groupBy({ by: ["item"], where: { tenantId: t.id, isDemo: true }, _sum: { quantity: true } });
    expect(Object.fromEntries(items.map((i) => [i.item, i._sum.quantity]))).toEqual({ COMPUTER: 137, AIR_CONDITIONER: 4, DESK: 68, CHAIR: 59 });
    const strengthened = await db().station.findMany({
      where: { tenantId: t.id, isDemo: true, OR: [{ fundings: { some: {} } }, { purchases: { some: {} } }] },
      select: { orgUnit: { select: { level: true } } },
    });
    expect(strengthened.filter((s) => s.orgUnit.level === "TOWN")).toHaveLength(9);
    expect(strengthened.filter((s) => s.orgUnit.level === "VILLAGE")).toHaveLength(36);
  });

  it("activities 2018-01-01..2020-03-31: over 1,600 sessions and 59,000 participant-times; more in summer", async () => {
    const t = await qingjiangpu();
    const where = { tenantId: t.id, isDemo: true, date: { gte: new Date("2018-01-01"), lte: new Date("2020-03-31") } };
    const all = await db().activity.aggregate({ where, _count: { _all: true }, _sum: { youthParticipants: true } });
    expect(all._count._all).toBeGreaterThanOrEqual(1600);
    expect(all._sum.youthParticipants).toBeGreaterThanOrEqual(59_000);
    const [july] = await db().$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM "Activity" WHERE "tenantId" = ${t.id}::uuid AND date >= '2019-07-01' AND date < '2019-08-01'`;
    const [march] = await db().$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM "Activity" WHERE "tenantId" = ${t.id}::uuid AND date >= '2019-03-01' AND date < '2019-04-01'`;
    expect(july.n).toBeGreaterThan(march.n * 1.5);
  });

  it("in 2019 most stations held at least 24 activities, and some did not", async () => {
    const t = await qingjiangpu();
    const rows = await db().$queryRaw<{ reached: number; short: number }[]>`
      SELECT count(*) FILTER (WHERE n >= 24)::int AS reached, count(*) FILTER (WHERE n < 24)::int AS short
        FROM (SELECT s.id, count(a.id) AS n FROM "Station" s
                LEFT JOIN "Activity" a ON a."stationId" = s.id AND a.date >= '2019-01-01' AND a.date < '2020-01-01'
               WHERE s."tenantId" = ${t.id}::uuid AND s."isDemo" GROUP BY s.id) x`;
    expect(rows[0].reached).toBe(112);
    expect(rows[0].short).toBe(14);
  });

  it("五好 2019: 81 of 110 villages passed (73.6%); the 先进单位 all passed", async () => {
    const t = await qingjiangpu();
    const round = await db().assessmentRound.findUniqueOrThrow({ where: { tenantId_year: { tenantId: t.id, year: 2019 } } });
    expect(round.status).toBe("CONFIRMED");
    const results = await db().assessmentResult.findMany({ where: { roundId: round.id }, select: { passed: true, advanced: true, total: true, orgUnit: { select: { level: true } } } });
    expect(results).toHaveLength(110);
    expect(results.every((x) => x.orgUnit.level === "VILLAGE")).toBe(true);
    expect(results.filter((x) => x.passed)).toHaveLength(81);
    expect(results.every((x) => x.passed === x.total >= round.passMark)).toBe(true);
    const advanced = results.filter((x) => x.advanced);
    expect(advanced.length).toBeGreaterThanOrEqual(10);
    expect(advanced.every((x) => x.passed)).toBe(true);
  });

  it("meetings 2019: the district missed 3 weekly and 1 monthly meeting and held its annual summary", async () => {
    const t = await qingjiangpu();
    const district = await db().orgUnit.findFirstOrThrow({ where: { tenantId: t.id, level: "DISTRICT" } });
    const meetings = await db().meeting.findMany({ where: { orgUnitId: district.id }, select: { kind: true, heldOn: true } });
    const held = Object.fromEntries(
      REQUIRED_MEETINGS.map((rule) => {
        const r = regularity({
          cadence: rule.cadence,
          year: 2019,
          meetingDays: meetings.filter((m) => m.kind === rule.kind).map((m) => isoDay(m.heldOn)!),
          establishedOn: isoDay(district.committeeEstablishedOn),
          today: "2026-11-28",
        });
        return [rule.kind, `${r.held}/${r.required}`];
      }),
    );
    expect(held).toEqual({ DISTRICT_WEEKLY: "49/52", GRASSROOTS_MONTHLY: "11/12", ANNUAL_SUMMARY: "1/1" });
  });

  it("请示汇报 all answered; 2019 subsidies mostly paid on time, some late, a few unpaid", async () => {
    const t = await qingjiangpu();
    const requests = await db().partyRequest.findMany({ where: { tenantId: t.id } });
    expect(requests.length).toBeGreaterThanOrEqual(5);
    expect(requests.every((x) => x.answer && x.resolvedOn)).toBe(true);
    const subsidies = await db().subsidy.findMany({ where: { tenantId: t.id }, select: { dueOn: true, paidOn: true, kind: true } });
    const onTime = subsidies.filter((x) => x.paidOn && x.paidOn <= x.dueOn).length;
    const late = subsidies.filter((x) => x.paidOn && x.paidOn > x.dueOn).length;
    const unpaid = subsidies.filter((x) => !x.paidOn).length;
    expect(new Set(subsidies.map((x) => x.kind))).toEqual(new Set(["VOLUNTEER_REWARD", "TEACHER_ALLOWANCE"]));
    expect(onTime / subsidies.length).toBeGreaterThan(0.6);
    expect(late).toBeGreaterThan(10);
    expect(unpaid).toBeGreaterThan(0);
  });

  it("零犯罪 2019: 100 of 110 villages without youth offenders, 109 without minors, 25 of 25 schools; counts only", async () => {
    const t = await qingjiangpu();
    const records = await db().zeroCrimeRecord.findMany({ where: { tenantId: t.id, year: 2019, isDemo: true }, include: { orgUnit: { select: { level: true } } } });
    const villages = records.filter((x) => x.orgUnit.level === "VILLAGE");
    const schools = records.filter((x) => x.orgUnit.level === "SCHOOL");
    expect([villages.length, schools.length]).toEqual([110, 25]);
    expect(villages.filter((x) => x.youthOffenders === 0)).toHaveLength(100);
    expect(villages.filter((x) => x.minorOffenders === 0)).toHaveLength(109);
    expect(schools.filter((x) => x.studentOffenders === 0)).toHaveLength(25);
    expect(records.every((x) => x.status === "CONFIRMED")).toBe(true);
  });

  it("one survey with a finding in each category the source names; the five documents it names", async () => {
    const t = await qingjiangpu();
    const findings = await db().surveyFinding.findMany({ where: { tenantId: t.id, survey: { isDemo: true } }, select: { category: true } });
    expect(new Set(findings.map((f) => f.category))).toEqual(new Set(["LEADERSHIP_TEAM", "STATION_HARDWARE", "TEACHERS", "FUNDING"]));
    const docs = await db().policyDocument.findMany({ where: { tenantId: t.id, isDemo: true }, select: { topic: true, issuers: true, file: { select: { documentId: true } } } });
    expect(docs.filter((d) => d.topic === "校站结合")).toHaveLength(4);
    expect(docs.filter((d) => d.issuers.includes("中共清江浦区委办公室"))).toHaveLength(1);
    expect(docs.every((d) => d.file)).toBe(true);
  });

  it("the other district has no people data leaking in", async () => {
    const other = await db().tenant.findUniqueOrThrow({ where: { code: "320804" } });
    expect(await db().volunteer.count({ where: { tenantId: other.id } })).toBe(0);
  });
});
