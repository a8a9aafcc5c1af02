/**
 * Typed permissions shared by server and UI: a hidden button and a refused action
 * come from this one table. Scope (which rows) is lib/server/scope.ts; this is
 * only "may this role do this kind of thing at all".
 */
import type { Role } from "@/lib/generated/prisma/enums";
import { AppError } from "./errors";

export const PERMISSIONS = [
  "org.read",
  "org.write",
  /** Changing the tree itself: add, rename, re-code, move, close (撤销), reopen, merge (撤并) units. */
  "org.manage",
  "user.manage",
  "audit.read",
  "dashboard.read",
  "token.own",
  /** Rosters, persons, volunteers, training, recognition, publicity (DOMAIN §4.1–4.2). */
  "people.read",
  "people.write",
  /** Stations, funding, purchases, summer plans (DOMAIN §4.3–4.4). */
  "station.read",
  "station.write",
  /** Logging activities: coordinators edit their own for 30 days, admins any in scope. */
  "activity.write",
  /** 制度落实: meetings, 五好 results, 请示汇报, subsidies (DOMAIN §4.3). */
  "rules.read",
  /** Recording meetings and their decisions. */
  "meeting.write",
  /** Entering and reviewing 五好 scores for committees in scope. */
  "assessment.score",
  /** Publishing criteria, confirming a year, naming 先进单位, amending confirmed scores. */
  "assessment.manage",
  /** 请示汇报 to the district party committee: the district office's own channel. */
  "request.write",
  /** Recording subsidies owed and their payment. */
  "subsidy.write",
  /** 成效与调研: zero-crime records, surveys, policy documents (DOMAIN §4.5). */
  "outcome.read",
  /** Reporting a unit's 零犯罪 counts for a year. */
  "zerocrime.report",
  /** Confirming reported years (then locked), and changing a confirmed one with a reason. */
  "zerocrime.confirm",
  /** Surveys, their findings and follow-up; policy documents and their files. */
  "research.write",
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const READ: Permission[] = ["org.read", "dashboard.read", "token.own", "people.read", "station.read", "rules.read", "outcome.read"];
const ADMIN_WRITE: Permission[] = ["org.write", "people.write", "station.write", "activity.write", "zerocrime.report"];
/** What a town office does for its villages beyond its own unit's records. */
const SUPERVISE: Permission[] = ["meeting.write", "assessment.score", "subsidy.write", "research.write"];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  DISTRICT_ADMIN: [...READ, ...ADMIN_WRITE, ...SUPERVISE, "org.manage", "assessment.manage", "request.write", "zerocrime.confirm", "user.manage", "audit.read"],
  TOWN_ADMIN: [...READ, ...ADMIN_WRITE, ...SUPERVISE, "org.manage"],
  UNIT_ADMIN: [...READ, ...ADMIN_WRITE],
  STATION_COORDINATOR: ["org.read", "token.own", "people.read", "station.read", "activity.write"],
  LEADER: READ,
  /** Runs the deployment (lib/server/platform/): no district permission at all. */
  PLATFORM_ADMIN: [],
};

export function can(actor: { role: Role }, permission: Permission): boolean {
  return ROLE_PERMISSIONS[actor.role].includes(permission);
}

export const ROLE_LABELS: Record<Role, string> = {
  DISTRICT_ADMIN: "区关工委管理员",
  TOWN_ADMIN: "镇（街道）关工委管理员",
  UNIT_ADMIN: "村（社区）/学校关工委管理员",
  STATION_COORDINATOR: "校外辅导站辅导员",
  LEADER: "区委领导（只读）",
  PLATFORM_ADMIN: "系统管理员（平台）",
};

/** Which roles each level of unit may carry: a town admin sits on a town, and so on. */
export const ROLE_UNIT_LEVELS: Record<Role, readonly string[]> = {
  DISTRICT_ADMIN: ["DISTRICT"],
  TOWN_ADMIN: ["TOWN"],
  UNIT_ADMIN: ["VILLAGE", "SCHOOL"],
  STATION_COORDINATOR: ["TOWN", "VILLAGE"],
  LEADER: ["DISTRICT", "TOWN"],
  PLATFORM_ADMIN: [],
};

/** For reads and writes that a role may not do at all: FORBIDDEN (scope is separate). */
export function assertCan(actor: { role: Role }, permission: Permission): void {
  if (!can(actor, permission)) throw new AppError("FORBIDDEN");
}
