/**
 * Refused writes, for the twelve writes that had no refusal test (issue 12): a role without
 * the permission gets FORBIDDEN; a role with it but outside scope (another town's subtree,
 * another district) gets NOT_FOUND, as everywhere (scope.ts: outside scope is "not found",
 * never 403). A refusal writes nothing: the rows the write would touch are unchanged and
 * the only new audit row is the authz.denied record of the refusal itself. Last, an actor
 * in scope sends the same input and succeeds, so every refusal above was the guard's and
 * not a bad input's.
 *
 * Everything lives in districts of this file's own (tests/support/own-district.ts):
 * district A with two towns — the rows sit in T2's village, T1's admin is "another
 * subtree" — and district B, whose admin is "another district".
 */
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import type { Actor } from "@/lib/server/actor";
import type { AppErrorCode } from "@/lib/server/errors";
import type { Permission } from "@/lib/server/permissions";
import { can } from "@/lib/server/permissions";
import { createUnit } from "@/lib/server/org/write-units";
import { createDocument, updateDocument } from "@/lib/server/outcomes/documents";
import { addFinding, createSurvey, updateFollowUp } from "@/lib/server/outcomes/surveys";
import { createPublicity } from "@/lib/server/people/publicity";
import { createTrainingSession, recordAttendance } from "@/lib/server/people/training";
import { appointPosition, changePosition, endPosition } from "@/lib/server/people/write-roster";
import { registerVolunteer, updateVolunteer } from "@/lib/server/people/write-volunteers";
import { addDecision, createMeeting } from "@/lib/server/rules/meetings";
import { createStation, updateStation } from "@/lib/server/stations/write-stations";
import { createRound, publishRound } from "@/lib/server/rules/assessment";
import { DEFAULT_CRITERIA } from "@/lib/server/rules/scoring";
import { actorFor } from "../support/actors";
import { expectAppError, uniqueName } from "../support/fixtures";
import { ownDistrict } from "../support/own-district";

type Who = "leader" | "coordV2" | "unitAdminV2" | "townAdminT2" | "townAdminT1" | "adminA" | "adminB";
const actors = {} as Record<Who, Actor>;

/** What the writes work on, all in district A's village V2 (under town T2). */
const rows = {} as {
  V2: string;
  documentId: string;
  surveyId: string;
  findingId: string;
  volunteerId: string;
  personId: string;
  sessionId: string;
  directorId: string;
  memberId: string;
  meetingId: string;
  stationId: string;
  roundId: string;
  roundYear: number;
};

const pdf = () => new File([new Uint8Array(Buffer.from(`%PDF-1.4\n% ${uniqueName()}\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF\n`, "latin1"))], "通知.pdf");

beforeAll(async () => {
  const A = await ownDistrict("拒写测试区");
  const B = await ownDistrict("拒写他区");
  const V2 = A.villageOfSiblingTown.id;
  actors.adminA = await actorFor(await A.user("DISTRICT_ADMIN", A.district.id));
  const T1 = await createUnit(actors.adminA, { parentId: A.district.id, level: "TOWN", kind: "镇", name: "本镇", code: `${A.tenant.code}002` });
  actors.leader = await actorFor(await A.user("LEADER", A.district.id));
  actors.coordV2 = await actorFor(await A.user("STATION_COORDINATOR", V2));
  actors.unitAdminV2 = await actorFor(await A.user("UNIT_ADMIN", V2));
  actors.townAdminT2 = await actorFor(await A.user("TOWN_ADMIN", A.siblingTown.id));
  actors.townAdminT1 = await actorFor(await A.user("TOWN_ADMIN", T1.id));
  actors.adminB = await actorFor(await B.user("DISTRICT_ADMIN", B.district.id));

  const admin = actors.adminA;
  const doc = await createDocument(admin, {
    orgUnitId: V2,
    title: `拒写文件${uniqueName()}`,
    issuers: "测试区关工委",
    issuedOn: "2019-04-10",
    topic: "校站结合",
    file: pdf(),
  });
  const survey = await createSurvey(admin, {
    orgUnitId: V2,
    title: `拒写调研${uniqueName()}`,
    periodFrom: "2019-03-01",
    periodTo: "2019-03-31",
    unitIds: [V2],
    findings: [{ category: "OTHER", text: "辅导站缺少图书" }],
  });
  const finding = await db().surveyFinding.findFirstOrThrow({ where: { surveyId: survey.id } });
  const volunteer = await registerVolunteer(admin, {
    name: `志${uniqueName()}`,
    category: "VETERAN_TEACHER",
    orgUnitId: V2,
    joinedOn: "2018-01-01",
    publicityConsent: true,
  });
  const session = await createTrainingSession(admin, { title: `入门培训${uniqueName()}`, kind: "ONBOARDING", heldOn: "2019-05-01", orgUnitId: V2 });
  const director = await appointPosition(admin, { orgUnitId: V2, role: "DIRECTOR", concurrent: true, startedOn: "2019-10-12", person: { name: `主任${uniqueName()}` } });
  const member = await appointPosition(admin, { orgUnitId: V2, role: "MEMBER", concurrent: true, startedOn: "2019-10-12", person: { name: `成员${uniqueName()}` } });
  const meeting = await createMeeting(admin, { orgUnitId: V2, kind: "OTHER", heldOn: "2019-06-01", title: `拒写会议${uniqueName()}` });
  const station = await createStation(admin, { orgUnitId: V2, name: `拒写辅导站${uniqueName()}`, tutors: "王老师" });
  const roundYear = 2031;
  const round = await createRound(admin, { year: roundYear, passMark: DEFAULT_CRITERIA.passMark, weights: DEFAULT_CRITERIA.weights });
  Object.assign(rows, {
    V2,
    documentId: doc.id,
    surveyId: survey.id,
    findingId: finding.id,
    volunteerId: volunteer.id,
    personId: volunteer.personId,
    sessionId: session.id,
    directorId: director.id,
    memberId: member.id,
    meetingId: meeting.id,
    stationId: station.id,
    roundId: round.id,
    roundYear,
  });
});

interface Case {
  name: string;
  write: ((actor: Actor, raw: unknown) => Promise<unknown>) & { spec: { action: string; permission: Permission } };
  /** Roles that lack the permission but whose scope holds the row: refused by the permission alone. */
  noPermission: Who[];
  /** Roles that hold the permission but not the row (another subtree, another district). */
  outside: Who[];
  /** An actor in scope with the permission: the same input succeeds. */
  allowed: Who;
  input: () => Record<string, unknown>;
  /** Everything the write would change, read straight from the tables. */
  touched: () => Promise<unknown>;
}

const trainingTitle = `拒写培训${uniqueName()}`;

const CASES: Case[] = [
  {
    name: "updateDocument",
    write: updateDocument,
    noPermission: ["leader", "unitAdminV2"],
    outside: ["townAdminT1", "adminB"],
    allowed: "townAdminT2",
    // No linked units: those are checked on their own, and would hide a missing check of the document itself.
    input: () => ({ id: rows.documentId, title: "改过的标题", issuers: "改过的发文单位", issuedOn: "2019-05-01", topic: "改过的主题", unitIds: [] }),
    touched: () =>
      db().policyDocument.findUniqueOrThrow({ where: { id: rows.documentId }, include: { units: { select: { orgUnitId: true } } } }),
  },
  {
    name: "addFinding",
    write: addFinding,
    noPermission: ["leader", "unitAdminV2"],
    outside: ["townAdminT1", "adminB"],
    allowed: "townAdminT2",
    input: () => ({ surveyId: rows.surveyId, category: "TEACHERS", text: "新发现的问题" }),
    touched: () => db().surveyFinding.findMany({ where: { surveyId: rows.surveyId }, orderBy: { id: "asc" } }),
  },
  {
    name: "updateFollowUp",
    write: updateFollowUp,
    noPermission: ["leader", "unitAdminV2"],
    outside: ["townAdminT1", "adminB"],
    allowed: "townAdminT2",
    input: () => ({ findingId: rows.findingId, status: "IN_PROGRESS", owner: "改过的责任人" }),
    touched: () => db().surveyFinding.findUniqueOrThrow({ where: { id: rows.findingId } }),
  },
  {
    name: "createPublicity",
    write: createPublicity,
    noPermission: ["leader", "coordV2"],
    outside: ["townAdminT1", "adminB"],
    allowed: "townAdminT2",
    input: () => ({ volunteerId: rows.volunteerId, outlet: "淮安日报", level: "CITY", publishedOn: "2019-06-01" }),
    touched: () => db().publicity.findMany({ where: { personId: rows.personId } }),
  },
  {
    name: "createTrainingSession",
    write: createTrainingSession,
    noPermission: ["leader", "coordV2"],
    outside: ["townAdminT1", "adminB"],
    allowed: "townAdminT2",
    input: () => ({ title: trainingTitle, kind: "OTHER", heldOn: "2019-07-01", orgUnitId: rows.V2 }),
    touched: () => db().trainingSession.findMany({ where: { title: trainingTitle } }),
  },
  {
    name: "recordAttendance",
    write: recordAttendance,
    noPermission: ["leader", "coordV2"],
    outside: ["townAdminT1", "adminB"],
    allowed: "townAdminT2",
    input: () => ({ sessionId: rows.sessionId, volunteerIds: [rows.volunteerId] }),
    touched: async () => ({
      attendance: await db().trainingAttendance.findMany({ where: { sessionId: rows.sessionId } }),
      volunteer: await db().volunteer.findUniqueOrThrow({ where: { id: rows.volunteerId } }),
    }),
  },
  {
    name: "changePosition",
    write: changePosition,
    noPermission: ["leader", "coordV2"],
    outside: ["townAdminT1", "adminB"],
    allowed: "townAdminT2",
    input: () => ({ id: rows.directorId, concurrent: false, exceptionReason: "" }),
    touched: () => db().rosterPosition.findUniqueOrThrow({ where: { id: rows.directorId } }),
  },
  {
    name: "endPosition",
    write: endPosition,
    noPermission: ["leader", "coordV2"],
    outside: ["townAdminT1", "adminB"],
    allowed: "townAdminT2",
    input: () => ({ id: rows.memberId, endedOn: "2020-01-01" }),
    touched: () => db().rosterPosition.findUniqueOrThrow({ where: { id: rows.memberId } }),
  },
  {
    name: "updateVolunteer",
    write: updateVolunteer,
    noPermission: ["leader", "coordV2"],
    outside: ["townAdminT1", "adminB"],
    allowed: "townAdminT2",
    input: () => ({
      id: rows.volunteerId,
      name: "改过的姓名",
      category: "VETERAN_CADRE",
      orgUnitId: rows.V2,
      joinedOn: "2017-01-01",
      publicityConsent: true,
    }),
    touched: async () => ({
      volunteer: await db().volunteer.findUniqueOrThrow({ where: { id: rows.volunteerId } }),
      person: await db().person.findUniqueOrThrow({ where: { id: rows.personId } }),
    }),
  },
  {
    name: "addDecision",
    write: addDecision,
    noPermission: ["leader", "unitAdminV2"],
    outside: ["townAdminT1", "adminB"],
    allowed: "townAdminT2",
    input: () => ({ meetingId: rows.meetingId, text: "补充的决定事项", owner: "村关工委", dueOn: "2019-12-31" }),
    touched: () => db().meetingDecision.findMany({ where: { meetingId: rows.meetingId }, orderBy: { id: "asc" } }),
  },
  {
    name: "updateStation",
    write: updateStation,
    noPermission: ["leader", "coordV2"],
    outside: ["townAdminT1", "adminB"],
    allowed: "townAdminT2",
    input: () => ({ id: rows.stationId, name: `改过的辅导站${uniqueName()}`, tutors: "赵老师", eReadingRoom: true }),
    touched: () => db().station.findUniqueOrThrow({ where: { id: rows.stationId } }),
  },
  {
    name: "publishRound",
    write: publishRound,
    // The criteria are the district's: a town admin is the closest role without the permission.
    noPermission: ["leader", "townAdminT2"],
    // A round is district-wide, so "outside" can only be another district (which has no round that year).
    outside: ["adminB"],
    allowed: "adminA",
    input: () => ({ year: rows.roundYear }),
    touched: () => db().assessmentRound.findUniqueOrThrow({ where: { id: rows.roundId }, include: { criteria: true } }),
  },
];

const lastAuditId = async () => (await db().auditLog.aggregate({ _max: { id: true } }))._max.id ?? BigInt(0);

/**
 * Runs the write as `who`, expects `code`, and checks that nothing was written: the rows
 * it would touch read the same, and the one new audit row is this refusal's authz.denied.
 */
async function expectRefused(c: Case, who: Who, code: AppErrorCode) {
  const actor = actors[who];
  const before = await c.touched();
  const mark = await lastAuditId();
  await expectAppError(c.write(actor, c.input()), code);
  expect(await c.touched()).toEqual(before);
  const audit = await db().auditLog.findMany({ where: { id: { gt: mark } }, orderBy: { id: "asc" } });
  expect(audit.map((a) => [a.action, a.actorId, a.tenantId, a.after])).toEqual([
    ["authz.denied", actor.userId, actor.tenantId, expect.objectContaining({ code, action: c.write.spec.action, permission: c.write.spec.permission })],
  ]);
}

describe.each(CASES)("$name", (c) => {
  it("the roles named lack the permission, and the roles named as outside hold it (the table is right)", () => {
    for (const who of c.noPermission) expect(can(actors[who], c.write.spec.permission), who).toBe(false);
    for (const who of [...c.outside, c.allowed]) expect(can(actors[who], c.write.spec.permission), who).toBe(true);
  });

  it.each(c.noPermission)("%s (no permission) is FORBIDDEN; nothing is written", async (who) => {
    await expectRefused(c, who, "FORBIDDEN");
  });

  it.each(c.outside)("%s (permission, but outside scope) is NOT_FOUND; nothing is written", async (who) => {
    await expectRefused(c, who, "NOT_FOUND");
  });

  it("an actor in scope sends the same input and it is written, with its audit entry", async () => {
    const before = await c.touched();
    const mark = await lastAuditId();
    await c.write(actors[c.allowed], c.input());
    expect(await c.touched()).not.toEqual(before);
    const audit = await db().auditLog.findMany({ where: { id: { gt: mark } } });
    expect(audit.map((a) => [a.action, a.actorId])).toEqual([[c.write.spec.action, actors[c.allowed].userId]]);
  });
});
