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
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const READ: Permission[] = ["org.read", "dashboard.read", "token.own", "people.read"];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  DISTRICT_ADMIN: [...READ, "org.write", "user.manage", "audit.read", "people.write"],
  TOWN_ADMIN: [...READ, "org.write", "people.write"],
  UNIT_ADMIN: [...READ, "org.write", "people.write"],
  STATION_COORDINATOR: ["org.read", "token.own", "people.read"],
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
