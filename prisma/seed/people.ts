/**
 * Demo rosters, volunteers, training, recognition and publicity for 清江浦区, shaped to
 * reproduce DOMAIN §5: every committee staffed; 14 of 16 town 常务副主任 retired 科级
 * cadres and 2 recorded exceptions (retired community party secretaries); 110 of 110
 * village rosters compliant with a young assistant; volunteers in every town in all
 * five categories; 675 award person-times; a few dozen publicity person-times.
 */
import { randomUUID } from "node:crypto";
import type { PrismaClient } from "../../lib/generated/prisma/client";
import type { CadreRank, HonorLevel, RosterRole, VolunteerCategory } from "../../lib/generated/prisma/enums";
import type { SeedUnit } from "./org";
import { day, demoPhone, personName, rng, type Rng } from "./random";

/** The two streets whose 常务副主任 is a retired community party secretary (the source's two exceptions). */
export const EXCEPTION_STREETS = ["长西街道", "柳树湾街道"];
export const EXCEPTION_REASON = "由退下来的社区党委书记担任，经区关工委同意备案";
export const AWARD_PERSON_TIMES = 675;
const PUBLICITY_PERSON_TIMES = 48;
const CATEGORIES: VolunteerCategory[] = ["VETERAN_CADRE", "VETERAN_SOLDIER", "VETERAN_EXPERT", "VETERAN_TEACHER", "VETERAN_MODEL"];
const SKILLS = ["法治宣讲", "家庭教育", "心理疏导", "书法绘画", "红色故事", "科技辅导", "体育健身", "文艺演出", "作业辅导"];

interface PersonRow {
  id: string;
  tenantId: string;
  orgUnitId: string;
  name: string;
  gender: "MALE" | "FEMALE";
  birthYear: number;
  phone: string;
  politicalStatus: string;
  formerPost: string | null;
  cadreRank: CadreRank;
  retired: boolean;
  isDemo: boolean;
}

export async function seedPeople(client: PrismaClient, tenantId: string, units: SeedUnit[]) {
  const r = rng(20191231);
  const persons: PersonRow[] = [];
  const positions: {
    id: string; tenantId: string; orgUnitId: string; personId: string; role: RosterRole; concurrent: boolean;
    startedOn: Date; currentSlot: RosterRole | null; exceptionReason: string | null;
  }[] = [];

  const person = (unit: SeedUnit, p: Partial<PersonRow> & Pick<PersonRow, "cadreRank" | "retired" | "birthYear">): PersonRow => {
    const row: PersonRow = {
      id: randomUUID(), tenantId, orgUnitId: unit.id, name: personName(r), gender: r.chance(0.7) ? "MALE" : "FEMALE",
      phone: demoPhone(r), politicalStatus: r.chance(0.85) ? "中共党员" : "群众", formerPost: null, isDemo: true, ...p,
    };
    persons.push(row);
    return row;
  };
  const appoint = (unit: SeedUnit, who: PersonRow, role: RosterRole, opts: { concurrent?: boolean; exceptionReason?: string } = {}) => {
    positions.push({
      id: randomUUID(), tenantId, orgUnitId: unit.id, personId: who.id, role, concurrent: opts.concurrent ?? false,
      startedOn: day(r.int(2015, 2019), r.int(1, 12), r.int(1, 28)),
      currentSlot: role === "DIRECTOR" || role === "EXEC_DEPUTY" ? role : null,
      exceptionReason: opts.exceptionReason ?? null,
    });
  };

  for (const unit of units) {
    // 主任: an in-office leader serving concurrently, everywhere.
    appoint(unit, person(unit, {
      cadreRank: unit.level === "VILLAGE" ? "NONE" : "SECTION_OR_ABOVE", retired: false, birthYear: r.int(1966, 1980),
      formerPost: unit.level === "VILLAGE" ? (unit.kind === "村" ? "村党总支书记" : "社区党委书记") : unit.level === "SCHOOL" ? "校长" : "分管副书记",
    }), "DIRECTOR", { concurrent: true });

    if (unit.level === "TOWN" && EXCEPTION_STREETS.includes(unit.name)) {
      appoint(unit, person(unit, { cadreRank: "BELOW_SECTION", retired: true, birthYear: r.int(1950, 1957), formerPost: "社区党委书记（已退休）" }),
        "EXEC_DEPUTY", { exceptionReason: EXCEPTION_REASON });
    } else {
      appoint(unit, person(unit, {
        cadreRank: unit.level === "VILLAGE" || unit.level === "SCHOOL" ? "BELOW_SECTION" : "SECTION_OR_ABOVE",
        retired: true, birthYear: r.int(1948, 1958),
        formerPost: unit.level === "SCHOOL" ? "退休教师" : unit.level === "VILLAGE" ? "原村（社区）干部" : "原街道（镇）领导",
      }), "EXEC_DEPUTY");
    }
    if (unit.level === "VILLAGE") {
      // 年轻工作者: born 1994–2001, so 35 or younger for years to come.
      appoint(unit, person(unit, { cadreRank: "NONE", retired: false, birthYear: r.int(1994, 2001), formerPost: "村（社区）工作者", politicalStatus: "共青团员" }), "ASSISTANT");
    }
    if (unit.level === "TOWN") appoint(unit, person(unit, { cadreRank: "BELOW_SECTION", retired: true, birthYear: r.int(1950, 1960) }), "DEPUTY");
  }

  // Volunteers: ~8 per village and 10 per town, all five categories in every town.
  const volunteers: {
    id: string; tenantId: string; orgUnitId: string; personId: string; category: VolunteerCategory; skills: string[];
    joinedOn: Date; status: "ACTIVE" | "PAUSED" | "LEFT"; trainedOn: Date | null; publicityConsent: boolean; isDemo: boolean;
  }[] = [];
  for (const unit of units.filter((u) => u.level === "TOWN" || u.level === "VILLAGE")) {
    const n = unit.level === "TOWN" ? 10 : r.int(6, 10);
    for (let i = 0; i < n; i++) {
      const category = i < CATEGORIES.length ? CATEGORIES[i] : r.pick(CATEGORIES);
      const joinedYear = r.int(2012, 2019);
      const p = person(unit, {
        cadreRank: category === "VETERAN_CADRE" ? r.pick(["SECTION_OR_ABOVE", "BELOW_SECTION"] as const) : "NONE",
        retired: true, birthYear: r.int(1938, 1960),
        formerPost: { VETERAN_CADRE: "退休干部", VETERAN_SOLDIER: "退伍军人", VETERAN_EXPERT: "退休工程师", VETERAN_TEACHER: "退休教师", VETERAN_MODEL: "劳动模范" }[category],
      });
      volunteers.push({
        id: randomUUID(), tenantId, orgUnitId: unit.id, personId: p.id, category,
        skills: [r.pick(SKILLS), ...(r.chance(0.4) ? [r.pick(SKILLS)] : [])].filter((s, k, a) => a.indexOf(s) === k),
        joinedOn: day(joinedYear, r.int(1, 12), r.int(1, 28)),
        status: r.chance(0.92) ? "ACTIVE" : r.chance(0.5) ? "PAUSED" : "LEFT",
        trainedOn: r.chance(0.9) ? day(joinedYear, 12, 15) : null,
        publicityConsent: r.chance(0.6), isDemo: true,
      });
    }
  }

  await client.person.createMany({ data: persons });
  await client.rosterPosition.createMany({ data: positions });
  await client.volunteer.createMany({ data: volunteers });
  await seedTraining(client, tenantId, units, volunteers);
  await seedHonours(client, r, tenantId, units, volunteers);
  return { persons: persons.length, positions: positions.length, volunteers: volunteers.length };
}

/** One 入门培训 a year per town, attended by that year's trained newcomers of the town. */
async function seedTraining(
  client: PrismaClient, tenantId: string, units: SeedUnit[],
  volunteers: { id: string; orgUnitId: string; trainedOn: Date | null }[],
) {
  const townOf = new Map(units.map((u) => [u.id, u.level === "TOWN" ? u.id : u.parentId ?? u.id]));
  const sessions = new Map<string, { id: string; tenantId: string; orgUnitId: string; title: string; kind: "ONBOARDING"; heldOn: Date; location: string }>();
  const attendance: { tenantId: string; sessionId: string; volunteerId: string }[] = [];
  for (const v of volunteers) {
    if (!v.trainedOn) continue;
    const town = townOf.get(v.orgUnitId)!;
    const key = `${town}:${v.trainedOn.getUTCFullYear()}`;
    if (!sessions.has(key)) {
      const townName = units.find((u) => u.id === town)!.name;
      sessions.set(key, {
        id: randomUUID(), tenantId, orgUnitId: town, kind: "ONBOARDING", heldOn: v.trainedOn,
        title: `${v.trainedOn.getUTCFullYear()}年${townName}“五老”入门培训`, location: `${townName}党群服务中心`,
      });
    }
    attendance.push({ tenantId, sessionId: sessions.get(key)!.id, volunteerId: v.id });
  }
  await client.trainingSession.createMany({ data: [...sessions.values()] });
  await client.trainingAttendance.createMany({ data: attendance });
}

/** 675 award person-times (表彰奖励) over 2015–2019, a few unit awards, and publicity with consent. */
async function seedHonours(
  client: PrismaClient, r: Rng, tenantId: string, units: SeedUnit[],
  volunteers: { personId: string; orgUnitId: string; publicityConsent: boolean }[],
) {
  const district = units.find((u) => u.level === "DISTRICT")!;
  const ISSUERS: Record<HonorLevel, string> = { DISTRICT: "清江浦区关工委", CITY: "淮安市关工委", PROVINCE: "江苏省关工委", NATIONAL: "中国关工委" };
  const TITLES: Record<HonorLevel, string[]> = {
    DISTRICT: ["关心下一代工作先进个人", "优秀“五老”志愿者", "校外辅导站优秀辅导员"],
    CITY: ["淮安市关心下一代工作先进个人", "淮安市优秀“五老”"],
    PROVINCE: ["江苏省关心下一代工作先进个人"],
    NATIONAL: ["全国关心下一代工作先进个人"],
  };
  const level = (): HonorLevel => {
    const x = r.next();
    return x < 0.74 ? "DISTRICT" : x < 0.94 ? "CITY" : x < 0.995 ? "PROVINCE" : "NATIONAL";
  };
  const recognitions = Array.from({ length: AWARD_PERSON_TIMES }, () => {
    const v = r.pick(volunteers);
    const l = level();
    return {
      id: randomUUID(), tenantId, orgUnitId: v.orgUnitId, personId: v.personId, recipientUnitId: null,
      title: r.pick(TITLES[l]), level: l, awardedOn: day(r.int(2015, 2019), r.pick([1, 3, 7, 12]), r.int(1, 28)), issuer: ISSUERS[l], isDemo: true,
    };
  });
  const unitAwards = units.filter((u) => u.level === "TOWN").slice(0, 6).map((u, i) => ({
    id: randomUUID(), tenantId, orgUnitId: district.id, personId: null, recipientUnitId: u.id,
    title: "关心下一代工作先进集体", level: "DISTRICT" as const, awardedOn: day(2018 + (i % 2), 1, 20), issuer: ISSUERS.DISTRICT, isDemo: true,
  }));
  await client.recognition.createMany({ data: [...recognitions, ...unitAwards] });

  const consenting = volunteers.filter((v) => v.publicityConsent);
  const OUTLETS: [string, HonorLevel][] = [["淮安日报", "CITY"], ["淮海晚报", "CITY"], ["清江浦发布", "DISTRICT"], ["江苏关心下一代网", "PROVINCE"], ["中国火炬", "NATIONAL"]];
  await client.publicity.createMany({
    data: Array.from({ length: PUBLICITY_PERSON_TIMES }, () => {
      const v = r.pick(consenting);
      const [outlet, l] = r.pick(OUTLETS);
      return { id: randomUUID(), tenantId, orgUnitId: v.orgUnitId, personId: v.personId, outlet, level: l, publishedOn: day(r.int(2016, 2019), r.int(1, 12), r.int(1, 28)), isDemo: true };
    }),
  });
}
