/**
 * 零犯罪 records (DOMAIN §4.5): counts only — bad counts refused at their field with nothing
 * written, names and case details dropped before they reach a row or the audit log; scope
 * (another town or district is 404); confirmed records locked for units and towns, changed
 * by the district only with a reason that is audited; read-only roles refused.
 * The database is shared: each test writes its own year (2020–2025) and none touches 2019.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { GET, POST } from "@/app/api/v1/zero-crime/route";
import { db } from "@/lib/server/db";
import type { Actor } from "@/lib/server/actor";
import {
  confirmZeroCrime,
  confirmZeroCrimeYear,
  reportZeroCrime,
  zeroCrimeForm,
  zeroCrimeForUnit,
  zeroCrimeYearView,
} from "@/lib/server/outcomes/zero-crime";
import { LOCKED_MESSAGE, MINORS_OVER_YOUTH, zeroCrimeFormInput } from "@/lib/schemas/zero-crime";
import { actorFor } from "../support/actors";
import { apiGet, demoUnits, expectAppError, jsonText, routeCtx, tokenFor, type DemoUnits } from "../support/fixtures";

const USERS = ["district.admin", "town.admin", "unit.admin", "station.coord", "leader", "huaiyin.admin"] as const;
type User = (typeof USERS)[number];
const actors = {} as Record<User, Actor>;
const tokens = {} as Record<User, string>;
let units: DemoUnits;

beforeAll(async () => {
  units = await demoUnits();
  for (const u of USERS) {
    actors[u] = await actorFor(u);
    tokens[u] = (await tokenFor(u)).token;
  }
});

function post(token: string, body: unknown) {
  const req = new NextRequest(new URL("/api/v1/zero-crime", "http://localhost:3000"), {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json", "user-agent": "vitest" },
    body: JSON.stringify(body),
  });
  return POST(req, routeCtx({}));
}
const get = (token: string, query: string) => GET(apiGet(`/api/v1/zero-crime${query}`, token), routeCtx({}));

const recordOf = (orgUnitId: string, year: number) => db().zeroCrimeRecord.findFirst({ where: { orgUnitId, year } });
const auditsOf = (entityId: string) => db().auditLog.findMany({ where: { entity: "ZeroCrimeRecord", entityId }, orderBy: { id: "asc" } });

async function expectNothingWritten(orgUnitId: string, year: number) {
  expect(await recordOf(orgUnitId, year)).toBeNull();
}

describe("counts are checked, each message at its field, nothing written (2020)", () => {
  const YEAR = 2020;

  it.each([
    [{ youthOffenders: -1, minorOffenders: 0 }, "youthOffenders", /不能为负数/],
    [{ youthOffenders: 2, minorOffenders: -3 }, "minorOffenders", /不能为负数/],
    [{ youthOffenders: 1.5, minorOffenders: 0 }, "youthOffenders", /须为整数/],
    [{ youthOffenders: 1, minorOffenders: 2 }, "minorOffenders", new RegExp(MINORS_OVER_YOUTH)],
    [{ youthOffenders: "2", minorOffenders: 0 }, "youthOffenders", /须为数字/],
    [{ youthOffenders: 2 }, "minorOffenders", /请填写其中未成年人数/],
    [{ youthOffenders: 0, minorOffenders: 0, studentOffenders: 0 }, "studentOffenders", /不填在校学生/],
  ])("village %j → %s", async (counts, path, message) => {
    const e = await expectAppError(reportZeroCrime(actors["town.admin"], { orgUnitId: units.village.id, year: YEAR, ...counts }), "INVALID");
    expect(e.issues).toEqual([{ path, message: expect.stringMatching(message) }]);
    await expectNothingWritten(units.village.id, YEAR);
  });

  it("a school sending youth counts, or no student count, is told what a school reports", async () => {
    const e = await expectAppError(
      reportZeroCrime(actors["town.admin"], { orgUnitId: units.townSchool.id, year: YEAR, youthOffenders: 0, minorOffenders: 0 }),
      "INVALID",
    );
    expect(e.issues.map((i) => i.path).sort()).toEqual(["minorOffenders", "studentOffenders", "youthOffenders"]);
    expect(e.issues.find((i) => i.path === "youthOffenders")?.message).toMatch(/学校只填在校学生/);
    expect(e.issues.find((i) => i.path === "studentOffenders")?.message).toMatch(/请填写在校学生违法犯罪人数/);
    await expectNothingWritten(units.townSchool.id, YEAR);
  });

  it("a year not yet begun, before 2000, or a town instead of a village is refused", async () => {
    for (const [body, path] of [
      [{ orgUnitId: units.village.id, year: 2999, youthOffenders: 0, minorOffenders: 0 }, "year"],
      [{ orgUnitId: units.village.id, year: 1999, youthOffenders: 0, minorOffenders: 0 }, "year"],
      [{ orgUnitId: units.town.id, year: YEAR, youthOffenders: 0, minorOffenders: 0 }, "orgUnitId"],
    ] as const) {
      const e = await expectAppError(reportZeroCrime(actors["district.admin"], body), "INVALID");
      expect(e.issues.map((i) => i.path)).toEqual([path]);
      expect(e.issues[0].message).toMatch(/[\u4e00-\u9fff]/);
    }
    await expectNothingWritten(units.town.id, YEAR);
  });

  it("the API answers 400 with the issues (minors > youth, negative), nothing written", async () => {
    const res = await post(tokens["unit.admin"], { orgUnitId: units.village.id, year: YEAR, youthOffenders: 1, minorOffenders: 4 });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: "invalid", issues: [{ path: "minorOffenders", message: MINORS_OVER_YOUTH }] });
    const neg = await post(tokens["unit.admin"], { orgUnitId: units.village.id, year: YEAR, youthOffenders: -2, minorOffenders: 0 });
    expect(neg.status).toBe(400);
    expect((await neg.json()).issues).toEqual([{ path: "youthOffenders", message: "青少年违法犯罪人数不能为负数" }]);
    await expectNothingWritten(units.village.id, YEAR);
  });

  it("the form's text becomes numbers only when it plainly is one", () => {
    expect(zeroCrimeFormInput({ youthOffenders: " 3 ", minorOffenders: "", studentOffenders: "两", year: "2020", name: "x" })).toEqual({
      youthOffenders: 3,
      minorOffenders: undefined,
      studentOffenders: "两",
      year: 2020,
      name: "x",
    });
  });

  it("LEADER and STATION_COORDINATOR may not write (403); the coordinator may not read (403)", async () => {
    await expectAppError(reportZeroCrime(actors.leader, { orgUnitId: units.village.id, year: YEAR, youthOffenders: 0, minorOffenders: 0 }), "FORBIDDEN");
    for (const who of ["leader", "station.coord"] as const) {
      const res = await post(tokens[who], { orgUnitId: units.village.id, year: YEAR, youthOffenders: 0, minorOffenders: 0 });
      expect(res.status).toBe(403);
      expect((await res.json()).error).toBe("forbidden");
    }
    expect((await get(tokens["station.coord"], "?year=2019")).status).toBe(403);
    expect((await get(tokens.leader, "?year=2019")).status).toBe(200);
    await expectNothingWritten(units.village.id, YEAR);
  });
});

describe("names and case details are never stored (2021)", () => {
  const YEAR = 2021;
  const SECRETS = ["张三", "李四", "盗窃电动车"];

  it("POST drops name-like fields: 201 on create, 200 on update; the row and the audit entries hold counts only", async () => {
    const body = {
      orgUnitId: units.village.id,
      year: YEAR,
      youthOffenders: 2,
      minorOffenders: 1,
      name: "张三",
      offenderName: "李四",
      names: ["张三", "李四"],
      caseDetails: "盗窃电动车一辆",
    };
    const created = await post(tokens["unit.admin"], body);
    expect(created.status).toBe(201);
    const json = await created.json();
    expect(json).toMatchObject({ orgUnitId: units.village.id, year: YEAR, youthOffenders: 2, minorOffenders: 1, studentOffenders: null, status: "REPORTED" });
    for (const key of ["name", "offenderName", "names", "caseDetails"]) expect(json).not.toHaveProperty(key);

    const updated = await post(tokens["unit.admin"], { ...body, youthOffenders: 3 });
    expect(updated.status).toBe(200);
    expect(await updated.json()).toMatchObject({ youthOffenders: 3, minorOffenders: 1 });

    const row = await recordOf(units.village.id, YEAR);
    expect(row).not.toBeNull();
    const audits = await auditsOf(row!.id);
    expect(audits.map((a) => a.action)).toEqual(["zero_crime.report", "zero_crime.report"]);
    for (const text of [jsonText(row), ...audits.map((a) => jsonText({ before: a.before, after: a.after }))]) {
      for (const s of SECRETS) expect(text).not.toContain(s);
      for (const key of ["name", "offenderName", "names", "caseDetails"]) expect(text).not.toContain(`"${key}"`);
    }
    expect(audits[1].before).toMatchObject({ youthOffenders: 2 });
    expect(audits[1].after).toMatchObject({ youthOffenders: 3 });

    const list = await get(tokens["unit.admin"], `?year=${YEAR}`);
    expect(list.status).toBe(200);
    const items = (await list.json()).items;
    expect(items).toEqual([expect.objectContaining({ orgUnitId: units.village.id, year: YEAR, youthOffenders: 3, minorOffenders: 1, status: "REPORTED" })]);
    expect(jsonText(items)).not.toContain("张三");
  });

  it("sending the same counts again writes nothing more", async () => {
    const row = await recordOf(units.village.id, YEAR);
    const before = (await auditsOf(row!.id)).length;
    const res = await post(tokens["unit.admin"], { orgUnitId: units.village.id, year: YEAR, youthOffenders: 3, minorOffenders: 1 });
    expect(res.status).toBe(200);
    expect((await auditsOf(row!.id)).length).toBe(before);
  });
});

describe("scope: another town's or district's records are not found (2022)", () => {
  const YEAR = 2022;

  it("a town admin cannot write a village of another town, nor another district (404), nothing written", async () => {
    const counts = { year: YEAR, youthOffenders: 0, minorOffenders: 0 };
    await expectAppError(reportZeroCrime(actors["town.admin"], { orgUnitId: units.villageOfSiblingTown.id, ...counts }), "NOT_FOUND");
    await expectAppError(reportZeroCrime(actors["unit.admin"], { orgUnitId: units.siblingVillage.id, ...counts }), "NOT_FOUND");
    const res = await post(tokens["town.admin"], { orgUnitId: units.villageOfSiblingTown.id, ...counts });
    expect(res.status).toBe(404);
    expect((await res.json()).error).toBe("not_found");
    expect((await post(tokens["district.admin"], { orgUnitId: units.huaiyinVillage.id, ...counts })).status).toBe(404);
    await expectNothingWritten(units.villageOfSiblingTown.id, YEAR);
    await expectNothingWritten(units.siblingVillage.id, YEAR);
    await expectNothingWritten(units.huaiyinVillage.id, YEAR);
  });

  it("nor read them: the API, the form and the year view stay inside the town", async () => {
    for (const q of [`?orgUnit=${units.siblingTown.id}&year=2019`, `?orgUnit=${units.villageOfSiblingTown.id}`, `?orgUnit=${units.huaiyin.id}`, "?orgUnit=nope"]) {
      expect((await get(tokens["town.admin"], q)).status).toBe(404);
    }
    await expectAppError(zeroCrimeForm(actors["town.admin"], units.villageOfSiblingTown.id, 2019), "NOT_FOUND");
    await expectAppError(zeroCrimeForm(actors["huaiyin.admin"], units.village.id, 2019), "NOT_FOUND");
    await expectAppError(
      confirmZeroCrime(actors["huaiyin.admin"], { orgUnitId: units.village.id, year: 2019 }),
      "NOT_FOUND",
    );

    // Without orgUnit: the caller's own subtree, and only it.
    const res = await get(tokens["town.admin"], "?year=2019");
    expect(res.status).toBe(200);
    const items: { orgUnitId: string }[] = (await res.json()).items;
    expect(items.length).toBeGreaterThan(0);
    const inTown = await db().orgUnit.findMany({ where: { path: { has: units.town.id } }, select: { id: true } });
    const ids = new Set(inTown.map((u) => u.id));
    expect(items.every((i) => ids.has(i.orgUnitId))).toBe(true);

    const view = await zeroCrimeYearView(actors["town.admin"], 2019);
    const shown = view.groups.flatMap((g) => g.rows.map((r) => r.id));
    expect(shown).toContain(units.village.id);
    expect(shown).not.toContain(units.villageOfSiblingTown.id);
    expect(shown.every((id) => ids.has(id))).toBe(true);
    expect(view.towns.map((t) => t.id)).toEqual([units.town.id]);
  });

  it("a bad year in the query is a 400 naming it", async () => {
    const res = await get(tokens["district.admin"], "?year=abc");
    expect(res.status).toBe(400);
    expect((await res.json()).issues.map((i: { path: string }) => i.path)).toEqual(["year"]);
  });
});

describe("confirmed records are locked (2023)", () => {
  const YEAR = 2023;

  it("after the district confirms, the unit and the town get a clear refusal and nothing changes", async () => {
    await reportZeroCrime(actors["unit.admin"], { orgUnitId: units.village.id, year: YEAR, youthOffenders: 1, minorOffenders: 0 });
    expect((await zeroCrimeForm(actors["unit.admin"], units.village.id, YEAR)).mode).toBe("open");
    await expectAppError(confirmZeroCrime(actors["town.admin"], { orgUnitId: units.village.id, year: YEAR }), "FORBIDDEN");

    const confirmed = await confirmZeroCrime(actors["district.admin"], { orgUnitId: units.village.id, year: YEAR });
    expect(confirmed).toMatchObject({ status: "CONFIRMED" });
    expect(confirmed.confirmedAt).toBeInstanceOf(Date);
    await expectAppError(confirmZeroCrime(actors["district.admin"], { orgUnitId: units.village.id, year: YEAR }), "CONFLICT");

    for (const who of ["unit.admin", "town.admin"] as const) {
      const e = await expectAppError(
        reportZeroCrime(actors[who], { orgUnitId: units.village.id, year: YEAR, youthOffenders: 0, minorOffenders: 0, reason: "想改" }),
        "FORBIDDEN",
      );
      expect(e.message).toBe(LOCKED_MESSAGE);
    }
    const res = await post(tokens["unit.admin"], { orgUnitId: units.village.id, year: YEAR, youthOffenders: 0, minorOffenders: 0 });
    expect(res.status).toBe(403);
    expect((await res.json()).message).toBe(LOCKED_MESSAGE);

    expect(await recordOf(units.village.id, YEAR)).toMatchObject({ youthOffenders: 1, minorOffenders: 0, status: "CONFIRMED" });
    expect((await zeroCrimeForm(actors["unit.admin"], units.village.id, YEAR)).mode).toBe("locked");
    expect((await zeroCrimeForm(actors["district.admin"], units.village.id, YEAR)).mode).toBe("amend");
    expect((await zeroCrimeForm(actors.leader, units.village.id, YEAR)).mode).toBe("readonly");
  });

  it("a unit not yet reported cannot be confirmed", async () => {
    await expectAppError(confirmZeroCrime(actors["district.admin"], { orgUnitId: units.siblingVillage.id, year: YEAR }), "CONFLICT");
  });
});

describe("the district changes a confirmed record only with a reason, and it is audited (2024)", () => {
  const YEAR = 2024;

  it("no reason → refused at `reason`; with one → changed, still confirmed, reason and before/after in the audit entry", async () => {
    await reportZeroCrime(actors["town.admin"], { orgUnitId: units.townSchool.id, year: YEAR, studentOffenders: 0 });
    await confirmZeroCrime(actors["district.admin"], { orgUnitId: units.townSchool.id, year: YEAR });
    const row = await recordOf(units.townSchool.id, YEAR);

    for (const reason of [undefined, "", "   "]) {
      const e = await expectAppError(
        reportZeroCrime(actors["district.admin"], { orgUnitId: units.townSchool.id, year: YEAR, studentOffenders: 1, reason }),
        "INVALID",
      );
      expect(e.issues).toEqual([{ path: "reason", message: expect.stringMatching(/修改原因/) }]);
    }
    expect(await recordOf(units.townSchool.id, YEAR)).toMatchObject({ studentOffenders: 0 });

    const reason = "区公安分局复核后更正人数";
    const out = await reportZeroCrime(actors["district.admin"], { orgUnitId: units.townSchool.id, year: YEAR, studentOffenders: 1, reason });
    expect(out.created).toBe(false);
    const after = await recordOf(units.townSchool.id, YEAR);
    expect(after).toMatchObject({ studentOffenders: 1, status: "CONFIRMED", youthOffenders: null, minorOffenders: null });
    expect(after!.confirmedAt).toEqual(row!.confirmedAt);

    const audits = await auditsOf(row!.id);
    expect(audits.map((a) => a.action)).toEqual(["zero_crime.report", "zero_crime.confirm", "zero_crime.report"]);
    const last = audits.at(-1)!;
    expect(last).toMatchObject({ actorName: "district.admin" });
    expect(last.before).toMatchObject({ studentOffenders: 0, status: "CONFIRMED" });
    expect(last.after).toMatchObject({ studentOffenders: 1, status: "CONFIRMED", reason });
  });
});

describe("confirming a whole year and reading it (2025, 2019 read only)", () => {
  const YEAR = 2025;

  it("confirms every reported record of the year in the town in one action, with one audit entry", async () => {
    await reportZeroCrime(actors["town.admin"], { orgUnitId: units.village.id, year: YEAR, youthOffenders: 0, minorOffenders: 0 });
    await reportZeroCrime(actors["town.admin"], { orgUnitId: units.townSchool.id, year: YEAR, studentOffenders: 0 });
    await expectAppError(confirmZeroCrimeYear(actors["town.admin"], { year: YEAR }), "FORBIDDEN");

    const view = await zeroCrimeYearView(actors["district.admin"], YEAR, { town: units.town.id, status: "pending" });
    expect(view.summary.pending).toBeGreaterThanOrEqual(2);
    expect(view.groups.flatMap((g) => g.rows.map((r) => r.id))).toEqual(expect.arrayContaining([units.village.id, units.townSchool.id]));

    const out = await confirmZeroCrimeYear(actors["district.admin"], { year: YEAR, orgUnitId: units.town.id });
    expect(out.confirmed).toBe(view.summary.pending);
    for (const id of [units.village.id, units.townSchool.id]) expect(await recordOf(id, YEAR)).toMatchObject({ status: "CONFIRMED" });
    const audit = await db().auditLog.findFirstOrThrow({ where: { action: "zero_crime.confirm_year", entityId: String(YEAR) } });
    expect(audit.after).toMatchObject({ year: YEAR, confirmed: out.confirmed });
    await expectAppError(confirmZeroCrimeYear(actors["district.admin"], { year: YEAR, orgUnitId: units.town.id }), "CONFLICT");
  });

  it("the 2019 year view reproduces the seed's figures and filters by status", async () => {
    const view = await zeroCrimeYearView(actors["district.admin"], 2019);
    expect(view.summary).toMatchObject({
      villagesReported: 110,
      villagesZeroYouth: 100,
      villagesZeroMinors: 109,
      schoolsReported: 25,
      schoolsZeroStudents: 25,
      pending: 0,
    });
    const offenders = await zeroCrimeYearView(actors.leader, 2019, { status: "offenders" });
    const rows = offenders.groups.flatMap((g) => g.rows);
    expect(rows).toHaveLength(10);
    expect(rows.every((r) => r.outcome === "offenders" && r.level === "VILLAGE")).toBe(true);
    // Schools right under the district come last, in a group of their own.
    expect(view.groups.at(-1)).toMatchObject({ direct: true });
  });

  it("the unit page shows a village's latest year; a town has none", async () => {
    const village = await zeroCrimeForUnit(actors["unit.admin"], units.village.id);
    expect(village).toMatchObject({ unitId: units.village.id, level: "VILLAGE", canReport: true });
    expect(village!.latest!.year).toBeGreaterThanOrEqual(2019);
    expect(await zeroCrimeForUnit(actors["town.admin"], units.town.id)).toBeNull();
    expect(await zeroCrimeForUnit(actors["station.coord"], units.village.id)).toBeNull();
    expect(await zeroCrimeForUnit(actors.leader, units.village.id)).toMatchObject({ canReport: false });
  });
});
