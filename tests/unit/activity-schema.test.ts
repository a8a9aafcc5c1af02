/** The activity schemas shared by the phone form, the server actions and the API; the coordinator's edit rule. */
import { describe, expect, it } from "vitest";
import { activityEditRefusal, activityFormInput, ZActivityFilters, ZCreateActivity } from "@/lib/schemas/activity";
import { todayInBeijing } from "@/lib/schemas/dates";
import { decodeActivityCursor, encodeActivityCursor } from "@/lib/server/stations/read-activities";

const base = { stationId: "7c1f2b9e-3a4d-4e5f-8a6b-9c0d1e2f3a4b", date: "2019-10-12", kind: "STORY", title: "红色故事会", youthParticipants: 35 };
const issues = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  Object.fromEntries((r.error?.issues ?? []).map((i) => [i.path.join("."), i.message]));

describe("ZCreateActivity", () => {
  it("accepts a minimal activity; id optional; unknown fields dropped; volunteers de-duplicated", () => {
    const v = "0f1e2d3c-4b5a-4968-8776-655443322110";
    const r = ZCreateActivity.parse({ ...base, extra: 1, volunteerIds: [v, v.toUpperCase()] });
    expect(r).toMatchObject({ title: "红色故事会", youthParticipants: 35, volunteerIds: [v] });
    expect(r.id).toBeUndefined();
    expect(r).not.toHaveProperty("extra");
    expect(r.date.toISOString()).toBe("2019-10-12T00:00:00.000Z");
    expect(ZCreateActivity.parse({ ...base, id: "" }).id).toBeUndefined();
  });

  it("today is fine; tomorrow is the future", () => {
    expect(ZCreateActivity.safeParse({ ...base, date: todayInBeijing() }).success).toBe(true);
    const tomorrow = todayInBeijing(new Date(Date.now() + 86_400_000));
    expect(issues(ZCreateActivity.safeParse({ ...base, date: tomorrow })).date).toContain("不能晚于今天");
  });

  it.each([
    [{ youthParticipants: -1 }, "youthParticipants", "负数"],
    [{ youthParticipants: 10_001 }, "youthParticipants", "10,000"],
    [{ youthParticipants: 1.5 }, "youthParticipants", "整数"],
    [{ youthParticipants: "12" }, "youthParticipants", "数字"],
    [{ youthParticipants: undefined }, "youthParticipants", "请填写"],
    [{ stationId: "" }, "stationId", "请选择辅导站"],
    [{ kind: "PARTY" }, "kind", "活动类型"],
    [{ title: "   " }, "title", "请填写活动主题"],
    [{ title: "长".repeat(101) }, "title", "100"],
    [{ date: "2019-02-29" }, "date", "不是有效的日期"],
    [{ date: 20191012 }, "date", "活动日期"],
    [{ volunteerIds: ["x"] }, "volunteerIds.0", "志愿者编号有误"],
  ])("%j → %s", (over, path, msg) => {
    expect(issues(ZCreateActivity.safeParse({ ...base, ...over }))[path]).toContain(msg);
  });

  it("10,000 and 0 are the bounds", () => {
    expect(ZCreateActivity.safeParse({ ...base, youthParticipants: 10_000 }).success).toBe(true);
    expect(ZCreateActivity.safeParse({ ...base, youthParticipants: 0 }).success).toBe(true);
  });
});

describe("activityFormInput", () => {
  it("turns the form's count into a number only when it is one", () => {
    expect(activityFormInput({ youthParticipants: " 35 " }, []).youthParticipants).toBe(35);
    expect(activityFormInput({ youthParticipants: "" }, []).youthParticipants).toBeUndefined();
    expect(activityFormInput({ youthParticipants: "三十" }, []).youthParticipants).toBe("三十");
    const r = ZCreateActivity.safeParse({ ...base, ...activityFormInput({ youthParticipants: "1.5" }, []) });
    expect(issues(r).youthParticipants).toContain("整数");
    expect(issues(ZCreateActivity.safeParse({ ...base, ...activityFormInput({ youthParticipants: "三十" }, []) })).youthParticipants).toContain("数字");
  });
});

describe("ZActivityFilters and the cursor", () => {
  it("empty means no filter; bad days and reversed periods are field issues", () => {
    expect(ZActivityFilters.parse({ station: "", kind: "", from: "", to: "" })).toEqual({});
    expect(issues(ZActivityFilters.safeParse({ from: "2019-02-30" })).from).toContain("有效日期");
    expect(issues(ZActivityFilters.safeParse({ from: "2019-05-01", to: "2019-04-01" })).to).toContain("不能早于");
  });

  it("round-trips and refuses junk", () => {
    const c = { date: "2019-07-01", id: "0f1e2d3c-4b5a-4968-8776-655443322110" };
    expect(decodeActivityCursor(encodeActivityCursor(c))).toEqual(c);
    expect(decodeActivityCursor("abc")).toBeNull();
    expect(decodeActivityCursor(Buffer.from("2019-02-30.0f1e2d3c-4b5a-4968-8776-655443322110").toString("base64url"))).toBeNull();
  });
});

describe("activityEditRefusal", () => {
  const now = new Date("2020-03-31T00:00:00Z");
  const coord = { role: "STATION_COORDINATOR" as const, userId: "me" };
  const days = (n: number) => new Date(now.getTime() - n * 86_400_000);
  it("coordinators: own entries within 30 days only", () => {
    expect(activityEditRefusal(coord, { createdById: "me", createdAt: days(29) }, now)).toBeNull();
    expect(activityEditRefusal(coord, { createdById: "me", createdAt: days(30) }, now)).toBeNull();
    expect(activityEditRefusal(coord, { createdById: "me", createdAt: days(31) }, now)).toContain("超过 30 天");
    expect(activityEditRefusal(coord, { createdById: "other", createdAt: days(1) }, now)).toContain("自己登记");
    expect(activityEditRefusal(coord, { createdById: null, createdAt: days(1) }, now)).toContain("自己登记");
  });
  it("admins any time; leaders never", () => {
    for (const role of ["DISTRICT_ADMIN", "TOWN_ADMIN", "UNIT_ADMIN"] as const) {
      expect(activityEditRefusal({ role, userId: "x" }, { createdById: "other", createdAt: days(400) }, now)).toBeNull();
    }
    expect(activityEditRefusal({ role: "LEADER", userId: "x" }, { createdById: "x", createdAt: days(1) }, now)).not.toBeNull();
  });
});
