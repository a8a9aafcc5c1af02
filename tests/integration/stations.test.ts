/**
 * 校外辅导站, funding and purchases against real PostgreSQL: registering in scope (404
 * outside it, nothing written), roles (403), field errors (400), this year's count per
 * station, money stored in fen exactly and totalled by station, town and period in SQL,
 * and GET /api/v1/stations as API.md fixes it.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import type { Actor } from "@/lib/server/actor";
import { createStation, updateStation } from "@/lib/server/stations/write-stations";
import { getStation, listStations, currentYear, schoolOptions } from "@/lib/server/stations/read-stations";
import { createFunding, createPurchase, moneyTotals } from "@/lib/server/stations/funding";
import { assignCoordinator } from "@/lib/server/stations/coordinators";
import { GET } from "@/app/api/v1/stations/route";
import { actorFor } from "../support/actors";
import { apiGet, demoUnits, expectAppError, routeCtx, tokenFor, type DemoUnits } from "../support/fixtures";

let units: DemoUnits;
const actors: Record<string, Actor> = {};

beforeAll(async () => {
  units = await demoUnits();
  for (const u of ["district.admin", "town.admin", "unit.admin", "station.coord", "leader", "huaiyin.admin"]) actors[u] = await actorFor(u);
});

const stationName = () => `测试站${randomBytes(4).toString("hex")}`;
const input = (over: Record<string, unknown> = {}) => ({
  orgUnitId: units.village.id,
  name: stationName(),
  address: "城南街道健康路 1 号",
  pairedSchoolId: units.townSchool.id,
  tutors: "王老师、李老师",
  eReadingRoom: "on",
  eReadingRoomUpToStandard: "on",
  eReadingRoomCheckedOn: "2019-05-10",
  ...over,
});

async function expectNoStation(name: string) {
  expect(await db().station.count({ where: { name } })).toBe(0);
  expect(await db().auditLog.count({ where: { action: "station.create", after: { path: ["name"], equals: name } } })).toBe(0);
}

/** Activities written straight to the table (the activity capability is tested on its own). */
async function addActivities(station: { id: string; orgUnitId: string; tenantId: string }, dates: string[]) {
  await db().activity.createMany({
    data: dates.map((d, i) => ({
      id: randomUUID(),
      tenantId: station.tenantId,
      orgUnitId: station.orgUnitId,
      stationId: station.id,
      date: new Date(`${d}T00:00:00Z`),
      kind: "STORY" as const,
      title: `故事会 ${i + 1}`,
      youthParticipants: 20,
    })),
  });
}

describe("createStation", () => {
  it("a town admin registers a station for a village in scope; row and audit written", async () => {
    const raw = input();
    const s = await createStation(actors["town.admin"], raw);
    expect(s).toMatchObject({
      name: raw.name,
      orgUnitId: units.village.id,
      pairedSchoolId: units.townSchool.id,
      tutors: ["王老师", "李老师"],
      eReadingRoom: true,
      eReadingRoomUpToStandard: true,
      eReadingRoomCheckedOn: "2019-05-10",
    });
    const row = await db().station.findUniqueOrThrow({ where: { id: s.id } });
    expect(row.tenantId).toBe(actors["town.admin"].tenantId);
    const audit = await db().auditLog.findMany({ where: { action: "station.create", entityId: s.id } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorName: "town.admin", entity: "Station" });
  });

  it("a village admin may pair with a school of their town (outside their own subtree)", async () => {
    expect((await schoolOptions(actors["unit.admin"])).map((s) => s.id)).toContain(units.townSchool.id);
    const s = await createStation(actors["unit.admin"], input());
    expect(s.pairedSchoolId).toBe(units.townSchool.id);
  });

  it("outside scope is NOT_FOUND and nothing is written", async () => {
    for (const [who, unit] of [
      ["town.admin", units.villageOfSiblingTown.id],
      ["unit.admin", units.siblingVillage.id],
      ["district.admin", units.huaiyinVillage.id],
      ["district.admin", "00000000-0000-4000-8000-000000000000"],
    ] as const) {
      const raw = input({ orgUnitId: unit, pairedSchoolId: "" });
      await expectAppError(createStation(actors[who], raw), "NOT_FOUND");
      await expectNoStation(raw.name);
    }
  });

  it("LEADER and STATION_COORDINATOR are FORBIDDEN, nothing written", async () => {
    for (const who of ["leader", "station.coord"]) {
      const raw = input();
      await expectAppError(createStation(actors[who], raw), "FORBIDDEN");
      await expectNoStation(raw.name);
    }
  });

  it.each([
    ["eReadingRoomUpToStandard", { eReadingRoom: "" }, "没有电子阅览室"],
    ["eReadingRoomCheckedOn", { eReadingRoomCheckedOn: "" }, "检查日期"],
    ["eReadingRoomCheckedOn", { eReadingRoomCheckedOn: "2999-01-01" }, "不能晚于今天"],
    ["name", { name: " " }, "请填写辅导站名称"],
  ])("refuses a bad %s (%j) beside that field, writing nothing", async (path, over, message) => {
    const raw = input(over);
    // Counted, not looked up by name (a blank name cannot be looked up).
    const written = async () => [await db().station.count(), await db().auditLog.count({ where: { action: "station.create" } })];
    const before = await written();
    const e = await expectAppError(createStation(actors["town.admin"], raw), "INVALID");
    expect(e.issues).toContainEqual({ path, message: expect.stringContaining(message) });
    expect(await written()).toEqual(before);
  });

  it("a paired 'school' that is not a school, or a school of another district, is a field error", async () => {
    for (const bad of [units.siblingVillage.id, units.town.id, units.huaiyinVillage.id]) {
      const raw = input({ pairedSchoolId: bad });
      const e = await expectAppError(createStation(actors["district.admin"], raw), "INVALID");
      expect(e.issues.map((i) => i.path)).toEqual(["pairedSchoolId"]);
      await expectNoStation(raw.name);
    }
  });

  it("the host must be a town or village, not a school or the district", async () => {
    for (const host of [units.townSchool.id, units.district.id]) {
      const raw = input({ orgUnitId: host });
      const e = await expectAppError(createStation(actors["district.admin"], raw), "INVALID");
      expect(e.issues.map((i) => i.path)).toEqual(["orgUnitId"]);
      await expectNoStation(raw.name);
    }
  });
});

describe("updateStation", () => {
  it("edits in scope (before/after audited); outside scope is NOT_FOUND", async () => {
    const s = await createStation(actors["town.admin"], input({ eReadingRoomUpToStandard: "", eReadingRoomCheckedOn: "" }));
    const name = stationName();
    const after = await updateStation(actors["unit.admin"], { ...input({ name, tutors: "赵老师" }), id: s.id });
    expect(after).toMatchObject({ name, tutors: ["赵老师"], eReadingRoomUpToStandard: true });
    const audit = await db().auditLog.findFirstOrThrow({ where: { action: "station.update", entityId: s.id } });
    expect(audit.before).toMatchObject({ eReadingRoomUpToStandard: false });
    const other = await createStation(actors["district.admin"], input({ orgUnitId: units.villageOfSiblingTown.id, pairedSchoolId: "" }));
    await expectAppError(updateStation(actors["town.admin"], { ...input(), id: other.id }), "NOT_FOUND");
  });
});

describe("station list and page", () => {
  it("this year's count per station (n / 24), filters by town and e-reading room", async () => {
    const year = currentYear();
    const a = await createStation(actors["town.admin"], input());
    const b = await createStation(actors["town.admin"], input({ orgUnitId: units.siblingVillage.id, eReadingRoom: "", eReadingRoomUpToStandard: "", eReadingRoomCheckedOn: "" }));
    const rowA = await db().station.findUniqueOrThrow({ where: { id: a.id } });
    const rowB = await db().station.findUniqueOrThrow({ where: { id: b.id } });
    await addActivities(rowA, [`${year}-01-05`, `${year}-01-06`, `${year}-01-07`, `${year - 1}-12-31`]);
    await addActivities(rowB, [`${year}-01-02`]);

    const all = await listStations(actors["town.admin"], { page: 1 });
    const byId = new Map(all.items.map((s) => [s.id, s]));
    // Other tests' stations and the demo seed may share the page; ours are found by id across pages.
    const found = async (id: string, f = {}) => {
      for (let page = 1; ; page++) {
        const l = await listStations(actors["town.admin"], { page, ...f });
        const hit = l.items.find((s) => s.id === id);
        if (hit || page >= l.pages) return hit;
      }
    };
    expect((byId.get(a.id) ?? (await found(a.id)))?.yearActivities).toBe(3);
    expect((await found(b.id))?.yearActivities).toBe(1);
    expect(await found(a.id, { reading: "standard" })).toBeDefined();
    expect(await found(a.id, { reading: "none" })).toBeUndefined();
    expect(await found(b.id, { reading: "none" })).toBeDefined();
    expect(await found(a.id, { town: units.town.id })).toBeDefined();
    await expectAppError(listStations(actors["town.admin"], { page: 1, town: units.siblingTown.id }), "NOT_FOUND");

    const page = await getStation(actors["unit.admin"], a.id);
    expect(page.yearActivities).toBe(3);
    expect(page.recentActivities).toHaveLength(4);
    expect(page.recentActivities[0].date.toISOString().slice(0, 10)).toBe(`${year}-01-07`);
    // A station coordinator sees the page of a station assigned to them, and no other.
    await expectAppError(getStation(actors["station.coord"], a.id), "NOT_FOUND");
    await assignCoordinator(actors["unit.admin"], { stationId: a.id, userId: actors["station.coord"].userId });
    expect((await getStation(actors["station.coord"], a.id)).id).toBe(a.id);
    await expectAppError(getStation(actors["unit.admin"], b.id), "NOT_FOUND");
    await expectAppError(getStation(actors["huaiyin.admin"], a.id), "NOT_FOUND");
  });
});

describe("funding and purchases", () => {
  it("1234.56 元 is stored as 123456 fen exactly; audit keeps it", async () => {
    const s = await createStation(actors["town.admin"], input());
    const f = await createFunding(actors["town.admin"], { stationId: s.id, amount: "1234.56", source: "社会捐赠", receivedOn: "2019-03-01" });
    const row = await db().funding.findUniqueOrThrow({ where: { id: f.id } });
    expect(row.amountFen).toBe(123456n);
    expect(row.orgUnitId).toBe(units.village.id);
    const api = await createFunding(actors["town.admin"], { stationId: s.id, amount: 19.99, source: "区财政", receivedOn: "2019-03-02" });
    expect((await db().funding.findUniqueOrThrow({ where: { id: api.id } })).amountFen).toBe(1999n);
    const audit = await db().auditLog.findFirstOrThrow({ where: { action: "funding.create", entityId: f.id } });
    expect(audit.after).toMatchObject({ amountFen: "123456" });
  });

  it("bad amounts, future dates and missing targets are field errors; nothing written", async () => {
    const s = await createStation(actors["town.admin"], input());
    for (const [over, path] of [
      [{ amount: "12.345" }, "amount"],
      [{ amount: "-5" }, "amount"],
      [{ amount: "0" }, "amount"],
      [{ amount: "abc" }, "amount"],
      [{ receivedOn: "2999-01-01" }, "receivedOn"],
      [{ source: "" }, "source"],
      [{ stationId: "" }, "stationId"],
    ] as const) {
      const e = await expectAppError(createFunding(actors["town.admin"], Object.assign({ stationId: s.id, amount: "10", source: "捐赠", receivedOn: "2019-03-01" }, over)), "INVALID");
      expect(e.issues.map((i) => i.path)).toContain(path);
    }
    expect(await db().funding.count({ where: { stationId: s.id } })).toBe(0);
    await expectAppError(createFunding(actors.leader, { stationId: s.id, amount: "10", source: "捐赠", receivedOn: "2019-03-01" }), "FORBIDDEN");
    const other = await createStation(actors["district.admin"], input({ orgUnitId: units.villageOfSiblingTown.id, pairedSchoolId: "" }));
    await expectAppError(createFunding(actors["town.admin"], { stationId: other.id, amount: "10", source: "捐赠", receivedOn: "2019-03-01" }), "NOT_FOUND");
    expect(await db().funding.count({ where: { stationId: other.id } })).toBe(0);
  });

  it("purchases: quantity ≥ 1, 其他 needs a name; equipment grouped by item on the station page", async () => {
    const s = await createStation(actors["town.admin"], input());
    await createPurchase(actors["unit.admin"], { stationId: s.id, item: "COMPUTER", quantity: "3", cost: "12000", purchasedOn: "2019-04-01" });
    await createPurchase(actors["unit.admin"], { stationId: s.id, item: "COMPUTER", quantity: "2", cost: "8000.50", purchasedOn: "2019-05-01" });
    await createPurchase(actors["unit.admin"], { stationId: s.id, item: "CHAIR", quantity: "10", cost: "1500", purchasedOn: "2019-05-01" });
    await createPurchase(actors["unit.admin"], { stationId: s.id, item: "OTHER", itemName: "投影仪", quantity: "1", cost: "3000", purchasedOn: "2019-05-01" });
    for (const [over, path] of [
      [{ quantity: "0" }, "quantity"],
      [{ quantity: "1.5" }, "quantity"],
      [{ item: "OTHER" }, "itemName"],
      [{ item: "TELESCOPE" }, "item"],
      [{ cost: "-1" }, "cost"],
    ] as const) {
      const e = await expectAppError(createPurchase(actors["unit.admin"], Object.assign({ stationId: s.id, item: "DESK", quantity: "1", cost: "10", purchasedOn: "2019-05-01" }, over)), "INVALID");
      expect(e.issues.map((i) => i.path)).toContain(path);
    }
    await expectAppError(createPurchase(actors["station.coord"], { stationId: s.id, item: "DESK", quantity: "1", cost: "10", purchasedOn: "2019-05-01" }), "FORBIDDEN");
    const page = await getStation(actors["town.admin"], s.id);
    expect(page.equipment).toEqual([
      { item: "COMPUTER", quantity: 5, costFen: 2_000_050n },
      { item: "CHAIR", quantity: 10, costFen: 150_000n },
      { item: "OTHER", quantity: 1, costFen: 300_000n },
    ]);
    expect(page.equipmentQuantity).toBe(16);
    expect(page.equipmentCostFen).toBe(2_450_050n);
  });

  it("totals by station, by town and for a period, computed in SQL", async () => {
    // A period nothing else writes into, so the totals are exactly ours.
    const day = (d: string) => `2011-${d}`;
    const a = await createStation(actors["town.admin"], input());
    const b = await createStation(actors["district.admin"], input({ orgUnitId: units.villageOfSiblingTown.id, pairedSchoolId: "" }));
    const admin = actors["district.admin"];
    await createFunding(admin, { stationId: a.id, amount: "1000.50", source: "区财政", receivedOn: day("03-01") });
    await createFunding(admin, { stationId: a.id, amount: "200", source: "社会捐赠", receivedOn: day("03-20") });
    await createFunding(admin, { stationId: b.id, amount: "300", source: "社会捐赠", receivedOn: day("03-05") });
    await createFunding(admin, { orgUnitId: units.town.id, amount: "50.25", source: "街道自筹", receivedOn: day("03-06") });
    await createFunding(admin, { stationId: a.id, amount: "9999", source: "区财政", receivedOn: day("04-02") });
    await createPurchase(admin, { stationId: a.id, item: "COMPUTER", quantity: "4", cost: "16000", purchasedOn: day("03-10") });
    await createPurchase(admin, { stationId: b.id, item: "DESK", quantity: "6", cost: "1200", purchasedOn: day("03-11") });

    const march = await moneyTotals(admin, { from: new Date("2011-03-01T00:00:00Z"), to: new Date("2011-03-31T00:00:00Z") });
    expect(march.fundingFen).toBe(100_050n + 20_000n + 30_000n + 5_025n);
    expect(march.fundingCount).toBe(4);
    expect(march.purchaseFen).toBe(1_720_000n);
    expect(march.items).toEqual([
      { item: "COMPUTER", quantity: 4, costFen: 1_600_000n },
      { item: "DESK", quantity: 6, costFen: 120_000n },
    ]);
    const station = new Map(march.byStation.map((r) => [r.id, r]));
    expect(station.get(a.id)).toMatchObject({ fundingFen: 120_050n, purchaseFen: 1_600_000n, items: { COMPUTER: 4 } });
    expect(station.get(b.id)).toMatchObject({ fundingFen: 30_000n, purchaseFen: 120_000n, items: { DESK: 6 } });
    const town = new Map(march.byTown.map((r) => [r.id, r]));
    // The village station's money and the town's own money both count for 城南街道.
    expect(town.get(units.town.id)).toMatchObject({ name: units.town.name, fundingFen: 125_075n, purchaseFen: 1_600_000n });
    expect(town.get(units.siblingTown.id)).toMatchObject({ fundingFen: 30_000n, purchaseFen: 120_000n });
    expect(march.equippedStations).toEqual({ town: 0, village: 2 });

    const wholeSpring = await moneyTotals(admin, { from: new Date("2011-03-01T00:00:00Z"), to: new Date("2011-04-30T00:00:00Z") });
    expect(wholeSpring.fundingFen).toBe(march.fundingFen + 999_900n);
    const oneTown = await moneyTotals(admin, { from: new Date("2011-03-01T00:00:00Z"), to: new Date("2011-03-31T00:00:00Z"), town: units.siblingTown.id });
    expect(oneTown.fundingFen).toBe(30_000n);
    expect(oneTown.byTown.map((r) => r.id)).toEqual([units.siblingTown.id]);
    // A town admin's totals stop at their town.
    const mine = await moneyTotals(actors["town.admin"], { from: new Date("2011-03-01T00:00:00Z"), to: new Date("2011-03-31T00:00:00Z") });
    expect(mine.fundingFen).toBe(125_075n);
    await expectAppError(moneyTotals(actors["town.admin"], { town: units.siblingTown.id }), "NOT_FOUND");
  });
});

describe("GET /api/v1/stations", () => {
  const tokens: Record<string, string> = {};
  let ours: { id: string; orgUnitId: string };
  beforeAll(async () => {
    for (const u of ["district.admin", "town.admin", "unit.admin", "leader", "huaiyin.admin"]) tokens[u] = (await tokenFor(u)).token;
    ours = await createStation(actors["town.admin"], input());
  });
  const get = (token: string | undefined, query = "") => GET(apiGet(`/api/v1/stations${query}`, token), routeCtx({}));

  it("all stations of the subtree in the API.md shape", async () => {
    const res = await get(tokens["district.admin"], `?orgUnit=${units.village.id}`);
    expect(res.status).toBe(200);
    const { items } = await res.json();
    const mine = items.find((i: { id: string }) => i.id === ours.id);
    expect(mine).toMatchObject({ id: ours.id, orgUnitId: units.village.id, pairedSchoolId: units.townSchool.id, eReadingRoom: true, eReadingRoomUpToStandard: true, yearActivities: 0 });
    expect(Object.keys(mine)).toEqual(expect.arrayContaining(["id", "name", "orgUnitId", "address", "pairedSchoolId", "eReadingRoom", "eReadingRoomUpToStandard", "yearActivities"]));
    expect(items.every((i: { orgUnitId: string }) => i.orgUnitId === units.village.id)).toBe(true);
    const town = await (await get(tokens["district.admin"], `?orgUnit=${units.town.id}`)).json();
    expect(town.items.map((i: { id: string }) => i.id)).toContain(ours.id);
  });

  it("no orgUnit = the caller's own unit; LEADER may read", async () => {
    const own = await (await get(tokens["unit.admin"])).json();
    expect(own.items.map((i: { id: string }) => i.id)).toContain(ours.id);
    expect(own.items.every((i: { orgUnitId: string }) => i.orgUnitId === units.village.id)).toBe(true);
    expect((await get(tokens.leader, `?orgUnit=${units.village.id}`)).status).toBe(200);
  });

  it("404 outside scope or unknown; 401 without a token", async () => {
    for (const [who, unit] of [
      ["town.admin", units.siblingTown.id],
      ["unit.admin", units.town.id],
      ["huaiyin.admin", units.village.id],
      ["district.admin", "00000000-0000-4000-8000-000000000000"],
      ["district.admin", "junk"],
    ]) {
      const res = await get(tokens[who], `?orgUnit=${unit}`);
      expect(res.status).toBe(404);
      expect(await res.json()).toMatchObject({ error: "not_found" });
    }
    expect((await get(undefined)).status).toBe(401);
  });
});
