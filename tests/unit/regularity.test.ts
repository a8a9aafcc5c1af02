/** Meeting regularity (DOMAIN §4.3): ISO weeks, months and years laid over the days meetings were held. */
import { describe, expect, it } from "vitest";
import { periodsOfYear, regularity, type RegularityInput } from "@/lib/server/rules/regularity";

const LONG_AGO = "2006-06-01";
const run = (over: Partial<RegularityInput> & Pick<RegularityInput, "cadence" | "year">) =>
  regularity({ meetingDays: [], establishedOn: LONG_AGO, today: "2030-01-01", ...over });
const slot = (r: ReturnType<typeof regularity>, key: string) => r.slots.find((s) => s.key === key);

describe("ISO weeks", () => {
  it.each([
    [2015, 53, "2014-12-29", "2016-01-03"],
    [2019, 52, "2018-12-31", "2019-12-29"],
    [2020, 53, "2019-12-30", "2021-01-03"],
    [2021, 52, "2021-01-04", "2022-01-02"],
  ])("%i has %i weeks, from %s to %s", (year, weeks, first, last) => {
    const ps = periodsOfYear("WEEK", year);
    expect(ps).toHaveLength(weeks);
    expect(ps[0]).toMatchObject({ key: `${year}-W01`, label: "第1周", start: first });
    expect(ps.at(-1)).toMatchObject({ key: `${year}-W${weeks}`, end: last });
  });

  it("weeks run Monday to Sunday without gaps or overlaps", () => {
    const ps = periodsOfYear("WEEK", 2020);
    for (const p of ps) expect(new Date(`${p.start}T00:00:00Z`).getUTCDay()).toBe(1);
    for (let i = 1; i < ps.length; i++) {
      expect(new Date(`${ps[i].start}T00:00:00Z`).getTime() - new Date(`${ps[i - 1].end}T00:00:00Z`).getTime()).toBe(86_400_000);
    }
  });

  it("a meeting on Monday 2019-12-30 belongs to 2020-W01, not to 2019", () => {
    const days = ["2019-12-30"];
    const y2019 = run({ cadence: "WEEK", year: 2019, meetingDays: days });
    expect(y2019.held).toBe(0);
    expect(y2019.required).toBe(52);
    expect(y2019.missing.at(-1)).toMatchObject({ key: "2019-W52", start: "2019-12-23", end: "2019-12-29" });
    expect(y2019.slots.every((s) => s.meetings === 0)).toBe(true);

    const y2020 = run({ cadence: "WEEK", year: 2020, meetingDays: days });
    expect(slot(y2020, "2020-W01")).toMatchObject({ status: "HELD", meetings: 1 });
    expect(y2020.held).toBe(1);
    expect(y2020.required).toBe(53);
    expect(y2020.missing.map((m) => m.key)).not.toContain("2020-W01");
  });

  it("Sunday 2021-01-03 is the last day of 2020-W53; 2020-12-31 and it count as one week", () => {
    const r = run({ cadence: "WEEK", year: 2020, meetingDays: ["2020-12-31", "2021-01-03"] });
    expect(slot(r, "2020-W53")).toMatchObject({ status: "HELD", meetings: 2 });
    expect(r.held).toBe(1);
    expect(run({ cadence: "WEEK", year: 2021, meetingDays: ["2021-01-03"] }).held).toBe(0);
  });

  it("gaps are the ended weeks without a meeting, in order", () => {
    const held = periodsOfYear("WEEK", 2019)
      .filter((p) => !["2019-W06", "2019-W31", "2019-W40"].includes(p.key))
      .map((p) => p.start);
    const r = run({ cadence: "WEEK", year: 2019, meetingDays: held });
    expect(r.missing.map((m) => m.key)).toEqual(["2019-W06", "2019-W31", "2019-W40"]);
    expect(r.missing[0]).toMatchObject({ label: "第6周", start: "2019-02-04", end: "2019-02-10" });
    expect([r.held, r.required]).toEqual([49, 52]);
  });
});

describe("months and years", () => {
  it("months end on their last day, February too", () => {
    expect(periodsOfYear("MONTH", 2020)[1]).toMatchObject({ key: "2020-02", label: "2月", start: "2020-02-01", end: "2020-02-29" });
    expect(periodsOfYear("MONTH", 2019)[1].end).toBe("2019-02-28");
    expect(periodsOfYear("MONTH", 2019)[11]).toMatchObject({ key: "2019-12", start: "2019-12-01", end: "2019-12-31" });
    expect(periodsOfYear("MONTH", 2019)).toHaveLength(12);
  });

  it("counts months with a meeting; meetings of other years are ignored", () => {
    const r = run({ cadence: "MONTH", year: 2019, meetingDays: ["2018-12-31", "2019-01-05", "2019-01-20", "2019-03-02", "2020-01-01"] });
    expect(slot(r, "2019-01")).toMatchObject({ status: "HELD", meetings: 2 });
    expect(slot(r, "2019-02")?.status).toBe("MISSING");
    expect([r.held, r.required]).toEqual([2, 12]);
    expect(r.missing.map((m) => m.key)).toEqual(["2019-02", "2019-04", "2019-05", "2019-06", "2019-07", "2019-08", "2019-09", "2019-10", "2019-11", "2019-12"]);
  });

  it("a year: held, missing, or under way", () => {
    expect(periodsOfYear("YEAR", 2019)).toEqual([{ key: "2019", label: "2019年", start: "2019-01-01", end: "2019-12-31" }]);
    expect(run({ cadence: "YEAR", year: 2019, meetingDays: ["2019-01-15"], today: "2020-01-10" })).toMatchObject({ held: 1, required: 1, missing: [] });
    expect(run({ cadence: "YEAR", year: 2019, today: "2020-01-10" })).toMatchObject({ held: 0, required: 1, missing: [{ key: "2019" }] });
    const current = run({ cadence: "YEAR", year: 2019, today: "2019-06-01" });
    expect(current).toMatchObject({ held: 0, required: 0, missing: [] });
    expect(current.slots[0].status).toBe("PENDING");
  });
});

describe("what is owed", () => {
  it("the period under way is PENDING and not counted, even when its meeting is held; later ones are NOT_REQUIRED", () => {
    const r = run({ cadence: "MONTH", year: 2019, today: "2019-06-15", meetingDays: ["2019-01-10", "2019-06-03"] });
    expect(slot(r, "2019-05")?.status).toBe("MISSING");
    expect(slot(r, "2019-06")?.status).toBe("HELD");
    expect(slot(r, "2019-07")?.status).toBe("NOT_REQUIRED");
    expect([r.held, r.required]).toEqual([1, 5]);

    const open = run({ cadence: "MONTH", year: 2019, today: "2019-06-15" });
    expect(slot(open, "2019-06")?.status).toBe("PENDING");
    expect(open.missing.map((m) => m.key)).not.toContain("2019-06");
  });

  it("on the last day of a period it is still PENDING; the day after, MISSING", () => {
    expect(slot(run({ cadence: "MONTH", year: 2019, today: "2019-06-30" }), "2019-06")?.status).toBe("PENDING");
    expect(slot(run({ cadence: "MONTH", year: 2019, today: "2019-07-01" }), "2019-06")?.status).toBe("MISSING");
    // Week 2019-W24 is Monday 10 June to Sunday 16 June.
    expect(slot(run({ cadence: "WEEK", year: 2019, today: "2019-06-16" }), "2019-W24")?.status).toBe("PENDING");
    expect(slot(run({ cadence: "WEEK", year: 2019, today: "2019-06-17" }), "2019-W24")?.status).toBe("MISSING");
  });

  it("a committee established mid-year owes only the periods that began after it existed", () => {
    const months = run({ cadence: "MONTH", year: 2019, establishedOn: "2019-03-15", today: "2020-02-01", meetingDays: ["2019-02-20", "2019-04-08"] });
    expect(months.slots.slice(0, 3).map((s) => s.status)).toEqual(["NOT_REQUIRED", "HELD", "NOT_REQUIRED"]);
    expect([months.held, months.required]).toEqual([1, 9]); // April to December; the February meeting is not counted
    expect(months.missing[0].key).toBe("2019-05");

    // Established on Wednesday 13 March 2019: that week (W11, from 11 March) is not owed, the next is.
    const weeks = run({ cadence: "WEEK", year: 2019, establishedOn: "2019-03-13", today: "2020-02-01" });
    expect(slot(weeks, "2019-W11")?.status).toBe("NOT_REQUIRED");
    expect(slot(weeks, "2019-W12")?.status).toBe("MISSING");
    expect(weeks.required).toBe(52 - 11);

    // Established on the first day of a period: that period is owed.
    expect(slot(run({ cadence: "MONTH", year: 2019, establishedOn: "2019-04-01", today: "2020-02-01" }), "2019-04")?.status).toBe("MISSING");
  });

  it("a committee not established owes nothing", () => {
    const r = run({ cadence: "WEEK", year: 2019, establishedOn: null, meetingDays: ["2019-05-06"] });
    expect([r.held, r.required, r.missing.length]).toEqual([0, 0, 0]);
    expect(slot(r, "2019-W19")?.status).toBe("HELD");
    expect(r.slots.filter((s) => s.status === "NOT_REQUIRED")).toHaveLength(51);
  });
});
