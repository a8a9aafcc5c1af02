/** The volunteer schemas shared by forms, actions and the API: dates, skills, recipients, filters. */
import { describe, expect, it } from "vitest";
import { ZCreatePublicity, ZCreateRecognition, ZRegisterVolunteer, ZVolunteerFilters } from "@/lib/schemas/volunteer";
import { todayInBeijing } from "@/lib/schemas/dates";
import { decodeCursor, encodeCursor } from "@/lib/server/people/read-volunteers";

const base = { name: "王老师", category: "VETERAN_TEACHER", orgUnitId: "7c1f2b9e-3a4d-4e5f-8a6b-9c0d1e2f3a4b", joinedOn: "2019-10-12" };
const issues = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  Object.fromEntries((r.error?.issues ?? []).map((i) => [i.path.join("."), i.message]));

describe("ZRegisterVolunteer", () => {
  it("accepts a minimal registration and fills defaults", () => {
    const r = ZRegisterVolunteer.parse(base);
    expect(r).toMatchObject({ name: "王老师", skills: [], publicityConsent: false, retired: false, cadreRank: "NONE" });
    expect(r.joinedOn.toISOString()).toBe("2019-10-12T00:00:00.000Z");
  });

  it("splits skills on Chinese and Latin separators, trims and de-duplicates", () => {
    expect(ZRegisterVolunteer.parse({ ...base, skills: "书法、法律咨询，书法; 宣讲\n" }).skills).toEqual(["书法", "法律咨询", "宣讲"]);
    expect(ZRegisterVolunteer.parse({ ...base, skills: ["象棋", " 象棋 "] }).skills).toEqual(["象棋"]);
  });

  it.each([
    [{ birthYear: "1850" }, "birthYear", "不能早于 1920"],
    [{ birthYear: "2020" }, "birthYear", "年满 18"],
    [{ joinedOn: "2999-01-01" }, "joinedOn", "不能晚于今天"],
    [{ joinedOn: "2019-02-29" }, "joinedOn", "不是有效的日期"],
    [{ joinedOn: "" }, "joinedOn", "请填写加入日期"],
    [{ category: "X" }, "category", "请选择类别"],
    [{ orgUnitId: "" }, "orgUnitId", "请选择单位"],
  ])("%j → %s: %s", (over, path, message) => {
    const r = ZRegisterVolunteer.safeParse({ ...base, ...over });
    expect(r.success).toBe(false);
    expect(issues(r)[path]).toContain(message);
  });

  it("today is allowed as a joining day (Beijing time)", () => {
    expect(ZRegisterVolunteer.safeParse({ ...base, joinedOn: todayInBeijing() }).success).toBe(true);
    expect(todayInBeijing(new Date("2020-01-01T16:30:00Z"))).toBe("2020-01-02");
  });
});

describe("recognition and publicity", () => {
  const rec = { title: "先进个人", level: "CITY", awardedOn: "2019-12-01", issuer: "市关工委" };
  it("a person award needs a volunteer, a unit award needs a unit", () => {
    expect(issues(ZCreateRecognition.safeParse({ ...rec, recipient: "PERSON" }))).toHaveProperty("volunteerId");
    expect(issues(ZCreateRecognition.safeParse({ ...rec, recipient: "UNIT", volunteerId: base.orgUnitId }))).toHaveProperty("recipientUnitId");
    expect(ZCreateRecognition.safeParse({ ...rec, recipient: "UNIT", recipientUnitId: base.orgUnitId }).success).toBe(true);
    expect(issues(ZCreateRecognition.safeParse({ ...rec, recipient: "UNIT", recipientUnitId: base.orgUnitId, level: "区" }))).toHaveProperty("level");
  });
  it("publicity links are http(s) only", () => {
    const p = { volunteerId: base.orgUnitId, outlet: "淮安日报", publishedOn: "2020-01-01" };
    expect(ZCreatePublicity.safeParse({ ...p, link: "" }).success).toBe(true);
    expect(ZCreatePublicity.safeParse({ ...p, link: "https://www.hanews.cn/a" }).success).toBe(true);
    expect(issues(ZCreatePublicity.safeParse({ ...p, link: "javascript:alert(1)" }))).toHaveProperty("link");
  });
});

describe("list filters and cursor", () => {
  it("empty parameters are no filter; bad values are issues", () => {
    expect(ZVolunteerFilters.parse({ q: "", category: "", trained: "" })).toEqual({});
    expect(issues(ZVolunteerFilters.safeParse({ category: "X", trained: "maybe" }))).toHaveProperty("trained");
  });
  it("a cursor round-trips; anything else decodes to null", () => {
    const c = { createdAt: new Date("2026-01-02T03:04:05.678Z"), id: "7c1f2b9e-3a4d-4e5f-8a6b-9c0d1e2f3a4b" };
    expect(decodeCursor(encodeCursor(c))).toEqual(c);
    expect(decodeCursor("abc")).toBeNull();
    expect(decodeCursor(Buffer.from("1.not-a-uuid").toString("base64url"))).toBeNull();
  });
});
