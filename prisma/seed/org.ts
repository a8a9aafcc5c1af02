/**
 * The demo org trees: 清江浦区 (DOMAIN §5) and a small second district, 淮阴区, so that
 * tenant isolation is visible. Village, community and school names are invented (isDemo).
 */
import { randomUUID } from "node:crypto";
import type { OrgLevel } from "../../lib/generated/prisma/enums";

export interface SeedUnit {
  id: string;
  tenantId: string;
  parentId: string | null;
  level: OrgLevel;
  kind: string;
  name: string;
  code: string;
  path: string[];
  depth: number;
  sortOrder: number;
  committeeEstablishedOn: Date | null;
  isDemo: boolean;
}

/** The 16 towns and streets of 2019, with how many villages/communities and schools each has. */
export const QINGJIANGPU_TOWNS: { name: string; villages: number; schools: number }[] = [
  { name: "城南街道", villages: 8, schools: 2 },
  { name: "清江街道", villages: 7, schools: 2 },
  { name: "浦楼街道", villages: 7, schools: 1 },
  { name: "闸口街道", villages: 7, schools: 1 },
  { name: "清浦街道", villages: 7, schools: 1 },
  { name: "府前街道", villages: 7, schools: 2 },
  { name: "长西街道", villages: 7, schools: 1 },
  { name: "淮海街道", villages: 7, schools: 2 },
  { name: "长东街道", villages: 7, schools: 1 },
  { name: "柳树湾街道", villages: 7, schools: 1 },
  { name: "水渡口街道", villages: 7, schools: 2 },
  { name: "清河街道", villages: 7, schools: 1 },
  { name: "武墩街道", villages: 6, schools: 1 },
  { name: "盐河街道", villages: 7, schools: 1 },
  { name: "和平镇", villages: 7, schools: 1 },
  { name: "黄码镇", villages: 5, schools: 1 },
];
/** Schools directly under the district (not under a town). */
const DISTRICT_SCHOOLS = ["清江浦区实验中学", "清江浦区第一高级中学", "清江浦区特殊教育学校", "清江浦区职业中学"];

const COMMUNITY_WORDS = [
  "健康", "文庙", "都天庙", "新民", "翔宇", "幸福", "和谐", "明远", "广场", "人民",
  "丰登", "清安", "东园", "西园", "南门", "北门", "花园", "枫林", "银杏", "运河",
  "里运", "大同", "长安", "永和", "安澜", "宁连", "华亭", "锦绣", "春晖", "晨光",
];
const VILLAGE_WORDS = ["双庄", "王庄", "徐杨", "李集", "高桥", "张圩", "陈集", "刘湾", "朱庄", "黄码", "沙庄", "龙王"];
const SCHOOL_KINDS: [string, string][] = [
  ["小学", "小学"],
  ["初级中学", "初中"],
  ["九年一贯制学校", "九年一贯制"],
];

function establishedOn(i: number): Date {
  // Committees set up between 2008 and 2016, spread deterministically.
  return new Date(Date.UTC(2008 + (i % 9), (i * 5) % 12, 1 + ((i * 7) % 27)));
}

function makeUnit(tenantId: string, parent: SeedUnit | null, u: Omit<SeedUnit, "id" | "tenantId" | "parentId" | "path" | "depth">): SeedUnit {
  const id = randomUUID();
  return {
    ...u,
    id,
    tenantId,
    parentId: parent?.id ?? null,
    path: [...(parent?.path ?? []), id],
    depth: (parent?.depth ?? -1) + 1,
  };
}

export function qingjiangpuUnits(tenantId: string): SeedUnit[] {
  let n = 0;
  const district = makeUnit(tenantId, null, {
    level: "DISTRICT", kind: "区", name: "清江浦区", code: "320812", sortOrder: 0,
    committeeEstablishedOn: new Date(Date.UTC(2006, 5, 1)), isDemo: false,
  });
  const units: SeedUnit[] = [district];
  let community = 0;
  let village = 0;
  QINGJIANGPU_TOWNS.forEach((t, ti) => {
    const townCode = `320812${String(ti + 1).padStart(3, "0")}`;
    const isTown = t.name.endsWith("镇");
    const town = makeUnit(tenantId, district, {
      level: "TOWN", kind: isTown ? "镇" : "街道", name: t.name, code: townCode, sortOrder: ti,
      committeeEstablishedOn: establishedOn(n++), isDemo: false,
    });
    units.push(town);
    for (let v = 0; v < t.villages; v++) {
      const name = isTown
        ? `${VILLAGE_WORDS[village++ % VILLAGE_WORDS.length]}村`
        : `${COMMUNITY_WORDS[community % COMMUNITY_WORDS.length]}${["", "东", "西", "南"][Math.floor(community++ / COMMUNITY_WORDS.length)]}社区`;
      units.push(makeUnit(tenantId, town, {
        level: "VILLAGE", kind: isTown ? "村" : "社区", name, code: `${townCode}${String(v + 1).padStart(3, "0")}`,
        sortOrder: v, committeeEstablishedOn: establishedOn(n++), isDemo: true,
      }));
    }
    for (let s = 0; s < t.schools; s++) {
      const [suffix, kind] = SCHOOL_KINDS[(ti + s) % SCHOOL_KINDS.length];
      const stem = t.name.replace(/(街道|镇)$/, "");
      units.push(makeUnit(tenantId, town, {
        level: "SCHOOL", kind, name: `${stem}${s ? "第二" : ""}${suffix}`, code: `${townCode}${String(901 + s)}`,
        sortOrder: 100 + s, committeeEstablishedOn: establishedOn(n++), isDemo: true,
      }));
    }
  });
  DISTRICT_SCHOOLS.forEach((name, i) => {
    units.push(makeUnit(tenantId, district, {
      level: "SCHOOL", kind: name.includes("高级") ? "高中" : name.includes("中学") ? "初中" : "特殊教育学校",
      name, code: `320812000${901 + i}`, sortOrder: 100 + i, committeeEstablishedOn: establishedOn(n++), isDemo: true,
    }));
  });
  return units;
}

/** A second, small district: only there to prove that districts never see each other. */
export function huaiyinUnits(tenantId: string): SeedUnit[] {
  const district = makeUnit(tenantId, null, {
    level: "DISTRICT", kind: "区", name: "淮阴区", code: "320804", sortOrder: 0,
    committeeEstablishedOn: new Date(Date.UTC(2007, 2, 1)), isDemo: true,
  });
  const units = [district];
  [["王营街道", ["东风社区", "承德社区"]], ["西宋集镇", ["西宋集村", "夏庄村"]]].forEach(([townName, villages], ti) => {
    const townCode = `320804${String(ti + 1).padStart(3, "0")}`;
    const town = makeUnit(tenantId, district, {
      level: "TOWN", kind: String(townName).endsWith("镇") ? "镇" : "街道", name: townName as string, code: townCode,
      sortOrder: ti, committeeEstablishedOn: establishedOn(ti), isDemo: true,
    });
    units.push(town);
    (villages as string[]).forEach((name, vi) =>
      units.push(makeUnit(tenantId, town, {
        level: "VILLAGE", kind: name.endsWith("村") ? "村" : "社区", name, code: `${townCode}${String(vi + 1).padStart(3, "0")}`,
        sortOrder: vi, committeeEstablishedOn: establishedOn(vi + 3), isDemo: true,
      })),
    );
  });
  return units;
}
