/**
 * Scope (DOMAIN §2-3): every role sees its own unit's subtree inside its own tenant,
 * and anything else is NOT_FOUND (never FORBIDDEN), so ids of other units leak nothing.
 */
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { getUnit, listChildren, subtreeCounts, visibleAncestors } from "@/lib/server/org/read-units";
import type { Actor } from "@/lib/server/actor";
import { actorFor } from "../support/actors";
import { demoUnits, expectAppError, type DemoUnits } from "../support/fixtures";

type Key = keyof DemoUnits;

const QJP_ALL: Key[] = ["district", "town", "village", "siblingTown", "siblingVillage", "villageOfSiblingTown", "townSchool", "districtSchool"];
const HY_ALL: Key[] = ["huaiyin", "huaiyinTown", "huaiyinVillage"];
const without = (all: Key[], inside: Key[]) => all.filter((k) => !inside.includes(k));

const TOWN_INSIDE: Key[] = ["town", "village", "siblingVillage", "townSchool"];
const VILLAGE_INSIDE: Key[] = ["village"];

/** role → units inside its scope, units outside it. */
const MATRIX: { username: string; inside: Key[]; outside: Key[] }[] = [
  { username: "district.admin", inside: QJP_ALL, outside: HY_ALL },
  { username: "leader", inside: QJP_ALL, outside: HY_ALL },
  { username: "town.admin", inside: TOWN_INSIDE, outside: [...without(QJP_ALL, TOWN_INSIDE), ...HY_ALL] },
  { username: "unit.admin", inside: VILLAGE_INSIDE, outside: [...without(QJP_ALL, VILLAGE_INSIDE), ...HY_ALL] },
  { username: "station.coord", inside: VILLAGE_INSIDE, outside: [...without(QJP_ALL, VILLAGE_INSIDE), ...HY_ALL] },
  { username: "huaiyin.admin", inside: HY_ALL, outside: QJP_ALL },
];

let units: DemoUnits;
const actors = new Map<string, Actor>();
const actor = (u: string) => actors.get(u)!;

beforeAll(async () => {
  units = await demoUnits();
  for (const m of MATRIX) actors.set(m.username, await actorFor(m.username));
});

describe.each(MATRIX)("getUnit as $username", ({ username, inside, outside }) => {
  it.each(inside)("finds %s (inside scope)", async (key) => {
    const unit = await getUnit(actor(username), units[key].id);
    expect(unit.id).toBe(units[key].id);
    expect(unit.name).toBe(units[key].name);
  });

  it.each(outside)("does not find %s (outside scope): NOT_FOUND", async (key) => {
    await expectAppError(getUnit(actor(username), units[key].id), "NOT_FOUND");
  });

  it.each([["a word", "abc"], ["empty", ""], ["null", null], ["undefined", undefined], ["a number", 42], ["SQL", "' OR 1=1 --"]])(
    "answers NOT_FOUND for a non-uuid id (%s)",
    async (_label, id) => {
      await expectAppError(getUnit(actor(username), id), "NOT_FOUND");
    },
  );

  it("answers NOT_FOUND for a uuid that does not exist", async () => {
    await expectAppError(getUnit(actor(username), randomUUID()), "NOT_FOUND");
  });

  it.each(outside)("cannot list the children of %s (outside scope): NOT_FOUND", async (key) => {
    await expectAppError(listChildren(actor(username), units[key].id), "NOT_FOUND");
  });
});

describe("listChildren", () => {
  it("district admin and leader see the 16 towns and 4 district schools of 清江浦区, nothing of 淮阴区", async () => {
    for (const u of ["district.admin", "leader"]) {
      const kids = await listChildren(actor(u), units.district.id);
      expect(kids.filter((k) => k.level === "TOWN")).toHaveLength(16);
      expect(kids.filter((k) => k.level === "SCHOOL")).toHaveLength(4);
      expect(kids).toHaveLength(20);
      expect(kids.every((k) => k.parentId === units.district.id)).toBe(true);
      expect(kids.map((k) => k.name)).not.toContain("王营街道");
    }
  });

  it("town admin sees the 8 communities and 2 schools of 城南街道", async () => {
    const kids = await listChildren(actor("town.admin"), units.town.id);
    expect(kids.filter((k) => k.level === "VILLAGE")).toHaveLength(8);
    expect(kids.filter((k) => k.level === "SCHOOL")).toHaveLength(2);
    expect(kids.map((k) => k.id)).toContain(units.village.id);
  });

  it("a village admin and a station coordinator see their own village, which has no children", async () => {
    for (const u of ["unit.admin", "station.coord"]) {
      expect(await listChildren(actor(u), units.village.id)).toEqual([]);
    }
  });

  it("huaiyin.admin sees only 淮阴区's two towns", async () => {
    const kids = await listChildren(actor("huaiyin.admin"), units.huaiyin.id);
    expect(kids.map((k) => k.name).sort()).toEqual(["王营街道", "西宋集镇"].sort());
  });

  it("rejects a non-uuid parent with NOT_FOUND", async () => {
    await expectAppError(listChildren(actor("district.admin"), "not-a-uuid"), "NOT_FOUND");
  });
});

describe("visibleAncestors (breadcrumb)", () => {
  const names = (rows: { name: string }[]) => rows.map((r) => r.name);

  it("shows a district admin the whole path, root first", async () => {
    const rows = await visibleAncestors(actor("district.admin"), units.village);
    expect(names(rows)).toEqual(["清江浦区", "城南街道", units.village.name]);
  });

  it("starts a town admin's breadcrumb at their town (the district is above their scope)", async () => {
    const rows = await visibleAncestors(actor("town.admin"), units.village);
    expect(names(rows)).toEqual(["城南街道", units.village.name]);
  });

  it("shows a village admin and a station coordinator only their village", async () => {
    for (const u of ["unit.admin", "station.coord"]) {
      expect(names(await visibleAncestors(actor(u), units.village))).toEqual([units.village.name]);
    }
  });

  it("shows nothing of another tenant's path, in both directions", async () => {
    expect(await visibleAncestors(actor("huaiyin.admin"), units.village)).toEqual([]);
    expect(await visibleAncestors(actor("district.admin"), units.huaiyinVillage)).toEqual([]);
    expect(await visibleAncestors(actor("leader"), units.huaiyinVillage)).toEqual([]);
  });
});

describe("subtreeCounts (home page figures)", () => {
  it("counts the units under a town for its admin", async () => {
    const counts = await subtreeCounts(actor("town.admin"), units.town.id);
    expect(counts.VILLAGE).toBeGreaterThanOrEqual(2);
  });

  it("counts nothing of a unit outside the actor's scope, whatever unit a caller passes", async () => {
    // The unit's own condition must narrow the scope, never replace it.
    expect(await subtreeCounts(actor("town.admin"), units.siblingTown.id)).toEqual({});
    expect(await subtreeCounts(actor("district.admin"), units.huaiyin.id)).toEqual({});
  });
});
