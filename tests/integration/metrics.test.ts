/**
 * The metric engine over the demo seed: every figure of DOMAIN §5 through the same
 * /api/v1/metrics the dashboards use, towns adding up to the district, scope, and a
 * bounded number of SQL statements however many units there are. Runs before the
 * files that add rows of their own (vitest.config.ts), so the figures are exact.
 */
import { describe, expect, it } from "vitest";
import { GET as metricsGet } from "@/app/api/v1/metrics/route";
import { db } from "@/lib/server/db";
import { computeMetrics, failingUnits } from "@/lib/server/metrics/engine";
import { METRIC_KEYS } from "@/lib/server/metrics/definitions";
import { defaultDashboardYear } from "@/lib/server/metrics/dashboard";
import { todayInBeijing } from "@/lib/schemas/dates";
import { complianceInScope } from "@/lib/server/people/read-roster";
import { createActivity } from "@/lib/server/stations/write-activities";
import { actorFor } from "../support/actors";
import { apiGet, demoUnits, expectAppError, routeCtx, tokenFor } from "../support/fixtures";

const get = async (query: string, username: string) => metricsGet(apiGet(`/api/v1/metrics${query}`, (await tokenFor(username)).token), routeCtx({}));

type Rate = { numerator: number; denominator: number; value: number | null };

describe("GET /api/v1/metrics on the demo district", () => {
  it("reproduces every figure of the source report (DOMAIN §5)", async () => {
    const { district } = await demoUnits();
    const res = await get(`?orgUnit=${district.id}&year=2019`, "leader");
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.orgUnit).toMatchObject({ id: district.id, name: "清江浦区" });
    expect(body.year).toBe(2019);
    expect(Object.keys(body.metrics).sort()).toEqual([...METRIC_KEYS].sort());
    const m = body.metrics;
    expect(m.committeeCoverage).toEqual({ numerator: 151, denominator: 151, value: 1 });
    expect(m.townLeadershipCompliance).toEqual({ numerator: 14, denominator: 16, value: 0.875 });
    expect(m.villageLeadershipCompliance).toEqual({ numerator: 110, denominator: 110, value: 1 });
    expect(m.fiveGoodRate).toEqual({ numerator: 81, denominator: 110, value: 0.7364 });
    expect(m.youthZeroCrimeRate).toEqual({ numerator: 100, denominator: 110, value: 0.9091 });
    expect(m.minorZeroCrimeRate).toEqual({ numerator: 109, denominator: 110, value: 0.9909 });
    expect(m.studentZeroCrimeRate).toEqual({ numerator: 25, denominator: 25, value: 1 });
    expect(m.eReadingRoomCompliance).toEqual({ numerator: 96, denominator: 126, value: 0.7619 });
    expect(m.stationActivityCompliance).toEqual({ numerator: 112, denominator: 126, value: 0.8889 });
    expect(m.awardPersonTimes).toEqual({ value: 675 });
    expect(m.fundsRaisedFen).toEqual({ value: 72_600_000 });
    expect(m.meetingRegularity).toEqual({ numerator: 61, denominator: 65, value: 0.9385 });
  });

  it("activities 2018-01-01..2020-03-31: over 1,600 sessions and 59,000 participant-times", async () => {
    const { district } = await demoUnits();
    const res = await get(`?orgUnit=${district.id}&year=2019&from=2018-01-01&to=2020-03-31`, "leader");
    const m = (await res.json()).metrics;
    expect(m.activitySessions.value).toBeGreaterThanOrEqual(1600);
    expect(m.activityParticipants.value).toBeGreaterThanOrEqual(59_000);
  });

  it("a town admin asking for another town gets 404; bad parameters get 400 with the field", async () => {
    const { siblingTown } = await demoUnits();
    const res = await get(`?orgUnit=${siblingTown.id}&year=2019`, "town.admin");
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual(expect.objectContaining({ error: "not_found" }));
    const bad = await get(`?orgUnit=${siblingTown.id}&year=19`, "town.admin");
    expect(bad.status).toBe(400);
    expect((await bad.json()).issues[0].path).toBe("year");
    const reversed = await get(`?year=2019&from=2019-05-01&to=2019-01-01`, "town.admin");
    expect(reversed.status).toBe(400);
  });
});

describe("metric engine", () => {
  it("a town's rates and counts are the sums of its villages' and its own rows", async () => {
    const actor = await actorFor("district.admin");
    const { district } = await demoUnits();
    const answer = await computeMetrics(actor, { orgUnitId: district.id, year: 2019 });
    for (const child of answer.children.filter((c) => c.orgUnit.level === "TOWN").slice(0, 4)) {
      const town = await computeMetrics(actor, { orgUnitId: child.orgUnit.id, year: 2019 });
      // The district's per-child figures are the town's own totals…
      expect(town.metrics).toEqual(child.metrics);
      // …and a town's numerators and denominators add up over its villages, schools and itself.
      for (const key of ["fiveGoodRate", "youthZeroCrimeRate", "stationActivityCompliance", "activitySessions"] as const) {
        const own = await computeMetrics(actor, { orgUnitId: child.orgUnit.id, year: 2019, keys: [key] });
        const parts = town.children.map((c) => c.metrics[key]);
        if (key !== "activitySessions") {
          // A rate (decided by the key, not by what came back).
          expect(town.metrics[key]).toHaveProperty("numerator");
          const r = town.metrics[key] as Rate;
          const sumNum = parts.reduce((s, x) => s + (x as Rate).numerator, 0);
          const sumDen = parts.reduce((s, x) => s + (x as Rate).denominator, 0);
          // The town's own station (hosted by the town itself) is not in any child.
          expect(r.numerator).toBeGreaterThanOrEqual(sumNum);
          expect(r.denominator).toBeGreaterThanOrEqual(sumDen);
          if (key === "fiveGoodRate" || key === "youthZeroCrimeRate") expect([r.numerator, r.denominator]).toEqual([sumNum, sumDen]);
        }
        expect(own.metrics[key]).toEqual(town.metrics[key]);
      }
    }
    const towns = answer.children.filter((c) => c.orgUnit.level === "TOWN");
    const sum = (k: "fiveGoodRate") => towns.reduce((s, c) => s + (c.metrics[k] as Rate).numerator, 0);
    expect(sum("fiveGoodRate")).toBe(81);
  });

  it("issues a bounded number of SQL statements for a district with 151 units", async () => {
    const actor = await actorFor("leader");
    const { district } = await demoUnits();
    let statements = 0;
    const client = db();
    const counting = {
      $queryRaw: ((...args: Parameters<typeof client.$queryRaw>) => {
        statements++;
        return client.$queryRaw(...args);
      }) as typeof client.$queryRaw,
      orgUnit: counted(client.orgUnit),
      tenant: counted(client.tenant),
    };
    function counted<T extends object>(model: T): T {
      return new Proxy(model, {
        get(target, prop, receiver) {
          const v = Reflect.get(target, prop, receiver);
          return typeof v === "function" ? (...a: unknown[]) => { statements++; return v.apply(target, a); } : v;
        },
      });
    }
    // A year nobody has asked for yet, so nothing is cached: scope check, data version, children, metrics.
    const answer = await computeMetrics(actor, { orgUnitId: district.id, year: 2017 }, counting as never);
    expect(answer.children.length).toBeGreaterThan(16);
    expect(statements).toBe(4);
    // Asked again with nothing written since: the scope check and the version only.
    statements = 0;
    expect(await computeMetrics(actor, { orgUnitId: district.id, year: 2017 }, counting as never)).toEqual(answer);
    expect(statements).toBe(2);
  });

  it("a write moves the figures at once: nothing cached outlives it", async () => {
    const actor = await actorFor("district.admin");
    const { village } = await demoUnits();
    const station = await db().station.findFirstOrThrow({ where: { orgUnitId: village.id, active: true } });
    const q = { orgUnitId: village.id, year: 2024, keys: ["activitySessions", "activityParticipants"] as const };
    const before = await computeMetrics(actor, q);
    await createActivity(actor, { stationId: station.id, date: "2024-05-04", kind: "STORY", title: "缓存测试故事会", youthParticipants: 17 });
    const after = await computeMetrics(actor, q);
    expect((after.metrics.activitySessions as { value: number }).value).toBe((before.metrics.activitySessions as { value: number }).value + 1);
    expect((after.metrics.activityParticipants as { value: number }).value).toBe((before.metrics.activityParticipants as { value: number }).value + 17);
  });

  it("the SQL roster rules agree with the rule engine on every town and village today", async () => {
    const actor = await actorFor("district.admin");
    const { district } = await demoUnits();
    const year = Number(new Date().toISOString().slice(0, 4));
    const failingTowns = await failingUnits(actor, { orgUnitId: district.id, year }, "townLeadershipCompliance");
    const failingVillages = await failingUnits(actor, { orgUnitId: district.id, year }, "villageLeadershipCompliance");
    const statuses = await complianceInScope(actor);
    const notCompliant = (level: string) =>
      statuses.filter((s) => s.unit.level === level && s.compliance.status !== "COMPLIANT").map((s) => s.unit.id).sort();
    expect(failingTowns.map((f) => f.unitId).sort()).toEqual(notCompliant("TOWN"));
    expect(failingVillages.map((f) => f.unitId).sort()).toEqual(notCompliant("VILLAGE"));
  });

  it("drills down from the 五好 rate to the 29 villages that did not pass, with their totals", async () => {
    const actor = await actorFor("leader");
    const { district } = await demoUnits();
    const failing = await failingUnits(actor, { orgUnitId: district.id, year: 2019 }, "fiveGoodRate");
    expect(failing).toHaveLength(29);
    expect(failing.every((f) => f.level === "VILLAGE" && f.details[0].endsWith("分"))).toBe(true);
  });

  it("drills down from meeting regularity to the missed periods, in calendar order", async () => {
    const actor = await actorFor("leader");
    const { district } = await demoUnits();
    const [unit, ...others] = await failingUnits(actor, { orgUnitId: district.id, year: 2019 }, "meetingRegularity");
    expect(others).toEqual([]);
    expect(unit).toMatchObject({ unitId: district.id, numerator: 61, denominator: 65 });
    expect(unit.details).toEqual(["常务副主任月例会：2月", "驻会成员周例会：第6周", "驻会成员周例会：第31周", "驻会成员周例会：第40周"]);
  });

  it("a dashboard opens on the last confirmed year until something is logged this year", async () => {
    // The demo's records end in March 2020 and its last confirmed 五好 year is 2019.
    expect(await defaultDashboardYear(await actorFor("leader"))).toBe(2019);
    // A district with nothing confirmed opens on this year.
    expect(await defaultDashboardYear(await actorFor("huaiyin.admin"))).toBe(Number(todayInBeijing().slice(0, 4)));
  });

  it("a station coordinator has no dashboard", async () => {
    const actor = await actorFor("station.coord");
    await expectAppError(computeMetrics(actor, { orgUnitId: actor.orgUnitId, year: 2019 }), "FORBIDDEN");
  });
});
