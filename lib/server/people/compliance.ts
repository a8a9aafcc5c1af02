/**
 * Leadership roster rules (DOMAIN §4.1), as code that reads like the rules. Pure:
 * the caller loads a unit's current positions; this says COMPLIANT, EXCEPTION or
 * NON_COMPLIANT, with every failing rule's reason in Chinese.
 */
import type { CadreRank, OrgLevel, RosterRole } from "@/lib/generated/prisma/enums";

export type ComplianceStatus = "COMPLIANT" | "EXCEPTION" | "NON_COMPLIANT";

export interface PositionFacts {
  role: RosterRole;
  concurrent: boolean;
  exceptionReason: string | null;
  person: { name: string; retired: boolean; cadreRank: CadreRank; birthYear: number | null };
}

export interface UnitFacts {
  level: OrgLevel;
  committeeEstablishedOn: Date | null;
  /** Current positions only (no end date). */
  positions: PositionFacts[];
}

export interface ComplianceResult {
  status: ComplianceStatus;
  /** Why the unit fails (NON_COMPLIANT) or which exception it relies on (EXCEPTION). */
  reasons: string[];
  /** Ids of the failing rules, for filtering. */
  failedRules: RuleId[];
}

/** Age limit of the young village/community worker (年轻工作者). */
export const YOUNG_ASSISTANT_MAX_AGE = 35;

export const RULES = {
  committee: "已成立关工委",
  director: "有且只有一名现任主任",
  execDeputy: "有且只有一名现任常务副主任",
  townDirectorInOffice: "镇（街道）主任由在职领导兼任",
  townExecDeputyRetiredSection: "镇（街道）常务副主任由退休科级及以上干部担任",
  villageDirectorInOffice: "村（社区）主任由在职主要领导兼任",
  villageExecDeputyRetired: "村（社区）常务副主任由退休干部担任",
  villageYoungAssistant: "村（社区）配备一名年轻工作者（35 岁及以下）",
} as const;
export type RuleId = keyof typeof RULES;

const isCadre = (rank: CadreRank) => rank !== "NONE";

export function evaluateRoster(unit: UnitFacts, referenceDate: Date = new Date()): ComplianceResult {
  const failed: { id: RuleId; reason: string }[] = [];
  const exceptions: string[] = [];
  const fail = (id: RuleId, reason: string) => failed.push({ id, reason });

  if (!unit.committeeEstablishedOn) fail("committee", "尚未成立关工委");

  const holders = (role: RosterRole) => unit.positions.filter((p) => p.role === role);
  const [director, ...extraDirectors] = holders("DIRECTOR");
  const [execDeputy, ...extraDeputies] = holders("EXEC_DEPUTY");
  if (!director) fail("director", "主任空缺");
  if (extraDirectors.length) fail("director", `现任主任有 ${extraDirectors.length + 1} 名，只能有一名`);
  if (!execDeputy) fail("execDeputy", "常务副主任空缺");
  if (extraDeputies.length) fail("execDeputy", `现任常务副主任有 ${extraDeputies.length + 1} 名，只能有一名`);

  if (unit.level === "TOWN") {
    if (director && (director.person.retired || !director.concurrent)) {
      fail("townDirectorInOffice", `主任${director.person.name}不是在职领导兼任`);
    }
    if (execDeputy) {
      const p = execDeputy.person;
      if (!p.retired) {
        fail("townExecDeputyRetiredSection", `常务副主任${p.name}不是退休干部（仍在职）`);
      } else if (p.cadreRank !== "SECTION_OR_ABOVE") {
        // The allowed exception: recorded on the position, e.g. a retired community party secretary.
        if (execDeputy.exceptionReason) exceptions.push(`常务副主任${p.name}：${execDeputy.exceptionReason}（已备案的例外）`);
        else fail("townExecDeputyRetiredSection", `常务副主任${p.name}不是科级及以上干部`);
      }
    }
  }

  if (unit.level === "VILLAGE") {
    if (director && (director.person.retired || !director.concurrent)) {
      fail("villageDirectorInOffice", `主任${director.person.name}不是在职主要领导兼任`);
    }
    if (execDeputy && !(execDeputy.person.retired && isCadre(execDeputy.person.cadreRank))) {
      fail("villageExecDeputyRetired", `常务副主任${execDeputy.person.name}不是退休干部`);
    }
    const year = referenceDate.getUTCFullYear();
    const assistants = holders("ASSISTANT");
    const young = assistants.filter(
      (a) => a.person.birthYear !== null && year - a.person.birthYear <= YOUNG_ASSISTANT_MAX_AGE,
    );
    if (!young.length) {
      fail(
        "villageYoungAssistant",
        !assistants.length
          ? "未配备年轻工作者"
          : // Without a birth year the age cannot be checked: say so, rather than call them over-age.
            assistants.every((a) => a.person.birthYear === null)
            ? "年轻工作者未登记出生年份，无法确认是否 35 岁及以下"
            : "年轻工作者已超过 35 岁，需配备新的年轻工作者",
      );
    }
  }

  if (failed.length) {
    return { status: "NON_COMPLIANT", reasons: failed.map((f) => f.reason), failedRules: [...new Set(failed.map((f) => f.id))] };
  }
  if (exceptions.length) return { status: "EXCEPTION", reasons: exceptions, failedRules: [] };
  return { status: "COMPLIANT", reasons: [], failedRules: [] };
}

export const STATUS_LABELS: Record<ComplianceStatus, string> = {
  COMPLIANT: "符合要求",
  EXCEPTION: "例外（已备案）",
  NON_COMPLIANT: "不符合要求",
};
