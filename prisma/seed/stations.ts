/**
 * Demo tutoring stations for 清江浦区, shaped to DOMAIN §5: 126 stations (one per town
 * and village), 96 e-reading rooms up to standard; 726,000 元 raised and 137 computers,
 * 4 air conditioners, 68 desks and 59 chairs bought for 9 town and 36 village stations;
 * activities from 2018-01-01 to 2020-03-31 (more in summer, most stations reaching 24 in
 * 2019, some not); 2019 summer plans with the paired schools, a few not agreed in time.
 */
import { randomUUID } from "node:crypto";
import type { PrismaClient } from "../../lib/generated/prisma/client";
import type { ActivityKind, PurchaseItem } from "../../lib/generated/prisma/enums";
import type { SeedUnit } from "./org";
import { day, personName, rng } from "./random";

export const STATION_FIGURES = {
  stations: 126,
  eReadingUpToStandard: 96,
  fundsFen: 72_600_000n,
  purchases: { COMPUTER: 137, AIR_CONDITIONER: 4, DESK: 68, CHAIR: 59 } as Record<Exclude<PurchaseItem, "OTHER">, number>,
  strengthened: { towns: 9, villages: 36 },
};
const UNIT_COST_FEN: Record<Exclude<PurchaseItem, "OTHER">, bigint> = { COMPUTER: 350_000n, AIR_CONDITIONER: 420_000n, DESK: 32_000n, CHAIR: 12_000n };
/** Share of a year's activities falling in each month: low at Spring Festival, high in the summer break. */
const MONTH_WEIGHTS = [1, 0.6, 1.8, 2, 2, 1.8, 4.2, 4.2, 2, 2, 1.8, 1.2];
const KIND_TITLES: Record<ActivityKind, string[]> = {
  REPORT: ["“五老”报告会：红色家风代代传", "法治报告会：远离校园欺凌", "科技报告会：走近人工智能"],
  STORY: ["革命传统故事会", "读书分享故事会", "家乡名人故事会"],
  LECTURE: ["国家安全教育宣讲会", "禁毒知识宣讲会", "交通安全宣讲会"],
  SUMMER: ["暑期作业辅导", "暑期防溺水安全课", "暑期书法兴趣班", "暑期经典诵读"],
  OTHER: ["手工制作活动", "观看爱国主义影片", "学雷锋志愿服务", "清明祭英烈"],
};

function chunks<T>(xs: T[], n = 1000): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
}

/** Spreads `total` over items by weight, exactly (largest remainders). */
function apportion(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const raw = weights.map((w) => (total * w) / sum);
  const out = raw.map(Math.floor);
  let left = total - out.reduce((a, b) => a + b, 0);
  raw.map((r, i) => [r - Math.floor(r), i] as const).sort((a, b) => b[0] - a[0]).forEach(([, i]) => {
    if (left-- > 0) out[i]++;
  });
  return out;
}

export async function seedStations(client: PrismaClient, tenantId: string, units: SeedUnit[]) {
  const r = rng(20200331);
  const townOf = (u: SeedUnit) => (u.level === "TOWN" ? u : units.find((x) => x.id === u.parentId)!);
  const hosts = units.filter((u) => u.level === "TOWN" || u.level === "VILLAGE").sort((a, b) => a.code.localeCompare(b.code));
  const schoolsOfTown = (townId: string) => units.filter((u) => u.level === "SCHOOL" && u.parentId === townId);

  // 96 of 126 up to standard; 14 more have a room that is not (yet) up to standard.
  const order = r.shuffled(hosts.map((_, i) => i));
  const upToStandard = new Set(order.slice(0, STATION_FIGURES.eReadingUpToStandard));
  const hasRoom = new Set(order.slice(0, STATION_FIGURES.eReadingUpToStandard + 14));
  const stations = hosts.map((u, i) => {
    const town = townOf(u);
    const schools = schoolsOfTown(town.id);
    return {
      id: randomUUID(), tenantId, orgUnitId: u.id, name: `${u.name}校外辅导站`,
      address: `${town.name}${u.level === "TOWN" ? "" : u.name}党群服务中心二楼`,
      pairedSchoolId: schools.length ? schools[i % schools.length].id : null,
      tutors: [personName(r), personName(r)],
      eReadingRoom: hasRoom.has(i), eReadingRoomUpToStandard: upToStandard.has(i),
      eReadingRoomCheckedOn: hasRoom.has(i) ? day(2019, r.int(9, 12), r.int(1, 28)) : null,
      isDemo: true,
    };
  });
  await client.station.createMany({ data: stations });

  // Funding and equipment for 9 town and 36 village stations.
  const townStations = stations.filter((s) => units.find((u) => u.id === s.orgUnitId)!.level === "TOWN");
  const villageStations = stations.filter((s) => units.find((u) => u.id === s.orgUnitId)!.level === "VILLAGE");
  const strengthened = [
    ...r.shuffled(townStations).slice(0, STATION_FIGURES.strengthened.towns),
    ...r.shuffled(villageStations).slice(0, STATION_FIGURES.strengthened.villages),
  ];
  const fundYuan = apportion(Number(STATION_FIGURES.fundsFen / 100n), strengthened.map(() => 0.5 + r.next()));
  const SOURCES = ["区财政专项", "镇（街道）自筹", "社会捐助", "区教育局", "企业赞助"];
  await client.funding.createMany({
    data: strengthened.map((s, i) => ({
      id: randomUUID(), tenantId, orgUnitId: s.orgUnitId, stationId: s.id, amountFen: BigInt(fundYuan[i]) * 100n,
      source: r.pick(SOURCES), receivedOn: day(r.int(2018, 2019), r.int(1, 12), r.int(1, 28)), isDemo: true,
    })),
  });
  const purchases = (Object.keys(STATION_FIGURES.purchases) as Exclude<PurchaseItem, "OTHER">[]).flatMap((item) => {
    const buyers = item === "AIR_CONDITIONER" ? strengthened.slice(0, 4) : strengthened;
    const qty = apportion(STATION_FIGURES.purchases[item], buyers.map(() => r.next()));
    return buyers.flatMap((s, i) =>
      qty[i] > 0
        ? [{
            id: randomUUID(), tenantId, orgUnitId: s.orgUnitId, stationId: s.id, item, quantity: qty[i],
            costFen: UNIT_COST_FEN[item] * BigInt(qty[i]), purchasedOn: day(r.int(2018, 2019), r.int(3, 11), r.int(1, 28)), isDemo: true,
          }]
        : [],
    );
  });
  await client.purchase.createMany({ data: purchases });

  // 2019 summer plans with the paired school: agreed in June, done after the break; a few late or never agreed.
  const plans = stations.filter((s) => s.pairedSchoolId).map((s, i) => {
    const late = i % 15 === 7;
    const never = i % 23 === 11;
    return {
      id: randomUUID(), tenantId, orgUnitId: s.orgUnitId, schoolId: s.pairedSchoolId!, year: 2019,
      startsOn: day(2019, 7, 8), endsOn: day(2019, 8, 25),
      plannedActivities: "作业辅导每周两次；防溺水安全课；经典诵读；“五老”讲红色故事",
      status: never ? ("DRAFT" as const) : ("DONE" as const),
      agreedOn: never ? null : late ? day(2019, 7, r.int(3, 10)) : day(2019, 6, r.int(5, 28)),
      isDemo: true,
    };
  });
  await client.summerPlan.createMany({ data: plans });
  const planOf = new Map(plans.filter((p) => p.status === "DONE").map((p) => [p.orgUnitId, p.id]));

  // Activities, 2018-01 .. 2020-03. In 2019, 14 stations fall short of 24.
  const volunteers = await client.volunteer.findMany({ where: { tenantId }, select: { id: true, orgUnitId: true } });
  const volunteersOf = new Map<string, string[]>();
  for (const v of volunteers) volunteersOf.set(v.orgUnitId, [...(volunteersOf.get(v.orgUnitId) ?? []), v.id]);
  const shortIn2019 = new Set(r.shuffled(stations.map((s) => s.id)).slice(0, 14));
  const activities: {
    id: string; tenantId: string; orgUnitId: string; stationId: string; date: Date; kind: ActivityKind; title: string;
    youthParticipants: number; summerPlanId: string | null; isDemo: boolean;
  }[] = [];
  const links: { tenantId: string; activityId: string; volunteerId: string }[] = [];
  for (const s of stations) {
    const years: [number, number, number][] = [
      [2018, r.int(18, 28), 12],
      [2019, shortIn2019.has(s.id) ? r.int(12, 22) : r.int(24, 30), 12],
      [2020, r.int(2, 5), 3],
    ];
    for (const [year, total, months] of years) {
      const perMonth = apportion(total, MONTH_WEIGHTS.slice(0, months).map((w) => w * (0.7 + r.next() * 0.6)));
      perMonth.forEach((n, m) => {
        for (let k = 0; k < n; k++) {
          const summer = m === 6 || m === 7;
          const kind: ActivityKind = summer && r.chance(0.8) ? "SUMMER" : r.pick(["REPORT", "STORY", "LECTURE", "OTHER"] as const);
          const id = randomUUID();
          activities.push({
            id, tenantId, orgUnitId: s.orgUnitId, stationId: s.id, date: day(year, m + 1, r.int(1, 28)), kind,
            title: r.pick(KIND_TITLES[kind]), youthParticipants: summer ? r.int(20, 60) : r.int(12, 45),
            summerPlanId: year === 2019 && kind === "SUMMER" ? planOf.get(s.orgUnitId) ?? null : null, isDemo: true,
          });
          const pool = volunteersOf.get(s.orgUnitId) ?? [];
          for (const v of new Set([r.pick(pool), r.pick(pool)].filter(Boolean))) links.push({ tenantId, activityId: id, volunteerId: v });
        }
      });
    }
  }
  for (const c of chunks(activities)) await client.activity.createMany({ data: c });
  for (const c of chunks(links)) await client.activityVolunteer.createMany({ data: c });
  return { stations: stations.length, activities: activities.length };
}

/** Stations hosted by a unit that has a demo station coordinator sitting on it. */
const coordinatedStations = (tenantId: string) => ({
  tenantId,
  orgUnit: { users: { some: { tenantId, role: "STATION_COORDINATOR" as const } } },
});

/**
 * A database migrated only up to before the assignments table (the upgrade tests seed such
 * a database with today's seed) has nowhere to put them; the next start catches up.
 */
async function hasAssignmentTable(client: PrismaClient): Promise<boolean> {
  const [row] = await client.$queryRaw<{ ok: boolean }[]>`SELECT to_regclass('"StationCoordinator"') IS NOT NULL AS ok`;
  return row.ok;
}

/** Whether the demo has coordinators still without their station (seeded before assignments existed). */
export async function coordinatorsUnassigned(client: PrismaClient, tenantId: string): Promise<boolean> {
  if (!(await hasAssignmentTable(client))) return false;
  if ((await client.stationCoordinator.count({ where: { tenantId } })) > 0) return false;
  return (await client.station.count({ where: coordinatedStations(tenantId) })) > 0;
}

/** Each demo station coordinator logs for the station of the community they sit on. */
export async function seedCoordinatorStations(client: PrismaClient, tenantId: string) {
  if (!(await hasAssignmentTable(client))) return;
  const stations = await client.station.findMany({ where: coordinatedStations(tenantId), select: { id: true, orgUnitId: true } });
  const users = await client.user.findMany({ where: { tenantId, role: "STATION_COORDINATOR" }, select: { id: true, orgUnitId: true } });
  await client.stationCoordinator.createMany({
    data: users.flatMap((u) => stations.filter((s) => s.orgUnitId === u.orgUnitId).map((s) => ({ tenantId, userId: u.id, stationId: s.id }))),
    skipDuplicates: true,
  });
}
