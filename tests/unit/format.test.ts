import { describe, expect, it } from "vitest";
import { formatDate, formatDateTime, LEVEL_LABELS } from "@/lib/format";

describe("formatDate", () => {
  it("writes dates the Chinese way", () => {
    expect(formatDate(new Date("2019-10-12T00:00:00+08:00"))).toBe("2019年10月12日");
    expect(formatDate(new Date("2020-01-05T12:00:00+08:00"))).toBe("2020年1月5日");
  });

  it("uses Beijing time, whatever the server's zone", () => {
    // 16:30 UTC on the 11th is 00:30 on the 12th in Beijing
    expect(formatDate(new Date("2019-10-11T16:30:00Z"))).toBe("2019年10月12日");
    expect(formatDate(new Date("2019-10-12T15:59:00Z"))).toBe("2019年10月12日");
    expect(formatDate(new Date("2019-10-12T16:00:00Z"))).toBe("2019年10月13日");
  });

  it("accepts ISO strings", () => {
    expect(formatDate("2019-10-12T08:00:00+08:00")).toBe("2019年10月12日");
  });

  it("shows a dash for no date", () => {
    expect(formatDate(null)).toBe("—");
    expect(formatDate(undefined)).toBe("—");
    expect(formatDate("")).toBe("—");
  });
});

describe("formatDateTime", () => {
  it("adds the 24-hour Beijing time", () => {
    const s = formatDateTime(new Date("2019-10-12T06:05:00Z"));
    expect(s).toContain("2019年10月12日");
    expect(s).toContain("14:05");
    expect(formatDateTime(null)).toBe("—");
  });
});

describe("LEVEL_LABELS", () => {
  it("names every level in Chinese", () => {
    expect(LEVEL_LABELS).toEqual({ CITY: "市", DISTRICT: "区", TOWN: "镇（街道）", VILLAGE: "村（社区）", SCHOOL: "学校" });
  });
});
