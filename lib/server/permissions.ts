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
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const READ: Permission[] = ["org.read", "dashboard.read", "token.own", "people.read", "station.read"];
const ADMIN_WRITE: Permission[] = ["org.write", "people.write", "station.write", "activity.write"];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  DISTRICT_ADMIN: [...READ, ...ADMIN_WRITE, "user.manage", "audit.read"],
  TOWN_ADMIN: [...READ, ...ADMIN_WRITE],
  UNIT_ADMIN: [...READ, ...ADMIN_WRITE],
  STATION_COORDINATOR: ["org.read", "token.own", "people.read", "station.read", "activity.write"],
  LEADER: READ,
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
};

/** Which roles each level of unit may carry: a town admin sits on a town, and so on. */
export const ROLE_UNIT_LEVELS: Record<Role, readonly string[]> = {
  DISTRICT_ADMIN: ["DISTRICT"],
  TOWN_ADMIN: ["TOWN"],
  UNIT_ADMIN: ["VILLAGE", "SCHOOL"],
  STATION_COORDINATOR: ["TOWN", "VILLAGE"],
  LEADER: ["DISTRICT", "TOWN"],
};

/** For reads and writes that a role may not do at all: FORBIDDEN (scope is separate). */
export function assertCan(actor: { role: Role }, permission: Permission): void {
  if (!can(actor, permission)) throw new AppError("FORBIDDEN");
}
