/**
 * Security walk of every route handler (issue 12): each exported HTTP method of every
 * app/**\/route.ts is called, as Next calls it, by every district role of the demo district,
 * by the admin of another district, and by callers without a district Actor (nobody, a
 * platform admin, a user who must still change the password, a session still at the
 * 两步验证 code step, an admin who has not set 两步验证 up, a user disabled since signing in;
 * tests/support/security-walk.ts).
 * The table below says who may; the route list comes from the files on disk, so a new route
 * or method without an entry fails this file.
 *
 * Targets lie in 清江街道 (the town beside town.admin's), so one request shows both refusals:
 * a role without the permission gets 403, a role with it but outside its subtree 404. A
 * refused request must write nothing (no audit row but the refusal) and no answer may carry
 * another district's ids. Mutations a role may do are not executed here (their own tests do).
 */
import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { db } from "@/lib/server/db";
import { IMPORT_KINDS } from "@/lib/imports/templates";
import { jsonText, tokenFor, type DemoUnits } from "../support/fixtures";
import { TEST_ORIGIN, sessionCookieFor } from "../support/request-context";
import { HTTP_METHODS, absolute, paramsFor, routeHandlerFiles, tableGaps, type RouteFile } from "../support/route-inventory";
import {
  ACTOR_CALLERS,
  SHUT_OUT,
  auditMark,
  byCaller,
  disableEndedWalker,
  idsIn,
  isShutOut,
  unitIdsHiddenFrom,
  makeWalkers,
  unwalkedRoles,
  writesSince,
  type ActorCaller,
  type Caller,
  type Walkers,
} from "../support/security-walk";

/** What one caller gets: a status, or "may" for a mutation it is allowed (not executed). */
type Outcome = 200 | 201 | 403 | 404 | "may";
type Expect = Record<ActorCaller, Outcome>;

interface Targets {
  units: DemoUnits;
  /** Another village of 清江街道 (where 撤并 would send the target village). */
  siblingVillageOfSiblingTown: string;
  /** A station in 清江街道's subtree. */
  siblingStation: string;
  /** A policy document filed by the district office (shared downward to every unit). */
  districtDocument: string;
}

interface ApiCase {
  /** Path and query of the request. */
  url: (t: Targets) => string;
  /** JSON body (mutating methods). */
  body?: (t: Targets) => unknown;
  expect: Expect;
  /** A snapshot of what a refused request must leave as it was. */
  probe?: (t: Targets) => Promise<unknown>;
}
type Entry = ApiCase[] | { public: string };

const who = byCaller<Outcome>;
const EVERYONE = who(200, 200, 200, 200, 200, 200);
const tag = () => randomBytes(4).toString("hex");

const volunteerName = `走查志愿者${tag()}`;
const activityTitle = `走查活动${tag()}`;
const unitName = `走查新村${tag()}`;
const personName = `走查委员${tag()}`;

/** Who may import each kind (lib/server/imports/run.ts canImport): everyone else is refused before the file is read. */
const IMPORTERS: Record<(typeof IMPORT_KINDS)[number], Expect> = {
  units: who("may", "may", 403, 403, 403, "may"),
  rosters: who("may", "may", "may", 403, 403, "may"),
  volunteers: who("may", "may", "may", 403, 403, "may"),
  stations: who("may", "may", "may", 403, 403, "may"),
  activities: who("may", "may", "may", "may", 403, "may"),
};

const perKind = (make: (kind: (typeof IMPORT_KINDS)[number]) => ApiCase): ApiCase[] => IMPORT_KINDS.map(make);

/** Route → method → who may. Keys are "METHOD /url/pattern" as on disk. */
const TABLE: Record<string, Entry> = {
  "GET /api/auth/[...nextauth]": { public: "next-auth's own sign-in, CSRF and session endpoints (tests/e2e/auth.spec.ts)" },
  "POST /api/auth/[...nextauth]": { public: "next-auth's credentials sign-in and sign-out (tests/integration/sign-in.test.ts)" },
  "GET /api/health/live": { public: "liveness probe: {\"status\":\"ok\"}, no database, nothing sensitive (tests/integration/unavailable.test.ts)" },
  "GET /api/health/ready": { public: "readiness probe: 200/503 with {\"status\"} only (tests/integration/unavailable.test.ts)" },

  "GET /api/v1/me": [{ url: () => "/api/v1/me", expect: EVERYONE }],

  "GET /api/v1/activities": [
    { url: () => "/api/v1/activities", expect: EVERYONE },
    { url: (t) => `/api/v1/activities?station=${t.siblingStation}`, expect: who(200, 404, 404, 404, 200, 404) },
    { url: (t) => `/api/v1/activities?town=${t.units.siblingTown.id}`, expect: who(200, 404, 404, 404, 200, 404) },
  ],
  "POST /api/v1/activities": [
    {
      url: () => "/api/v1/activities",
      body: (t) => ({ stationId: t.siblingStation, date: "2019-10-12", kind: "REPORT", title: activityTitle, youthParticipants: 12 }),
      expect: who("may", 404, 404, 404, 403, 404),
      probe: () => db().activity.count({ where: { title: activityTitle } }),
    },
  ],

  "GET /api/v1/documents": [{ url: () => "/api/v1/documents", expect: who(200, 200, 200, 403, 200, 200) }],
  "GET /api/v1/documents/[id]/file": [
    { url: (t) => `/api/v1/documents/${t.districtDocument}/file`, expect: who(200, 200, 200, 403, 200, 404) },
  ],

  "GET /api/v1/exports/[kind]": perKind((kind) => ({
    url: (t) => `/api/v1/exports/${kind}?orgUnit=${t.units.siblingTown.id}`,
    expect: who(200, 404, 404, 404, 200, 404),
  })),
  "GET /api/v1/imports/[kind]/template": perKind((kind) => ({ url: () => `/api/v1/imports/${kind}/template`, expect: EVERYONE })),
  "POST /api/v1/imports/[kind]": perKind((kind) => ({ url: () => `/api/v1/imports/${kind}?dryRun=1`, expect: IMPORTERS[kind] })),
  "POST /api/v1/imports/[kind]/errors": perKind((kind) => ({ url: () => `/api/v1/imports/${kind}/errors`, expect: IMPORTERS[kind] })),
  "GET /api/v1/imports/users/template": [{ url: () => "/api/v1/imports/users/template", expect: who(200, 403, 403, 403, 403, 200) }],
  "POST /api/v1/imports/users": [{ url: () => "/api/v1/imports/users?dryRun=1", expect: who("may", 403, 403, 403, 403, "may") }],
  "POST /api/v1/imports/users/errors": [{ url: () => "/api/v1/imports/users/errors", expect: who("may", 403, 403, 403, 403, "may") }],

  "GET /api/v1/metrics": [
    { url: (t) => `/api/v1/metrics?orgUnit=${t.units.siblingTown.id}&year=2019`, expect: who(200, 404, 404, 403, 200, 404) },
  ],

  "GET /api/v1/org-units": [
    { url: () => "/api/v1/org-units", expect: EVERYONE },
    { url: (t) => `/api/v1/org-units?parent=${t.units.siblingTown.id}`, expect: who(200, 404, 404, 404, 200, 404) },
  ],
  "POST /api/v1/org-units": [
    {
      url: () => "/api/v1/org-units",
      body: (t) => ({ parentId: t.units.siblingTown.id, level: "VILLAGE", kind: "村", name: unitName, code: `${t.units.siblingTown.code}9${tag().slice(0, 2)}` }),
      expect: who("may", 404, 403, 403, 403, 404),
      probe: () => db().orgUnit.count({ where: { name: unitName } }),
    },
  ],
  "GET /api/v1/org-units/[id]": [
    { url: (t) => `/api/v1/org-units/${t.units.village.id}`, expect: who(200, 200, 200, 200, 200, 404) },
    { url: (t) => `/api/v1/org-units/${t.units.siblingTown.id}`, expect: who(200, 404, 404, 404, 200, 404) },
  ],
  "PATCH /api/v1/org-units/[id]": [
    {
      url: (t) => `/api/v1/org-units/${t.units.villageOfSiblingTown.id}`,
      body: () => ({ name: `${unitName}改` }),
      expect: who("may", 404, 403, 403, 403, 404),
      probe: (t) => db().orgUnit.findUniqueOrThrow({ where: { id: t.units.villageOfSiblingTown.id } }),
    },
  ],
  "POST /api/v1/org-units/[id]/merge": [
    {
      url: (t) => `/api/v1/org-units/${t.units.villageOfSiblingTown.id}/merge`,
      body: (t) => ({ intoId: t.siblingVillageOfSiblingTown, on: "2020-01-01" }),
      expect: who("may", 404, 403, 403, 403, 404),
      probe: (t) => db().orgUnit.findUniqueOrThrow({ where: { id: t.units.villageOfSiblingTown.id } }),
    },
  ],
  "GET /api/v1/org-units/[id]/roster": [
    { url: (t) => `/api/v1/org-units/${t.units.village.id}/roster`, expect: who(200, 200, 200, 200, 200, 404) },
    { url: (t) => `/api/v1/org-units/${t.units.villageOfSiblingTown.id}/roster`, expect: who(200, 404, 404, 404, 200, 404) },
  ],
  "POST /api/v1/org-units/[id]/roster": [
    {
      url: (t) => `/api/v1/org-units/${t.units.villageOfSiblingTown.id}/roster`,
      body: () => ({ role: "MEMBER", person: { name: personName }, startedOn: "2019-10-12" }),
      expect: who("may", 404, 404, 403, 403, 404),
      probe: () => db().person.count({ where: { name: personName } }),
    },
  ],

  "GET /api/v1/stations": [
    { url: () => "/api/v1/stations", expect: EVERYONE },
    { url: (t) => `/api/v1/stations?orgUnit=${t.units.siblingTown.id}`, expect: who(200, 404, 404, 404, 200, 404) },
  ],

  "GET /api/v1/volunteers": [
    { url: () => "/api/v1/volunteers", expect: EVERYONE },
    { url: (t) => `/api/v1/volunteers?orgUnit=${t.units.siblingTown.id}`, expect: who(200, 404, 404, 404, 200, 404) },
  ],
  "POST /api/v1/volunteers": [
    {
      url: () => "/api/v1/volunteers",
      body: (t) => ({ name: volunteerName, category: "VETERAN_CADRE", orgUnitId: t.units.villageOfSiblingTown.id, joinedOn: "2019-10-12" }),
      expect: who("may", 404, 404, 403, 403, 404),
      probe: () => db().person.count({ where: { name: volunteerName } }),
    },
  ],

  "GET /api/v1/zero-crime": [
    { url: (t) => `/api/v1/zero-crime?orgUnit=${t.units.siblingTown.id}`, expect: who(200, 404, 404, 403, 200, 404) },
  ],
  "POST /api/v1/zero-crime": [
    {
      url: () => "/api/v1/zero-crime",
      body: (t) => ({ orgUnitId: t.units.villageOfSiblingTown.id, year: 2020, youthOffenders: 0, minorOffenders: 0 }),
      expect: who("may", 404, 404, 403, 403, 404),
      probe: (t) => db().zeroCrimeRecord.findMany({ where: { orgUnitId: t.units.villageOfSiblingTown.id }, orderBy: { year: "asc" } }),
    },
  ],

  "GET /dashboard/export": [
    { url: (t) => `/dashboard/export?unit=${t.units.siblingTown.id}&year=2019`, expect: who(200, 404, 404, 403, 200, 404) },
  ],
  "GET /admin/audit/export": [
    { url: (t) => `/admin/audit/export?unit=${t.units.siblingTown.id}`, expect: who(200, 403, 403, 403, 403, 404) },
  ],
};

// ── the routes on disk ───────────────────────────────────────────────────────────────

type RouteModule = Record<string, unknown>;
const ROUTES: (RouteFile & { mod: RouteModule })[] = await Promise.all(
  routeHandlerFiles().map(async (r) => ({ ...r, mod: (await import(/* @vite-ignore */ absolute(r.file))) as RouteModule })),
);
const ON_DISK = ROUTES.flatMap((r) => HTTP_METHODS.filter((m) => typeof r.mod[m] === "function").map((m) => ({ key: `${m} ${r.pattern}`, method: m, route: r })));

// ── callers ──────────────────────────────────────────────────────────────────────────

let walkers: Walkers;
let targets: Targets;
const credentials: Partial<Record<Caller, Record<string, string>>> = {};

beforeAll(async () => {
  walkers = await makeWalkers();
  const { units } = walkers;
  const siblingVillages = await db().orgUnit.findMany({
    where: { parentId: units.siblingTown.id, level: "VILLAGE", active: true, NOT: { id: units.villageOfSiblingTown.id } },
    orderBy: { code: "asc" },
    take: 1,
  });
  expect(siblingVillages).toHaveLength(1);
  const station = await db().station.findFirstOrThrow({ where: { orgUnit: { path: { has: units.siblingTown.id } } }, orderBy: { name: "asc" } });
  const doc = await db().policyDocument.findFirstOrThrow({ where: { orgUnitId: units.district.id }, orderBy: { issuedOn: "asc" } });
  targets = {
    units,
    siblingVillageOfSiblingTown: siblingVillages[0].id,
    siblingStation: station.id,
    districtDocument: doc.id,
  };
  // District users present personal access tokens (also those who must first change the
  // password or set up 两步验证: their tokens stop working until then). The platform admin
  // cannot hold a token and a session still at the code step is a cookie by nature: they
  // present session cookies, the other door of apiRoute.
  for (const c of [...ACTOR_CALLERS, "MUST_CHANGE", "MFA_ENROL", "ENDED"] as const) {
    credentials[c] = { authorization: `Bearer ${(await tokenFor(walkers.usernames[c])).token}` };
  }
  credentials.PLATFORM_ADMIN = { cookie: await sessionCookieFor(walkers.usernames.PLATFORM_ADMIN) };
  credentials.MFA_PENDING = { cookie: await sessionCookieFor(walkers.usernames.MFA_PENDING, { codeStep: false }) };
  credentials.ANONYMOUS = {};
  await disableEndedWalker(walkers);
});

async function call(method: string, route: RouteFile & { mod: RouteModule }, url: string, caller: Caller, body: unknown) {
  const u = new URL(url, TEST_ORIGIN);
  const headers: Record<string, string> = { "user-agent": "vitest-walk", host: u.host, ...credentials[caller] };
  let payload: string | undefined;
  if (body !== undefined) {
    headers["content-type"] = "application/json";
    headers.origin = TEST_ORIGIN;
    payload = JSON.stringify(body);
  }
  const req = new NextRequest(u, { method, headers, body: payload });
  const handler = route.mod[method] as (req: NextRequest, ctx: { params: Promise<unknown> }) => Promise<Response>;
  return handler(req, { params: Promise.resolve(paramsFor(route.pattern, u.pathname)) });
}

/** "(t) => `/api/v1/x?unit=${t.units.town.id}`" → "/api/v1/x?unit=${t.units.town.id}": the test's name says what it asks for. */
const caseLabel = (url: ApiCase["url"]) => url.toString().replace(/^\(?\w*\)?\s*=>\s*/, "").replace(/^[`"]|[`"]$/g, "");

const isMutation = (method: string) => !["GET", "HEAD", "OPTIONS"].includes(method);

describe("the route table covers every route handler on disk", () => {
  it("every district role has a walker", () => {
    expect(unwalkedRoles()).toEqual([]);
  });

  it("every exported method of every route.ts has an entry, and no entry names a method that is gone", () => {
    expect(ON_DISK.length).toBeGreaterThan(20);
    expect(tableGaps(ON_DISK.map((r) => r.key), Object.keys(TABLE))).toEqual({ missing: [], stale: [] });
  });
});

for (const { key, method, route } of ON_DISK.filter((r) => Array.isArray(TABLE[r.key]))) {
  describe(key, () => {
    for (const c of TABLE[key] as ApiCase[]) {
      it(`${caseLabel(c.url)}: each caller gets what the table says`, async () => {
        const url = c.url(targets);
        const problems: string[] = [];
        const before = c.probe ? jsonText(await c.probe(targets)) : undefined;
        for (const caller of [...SHUT_OUT, ...ACTOR_CALLERS]) {
          // Callers without a district Actor get 401 everywhere.
          const expected = isShutOut(caller) ? 401 : c.expect[caller];
          if (expected === "may") continue;
          const mark = isMutation(method) ? await auditMark() : BigInt(0);
          const res = await call(method, route, url, caller, c.body?.(targets));
          const text = Buffer.from(await res.arrayBuffer()).toString("utf8");
          if (res.status !== expected) problems.push(`${caller}: expected ${expected}, got ${res.status} ${text.slice(0, 160)}`);
          if (res.status < 300 && !isShutOut(caller)) {
            const leaked = idsIn(text, unitIdsHiddenFrom(caller, walkers));
            if (leaked.length) problems.push(`${caller}: the answer names ${leaked.length} unit(s) outside its scope`);
          } else if (isMutation(method)) {
            const written = await writesSince(mark);
            if (written.length) problems.push(`${caller}: refused, yet wrote ${JSON.stringify(written)}`);
          }
        }
        if (c.probe && jsonText(await c.probe(targets)) !== before) problems.push("the target changed although every call was refused");
        expect(problems).toEqual([]);
      });
    }
  });
}
