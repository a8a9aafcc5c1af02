/**
 * /api/v1 route handlers, called as Next calls them, authenticated by personal access
 * tokens (API.md "Auth"): bodies and statuses other programs rely on.
 */
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as getMe } from "@/app/api/v1/me/route";
import { GET as getOrgUnits } from "@/app/api/v1/org-units/route";
import { GET as getOrgUnit } from "@/app/api/v1/org-units/[id]/route";
import { db } from "@/lib/server/db";
import { revokeToken, setUserDisabled } from "@/lib/server/users/write-users";
import { actorFor } from "../support/actors";
import { apiGet, demoUnits, newUser, routeCtx, tokenFor, type DemoUnits } from "../support/fixtures";

const ROLES: Record<string, string> = {
  "district.admin": "DISTRICT_ADMIN",
  "town.admin": "TOWN_ADMIN",
  "unit.admin": "UNIT_ADMIN",
  "station.coord": "STATION_COORDINATOR",
  leader: "LEADER",
  "huaiyin.admin": "DISTRICT_ADMIN",
};
const tokens: Record<string, string> = {};
let units: DemoUnits;

beforeAll(async () => {
  units = await demoUnits();
  for (const u of Object.keys(ROLES)) tokens[u] = (await tokenFor(u)).token;
});

const me = (token?: string, headers?: Record<string, string>) => getMe(apiGet("/api/v1/me", token, headers), routeCtx({}));
const orgUnits = (token: string, parent?: string) =>
  getOrgUnits(apiGet(`/api/v1/org-units${parent === undefined ? "" : `?parent=${encodeURIComponent(parent)}`}`, token), routeCtx({}));
const orgUnit = (token: string, id: string) =>
  getOrgUnit(apiGet(`/api/v1/org-units/${encodeURIComponent(id)}`, token), routeCtx({ id }));

async function expectUnauthorized(res: Response) {
  expect(res.status).toBe(401);
  expect(await res.json()).toMatchObject({ error: "unauthorized" });
}
async function expectNotFound(res: Response) {
  expect(res.status).toBe(404);
  expect(await res.json()).toMatchObject({ error: "not_found" });
}

describe("401 unauthorized", () => {
  it("without any credentials", async () => {
    await expectUnauthorized(await me());
    await expectUnauthorized(await getOrgUnits(apiGet("/api/v1/org-units"), routeCtx({})));
    await expectUnauthorized(await getOrgUnit(apiGet(`/api/v1/org-units/${units.district.id}`), routeCtx({ id: units.district.id })));
  });

  it.each([
    ["an unknown qm_ token", `qm_${"A".repeat(43)}`],
    ["a token without the prefix", "abcdef0123456789"],
    ["an empty bearer", ""],
  ])("with %s", async (_label, token) => {
    await expectUnauthorized(await me(token));
  });

  it("with a non-Bearer Authorization scheme carrying a valid token", async () => {
    await expectUnauthorized(await me(undefined, { authorization: `Basic ${tokens["district.admin"]}` }));
  });

  it("with an expired token", async () => {
    const { token, id } = await tokenFor("district.admin");
    expect((await me(token)).status).toBe(200);
    await db().accessToken.update({ where: { id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await expectUnauthorized(await me(token));
    await expectUnauthorized(await orgUnits(token));
  });

  it("with a revoked token (revoked by its owner through revokeToken)", async () => {
    const { token, id } = await tokenFor("town.admin");
    expect((await me(token)).status).toBe(200);
    await revokeToken(await actorFor("town.admin"), { id });
    await expectUnauthorized(await me(token));
  });

  it("with the token of a user who has since been disabled", async () => {
    const user = await newUser({ role: "TOWN_ADMIN", orgUnitId: units.town.id });
    const { token } = await tokenFor(user.username);
    expect((await me(token)).status).toBe(200);
    await setUserDisabled(await actorFor("district.admin"), { id: user.id, disabled: true });
    await expectUnauthorized(await me(token));
    await expectUnauthorized(await orgUnit(token, units.town.id));
  });

  it("does not accept a token's hash in place of the token", async () => {
    const { id } = await tokenFor("district.admin");
    const row = await db().accessToken.findUniqueOrThrow({ where: { id } });
    await expectUnauthorized(await me(row.tokenHash));
    await expectUnauthorized(await me(`qm_${row.tokenHash}`));
  });
});

describe("GET /api/v1/me", () => {
  it.each(Object.entries(ROLES))("answers who %s is", async (username, role) => {
    const res = await me(tokens[username]);
    expect(res.status).toBe(200);
    const body = await res.json();
    const user = await db().user.findUniqueOrThrow({ where: { username }, include: { orgUnit: true } });
    expect(body).toMatchObject({
      username,
      role,
      orgUnit: { id: user.orgUnitId, name: user.orgUnit!.name, level: user.orgUnit!.level },
    });
    expect(Object.keys(body.orgUnit).sort()).toEqual(expect.arrayContaining(["id", "level", "name"]));
  });

  it("records when a token was last used", async () => {
    const { token, id } = await tokenFor("leader");
    expect((await db().accessToken.findUniqueOrThrow({ where: { id } })).lastUsedAt).toBeNull();
    await me(token);
    expect((await db().accessToken.findUniqueOrThrow({ where: { id } })).lastUsedAt).not.toBeNull();
  });
});

const UNIT_KEYS = ["code", "id", "kind", "level", "name", "parentId"];

describe("GET /api/v1/org-units", () => {
  it("without ?parent answers the caller's own unit, in the API.md shape", async () => {
    const cases: [string, keyof DemoUnits][] = [
      ["district.admin", "district"],
      ["town.admin", "town"],
      ["unit.admin", "village"],
      ["huaiyin.admin", "huaiyin"],
    ];
    for (const [username, key] of cases) {
      const res = await orgUnits(tokens[username]);
      expect(res.status).toBe(200);
      const { items } = await res.json();
      const u = units[key];
      expect(items).toEqual([
        expect.objectContaining({ id: u.id, name: u.name, level: u.level, kind: u.kind, code: u.code, parentId: u.parentId }),
      ]);
      expect(Object.keys(items[0])).toEqual(expect.arrayContaining(UNIT_KEYS));
    }
  });

  it("?parent=<district> lists the district's children for a district admin", async () => {
    const res = await orgUnits(tokens["district.admin"], units.district.id);
    expect(res.status).toBe(200);
    const { items } = await res.json();
    expect(items).toHaveLength(20);
    for (const it of items) {
      expect(Object.keys(it)).toEqual(expect.arrayContaining(UNIT_KEYS));
      expect(it.parentId).toBe(units.district.id);
    }
    expect(items.filter((i: { level: string }) => i.level === "TOWN")).toHaveLength(16);
    const chengnan = items.find((i: { name: string }) => i.name === "城南街道");
    expect(chengnan).toMatchObject({ id: units.town.id, level: "TOWN", kind: "街道", code: units.town.code });
  });

  it("?parent=<town> lists the town's villages and schools for its town admin", async () => {
    const res = await orgUnits(tokens["town.admin"], units.town.id);
    expect(res.status).toBe(200);
    const { items } = await res.json();
    expect(items).toHaveLength(10);
    expect(items.map((i: { id: string }) => i.id)).toContain(units.village.id);
  });

  it.each([
    ["town.admin", "district", "the parent district"],
    ["town.admin", "siblingTown", "a sibling town"],
    ["unit.admin", "town", "the parent town"],
    ["district.admin", "huaiyin", "another tenant's district"],
    ["huaiyin.admin", "district", "another tenant's district"],
    ["leader", "huaiyinTown", "another tenant's town"],
  ] as [string, keyof DemoUnits, string][])("%s asking for the children of %s (%s) gets 404", async (username, key) => {
    await expectNotFound(await orgUnits(tokens[username], units[key].id));
  });

  it("404 for a parent that is not a uuid or does not exist", async () => {
    await expectNotFound(await orgUnits(tokens["district.admin"], "nope"));
    await expectNotFound(await orgUnits(tokens["district.admin"], randomUUID()));
    await expectNotFound(await orgUnits(tokens["district.admin"], ""));
  });
});

describe("GET /api/v1/org-units/<id>", () => {
  it("answers a unit in scope with the API.md fields", async () => {
    const res = await orgUnit(tokens["town.admin"], units.village.id);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({
      id: units.village.id,
      name: units.village.name,
      level: "VILLAGE",
      kind: units.village.kind,
      code: units.village.code,
      parentId: units.town.id,
    });
  });

  it.each([
    ["town.admin", "siblingTown"],
    ["town.admin", "district"],
    ["unit.admin", "siblingVillage"],
    ["station.coord", "town"],
    ["district.admin", "huaiyinVillage"],
    ["leader", "huaiyin"],
    ["huaiyin.admin", "village"],
    ["huaiyin.admin", "district"],
  ] as [string, keyof DemoUnits][])("%s asking for %s (outside scope) gets 404 not_found", async (username, key) => {
    await expectNotFound(await orgUnit(tokens[username], units[key].id));
  });

  it("404 for a non-uuid or unknown id", async () => {
    await expectNotFound(await orgUnit(tokens["district.admin"], "abc"));
    await expectNotFound(await orgUnit(tokens["district.admin"], randomUUID()));
  });

  it("the 404 body is the same for 'another tenant' and 'does not exist' (ids leak nothing)", async () => {
    const a = await (await orgUnit(tokens["district.admin"], units.huaiyin.id)).json();
    const b = await (await orgUnit(tokens["district.admin"], randomUUID())).json();
    expect(a).toEqual(b);
  });
});
