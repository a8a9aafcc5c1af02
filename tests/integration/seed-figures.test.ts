/**
 * The demo seed reproduces the source report's figures (DOMAIN §5) for the parts that
 * exist so far. Counted straight from the raw rows.
 */
import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { evaluateRoster } from "@/lib/server/people/compliance";

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

  it("the other district has no people data leaking in", async () => {
    const other = await db().tenant.findUniqueOrThrow({ where: { code: "320804" } });
    expect(await db().volunteer.count({ where: { tenantId: other.id } })).toBe(0);
  });
});
