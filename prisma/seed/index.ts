/**
 * The demo data: seeded once, into an empty database (npm start does it; npm run seed
 * too). Both districts are demo tenants (Tenant.isDemo: a banner on every page, and
 * `npm run demo -- off|remove` switches them off or deletes them); the published demo
 * password is set only here, on their users. Later capabilities add their own part here; together they must reproduce the
 * source report's figures (DOMAIN §5).
 */
import type { PrismaClient } from "../../lib/generated/prisma/client";
import type { Role } from "../../lib/generated/prisma/enums";
import { hash } from "@node-rs/argon2";
import { huaiyinUnits, qingjiangpuUnits, type SeedUnit } from "./org";
import { seedPeople } from "./people";
import { coordinatorsUnassigned, seedCoordinatorStations, seedStations } from "./stations";
import { seedRules } from "./rules";
import { seedOutcomes } from "./outcomes";
import { DEFAULT_DEMO_PASSWORD } from "../../lib/server/auth/password";
import { DEMO_REMOVED_ACTION } from "../../lib/server/platform/tenants";

const SEED_LOCK_KEY = 72707370;
/** The demo district, 清江浦区. */
export const DEMO_TENANT_CODE = "320812";

export { DEFAULT_DEMO_PASSWORD };
export const demoPassword = () => process.env.DEMO_PASSWORD || DEFAULT_DEMO_PASSWORD;

export interface DemoUserSpec {
  username: string;
  displayName: string;
  role: Role;
  unit: (units: SeedUnit[]) => SeedUnit;
}

const byName = (name: string) => (units: SeedUnit[]) => {
  const u = units.find((x) => x.name === name);
  if (!u) throw new Error(`demo unit ${name} missing`);
  return u;
};
const firstVillageOf = (town: string) => (units: SeedUnit[]) => {
  const t = byName(town)(units);
  return units.find((u) => u.parentId === t.id && u.level === "VILLAGE")!;
};

export const DEMO_USERS: DemoUserSpec[] = [
  { username: "district.admin", displayName: "王建国", role: "DISTRICT_ADMIN", unit: byName("清江浦区") },
  { username: "town.admin", displayName: "李秀英", role: "TOWN_ADMIN", unit: byName("城南街道") },
  { username: "unit.admin", displayName: "张明", role: "UNIT_ADMIN", unit: firstVillageOf("城南街道") },
  { username: "station.coord", displayName: "陈晓", role: "STATION_COORDINATOR", unit: firstVillageOf("城南街道") },
  { username: "leader", displayName: "刘书记", role: "LEADER", unit: byName("清江浦区") },
];
export const OTHER_TENANT_USERS: DemoUserSpec[] = [
  { username: "huaiyin.admin", displayName: "赵红", role: "DISTRICT_ADMIN", unit: byName("淮阴区") },
];

async function seedTenant(
  client: PrismaClient,
  t: { name: string; code: string; isDemo: boolean },
  makeUnits: (tenantId: string) => SeedUnit[],
  users: DemoUserSpec[],
  passwordHash: string,
) {
  const tenant = await client.tenant.create({ data: t });
  const units = makeUnits(tenant.id);
  await client.orgUnit.createMany({ data: units });
  await client.user.createMany({
    data: users.map((u) => ({
      tenantId: tenant.id,
      orgUnitId: u.unit(units).id,
      username: u.username,
      displayName: u.displayName,
      role: u.role,
      passwordHash,
      // The published demo password is meant to be used as is (it exists only in demo districts).
      mustChangePassword: false,
    })),
  });
  return { tenant, units };
}

/**
 * Parts added to the demo district after it was first seeded: each is filled in once,
 * when the demo district exists but that part is still empty, so a database seeded by
 * an earlier version catches up on its next start. Real districts are never touched.
 */
const LATER_PARTS: { name: string; isEmpty: (tx: PrismaClient, tenantId: string) => Promise<boolean>; seed: (tx: PrismaClient, tenantId: string, units: SeedUnit[]) => Promise<unknown> }[] = [
  {
    name: "rosters, volunteers and recognition",
    isEmpty: async (tx, tenantId) => (await tx.person.count({ where: { tenantId } })) === 0,
    seed: seedPeople,
  },
  {
    // After people: activities are led by the seeded volunteers.
    name: "stations, funding, purchases, summer plans and activities",
    isEmpty: async (tx, tenantId) => (await tx.station.count({ where: { tenantId } })) === 0,
    seed: seedStations,
  },
  {
    // After people and stations: subsidies go to their volunteers and station teachers.
    name: "meetings, 五好 assessments, requests and subsidies",
    isEmpty: async (tx, tenantId) => (await tx.assessmentRound.count({ where: { tenantId } })) === 0,
    seed: seedRules,
  },
  {
    name: "zero-crime records, surveys and policy documents",
    isEmpty: async (tx, tenantId) => (await tx.zeroCrimeRecord.count({ where: { tenantId } })) === 0,
    seed: seedOutcomes,
  },
  {
    // After stations: a coordinator logs only for the stations assigned to them.
    name: "station coordinators' stations",
    isEmpty: coordinatorsUnassigned,
    seed: seedCoordinatorStations,
  },
];

async function unitsOf(tx: PrismaClient, tenantId: string): Promise<SeedUnit[]> {
  return tx.orgUnit.findMany({
    where: { tenantId },
    select: { id: true, tenantId: true, parentId: true, level: true, kind: true, name: true, code: true, path: true, depth: true, sortOrder: true, committeeEstablishedOn: true, isDemo: true },
  });
}


/**
 * A database the demo may be seeded into: no district, no account (a platform admin made
 * before the first start counts: that installation is being set up for real), and the
 * demo was never removed from it (a removed demo stays removed on the next start).
 */
async function isUntouched(client: PrismaClient): Promise<boolean> {
  // One after another: inside the seed's transaction, queries do not run in parallel anyway.
  if ((await client.tenant.count()) > 0 || (await client.user.count()) > 0) return false;
  return (await client.auditLog.count({ where: { action: DEMO_REMOVED_ACTION, tenantId: null } })) === 0;
}

/**
 * Seeds the demo districts into an empty database, or catches an existing demo
 * district up with parts added since. Returns whether anything was written.
 */
export async function seedDemo(client: PrismaClient, log: (m: string) => void = () => {}): Promise<boolean> {
  const passwordHash = !(await isUntouched(client)) ? "" : await hash(demoPassword(), { memoryCost: 19456, timeCost: 2, parallelism: 1 });
  const done = await client.$transaction(
    async (tx) => {
      // Two servers starting at once: the second waits here, then finds the data and stops.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${SEED_LOCK_KEY})`;
      const db = tx as PrismaClient;
      if (passwordHash && (await isUntouched(db))) {
        const main = await seedTenant(db, { name: "清江浦区", code: DEMO_TENANT_CODE, isDemo: true }, qingjiangpuUnits, DEMO_USERS, passwordHash);
        for (const part of LATER_PARTS) await part.seed(db, main.tenant.id, main.units);
        await seedTenant(db, { name: "淮阴区（演示）", code: "320804", isDemo: true }, huaiyinUnits, OTHER_TENANT_USERS, passwordHash);
        return ["demo districts 清江浦区 and 淮阴区"];
      }
      // Only the demo district catches up: a real district may carry the same code once
      // the demo has been removed, and is never touched by the seed.
      const demo = await db.tenant.findFirst({ where: { code: DEMO_TENANT_CODE, isDemo: true } });
      if (!demo) return [];
      const added: string[] = [];
      for (const part of LATER_PARTS) {
        if (!(await part.isEmpty(db, demo.id))) continue;
        await part.seed(db, demo.id, await unitsOf(db, demo.id));
        added.push(part.name);
      }
      // Seeding writes no audit entries: move the version by hand so no cached figure survives it.
      if (added.length) await tx.$executeRaw`UPDATE "Tenant" SET "dataVersion" = "dataVersion" + 1 WHERE id = ${demo.id}::uuid`;
      return added;
    },
    { timeout: 120_000 },
  );
  for (const d of done) log(`seeded ${d}`);
  return done.length > 0;
}
