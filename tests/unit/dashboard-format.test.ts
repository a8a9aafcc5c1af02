import { describe, expect, it } from "vitest";
import { changeFromLastYear, formatCount, formatPercent, formatValue } from "@/components/dashboard/format";

const rate = (numerator: number, denominator: number) => ({ numerator, denominator, value: denominator ? Math.round((numerator / denominator) * 10_000) / 10_000 : null });

describe("dashboard numbers for Chinese readers", () => {
  it("rates as a percent with one decimal; counts with separators, 万 from ten thousand; money in 万元", () => {
    expect(formatPercent(0.7364)).toBe("73.6%");
    expect(formatPercent(null)).toBe("—");
    expect(formatCount(9_999)).toBe("9,999");
    expect(formatCount(16_512)).toBe("1.65万");
    expect(formatCount(59_000)).toBe("5.9万");
    expect(formatValue({ unit: "人次" }, { value: 105_729 })).toBe("10.57万 人次");
    expect(formatValue({ unit: "fen" }, { value: 72_600_000 })).toBe("72.6万元");
  });

  it("the change from last year: percentage points from the exact fractions, counts in their unit", () => {
    expect(changeFromLastYear({}, rate(81, 110), rate(74, 110))).toEqual({ direction: "up", text: "较上年 +6.4 个百分点" });
    expect(changeFromLastYear({}, rate(61, 65), rate(63, 65))).toEqual({ direction: "down", text: "较上年 -3.1 个百分点" });
    expect(changeFromLastYear({}, rate(96, 126), rate(96, 126))).toEqual({ direction: "flat", text: "与上年持平" });
    expect(changeFromLastYear({}, rate(5, 10), rate(0, 0))).toEqual({ direction: "none", text: "上年无数据" });
    expect(changeFromLastYear({}, rate(0, 0), rate(3, 4)).text).toBe("");
    expect(changeFromLastYear({ unit: "次" }, { value: 3_256 }, { value: 2_866 })).toEqual({ direction: "up", text: "较上年 +390 次" });
    expect(changeFromLastYear({ unit: "fen" }, { value: 72_600_000 }, { value: 40_160_000 }).text).toBe("较上年 +32.44万元");
  });
});
