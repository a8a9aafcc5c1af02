/**
 * Station coordinators are tied to their station(s) (StationCoordinator): a coordinator
 * placed on a town logs for, lists and reads only the stations assigned to them — in the
 * write path, the pickers and GET /api/v1/stations and /api/v1/activities. Assigning is
 * an audited station.write of an admin with the station in scope.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import type { Actor } from "@/lib/server/actor";
import { createActivity, updateActivity } from "@/lib/server/stations/write-activities";
import { getActivity, listActivities, parseActivityFilters, stationOptions } from "@/lib/server/stations/read-activities";
import { getStation, listStations, parseStationFilters } from "@/lib/server/stations/read-stations";
import { assignCoordinator, stationCoordinators, unassignCoordinator } from "@/lib/server/stations/coordinators";
import { GET as getStationsApi } from "@/app/api/v1/stations/route";
import { GET as getActivitiesApi } from "@/app/api/v1/activities/route";
import { actorFor } from "../support/actors";
import { apiGet, demoUnits, expectAppError, newUser, routeCtx, tokenFor, type DemoUnits } from "../support/fixtures";

let units: DemoUnits;
const actors: Record<string, Actor> = {};
let coord: Actor;
let coordUsername: string;
/** Two stations of the coordinator's town; only `mine` is assigned to them. */
let mine: { id: string; orgUnitId: string };
let other: { id: string; orgUnitId: string };

const mkStation = (orgUnitId: string, tenantId: string) =>
  db().station.create({ data: { tenantId, orgUnitId, name: `辅导员测试站${randomBytes(3).toString("hex")}` }, select: { id: true, orgUnitId: true } });

const activity = (stationId: string, over: Record<string, unknown> = {}) => ({
  id: randomUUID(),
  stationId,
  date: "2019-10-12",
  kind: "STORY",
  title: `辅导员活动${randomBytes(4).toString("hex")}`,
  youthParticipants: 20,
  ...over,
});

beforeAll(async () => {
  units = await demoUnits();
  for (const u of ["district.admin", "town.admin", "unit.admin", "station.coord", "leader", "huaiyin.admin"]) actors[u] = await actorFor(u);
  const t = units.district.tenantId;
  mine = await mkStation(units.village.id, t);
  other = await mkStation(units.siblingVillage.id, t);
  const u = await newUser({ role: "STATION_COORDINATOR", orgUnitId: units.town.id, prefix: "coord" });
  coordUsername = u.username;
  coord = await actorFor(u.username);
  await assignCoordinator(actors["town.admin"], { stationId: mine.id, userId: coord.userId });
});

describe("a coordinator on a town with two stations, assigned one", () => {
  it("logs for their station, and the other station is NOT_FOUND with nothing written", async () => {
    const ok = await createActivity(coord, activity(mine.id));
    expect(ok.created).toBe(true);
    const raw = activity(other.id);
    await expectAppError(createActivity(coord, raw), "NOT_FOUND");
    expect(await db().activity.count({ where: { id: raw.id } })).toBe(0);
    // Nor can they move their own entry to the other station.
    await expectAppError(updateActivity(coord, { ...activity(other.id), id: ok.id }), "NOT_FOUND");
    expect((await db().activity.findUniqueOrThrow({ where: { id: ok.id } })).stationId).toBe(mine.id);
  });

  it("lists and picks only their station; the other station's page and activities are not found", async () => {
    expect((await stationOptions(coord)).map((s) => s.id)).toEqual([mine.id]);
    expect((await listStations(coord, parseStationFilters({}))).items.map((s) => s.id)).toEqual([mine.id]);
    expect((await getStation(coord, mine.id)).id).toBe(mine.id);
    await expectAppError(getStation(coord, other.id), "NOT_FOUND");
    const elsewhere = await createActivity(actors["town.admin"], activity(other.id));
    await expectAppError(getActivity(coord, elsewhere.id), "NOT_FOUND");
    const listed = await listActivities(coord, parseActivityFilters({}));
    expect(listed.items.length).toBeGreaterThan(0);
    expect(new Set(listed.items.map((a) => a.stationId))).toEqual(new Set([mine.id]));
  });

  it("GET /api/v1/stations and /api/v1/activities answer only their station", async () => {
    const { token } = await tokenFor(coordUsername);
    const stations = await (await getStationsApi(apiGet("/api/v1/stations", token), routeCtx({}))).json();
    expect(stations.items.map((s: { id: string }) => s.id)).toEqual([mine.id]);
    const acts = await getActivitiesApi(apiGet("/api/v1/activities?from=2019-01-01&to=2019-12-31", token), routeCtx({}));
    expect(acts.status).toBe(200);
    const body = await acts.json();
    expect(body.items.length).toBeGreaterThan(0);
    expect(new Set(body.items.map((a: { stationId: string }) => a.stationId))).toEqual(new Set([mine.id]));
    const filtered = await getActivitiesApi(apiGet(`/api/v1/activities?station=${other.id}`, token), routeCtx({}));
    expect(filtered.status).toBe(404);
  });

  it("a coordinator without any station sees none and may log for none", async () => {
    const bare = await actorFor((await newUser({ role: "STATION_COORDINATOR", orgUnitId: units.village.id, prefix: "coord" })).username);
    expect(await stationOptions(bare)).toEqual([]);
    expect((await listStations(bare, parseStationFilters({}))).total).toBe(0);
    await expectAppError(createActivity(bare, activity(mine.id)), "NOT_FOUND");
  });

  it("admins are not narrowed by assignments: the town admin still logs for both", async () => {
    for (const s of [mine, other]) expect((await createActivity(actors["town.admin"], activity(s.id))).created).toBe(true);
  });
});

describe("assigning and removing coordinator accounts", () => {
  it("is audited, idempotent, and takes effect at once", async () => {
    const u = await newUser({ role: "STATION_COORDINATOR", orgUnitId: units.siblingVillage.id, prefix: "coord" });
    const who = await actorFor(u.username);
    await expectAppError(createActivity(who, activity(other.id)), "NOT_FOUND");
    await assignCoordinator(actors["town.admin"], { stationId: other.id, userId: u.id });
    await assignCoordinator(actors["town.admin"], { stationId: other.id, userId: u.id });
    const audit = await db().auditLog.findMany({ where: { action: "station.coordinator.assign", entityId: other.id, after: { path: ["coordinator"], equals: u.username } } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ entity: "Station", actorName: "town.admin" });
    expect((await createActivity(who, activity(other.id))).created).toBe(true);
    const list = await stationCoordinators(actors["town.admin"], other.id);
    expect(list.assigned.map((x) => x.id)).toContain(u.id);
    expect(list.candidates.map((x) => x.id)).not.toContain(u.id);

    await unassignCoordinator(actors["town.admin"], { stationId: other.id, userId: u.id });
    expect(await db().auditLog.count({ where: { action: "station.coordinator.remove", entityId: other.id, before: { path: ["coordinator"], equals: u.username } } })).toBe(1);
    await expectAppError(createActivity(who, activity(other.id)), "NOT_FOUND");
    expect((await stationCoordinators(actors["town.admin"], other.id)).candidates.map((x) => x.id)).toContain(u.id);
  });

  it("offers only coordinators of the station's unit or above, in the admin's scope", async () => {
    const list = await stationCoordinators(actors["town.admin"], mine.id);
    const sib = await newUser({ role: "STATION_COORDINATOR", orgUnitId: units.siblingVillage.id, prefix: "coord" });
    const admin = await newUser({ role: "UNIT_ADMIN", orgUnitId: units.village.id, prefix: "adm" });
    expect(list.assigned.map((x) => x.id)).toContain(coord.userId);
    for (const [userId] of [[sib.id], [admin.id]]) {
      const e = await expectAppError(assignCoordinator(actors["town.admin"], { stationId: mine.id, userId }), "INVALID");
      expect(e.issues.map((i) => i.path)).toEqual(["userId"]);
    }
    // A village admin cannot hand their station to a coordinator sitting on the town above them (outside their scope).
    const e = await expectAppError(assignCoordinator(actors["unit.admin"], { stationId: mine.id, userId: coord.userId }), "INVALID");
    expect(e.issues.map((i) => i.path)).toEqual(["userId"]);
    expect(await db().stationCoordinator.count({ where: { stationId: mine.id, userId: { in: [sib.id, admin.id] } } })).toBe(0);
  });

  it("outside scope is NOT_FOUND; coordinators and leaders are FORBIDDEN; nothing changes", async () => {
    const before = await db().stationCoordinator.count();
    await expectAppError(assignCoordinator(actors["unit.admin"], { stationId: other.id, userId: coord.userId }), "NOT_FOUND");
    await expectAppError(assignCoordinator(actors["huaiyin.admin"], { stationId: mine.id, userId: coord.userId }), "NOT_FOUND");
    await expectAppError(unassignCoordinator(actors["huaiyin.admin"], { stationId: mine.id, userId: coord.userId }), "NOT_FOUND");
    await expectAppError(stationCoordinators(actors["huaiyin.admin"], mine.id), "NOT_FOUND");
    for (const who of [coord, actors["station.coord"], actors.leader]) {
      await expectAppError(assignCoordinator(who, { stationId: mine.id, userId: coord.userId }), "FORBIDDEN");
      await expectAppError(unassignCoordinator(who, { stationId: mine.id, userId: coord.userId }), "FORBIDDEN");
    }
    const bad = await expectAppError(assignCoordinator(actors["town.admin"], { stationId: mine.id, userId: "nope" }), "INVALID");
    expect(bad.issues.map((i) => i.path)).toEqual(["userId"]);
    expect(await db().stationCoordinator.count()).toBe(before);
    expect(await db().stationCoordinator.count({ where: { stationId: mine.id, userId: coord.userId } })).toBe(1);
  });
});

describe("the demo", () => {
  it("assigns station.coord the station of the community they sit on", async () => {
    const links = await db().stationCoordinator.findMany({
      where: { user: { username: "station.coord" }, station: { isDemo: true } },
      select: { station: { select: { orgUnitId: true } } },
    });
    expect(links.map((l) => l.station.orgUnitId)).toEqual([units.village.id]);
  });
});
