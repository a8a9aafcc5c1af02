/**
 * GET /api/v1/metrics across districts (issue 12): with a Bearer token of district B,
 * asking for any unit of district A is 404 not_found (API.md: outside the caller's scope,
 * the same answer as an id that does not exist), in both directions; asking with no unit
 * answers B's own district and B's figures only.
 */
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as metricsGet } from "@/app/api/v1/metrics/route";
import { db } from "@/lib/server/db";
import { apiGet, demoUnits, routeCtx, tokenFor, type DemoUnits } from "../support/fixtures";
import { ownDistrict } from "../support/own-district";

let units: DemoUnits;
const tokens: Record<string, string> = {};
let own: Awaited<ReturnType<typeof ownDistrict>>;

beforeAll(async () => {
  units = await demoUnits();
  for (const u of ["district.admin", "leader", "huaiyin.admin"]) tokens[u] = (await tokenFor(u)).token;
  own = await ownDistrict("指标隔离区");
  // A leader: district-wide and read-only, and no 两步验证 to set up before a token works.
  tokens.own = (await tokenFor(await own.user("LEADER", own.district.id))).token;
});

const get = (query: string, token: string) => metricsGet(apiGet(`/api/v1/metrics${query}`, token), routeCtx({}));

type Value = { value: number | null; numerator?: number; denominator?: number };
type Answer = { orgUnit: { id: string; name: string }; metrics: Record<string, Value>; children: { orgUnit: { id: string } }[] };

describe("another district's unit is not found", () => {
  it.each([
    ["huaiyin.admin", "district"],
    ["huaiyin.admin", "town"],
    ["huaiyin.admin", "village"],
    ["district.admin", "huaiyin"],
    ["leader", "huaiyinTown"],
    ["district.admin", "huaiyinVillage"],
  ] as [string, keyof DemoUnits][])("%s asking for %s: 404 not_found, the same body as an unknown id", async (who, key) => {
    const res = await get(`?orgUnit=${units[key].id}&year=2019`, tokens[who]);
    expect(res.status).toBe(404);
    const body = await res.json();
    expect(body).toEqual(expect.objectContaining({ error: "not_found" }));
    expect(JSON.stringify(body)).not.toContain(units[key].name);
    const unknown = await get(`?orgUnit=${randomUUID()}&year=2019`, tokens[who]);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual(body);
  });

  it("a district of this run's own asking for 清江浦区 or 淮阴区: 404", async () => {
    for (const key of ["district", "huaiyin"] as const) {
      expect((await get(`?orgUnit=${units[key].id}&year=2019`, tokens.own)).status).toBe(404);
    }
  });
});

describe("no unit: the caller's own district, and its figures only", () => {
  it("huaiyin.admin gets 淮阴区 with its own towns, the same answer as asking for it by id", async () => {
    const res = await get(`?year=2019`, tokens["huaiyin.admin"]);
    expect(res.status).toBe(200);
    const body: Answer = await res.json();
    expect(body.orgUnit).toMatchObject({ id: units.huaiyin.id, name: units.huaiyin.name });
    const towns = await db().orgUnit.findMany({ where: { parentId: units.huaiyin.id }, select: { id: true } });
    expect(towns.length).toBeGreaterThan(0);
    expect(body.children.map((c) => c.orgUnit.id).sort()).toEqual(towns.map((t) => t.id).sort());
    expect(await (await get(`?orgUnit=${units.huaiyin.id}&year=2019`, tokens["huaiyin.admin"])).json()).toEqual(body);
  });

  it("huaiyin.admin's counts are 淮阴区's rows, not 清江浦区's", async () => {
    const hy: Answer = await (await get(`?year=2019`, tokens["huaiyin.admin"])).json();
    const qjp: Answer = await (await get(`?year=2019`, tokens["district.admin"])).json();
    const volunteersOf = (tenantId: string) =>
      db().volunteer.count({ where: { tenantId, joinedOn: { lte: new Date("2019-12-31T00:00:00Z") }, status: { not: "LEFT" } } });
    const hyVolunteers = await volunteersOf(units.huaiyin.tenantId);
    const qjpVolunteers = await volunteersOf(units.district.tenantId);
    expect(qjpVolunteers).toBeGreaterThan(hyVolunteers);
    expect(hy.metrics.volunteers.value).toBe(hyVolunteers);
    expect(qjp.metrics.volunteers.value).toBe(qjpVolunteers);
    const committeesOf = (tenantId: string) => db().orgUnit.count({ where: { tenantId, level: { in: ["TOWN", "VILLAGE", "SCHOOL"] } } });
    expect(hy.metrics.committeeCoverage.denominator).toBe(await committeesOf(units.huaiyin.tenantId));
    expect(qjp.metrics.committeeCoverage.denominator).toBe(await committeesOf(units.district.tenantId));
  });

  it("a fresh district (one town, one village, nothing else) sees exactly its own two committees and nothing more", async () => {
    const res = await get(`?year=2019`, tokens.own);
    expect(res.status).toBe(200);
    const body: Answer = await res.json();
    expect(body.orgUnit.id).toBe(own.district.id);
    expect(body.children.map((c) => c.orgUnit.id)).toEqual([own.siblingTown.id]);
    expect(body.metrics.committeeCoverage).toMatchObject({ numerator: 2, denominator: 2, value: 1 });
    expect(body.metrics.volunteers.value).toBe(0);
    expect(body.metrics.activitySessions.value).toBe(0);
    expect(body.metrics.activityParticipants.value).toBe(0);
    expect(body.metrics.fundsRaisedFen.value).toBe(0);
  });
});
