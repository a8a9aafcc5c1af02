/**
 * The demo data: seeded once, into an empty database (npm start does it; npm run seed
 * too). Later capabilities add their own part here; together they must reproduce the
 * source report's figures (DOMAIN §5).
 */
import type { PrismaClient } from "../../lib/generated/prisma/client";
import type { Role } from "../../lib/generated/prisma/enums";
import { hash } from "@node-rs/argon2";
import { huaiyinUnits, qingjiangpuUnits, type SeedUnit } from "./org";
import { seedPeople } from "./people";

const SEED_LOCK_KEY = 72707370;

export const DEFAULT_DEMO_PASSWORD = "Demo@2026";
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
    })),
  });
  return { tenant, units };
}

/** Seeds the demo districts if the database has none. Returns false when it was not empty. */
export async function seedDemo(client: PrismaClient, log: (m: string) => void = () => {}): Promise<boolean> {
  if ((await client.tenant.count()) > 0) return false;
  const passwordHash = await hash(demoPassword(), { memoryCost: 19456, timeCost: 2, parallelism: 1 });
  const seeded = await client.$transaction(
    async (tx) => {
      // Two servers starting at once: the second waits here, then finds the data and stops.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${SEED_LOCK_KEY})`;
      if ((await tx.tenant.count()) > 0) return false;
      const main = await seedTenant(tx as PrismaClient, { name: "清江浦区", code: "320812", isDemo: false }, qingjiangpuUnits, DEMO_USERS, passwordHash);
      await seedPeople(tx as PrismaClient, main.tenant.id, main.units);
      await seedTenant(tx as PrismaClient, { name: "淮阴区（演示）", code: "320804", isDemo: true }, huaiyinUnits, OTHER_TENANT_USERS, passwordHash);
      return true;
    },
    { timeout: 60_000 },
  );
  if (seeded) log("demo districts 清江浦区 and 淮阴区 seeded");
  return seeded;
}
