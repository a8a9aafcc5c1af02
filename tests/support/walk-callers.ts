/**
 * Who walks the app in the security walk (tests/integration/security-walk-*.test.ts and
 * tests/e2e/security-walk-pages.spec.ts): one seeded user per district role of the demo district
 * (清江浦区), the seeded admin of the other demo district (淮阴区), and callers without a district
 * Actor. Plain data: Playwright and vitest both load it.
 */
import { Role } from "@/lib/generated/prisma/enums";

/** The roles a district user can have (every Role but the platform's). */
export type DistrictRole = Exclude<Role, "PLATFORM_ADMIN">;

/** The seeded demo-district user of each district role. A new Role fails typecheck here until it is walked. */
export const DEMO_USER_OF_ROLE: Record<DistrictRole, string> = {
  DISTRICT_ADMIN: "district.admin",
  TOWN_ADMIN: "town.admin",
  UNIT_ADMIN: "unit.admin",
  STATION_COORDINATOR: "station.coord",
  LEADER: "leader",
};
export const DISTRICT_ROLES = Object.keys(DEMO_USER_OF_ROLE) as DistrictRole[];

/** The admin of the other demo district (淮阴区), asking for the demo district's things. */
export const OTHER_DISTRICT_ADMIN = "huaiyin.admin";

/** Callers that hold a district Actor: the ones a walk's table says something about. */
export type ActorCaller = DistrictRole | "OTHER_DISTRICT";
export const ACTOR_CALLERS: ActorCaller[] = [...DISTRICT_ROLES, "OTHER_DISTRICT"];

/**
 * Callers without a district Actor: nobody, a platform admin, a user who must first change the
 * password, a session that has not passed the 两步验证 code step, an admin of a real (not demo)
 * district or a platform admin who has not yet set up the 两步验证 the role requires, and a user
 * disabled after signing in (ENDED: their cookie and token still look valid).
 */
export type ShutOut = "ANONYMOUS" | "PLATFORM_ADMIN" | "MUST_CHANGE" | "MFA_PENDING" | "MFA_ENROL" | "ENDED";
export const SHUT_OUT: ShutOut[] = ["ANONYMOUS", "PLATFORM_ADMIN", "MUST_CHANGE", "MFA_PENDING", "MFA_ENROL", "ENDED"];
export type Caller = ActorCaller | ShutOut;
export const isShutOut = (c: Caller): c is ShutOut => (SHUT_OUT as Caller[]).includes(c);

/** Roles of the schema's enum that the walk has no user for (must be none). */
export const unwalkedRoles = () => Object.values(Role).filter((r) => r !== "PLATFORM_ADMIN" && !(r in DEMO_USER_OF_ROLE));

/** A table row: what each district caller gets, in the order of DEMO_USER_OF_ROLE, then the other district's admin. */
export const byCaller = <T,>(DA: T, TA: T, UA: T, SC: T, LE: T, OTHER: T): Record<ActorCaller, T> => ({
  DISTRICT_ADMIN: DA,
  TOWN_ADMIN: TA,
  UNIT_ADMIN: UA,
  STATION_COORDINATOR: SC,
  LEADER: LE,
  OTHER_DISTRICT: OTHER,
});
