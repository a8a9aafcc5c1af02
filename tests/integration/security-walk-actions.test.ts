/**
 * Security walk of every server action (issue 12): server actions are public POST
 * endpoints, so each exported function of every "use server" file is called, inside the
 * request context Next gives an action (tests/support/request-context.ts: a real session
 * cookie, resolved by the real session code), by every district role of the demo district,
 * by the admin of another district, and by callers without a district Actor (nobody, a
 * platform admin, a user who must still change the password, a session still at the 两步验证
 * code step, an admin who has not set 两步验证 up, a user disabled since signing in). The
 * action list comes from the files on disk, so a new action without an entry in the table
 * below fails this file.
 *
 * Each form is valid (validation runs before the permission check, so an invalid form would
 * prove nothing) and aims at 清江街道, the town beside town.admin's: a role without the
 * permission is refused FORBIDDEN, a role with it but outside its subtree NOT_FOUND — read
 * from the refusal's audit row, so the code is known, not guessed from the message. A refused
 * call writes nothing (no audit row but the refusal, the target row unchanged). Where a second
 * case is given, it aims at a record in scope that names something outside it (a move, a
 * reference, a destination). What a role may do is not executed here; the capability tests do.
 */
// First: Next's request stores need AsyncLocalStorage before any next/dist module loads.
import "../support/next-async-storage";
import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { FIVE_GOOD_ITEMS } from "@/lib/server/rules/scoring";
import { jsonText, newUser, tokenFor, type DemoUnits } from "../support/fixtures";
import { callAction, sessionCookieFor, type ActionEnd } from "../support/request-context";
import { absolute, serverActionFiles, tableGaps } from "../support/route-inventory";
import {
  auditMark,
  byCaller,
  disableEndedWalker,
  makeWalkers,
  refusalsSince,
  unwalkedRoles,
  writesSince,
  type ActorCaller,
  type Caller,
  type ShutOut,
  type Walkers,
} from "../support/security-walk";

/**
 * FORBIDDEN / NOT_FOUND: refused with that code (read from the refusal's audit row). REFUSED: an
 * in-scope write naming something outside the caller's scope is turned down, whichever way the
 * write words it (NOT_FOUND, or a field error such as "不在您的管辖范围内"). "may": not executed.
 */
type Outcome = "FORBIDDEN" | "NOT_FOUND" | "REFUSED" | "may" | { redirect: string };
type Form = Record<string, string | string[] | File>;

interface Targets {
  units: DemoUnits;
  /** Another village of 清江街道. */
  siblingVillage2: string;
  station: string;
  activity: string;
  summerPlan: string;
  volunteer: string;
  training: string;
  position: string;
  subsidy: string;
  zeroCrimeYear: number;
  /** District-level records (meetings, 请示, surveys and documents exist only there in the seed). */
  meeting: string;
  decision: string;
  request: string;
  survey: string;
  finding: string;
  document: string;
  /** station.coord's own station (in unit.admin's village), an activity of it, and station.coord's user id. */
  coordStation: string;
  coordActivity: string;
  coordUser: string;
  /** A volunteer of unit.admin's village (in scope for every admin of the demo district). */
  villageVolunteer: string;
  /** A training session of 城南街道 (town.admin's town). */
  townTraining: string;
  /** A person registered in 清江街道 (a volunteer's). */
  siblingPerson: string;
  /** A user of 清江街道's village and a token of theirs: what user admin and token revocation aim at. */
  victim: string;
  victimToken: string;
  /** A real (not demo) district made for the walk: platform forms aim there, never at the demo districts. */
  otherTenant: string;
}

interface ActionCase {
  form: (t: Targets) => Form;
  expect: Record<ActorCaller, Outcome>;
  /** Callers without a district Actor; by default every district action sends them to sign in. */
  shutOut?: Record<ShutOut, Outcome>;
  /** What a refused call must leave as it was (besides "no audit row but the refusal"). */
  probe?: (t: Targets) => Promise<unknown>;
}

const F = "FORBIDDEN" as const;
const N = "NOT_FOUND" as const;
const R = "REFUSED" as const;
const MAY = "may" as const;
const to = (redirect: string) => ({ redirect });
const who = byCaller<Outcome>;
/** A district action without a district Actor: off to sign in (lib/server/actions.ts runFormAction). */
const SIGN_IN: Record<ShutOut, Outcome> = {
  ANONYMOUS: to("/login?reason=session"),
  PLATFORM_ADMIN: to("/login?reason=session"),
  MUST_CHANGE: to("/login?reason=session"),
  MFA_PENDING: to("/login?reason=session"),
  MFA_ENROL: to("/login?reason=session"),
  ENDED: to("/login?reason=session"),
};
/** Where each caller's session belongs (lib/server/auth/session.ts sessionRedirect, lib/nav.ts homeFor). */
const HOME_DISTRICT = who(to("/"), to("/"), to("/"), to("/"), to("/dashboard"), to("/"));
const HOME: Record<ShutOut, Outcome> = {
  ANONYMOUS: to("/login?reason=session"),
  PLATFORM_ADMIN: to("/platform"),
  MUST_CHANGE: to("/change-password"),
  MFA_PENDING: to("/two-step"),
  MFA_ENROL: to("/two-step/setup"),
  ENDED: to("/login?reason=session"),
};
const SELF = who(MAY, MAY, MAY, MAY, MAY, MAY);
const tag = () => randomBytes(4).toString("hex");
const DAY = "2020-06-15";
/** A due day still ahead, within what zAnyDay accepts (this year + 2). */
const LATER = `${new Date().getFullYear() + 1}-06-30`;

const unitRow = (id: string) => db().orgUnit.findUniqueOrThrow({ where: { id } });
const named = (name: string) => db().person.count({ where: { name } });
const weights = () => Object.fromEntries(FIVE_GOOD_ITEMS.map((i) => [`weights.${i}`, "20"]));
const points = () => Object.fromEntries(FIVE_GOOD_ITEMS.map((i) => [`points.${i}`, "18"]));
const pdf = () => new File([new TextEncoder().encode("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")], "走查.pdf", { type: "application/pdf" });

/** Unique names for what a refused call would have created. */
const NAMES = {
  unit: `走查村${tag()}`,
  person: `走查人${tag()}`,
  station: `走查站${tag()}`,
  user: `walk-new-${tag()}`,
};

/**
 * "app/(app)/org/actions.ts#createUnitAction" → who may. Where a second case is given, it aims
 * at a record in scope that names something outside it (a move, a reference, a destination).
 */
const TABLE: Record<string, ActionCase | ActionCase[]> = {
  // ── activities ──
  "app/(app)/activities/actions.ts#createActivityAction": [
    {
      form: (t) => ({ stationId: t.station, date: DAY, kind: "REPORT", title: NAMES.station, youthParticipants: "12" }),
      expect: who(MAY, N, N, N, F, N),
      probe: () => db().activity.count({ where: { title: NAMES.station } }),
    },
    {
      // The coordinator's own station, led by a volunteer of 清江街道.
      form: (t) => ({ stationId: t.coordStation, date: DAY, kind: "REPORT", title: `${NAMES.station}引`, youthParticipants: "12", volunteerIds: [t.volunteer] }),
      expect: who(MAY, R, R, R, F, N),
      probe: () => db().activity.count({ where: { title: `${NAMES.station}引` } }),
    },
  ],
  "app/(app)/activities/actions.ts#updateActivityAction": [
    {
      form: (t) => ({ id: t.activity, stationId: t.station, date: DAY, kind: "REPORT", title: "走查改", youthParticipants: "3" }),
      expect: who(MAY, N, N, N, F, N),
      probe: (t) => db().activity.findUniqueOrThrow({ where: { id: t.activity } }),
    },
    {
      // An activity of the coordinator's station, moved to a station of 清江街道.
      form: (t) => ({ id: t.coordActivity, stationId: t.station, date: DAY, kind: "REPORT", title: "走查改", youthParticipants: "3" }),
      expect: who(MAY, R, R, R, F, N),
      probe: (t) => db().activity.findUniqueOrThrow({ where: { id: t.coordActivity } }),
    },
  ],

  // ── user administration ──
  "app/(app)/admin/users/actions.ts#createUserAction": {
    form: (t) => ({ username: NAMES.user, displayName: "走查", role: "UNIT_ADMIN", orgUnitId: t.units.villageOfSiblingTown.id, password: "Walk-Pass#2026x" }),
    expect: who(MAY, F, F, F, F, N),
    probe: () => db().user.count({ where: { username: NAMES.user } }),
  },
  "app/(app)/admin/users/actions.ts#updateUserAction": {
    form: (t) => ({ id: t.victim, displayName: "改名", role: "TOWN_ADMIN", orgUnitId: t.units.siblingTown.id }),
    expect: who(MAY, F, F, F, F, N),
    probe: (t) => db().user.findUniqueOrThrow({ where: { id: t.victim } }),
  },
  "app/(app)/admin/users/actions.ts#resetPasswordAction": {
    form: (t) => ({ id: t.victim, password: "Walk-Reset#2026x" }),
    expect: who(MAY, F, F, F, F, N),
    probe: (t) => db().user.findUniqueOrThrow({ where: { id: t.victim } }),
  },
  "app/(app)/admin/users/actions.ts#setDisabledAction": {
    form: (t) => ({ id: t.victim, disabled: "true" }),
    expect: who(MAY, F, F, F, F, N),
    probe: (t) => db().user.findUniqueOrThrow({ where: { id: t.victim } }),
  },
  "app/(app)/admin/users/actions.ts#revokeUserTokenAction": {
    form: (t) => ({ id: t.victimToken }),
    expect: who(MAY, F, F, F, F, N),
    probe: (t) => db().accessToken.findUniqueOrThrow({ where: { id: t.victimToken } }),
  },

  "app/(app)/admin/users/actions.ts#resetMfaAction": {
    form: (t) => ({ id: t.victim }),
    expect: who(MAY, F, F, F, F, N),
    probe: (t) => db().user.findUniqueOrThrow({ where: { id: t.victim } }),
  },

  // ── org ──
  "app/(app)/org/actions.ts#setCommitteeEstablishedAction": {
    form: (t) => ({ unitId: t.units.villageOfSiblingTown.id, establishedOn: "2010-01-01" }),
    expect: who(MAY, N, N, F, F, N),
    probe: (t) => unitRow(t.units.villageOfSiblingTown.id),
  },
  "app/(app)/org/actions.ts#createUnitAction": {
    form: (t) => ({ parentId: t.units.siblingTown.id, level: "VILLAGE", kind: "村", name: NAMES.unit, code: `${t.units.siblingTown.code}8${tag().slice(0, 2)}` }),
    expect: who(MAY, N, F, F, F, N),
    probe: () => db().orgUnit.count({ where: { name: NAMES.unit } }),
  },
  "app/(app)/org/actions.ts#updateUnitAction": [
    {
      form: (t) => ({ op: "edit", id: t.units.villageOfSiblingTown.id, name: `${NAMES.unit}改` }),
      expect: who(MAY, N, F, F, F, N),
      probe: (t) => unitRow(t.units.villageOfSiblingTown.id),
    },
    {
      // unit.admin's village moved under 清江街道.
      form: (t) => ({ op: "move", id: t.units.village.id, parentId: t.units.siblingTown.id }),
      expect: who(MAY, R, F, F, F, N),
      probe: (t) => unitRow(t.units.village.id),
    },
  ],
  "app/(app)/org/actions.ts#mergeUnitAction": [
    {
      form: (t) => ({ id: t.units.villageOfSiblingTown.id, intoId: t.siblingVillage2, on: "2020-01-01" }),
      expect: who(MAY, N, F, F, F, N),
      probe: (t) => unitRow(t.units.villageOfSiblingTown.id),
    },
    {
      // unit.admin's village merged into a village of 清江街道.
      form: (t) => ({ id: t.units.village.id, intoId: t.units.villageOfSiblingTown.id, on: "2020-01-01" }),
      expect: who(MAY, R, F, F, F, N),
      probe: (t) => unitRow(t.units.village.id),
    },
  ],

  // ── 政策文件, 调研, 零犯罪 ──
  "app/(app)/outcomes/documents/actions.ts#createDocumentAction": [
    {
      form: (t) => ({ orgUnitId: t.units.siblingTown.id, title: NAMES.unit, issuers: "区委办", issuedOn: DAY, topic: "走查", file: pdf() }),
      expect: who(MAY, N, F, F, F, N),
      probe: () => db().policyDocument.count({ where: { title: NAMES.unit } }),
    },
    {
      // Filed by town.admin's town, said to concern a village of 清江街道.
      form: (t) => ({ orgUnitId: t.units.town.id, title: `${NAMES.unit}引`, issuers: "区委办", issuedOn: DAY, topic: "走查", unitIds: [t.units.villageOfSiblingTown.id], file: pdf() }),
      expect: who(MAY, R, F, F, F, N),
      probe: () => db().policyDocument.count({ where: { title: `${NAMES.unit}引` } }),
    },
  ],
  "app/(app)/outcomes/documents/actions.ts#updateDocumentAction": {
    form: (t) => ({ id: t.document, title: "走查改", issuers: "区委办", issuedOn: DAY, topic: "走查" }),
    expect: who(MAY, N, F, F, F, N),
    probe: (t) => db().policyDocument.findUniqueOrThrow({ where: { id: t.document } }),
  },
  "app/(app)/outcomes/surveys/actions.ts#createSurveyAction": [
    {
      form: (t) => ({ orgUnitId: t.units.siblingTown.id, title: NAMES.unit, periodFrom: DAY, periodTo: DAY, unitIds: [t.units.villageOfSiblingTown.id] }),
      expect: who(MAY, N, F, F, F, N),
      probe: () => db().survey.count({ where: { title: NAMES.unit } }),
    },
    {
      // A survey of town.admin's town covering a village of 清江街道.
      form: (t) => ({ orgUnitId: t.units.town.id, title: `${NAMES.unit}引`, periodFrom: DAY, periodTo: DAY, unitIds: [t.units.villageOfSiblingTown.id] }),
      expect: who(MAY, R, F, F, F, N),
      probe: () => db().survey.count({ where: { title: `${NAMES.unit}引` } }),
    },
  ],
  "app/(app)/outcomes/surveys/actions.ts#addFindingAction": {
    form: (t) => ({ surveyId: t.survey, category: "OTHER", text: NAMES.unit }),
    expect: who(MAY, N, F, F, F, N),
    probe: () => db().surveyFinding.count({ where: { text: NAMES.unit } }),
  },
  "app/(app)/outcomes/surveys/actions.ts#updateFollowUpAction": {
    form: (t) => ({ findingId: t.finding, status: "IN_PROGRESS", owner: "走查" }),
    expect: who(MAY, N, F, F, F, N),
    probe: (t) => db().surveyFinding.findUniqueOrThrow({ where: { id: t.finding } }),
  },
  "app/(app)/outcomes/zero-crime/actions.ts#reportZeroCrimeAction": {
    form: (t) => ({ orgUnitId: t.units.villageOfSiblingTown.id, year: String(t.zeroCrimeYear), youthOffenders: "0", minorOffenders: "0", reason: "走查" }),
    expect: who(MAY, N, N, F, F, N),
    probe: (t) => db().zeroCrimeRecord.findMany({ where: { orgUnitId: t.units.villageOfSiblingTown.id }, orderBy: { year: "asc" } }),
  },
  "app/(app)/outcomes/zero-crime/actions.ts#confirmZeroCrimeAction": {
    form: (t) => ({ orgUnitId: t.units.villageOfSiblingTown.id, year: String(t.zeroCrimeYear) }),
    expect: who(MAY, F, F, F, F, N),
    probe: (t) => db().zeroCrimeRecord.findMany({ where: { orgUnitId: t.units.villageOfSiblingTown.id }, orderBy: { year: "asc" } }),
  },
  "app/(app)/outcomes/zero-crime/actions.ts#confirmZeroCrimeYearAction": {
    form: (t) => ({ year: String(t.zeroCrimeYear), orgUnitId: t.units.siblingTown.id }),
    expect: who(MAY, F, F, F, F, N),
    probe: (t) => db().zeroCrimeRecord.count({ where: { tenantId: t.units.district.tenantId, status: "CONFIRMED" } }),
  },

  // ── rosters ──
  "app/(app)/rosters/actions.ts#appointAction": [
    {
      form: (t) => ({ orgUnitId: t.units.villageOfSiblingTown.id, role: "MEMBER", "person.name": NAMES.person, startedOn: DAY }),
      expect: who(MAY, N, N, F, F, N),
      probe: () => named(NAMES.person),
    },
    {
      // Into unit.admin's village, a person registered in 清江街道.
      form: (t) => ({ orgUnitId: t.units.village.id, role: "MEMBER", personId: t.siblingPerson, startedOn: DAY }),
      expect: who(MAY, R, R, F, F, N),
      probe: (t) => db().rosterPosition.count({ where: { personId: t.siblingPerson } }),
    },
  ],
  "app/(app)/rosters/actions.ts#changePositionAction": {
    form: (t) => ({ id: t.position, concurrent: "on", exceptionReason: "走查" }),
    expect: who(MAY, N, N, F, F, N),
    probe: (t) => db().rosterPosition.findUniqueOrThrow({ where: { id: t.position } }),
  },
  "app/(app)/rosters/actions.ts#endPositionAction": {
    form: (t) => ({ id: t.position, endedOn: DAY }),
    expect: who(MAY, N, N, F, F, N),
    probe: (t) => db().rosterPosition.findUniqueOrThrow({ where: { id: t.position } }),
  },

  // ── 五好 assessment ──
  "app/(app)/rules/assessment/actions.ts#createRoundAction": {
    form: () => ({ year: "2099", passMark: "60", ...weights() }),
    expect: who(MAY, F, F, F, F, MAY),
    probe: (t) => db().assessmentRound.count({ where: { tenantId: t.units.district.tenantId } }),
  },
  "app/(app)/rules/assessment/actions.ts#updateRoundAction": {
    form: () => ({ year: "2019", passMark: "60", ...weights() }),
    expect: who(MAY, F, F, F, F, N),
    probe: (t) => db().assessmentRound.findMany({ where: { tenantId: t.units.district.tenantId }, include: { criteria: true }, orderBy: { year: "asc" } }),
  },
  "app/(app)/rules/assessment/actions.ts#publishRoundAction": {
    form: () => ({ year: "2019" }),
    expect: who(MAY, F, F, F, F, N),
    probe: (t) => db().assessmentRound.findMany({ where: { tenantId: t.units.district.tenantId }, orderBy: { year: "asc" } }),
  },
  "app/(app)/rules/assessment/actions.ts#confirmRoundAction": {
    form: () => ({ year: "2019" }),
    expect: who(MAY, F, F, F, F, N),
    probe: (t) => db().assessmentRound.findMany({ where: { tenantId: t.units.district.tenantId }, orderBy: { year: "asc" } }),
  },
  "app/(app)/rules/assessment/actions.ts#scoreAction": {
    // 2019 is confirmed: changing its scores is the district's alone (FORBIDDEN before any scope question).
    form: (t) => ({ year: "2019", orgUnitId: t.units.villageOfSiblingTown.id, ...points(), reason: "走查" }),
    expect: who(MAY, F, F, F, F, N),
    probe: (t) => db().assessmentResult.findMany({ where: { orgUnitId: t.units.villageOfSiblingTown.id }, orderBy: { id: "asc" } }),
  },
  "app/(app)/rules/assessment/actions.ts#advancedAction": {
    form: (t) => ({ year: "2019", orgUnitId: t.units.villageOfSiblingTown.id, advanced: "on" }),
    expect: who(MAY, F, F, F, F, N),
    probe: (t) => db().assessmentResult.findMany({ where: { orgUnitId: t.units.villageOfSiblingTown.id }, orderBy: { id: "asc" } }),
  },

  // ── meetings, 请示汇报, subsidies ──
  "app/(app)/rules/meetings/actions.ts#createMeetingAction": {
    form: (t) => ({ orgUnitId: t.units.siblingTown.id, kind: "GRASSROOTS_MONTHLY", heldOn: DAY, title: NAMES.unit }),
    expect: who(MAY, N, F, F, F, N),
    probe: () => db().meeting.count({ where: { title: NAMES.unit } }),
  },
  "app/(app)/rules/meetings/actions.ts#updateMeetingAction": {
    form: (t) => ({ id: t.meeting, kind: "DISTRICT_WEEKLY", heldOn: DAY, title: "走查改" }),
    expect: who(MAY, N, F, F, F, N),
    probe: (t) => db().meeting.findUniqueOrThrow({ where: { id: t.meeting } }),
  },
  "app/(app)/rules/meetings/actions.ts#addDecisionAction": {
    form: (t) => ({ meetingId: t.meeting, text: NAMES.unit, owner: "走查", dueOn: LATER }),
    expect: who(MAY, N, F, F, F, N),
    probe: () => db().meetingDecision.count({ where: { text: NAMES.unit } }),
  },
  "app/(app)/rules/meetings/actions.ts#markDecisionDoneAction": {
    form: (t) => ({ decisionId: t.decision, doneOn: DAY }),
    expect: who(MAY, N, F, F, F, N),
    probe: (t) => db().meetingDecision.findUniqueOrThrow({ where: { id: t.decision } }),
  },
  "app/(app)/rules/requests/actions.ts#createRequestAction": {
    form: () => ({ kind: "REQUEST", subject: NAMES.unit, submittedOn: DAY }),
    expect: who(MAY, F, F, F, F, MAY),
    probe: () => db().partyRequest.count({ where: { subject: NAMES.unit } }),
  },
  "app/(app)/rules/requests/actions.ts#answerRequestAction": {
    form: (t) => ({ id: t.request, answer: "走查", resolvedOn: DAY }),
    expect: who(MAY, F, F, F, F, N),
    probe: (t) => db().partyRequest.findUniqueOrThrow({ where: { id: t.request } }),
  },
  "app/(app)/rules/subsidies/actions.ts#createSubsidyAction": [
    {
      form: (t) => ({ orgUnitId: t.units.villageOfSiblingTown.id, kind: "TEACHER_ALLOWANCE", recipientName: NAMES.person, amount: "100", periodFrom: DAY, periodTo: DAY, dueOn: DAY }),
      expect: who(MAY, N, F, F, F, N),
      probe: () => db().subsidy.count({ where: { recipientName: NAMES.person } }),
    },
    {
      // For unit.admin's village, paid to a person registered in 清江街道.
      form: (t) => ({ orgUnitId: t.units.village.id, kind: "VOLUNTEER_REWARD", personId: t.siblingPerson, amount: "100", periodFrom: DAY, periodTo: DAY, dueOn: DAY }),
      expect: who(MAY, R, F, F, F, N),
      probe: (t) => db().subsidy.count({ where: { personId: t.siblingPerson } }),
    },
  ],
  "app/(app)/rules/subsidies/actions.ts#markPaidAction": {
    form: (t) => ({ id: t.subsidy, paidOn: DAY }),
    expect: who(MAY, N, F, F, F, N),
    probe: (t) => db().subsidy.findUniqueOrThrow({ where: { id: t.subsidy } }),
  },

  // ── personal settings: each user's own password, tokens and sessions ──
  "app/(app)/settings/actions.ts#changePasswordAction": { form: () => ({ currentPassword: "x", password: "Walk-Own#2026x", confirm: "Walk-Own#2026x" }), expect: SELF },
  "app/(app)/settings/actions.ts#createTokenAction": { form: () => ({ name: "走查", days: "1", tokenPassword: "x" }), expect: SELF },
  "app/(app)/settings/actions.ts#revokeTokenAction": {
    // Someone else's token: only its owner may revoke it here (admins use revokeUserTokenAction).
    form: (t) => ({ id: t.victimToken }),
    expect: who(N, N, N, N, N, N),
    probe: (t) => db().accessToken.findUniqueOrThrow({ where: { id: t.victimToken } }),
  },
  "app/(app)/settings/actions.ts#endOtherSessionsAction": { form: () => ({}), expect: SELF },
  "app/(app)/settings/actions.ts#endAllSessionsAction": { form: () => ({}), expect: SELF },
  "app/(app)/settings/actions.ts#confirmEnrolmentAction": { form: () => ({ code: "123456" }), expect: SELF },
  "app/(app)/settings/actions.ts#renewRecoveryCodesAction": { form: () => ({ renewPassword: "x", renewCode: "123456" }), expect: SELF },
  "app/(app)/settings/actions.ts#disableMfaAction": { form: () => ({ disablePassword: "x", disableCode: "123456" }), expect: SELF },

  // ── 校外辅导站 ──
  "app/(app)/stations/actions.ts#createStationAction": {
    form: (t) => ({ orgUnitId: t.units.villageOfSiblingTown.id, name: NAMES.station }),
    expect: who(MAY, N, N, F, F, N),
    probe: () => db().station.count({ where: { name: NAMES.station } }),
  },
  "app/(app)/stations/actions.ts#updateStationAction": {
    form: (t) => ({ id: t.station, name: `${NAMES.station}改` }),
    expect: who(MAY, N, N, F, F, N),
    probe: (t) => db().station.findUniqueOrThrow({ where: { id: t.station } }),
  },
  "app/(app)/stations/actions.ts#createPurchaseAction": {
    form: (t) => ({ stationId: t.station, item: "OTHER", itemName: NAMES.station, quantity: "2", cost: "100", purchasedOn: DAY }),
    expect: who(MAY, N, N, F, F, N),
    probe: () => db().purchase.count({ where: { itemName: NAMES.station } }),
  },
  "app/(app)/stations/actions.ts#createFundingAction": {
    form: (t) => ({ amount: "100", source: NAMES.station, receivedOn: DAY, stationId: t.station }),
    expect: who(MAY, N, N, F, F, N),
    probe: () => db().funding.count({ where: { source: NAMES.station } }),
  },
  "app/(app)/stations/actions.ts#createSummerPlanAction": {
    form: (t) => ({ orgUnitId: t.units.villageOfSiblingTown.id, year: "2020", startsOn: "2020-07-01", endsOn: "2020-08-01", plannedActivities: NAMES.station }),
    expect: who(MAY, N, N, F, F, N),
    probe: () => db().summerPlan.count({ where: { plannedActivities: NAMES.station } }),
  },
  "app/(app)/stations/actions.ts#advanceSummerPlanAction": {
    form: (t) => ({ id: t.summerPlan, status: "DONE", agreedOn: "2020-06-01" }),
    expect: who(MAY, N, N, F, F, N),
    probe: (t) => db().summerPlan.findUniqueOrThrow({ where: { id: t.summerPlan } }),
  },
  "app/(app)/stations/actions.ts#linkActivityAction": [
    {
      form: (t) => ({ activityId: t.activity, planId: t.summerPlan }),
      expect: who(MAY, N, N, F, F, N),
      probe: (t) => db().activity.findUniqueOrThrow({ where: { id: t.activity } }),
    },
    {
      // An activity of the coordinator's station, linked to a summer plan of 清江街道.
      form: (t) => ({ activityId: t.coordActivity, planId: t.summerPlan }),
      expect: who(MAY, R, R, F, F, N),
      probe: (t) => db().activity.findUniqueOrThrow({ where: { id: t.coordActivity } }),
    },
  ],
  "app/(app)/stations/actions.ts#assignCoordinatorAction": [
    {
      form: (t) => ({ stationId: t.station, userId: t.coordUser }),
      expect: who(MAY, N, N, F, F, N),
      probe: (t) => db().stationCoordinator.count({ where: { userId: t.coordUser } }),
    },
    {
      // The coordinator's own station, given an account that is no coordinator of its units.
      form: (t) => ({ stationId: t.coordStation, userId: t.victim }),
      expect: who(R, R, R, F, F, N),
      probe: (t) => db().stationCoordinator.count({ where: { userId: t.victim } }),
    },
  ],
  "app/(app)/stations/actions.ts#unassignCoordinatorAction": {
    // The coordinator's own station lies in unit.admin's village: in scope for every admin.
    form: (t) => ({ stationId: t.coordStation, userId: t.coordUser }),
    expect: who(MAY, MAY, MAY, F, F, N),
    probe: (t) => db().stationCoordinator.count({ where: { userId: t.coordUser } }),
  },

  // ── 五老 volunteers ──
  "app/(app)/volunteers/actions.ts#registerVolunteerAction": {
    form: (t) => ({ name: NAMES.person, category: "VETERAN_CADRE", orgUnitId: t.units.villageOfSiblingTown.id, joinedOn: DAY }),
    expect: who(MAY, N, N, F, F, N),
    probe: () => named(NAMES.person),
  },
  "app/(app)/volunteers/actions.ts#updateVolunteerAction": [
    {
      form: (t) => ({ id: t.volunteer, name: NAMES.person, category: "VETERAN_CADRE", orgUnitId: t.units.villageOfSiblingTown.id, joinedOn: DAY }),
      expect: who(MAY, N, N, F, F, N),
      probe: (t) => db().volunteer.findUniqueOrThrow({ where: { id: t.volunteer }, include: { person: true } }),
    },
    {
      // A volunteer of unit.admin's village, moved to a village of 清江街道.
      form: (t) => ({ id: t.villageVolunteer, name: NAMES.person, category: "VETERAN_CADRE", orgUnitId: t.units.villageOfSiblingTown.id, joinedOn: DAY }),
      expect: who(MAY, R, R, F, F, N),
      probe: (t) => db().volunteer.findUniqueOrThrow({ where: { id: t.villageVolunteer }, include: { person: true } }),
    },
  ],
  "app/(app)/volunteers/actions.ts#setVolunteerStatusAction": {
    form: (t) => ({ id: t.volunteer, status: "PAUSED" }),
    expect: who(MAY, N, N, F, F, N),
    probe: (t) => db().volunteer.findUniqueOrThrow({ where: { id: t.volunteer } }),
  },
  "app/(app)/volunteers/actions.ts#createTrainingSessionAction": {
    form: (t) => ({ title: NAMES.station, kind: "OTHER", heldOn: DAY, orgUnitId: t.units.villageOfSiblingTown.id }),
    expect: who(MAY, N, N, F, F, N),
    probe: () => db().trainingSession.count({ where: { title: NAMES.station } }),
  },
  "app/(app)/volunteers/actions.ts#recordAttendanceAction": [
    {
      form: (t) => ({ sessionId: t.training, volunteerIds: [t.volunteer] }),
      expect: who(MAY, N, N, F, F, N),
      probe: (t) => db().trainingAttendance.count({ where: { sessionId: t.training } }),
    },
    {
      // A training of 城南街道, attended by a volunteer of 清江街道.
      form: (t) => ({ sessionId: t.townTraining, volunteerIds: [t.volunteer] }),
      expect: who(MAY, R, R, F, F, N),
      probe: (t) => db().trainingAttendance.count({ where: { volunteerId: t.volunteer } }),
    },
  ],
  "app/(app)/volunteers/actions.ts#createRecognitionAction": [
    {
      form: (t) => ({ recipient: "PERSON", volunteerId: t.volunteer, title: NAMES.station, level: "DISTRICT", awardedOn: DAY, issuer: "区关工委" }),
      expect: who(MAY, N, N, F, F, N),
      probe: () => db().recognition.count({ where: { title: NAMES.station } }),
    },
    {
      // A unit award for a village of 清江街道.
      form: (t) => ({ recipient: "UNIT", recipientUnitId: t.units.villageOfSiblingTown.id, title: `${NAMES.station}引`, level: "DISTRICT", awardedOn: DAY, issuer: "区关工委" }),
      expect: who(MAY, R, R, F, F, N),
      probe: () => db().recognition.count({ where: { title: `${NAMES.station}引` } }),
    },
  ],
  "app/(app)/volunteers/actions.ts#createPublicityAction": {
    form: (t) => ({ volunteerId: t.volunteer, outlet: NAMES.station, publishedOn: DAY }),
    expect: who(MAY, N, N, F, F, N),
    probe: () => db().publicity.count({ where: { outlet: NAMES.station } }),
  },

  // ── steps before a session has an Actor: each only for the session at that step, everyone else is sent where they belong ──
  "app/(auth)/change-password/actions.ts#chooseOwnPasswordAction": {
    form: () => ({ password: "Walk-First#2026x", confirm: "Walk-First#2026x" }),
    expect: HOME_DISTRICT,
    shutOut: { ...HOME, MUST_CHANGE: MAY },
  },
  "app/(auth)/two-step/actions.ts#verifyCodeAction": {
    form: () => ({ code: "123456" }),
    expect: HOME_DISTRICT,
    shutOut: { ...HOME, MFA_PENDING: MAY },
  },
  "app/(auth)/two-step/actions.ts#confirmRequiredEnrolmentAction": {
    form: () => ({ code: "123456" }),
    expect: HOME_DISTRICT,
    shutOut: { ...HOME, MFA_ENROL: MAY },
  },

  // ── 系统管理: platform admins only; forms aim at the walk's own district, never at the demo ──
  ...Object.fromEntries(
    (
      [
        ["createTenantAction", () => ({ name: "走查新区", code: "999001", adminUsername: `walk-ta-${tag()}`, adminDisplayName: "走查" })],
        ["setTenantDisabledAction", (t: Targets) => ({ tenantId: t.otherTenant, disabled: "true" })],
        ["resetAdminPasswordAction", (t: Targets) => ({ userId: t.victim })],
        ["removeDemoAction", (t: Targets) => ({ tenantId: t.otherTenant })],
        ["resetAdminMfaAction", (t: Targets) => ({ userId: t.victim })],
      ] as const
    ).map(([name, form]) => [
      `app/(platform)/platform/actions.ts#${name}`,
      {
        form,
        expect: who(to("/"), to("/"), to("/"), to("/"), to("/"), to("/")),
        shutOut: { ...HOME, PLATFORM_ADMIN: MAY },
        probe: (t: Targets) =>
          Promise.all([db().tenant.findMany({ orderBy: { code: "asc" }, select: { id: true, disabledAt: true } }), db().user.findUniqueOrThrow({ where: { id: t.victim } })]),
      } satisfies ActionCase,
    ]),
  ),
};

// ── the actions on disk ──────────────────────────────────────────────────────────────

type Action = (prev: unknown, fd: FormData) => Promise<unknown>;
const FILES = serverActionFiles();
const ACTIONS: { key: string; fn: Action }[] = (
  await Promise.all(
    FILES.filter((f) => f.fileLevel).map(async (f) => {
      const mod = (await import(/* @vite-ignore */ absolute(f.file))) as Record<string, unknown>;
      return Object.entries(mod).map(([name, fn]) => ({ key: `${f.file}#${name}`, fn: fn as Action }));
    }),
  )
).flat();

function formData(form: Form): FormData {
  const fd = new FormData();
  for (const [k, v] of Object.entries(form)) {
    if (Array.isArray(v)) v.forEach((x) => fd.append(k, x));
    else fd.set(k, v);
  }
  return fd;
}

// ── callers ──────────────────────────────────────────────────────────────────────────

let walkers: Walkers;
let targets: Targets;
const cookies: Partial<Record<Caller, string>> = {};

beforeAll(async () => {
  walkers = await makeWalkers();
  const { units } = walkers;
  const sib = { orgUnit: { path: { has: units.siblingTown.id } } };
  const tenantId = units.district.tenantId;
  const station = await db().station.findFirstOrThrow({ where: sib, orderBy: { name: "asc" } });
  const [siblingVillage2, activity, summerPlan, volunteer, training, position, subsidy, zeroCrime, meeting, request, survey, document, coord] = await Promise.all([
    db().orgUnit.findFirstOrThrow({ where: { parentId: units.siblingTown.id, level: "VILLAGE", active: true, NOT: { id: units.villageOfSiblingTown.id } }, orderBy: { code: "asc" } }),
    db().activity.findFirstOrThrow({ where: { stationId: station.id }, orderBy: { date: "desc" } }),
    db().summerPlan.findFirstOrThrow({ where: { ...sib, status: { not: "DONE" } }, orderBy: { year: "desc" } }),
    db().volunteer.findFirstOrThrow({ where: sib, orderBy: { joinedOn: "asc" } }),
    db().trainingSession.findFirstOrThrow({ where: sib, orderBy: { heldOn: "asc" } }),
    db().rosterPosition.findFirstOrThrow({ where: { orgUnitId: units.villageOfSiblingTown.id, endedOn: null }, orderBy: { startedOn: "asc" } }),
    db().subsidy.findFirstOrThrow({ where: { ...sib, paidOn: null }, orderBy: { dueOn: "asc" } }),
    db().zeroCrimeRecord.findFirstOrThrow({ where: { orgUnitId: units.villageOfSiblingTown.id }, orderBy: { year: "desc" } }),
    db().meeting.findFirstOrThrow({ where: { orgUnitId: units.district.id }, orderBy: { heldOn: "desc" } }),
    db().partyRequest.findFirstOrThrow({ where: { tenantId }, orderBy: { submittedOn: "asc" } }),
    db().survey.findFirstOrThrow({ where: { tenantId }, include: { findings: { orderBy: { id: "asc" }, take: 1 } } }),
    db().policyDocument.findFirstOrThrow({ where: { orgUnitId: units.district.id }, orderBy: { issuedOn: "asc" } }),
    db().stationCoordinator.findFirstOrThrow({ where: { user: { username: "station.coord" } } }),
  ]);
  const [coordActivity, villageVolunteer, townTraining] = await Promise.all([
    db().activity.findFirstOrThrow({ where: { stationId: coord.stationId }, orderBy: { date: "desc" } }),
    db().volunteer.findFirstOrThrow({ where: { orgUnitId: units.village.id }, orderBy: { joinedOn: "asc" } }),
    db().trainingSession.findFirstOrThrow({ where: { orgUnit: { path: { has: units.town.id } } }, orderBy: { heldOn: "asc" } }),
  ]);
  const decision = await db().meetingDecision.findFirstOrThrow({ where: { tenantId, doneOn: null }, orderBy: { dueOn: "asc" } });
  expect(survey.findings).toHaveLength(1);
  const victim = await newUser({ role: "UNIT_ADMIN", orgUnitId: units.villageOfSiblingTown.id, prefix: "walk-victim" });
  const otherTenant = await db().user.findUniqueOrThrow({ where: { username: walkers.usernames.MFA_ENROL }, select: { tenantId: true } });
  targets = {
    units,
    siblingVillage2: siblingVillage2.id,
    station: station.id,
    activity: activity.id,
    summerPlan: summerPlan.id,
    volunteer: volunteer.id,
    training: training.id,
    position: position.id,
    subsidy: subsidy.id,
    zeroCrimeYear: zeroCrime.year,
    meeting: meeting.id,
    decision: decision.id,
    request: request.id,
    survey: survey.id,
    finding: survey.findings[0].id,
    document: document.id,
    coordStation: coord.stationId,
    coordActivity: coordActivity.id,
    coordUser: coord.userId,
    villageVolunteer: villageVolunteer.id,
    townTraining: townTraining.id,
    siblingPerson: volunteer.personId,
    victim: victim.id,
    victimToken: (await tokenFor(victim.username)).id,
    otherTenant: otherTenant.tenantId!,
  };
  for (const [caller, username] of Object.entries(walkers.usernames)) {
    cookies[caller as Caller] = await sessionCookieFor(username, { codeStep: caller !== "MFA_PENDING" });
  }
  await disableEndedWalker(walkers);
});

function sameOutcome(end: ActionEnd, want: Outcome, codes: string[]): string | null {
  if (typeof want === "object") {
    if (end.kind === "redirect" && end.to === want.redirect) return null;
    return `expected a redirect to ${want.redirect}, got ${JSON.stringify(end).slice(0, 200)}`;
  }
  if (end.kind !== "state" || end.state.ok !== false) return `expected ${want}, got ${JSON.stringify(end).slice(0, 200)}`;
  if (want === R) return null;
  if (codes.length !== 1 || codes[0] !== want) return `expected ${want}, got "${end.state.message}" (refusals audited: ${JSON.stringify(codes)})`;
  return null;
}

describe("the action table covers every server action on disk", () => {
  it("every district role has a walker", () => {
    expect(unwalkedRoles()).toEqual([]);
  });

  it("server actions live only in files whose first statement is \"use server\" (inline ones would need their own entries)", () => {
    expect(FILES.filter((f) => !f.fileLevel).map((f) => f.file)).toEqual([]);
  });

  it("every exported action has an entry, and no entry names an action that is gone", () => {
    expect(ACTIONS.length).toBeGreaterThan(40);
    expect(tableGaps(ACTIONS.map((a) => a.key), Object.keys(TABLE))).toEqual({ missing: [], stale: [] });
  });
});

for (const { key, fn } of ACTIONS.filter((a) => a.key in TABLE)) {
  const cases = [TABLE[key]].flat();
  describe(key, () => {
    cases.forEach((c, i) => {
      it(i === 0 ? "aimed at 清江街道: each caller is refused or sent away as the table says, and nothing is written" : "aimed within scope, naming something outside it: refused, and nothing is written", async () => {
        const problems: string[] = [];
        const before = c.probe ? jsonText(await c.probe(targets)) : undefined;
        const shutOut = c.shutOut ?? SIGN_IN;
        const plan: [Caller, Outcome][] = [...(Object.entries(shutOut) as [Caller, Outcome][]), ...(Object.entries(c.expect) as [Caller, Outcome][])];
        for (const [caller, want] of plan) {
          if (want === MAY) continue;
          const mark = await auditMark();
          const end = await callAction(cookies[caller], fn, formData(c.form(targets)));
          const username = caller === "ANONYMOUS" ? undefined : walkers.usernames[caller];
          const codes = username ? await refusalsSince(mark, username) : [];
          const wrong = sameOutcome(end, want, codes);
          if (wrong) problems.push(`${caller}: ${wrong}`);
          const written = await writesSince(mark);
          if (written.length) problems.push(`${caller}: refused, yet wrote ${JSON.stringify(written)}`);
        }
        if (c.probe && jsonText(await c.probe(targets)) !== before) problems.push("the target changed although every call was refused");
        expect(problems).toEqual([]);
      });
    });
  });
}
