/** Money in fen from 元 text (exact, no floats), 元 / 万元 display, and the station and purchase rules. */
import { describe, expect, it } from "vitest";
import { formatMoney, formatWan, formatYuan, yuanToFen, ZCreateFunding, ZCreatePurchase, ZCreateStation, ZAdvanceSummerPlan } from "@/lib/schemas/station";

const UNIT = "8b2c1f9e-3a4d-4e5f-8a6b-7c8d9e0f1a2b";

describe("yuanToFen", () => {
  it.each([
    ["1234.56", 123456n],
    ["0.1", 10n],
    ["0.07", 7n],
    ["726000", 72_600_000n],
    ["1,234.5", 123450n],
    [" 19.99 ", 1999n],
  ])("%s 元 → %s fen", (text, fen) => expect(yuanToFen(text)).toBe(fen));

  it.each(["12.345", "-5", "abc", "", "1e3", "1.2.3"])("refuses %j", (text) => expect(yuanToFen(text)).toBeNull());
});

describe("formatting", () => {
  it("元 with thousands and cents", () => {
    expect(formatYuan(123456n)).toBe("1,234.56 元");
    expect(formatYuan(72_600_000n)).toBe("726,000 元");
    expect(formatYuan(5n)).toBe("0.05 元");
  });
  it("万元 with up to two decimals", () => {
    expect(formatWan(72_600_000n)).toBe("72.6万元");
    expect(formatWan(100_000_000n)).toBe("100万元");
    expect(formatWan(123456n)).toBe("0.12万元");
    expect(formatWan(0n)).toBe("0万元");
    expect(formatMoney(72_600_000n)).toBe("726,000 元（72.6万元）");
  });
});

describe("schemas", () => {
  const station = (over: Record<string, unknown>) => ZCreateStation.safeParse({ orgUnitId: UNIT, name: "测试站", ...over });
  it("达标 needs a room and a check date", () => {
    const r = station({ eReadingRoomUpToStandard: "on" });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.path.join("."))).toEqual(["eReadingRoomUpToStandard", "eReadingRoomCheckedOn"]);
    expect(station({ eReadingRoom: "on", eReadingRoomUpToStandard: "on", eReadingRoomCheckedOn: "2019-05-01" }).success).toBe(true);
    expect(station({ eReadingRoom: true, eReadingRoomCheckedOn: "" }).success).toBe(true);
  });
  it("tutors from a comma list", () => {
    expect(station({ tutors: "王老师, 李老师、王老师" }).data?.tutors).toEqual(["王老师", "李老师"]);
  });
  it("funding amount in 元 → fen; a station or a unit is required", () => {
    const ok = ZCreateFunding.parse({ amount: 1234.56, source: "区财政", receivedOn: "2019-03-01", orgUnitId: UNIT });
    expect(ok.amount).toBe(123456n);
    const bad = ZCreateFunding.safeParse({ amount: "0", source: "", receivedOn: "2999-01-01" });
    expect(bad.error!.issues.map((i) => i.path.join(".")).sort()).toEqual(["amount", "receivedOn", "source"]);
    const nowhere = ZCreateFunding.safeParse({ amount: "10", source: "捐赠", receivedOn: "2019-03-01" });
    expect(nowhere.error!.issues.map((i) => i.path.join("."))).toEqual(["stationId"]);
  });
  it("purchase: 其他 needs a name; quantity ≥ 1", () => {
    const bad = ZCreatePurchase.safeParse({ stationId: UNIT, item: "OTHER", quantity: "0", cost: "10", purchasedOn: "2019-03-01" });
    expect(bad.error!.issues.map((i) => i.path.join(".")).sort()).toEqual(["itemName", "quantity"]);
    expect(ZCreatePurchase.parse({ stationId: UNIT, item: "COMPUTER", quantity: "3", cost: "0", purchasedOn: "2019-03-01" }).cost).toBe(0n);
  });
  it("summer plan status must be one of the three", () => {
    expect(ZAdvanceSummerPlan.safeParse({ id: UNIT, status: "CANCELLED" }).success).toBe(false);
  });
});
