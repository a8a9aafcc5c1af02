/**
 * The roster rules of DOMAIN §4.1, one rule at a time: each case starts from a
 * compliant unit and breaks exactly one thing, so a failure names the rule that moved.
 */
import { describe, expect, it } from "vitest";
import { evaluateRoster, RULES, type PositionFacts, type UnitFacts } from "@/lib/server/people/compliance";
import { ZAppointPosition, ZEndPosition } from "@/lib/schemas/roster";
import { todayInBeijing } from "@/lib/schemas/dates";

const REF = new Date("2019-12-31T00:00:00Z");
const ESTABLISHED = new Date("2010-05-01T00:00:00Z");

type Person = PositionFacts["person"];
const pos = (role: PositionFacts["role"], person: Partial<Person> = {}, extra: Partial<PositionFacts> = {}): PositionFacts => ({
  role,
  concurrent: false,
  exceptionReason: null,
  ...extra,
  person: { name: "某人", retired: false, cadreRank: "NONE", birthYear: 1960, ...person },
});

// Town: 主任 an in-office leader serving concurrently; 常务副主任 a retired 科级 cadre.
const townDirector = () => pos("DIRECTOR", { name: "王书记", retired: false, cadreRank: "SECTION_OR_ABOVE" }, { concurrent: true });
const townExecDeputy = () => pos("EXEC_DEPUTY", { name: "李老", retired: true, cadreRank: "SECTION_OR_ABOVE", birthYear: 1952 });
// Village: 主任 the in-office main leader serving concurrently; 常务副主任 a retired cadre; a young assistant.
const villageDirector = () => pos("DIRECTOR", { name: "张书记", retired: false }, { concurrent: true });
const villageExecDeputy = () => pos("EXEC_DEPUTY", { name: "赵老", retired: true, cadreRank: "BELOW_SECTION", birthYear: 1950 });
const youngAssistant = (birthYear = 1990) => pos("ASSISTANT", { name: "小陈", birthYear });

const town = (positions: PositionFacts[], over: Partial<UnitFacts> = {}): UnitFacts => ({
  level: "TOWN",
  committeeEstablishedOn: ESTABLISHED,
  positions,
  ...over,
});
const village = (positions: PositionFacts[], over: Partial<UnitFacts> = {}): UnitFacts => ({ ...town(positions), level: "VILLAGE", ...over });

describe("a compliant roster", () => {
  it("town with an in-office concurrent 主任 and a retired 科级 常务副主任", () => {
    expect(evaluateRoster(town([townDirector(), townExecDeputy()]), REF)).toEqual({
      status: "COMPLIANT",
      reasons: [],
      failedRules: [],
    });
  });

  it("village with an in-office concurrent 主任, a retired cadre 常务副主任 and a young assistant", () => {
    expect(evaluateRoster(village([villageDirector(), villageExecDeputy(), youngAssistant()]), REF).status).toBe("COMPLIANT");
  });

  it("deputies and members do not change the result", () => {
    const extra = [pos("DEPUTY"), pos("MEMBER", { retired: true }), pos("MEMBER")];
    expect(evaluateRoster(town([townDirector(), townExecDeputy(), ...extra]), REF).status).toBe("COMPLIANT");
  });
});

describe("every unit: a committee, exactly one 主任 and one 常务副主任", () => {
  it("no committee yet", () => {
    const r = evaluateRoster(town([townDirector(), townExecDeputy()], { committeeEstablishedOn: null }), REF);
    expect(r).toMatchObject({ status: "NON_COMPLIANT", failedRules: ["committee"], reasons: ["尚未成立关工委"] });
  });

  it("a vacant 常务副主任", () => {
    const r = evaluateRoster(town([townDirector()]), REF);
    expect(r).toMatchObject({ status: "NON_COMPLIANT", failedRules: ["execDeputy"], reasons: ["常务副主任空缺"] });
  });

  it("a vacant 主任", () => {
    const r = evaluateRoster(village([villageExecDeputy(), youngAssistant()]), REF);
    expect(r).toMatchObject({ status: "NON_COMPLIANT", failedRules: ["director"], reasons: ["主任空缺"] });
  });

  it("two current 主任", () => {
    const r = evaluateRoster(town([townDirector(), townDirector(), townExecDeputy()]), REF);
    expect(r.status).toBe("NON_COMPLIANT");
    expect(r.failedRules).toEqual(["director"]);
    expect(r.reasons).toEqual(["现任主任有 2 名，只能有一名"]);
  });

  it("two current 常务副主任", () => {
    const r = evaluateRoster(town([townDirector(), townExecDeputy(), townExecDeputy()]), REF);
    expect(r.failedRules).toEqual(["execDeputy"]);
    expect(r.reasons[0]).toContain("常务副主任有 2 名");
  });

  it("an empty roster lists every failing rule, each with its reason", () => {
    const r = evaluateRoster(village([], { committeeEstablishedOn: null }), REF);
    expect(r.status).toBe("NON_COMPLIANT");
    expect(r.failedRules).toEqual(["committee", "director", "execDeputy", "villageYoungAssistant"]);
    expect(r.reasons).toEqual(["尚未成立关工委", "主任空缺", "常务副主任空缺", "未配备年轻工作者"]);
  });

  it("a school is held only to the every-unit rule", () => {
    // A retired, non-concurrent 主任, an in-office non-cadre 常务副主任, no assistant: fine for a school.
    const school: UnitFacts = {
      level: "SCHOOL",
      committeeEstablishedOn: ESTABLISHED,
      positions: [pos("DIRECTOR", { retired: true }), pos("EXEC_DEPUTY", { retired: false })],
    };
    expect(evaluateRoster(school, REF).status).toBe("COMPLIANT");
    expect(evaluateRoster({ ...school, positions: school.positions.slice(0, 1) }, REF)).toMatchObject({
      status: "NON_COMPLIANT",
      failedRules: ["execDeputy"],
    });
  });
});

describe("town rules", () => {
  it("主任 who is retired", () => {
    const d = townDirector();
    d.person.retired = true;
    const r = evaluateRoster(town([d, townExecDeputy()]), REF);
    expect(r).toMatchObject({ status: "NON_COMPLIANT", failedRules: ["townDirectorInOffice"] });
    expect(r.reasons).toEqual(["主任王书记不是在职领导兼任"]);
  });

  it("主任 who does not serve concurrently", () => {
    const r = evaluateRoster(town([{ ...townDirector(), concurrent: false }, townExecDeputy()]), REF);
    expect(r.failedRules).toEqual(["townDirectorInOffice"]);
  });

  it("常务副主任 still in office", () => {
    const e = townExecDeputy();
    e.person.retired = false;
    const r = evaluateRoster(town([townDirector(), e]), REF);
    expect(r).toMatchObject({ status: "NON_COMPLIANT", failedRules: ["townExecDeputyRetiredSection"] });
    expect(r.reasons).toEqual(["常务副主任李老不是退休干部（仍在职）"]);
  });

  it("常务副主任 retired below 科级, no exception recorded", () => {
    const e = townExecDeputy();
    e.person.cadreRank = "BELOW_SECTION";
    const r = evaluateRoster(town([townDirector(), e]), REF);
    expect(r).toMatchObject({ status: "NON_COMPLIANT", failedRules: ["townExecDeputyRetiredSection"] });
    expect(r.reasons).toEqual(["常务副主任李老不是科级及以上干部"]);
  });

  it("the recorded exception: a retired community party secretary as 常务副主任", () => {
    const e = pos(
      "EXEC_DEPUTY",
      { name: "周书记", retired: true, cadreRank: "NONE" },
      { exceptionReason: "由退休社区党总支书记担任，已报区关工委备案" },
    );
    const r = evaluateRoster(town([townDirector(), e]), REF);
    expect(r.status).toBe("EXCEPTION");
    expect(r.failedRules).toEqual([]);
    expect(r.reasons).toEqual(["常务副主任周书记：由退休社区党总支书记担任，已报区关工委备案（已备案的例外）"]);
  });

  it("a recorded exception does not excuse an in-office 常务副主任, nor other failures", () => {
    const inOffice = pos("EXEC_DEPUTY", { retired: false }, { exceptionReason: "特殊情况" });
    expect(evaluateRoster(town([townDirector(), inOffice]), REF).status).toBe("NON_COMPLIANT");
    const excepted = pos("EXEC_DEPUTY", { retired: true, cadreRank: "NONE" }, { exceptionReason: "已备案" });
    const r = evaluateRoster(town([{ ...townDirector(), concurrent: false }, excepted]), REF);
    expect(r.status).toBe("NON_COMPLIANT");
    expect(r.failedRules).toEqual(["townDirectorInOffice"]);
  });

  it("a town needs no young assistant", () => {
    expect(evaluateRoster(town([townDirector(), townExecDeputy()]), REF).failedRules).not.toContain("villageYoungAssistant");
  });
});

describe("village rules", () => {
  it("主任 who is not the in-office leader serving concurrently", () => {
    const retired = villageDirector();
    retired.person.retired = true;
    for (const d of [retired, { ...villageDirector(), concurrent: false }]) {
      const r = evaluateRoster(village([d, villageExecDeputy(), youngAssistant()]), REF);
      expect(r).toMatchObject({ status: "NON_COMPLIANT", failedRules: ["villageDirectorInOffice"] });
      expect(r.reasons).toEqual(["主任张书记不是在职主要领导兼任"]);
    }
  });

  it("常务副主任 who is in office, or retired but not a cadre", () => {
    for (const person of [{ retired: false }, { retired: true, cadreRank: "NONE" as const }]) {
      const e = pos("EXEC_DEPUTY", { name: "钱某", ...person });
      const r = evaluateRoster(village([villageDirector(), e, youngAssistant()]), REF);
      expect(r).toMatchObject({ status: "NON_COMPLIANT", failedRules: ["villageExecDeputyRetired"] });
      expect(r.reasons).toEqual(["常务副主任钱某不是退休干部"]);
    }
  });

  it("a retired 科级 cadre is a retired cadre too", () => {
    const e = pos("EXEC_DEPUTY", { retired: true, cadreRank: "SECTION_OR_ABOVE" });
    expect(evaluateRoster(village([villageDirector(), e, youngAssistant()]), REF).status).toBe("COMPLIANT");
  });

  it("no assistant", () => {
    const r = evaluateRoster(village([villageDirector(), villageExecDeputy()]), REF);
    expect(r).toMatchObject({ status: "NON_COMPLIANT", failedRules: ["villageYoungAssistant"], reasons: ["未配备年轻工作者"] });
  });

  it("an assistant of exactly 35 at the reference date is young; at 36 over-age", () => {
    expect(evaluateRoster(village([villageDirector(), villageExecDeputy(), youngAssistant(1984)]), REF).status).toBe("COMPLIANT");
    const r = evaluateRoster(village([villageDirector(), villageExecDeputy(), youngAssistant(1983)]), REF);
    expect(r).toMatchObject({ status: "NON_COMPLIANT", failedRules: ["villageYoungAssistant"] });
    expect(r.reasons).toEqual(["年轻工作者已超过 35 岁，需配备新的年轻工作者"]);
  });

  it("one young assistant among older ones is enough", () => {
    const r = evaluateRoster(village([villageDirector(), villageExecDeputy(), youngAssistant(1970), youngAssistant(1995)]), REF);
    expect(r.status).toBe("COMPLIANT");
  });

  it("the same assistant ages out as the reference date moves on", () => {
    const unit = village([villageDirector(), villageExecDeputy(), youngAssistant(1984)]);
    expect(evaluateRoster(unit, new Date("2019-06-01T00:00:00Z")).status).toBe("COMPLIANT");
    expect(evaluateRoster(unit, new Date("2020-06-01T00:00:00Z")).status).toBe("NON_COMPLIANT");
  });

  it("an assistant without a birth year cannot be confirmed young, and says so", () => {
    const r = evaluateRoster(village([villageDirector(), villageExecDeputy(), pos("ASSISTANT", { birthYear: null })]), REF);
    expect(r).toMatchObject({ status: "NON_COMPLIANT", failedRules: ["villageYoungAssistant"] });
    expect(r.reasons).toEqual(["年轻工作者未登记出生年份，无法确认是否 35 岁及以下"]);
  });

  it("a village 常务副主任 gets no town-style exception", () => {
    const e = pos("EXEC_DEPUTY", { retired: true, cadreRank: "NONE" }, { exceptionReason: "已备案" });
    expect(evaluateRoster(village([villageDirector(), e, youngAssistant()]), REF).status).toBe("NON_COMPLIANT");
  });
});

it("every rule id has a label", () => {
  expect(Object.keys(RULES).sort()).toEqual(
    [
      "committee",
      "director",
      "execDeputy",
      "townDirectorInOffice",
      "townExecDeputyRetiredSection",
      "villageDirectorInOffice",
      "villageExecDeputyRetired",
      "villageYoungAssistant",
    ].sort(),
  );
});

describe("roster input schemas", () => {
  const base = { orgUnitId: "00000000-0000-4000-8000-000000000000", role: "EXEC_DEPUTY", startedOn: "2019-10-12" };

  it("accepts a new person from form fields (checkboxes as 'on', empty optionals)", () => {
    const r = ZAppointPosition.parse({ ...base, concurrent: "on", person: { name: " 王五 ", retired: "on", birthYear: "", cadreRank: "" } });
    expect(r.startedOn.toISOString()).toBe("2019-10-12T00:00:00.000Z");
    expect(r.concurrent).toBe(true);
    expect(r.replaceCurrent).toBe(false);
    expect(r.person).toMatchObject({ name: "王五", retired: true, cadreRank: "NONE" });
  });

  it("needs a person: an existing id or a new name", () => {
    const r = ZAppointPosition.safeParse(base);
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]).toMatchObject({ path: ["person", "name"] });
  });

  it.each([
    ["2019-13-01", "不是有效的日期"],
    ["2019-02-30", "不是有效的日期"],
    ["12/10/2019", "例如 2019-10-12"],
    ["", "请填写任职日期"],
    ["2999-01-01", "不能晚于今天"],
  ])("refuses the start date %s", (startedOn, words) => {
    const r = ZAppointPosition.safeParse({ ...base, personId: base.orgUnitId, startedOn });
    expect(r.success).toBe(false);
    expect(r.error!.issues.find((i) => i.path[0] === "startedOn")?.message).toContain(words);
  });

  it("today (in Beijing) is not in the future", () => {
    expect(ZEndPosition.safeParse({ id: base.orgUnitId, endedOn: todayInBeijing() }).success).toBe(true);
    expect(todayInBeijing(new Date("2019-10-11T16:30:00Z"))).toBe("2019-10-12");
  });
});
