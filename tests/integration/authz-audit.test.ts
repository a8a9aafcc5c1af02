/**
 * Refused authorization leaves a trace (issue 12, "authorization failures not logged"):
 * a FORBIDDEN (role) or NOT_FOUND (outside scope) from the write path or an /api/v1 handler
 * writes one "authz.denied" audit row under the caller's district, outside the refused
 * transaction (so it survives the rollback), and nothing else.
 */
import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { db } from "@/lib/server/db";
import type { Actor } from "@/lib/server/actor";
import { createStation } from "@/lib/server/stations/write-stations";
import { GET as listVolunteers, POST as postVolunteer } from "@/app/api/v1/volunteers/route";
import { actorFor } from "../support/actors";
import { apiGet, demoUnits, expectAppError, routeCtx, tokenFor, type DemoUnits } from "../support/fixtures";

let units: DemoUnits;
const actors: Record<string, Actor> = {};

beforeAll(async () => {
  units = await demoUnits();
  for (const u of ["town.admin", "unit.admin", "leader"]) actors[u] = await actorFor(u);
});

/** The newest audit id: rows after it were written by the step under test. */
const mark = async () => (await db().auditLog.aggregate({ _max: { id: true } }))._max.id ?? BigInt(0);
/** The authz.denied rows of one actor written after the mark. */
const denials = (actorId: string, since: bigint) =>
  db().auditLog.findMany({ where: { action: "authz.denied", actorId, id: { gt: since } }, orderBy: { id: "asc" } });

const station = (orgUnitId: string) => ({ orgUnitId, name: `拒绝站${randomBytes(4).toString("hex")}`, address: "某路 1 号", pairedSchoolId: "" });

describe("authz.denied from defineWrite", () => {
  it("a role without the permission (FORBIDDEN): one row naming the action and permission; nothing else written", async () => {
    const since = await mark();
    const leader = actors["leader"];
    const raw = station(units.village.id);
    await expectAppError(createStation(leader, raw), "FORBIDDEN");
    const rows = await denials(leader.userId, since);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ tenantId: leader.tenantId, actorName: "leader", via: leader.via });
    expect(rows[0].after).toMatchObject({ code: "FORBIDDEN", action: "station.create", permission: "station.write" });
    expect(await db().station.count({ where: { name: raw.name } })).toBe(0);
  });

  it("outside scope (NOT_FOUND inside the transaction): the row outlives the rollback", async () => {
    const since = await mark();
    const who = actors["unit.admin"];
    const raw = station(units.siblingVillage.id);
    await expectAppError(createStation(who, raw), "NOT_FOUND");
    const rows = await denials(who.userId, since);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ tenantId: who.tenantId, actorName: "unit.admin" });
    expect(rows[0].after).toMatchObject({ code: "NOT_FOUND", action: "station.create" });
    expect(await db().station.count({ where: { name: raw.name } })).toBe(0);
    expect(await db().auditLog.count({ where: { action: "station.create", actorId: who.userId, id: { gt: since } } })).toBe(0);
  });

  it("a flood of refusals: one row each, every one refused, none fails", async () => {
    const since = await mark();
    const leader = await actorFor("leader");
    const results = await Promise.allSettled(Array.from({ length: 40 }, () => createStation(leader, station(units.village.id))));
    expect(results.every((r) => r.status === "rejected" && (r.reason as { code?: string }).code === "FORBIDDEN")).toBe(true);
    expect(await denials(leader.userId, since)).toHaveLength(40);
  });
});

describe("authz.denied from /api/v1", () => {
  it("a read outside scope (404) is recorded with the method and path", async () => {
    const since = await mark();
    const { token } = await tokenFor("town.admin");
    const res = await listVolunteers(apiGet(`/api/v1/volunteers?orgUnit=${units.huaiyinVillage.id}`, token), routeCtx({}));
    expect(res.status).toBe(404);
    const rows = await denials(actors["town.admin"].userId, since);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ tenantId: actors["town.admin"].tenantId, via: "token" });
    expect(rows[0].after).toMatchObject({ code: "NOT_FOUND", method: "GET", path: "/api/v1/volunteers" });
  });

  it("a write refused by defineWrite behind the API is recorded once, not twice", async () => {
    const since = await mark();
    const { token } = await tokenFor("leader");
    const req = new NextRequest(new URL("/api/v1/volunteers", "http://localhost:3000"), {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json", "user-agent": "vitest" },
      body: JSON.stringify({ name: "不该写入", category: "VETERAN_CADRE", orgUnitId: units.village.id, joinedOn: "2019-10-12" }),
    });
    expect((await postVolunteer(req, routeCtx({}))).status).toBe(403);
    const rows = await denials(actors["leader"].userId, since);
    expect(rows).toHaveLength(1);
    expect(rows[0].after).toMatchObject({ code: "FORBIDDEN", action: "volunteer.register" });
  });
});
