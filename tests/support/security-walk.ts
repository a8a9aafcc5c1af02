/**
 * The callers of the integration security walk (security-walk-api / -actions; who they are:
 * walk-callers.ts) made in the test database, and what "nothing changed" and "no data outside
 * scope" mean there.
 */
import { db } from "@/lib/server/db";
import { ensurePlatformAdmin } from "@/lib/server/platform/tenants";
import { cliActor } from "@/lib/server/platform/platform-write";
import { enrol } from "./mfa";
import { ownDistrict } from "./own-district";
import { DEMO_USER_OF_ROLE, OTHER_DISTRICT_ADMIN, type ActorCaller, type Caller } from "./walk-callers";
import { demoUnits, newUser, uniqueName, type DemoUnits } from "./fixtures";

export * from "./walk-callers";

export interface Walkers {
  units: DemoUnits;
  /** Username per caller (none for ANONYMOUS). */
  usernames: Record<Exclude<Caller, "ANONYMOUS">, string>;
  /** Unit ids of districts other than the demo district: a demo caller's answer must name none. */
  foreignUnitIds: string[];
  /** Unit ids of the demo district: the other district's admin must never see one. */
  demoUnitIds: string[];
  /** Unit ids of 清江街道's subtree (the town beside town.admin's): outside the scope of every demo user below the district. */
  siblingTownUnitIds: string[];
}

/** Makes the callers that are not in the seed, and gathers the ids the leak checks look for. */
export async function makeWalkers(): Promise<Walkers> {
  const units = await demoUnits();

  const ops = uniqueName("walk-ops");
  await ensurePlatformAdmin(db(), cliActor(), { username: ops, displayName: "走查运维" });
  const { id: opsId } = await db().user.findUniqueOrThrow({ where: { username: ops }, select: { id: true } });
  // As after the first sign-in: own password chosen, 两步验证 set up (required of platform admins).
  await db().user.update({ where: { id: opsId }, data: { mustChangePassword: false } });
  await enrol(opsId);

  const mustChange = await newUser({ role: "DISTRICT_ADMIN", prefix: "walk-must" });
  await db().user.update({ where: { id: mustChange.id }, data: { mustChangePassword: true } });
  const mfaPending = await newUser({ role: "DISTRICT_ADMIN", prefix: "walk-mfa" });
  await enrol(mfaPending.id); // its sessions then wait for the code step (request-context.ts sessionCookieFor)
  const real = await ownDistrict("走查区");
  const mfaEnrol = await real.user("DISTRICT_ADMIN", real.district.id);
  // Not (or no longer) set up: a district admin of a real district must enrol before anything else.
  await db().user.update({ where: { username: mfaEnrol }, data: { mfaEnabledAt: null, mfaSecret: null } });
  // Disabled by disableEndedWalker() once their cookie and token exist.
  const ended = await newUser({ role: "DISTRICT_ADMIN", prefix: "walk-ended" });

  const demoTenantId = units.district.tenantId;
  const [demo, foreign, sibling] = await Promise.all([
    db().orgUnit.findMany({ where: { tenantId: demoTenantId }, select: { id: true } }),
    db().orgUnit.findMany({ where: { NOT: { tenantId: demoTenantId } }, select: { id: true } }),
    db().orgUnit.findMany({ where: { path: { has: units.siblingTown.id } }, select: { id: true } }),
  ]);
  return {
    units,
    usernames: { ...DEMO_USER_OF_ROLE, OTHER_DISTRICT: OTHER_DISTRICT_ADMIN, PLATFORM_ADMIN: ops, MUST_CHANGE: mustChange.username, MFA_PENDING: mfaPending.username, MFA_ENROL: mfaEnrol, ENDED: ended.username },
    demoUnitIds: demo.map((u) => u.id),
    foreignUnitIds: foreign.map((u) => u.id),
    siblingTownUnitIds: sibling.map((u) => u.id),
  };
}

/** Disables the ENDED walker (as 停用 does, without ending its sessions: the next request must refuse them anyway). */
export async function disableEndedWalker(w: Walkers): Promise<void> {
  await db().user.update({ where: { username: w.usernames.ENDED }, data: { disabledAt: new Date() } });
}

/** The newest audit row's id: what a step writes comes after it. */
export async function auditMark(): Promise<bigint> {
  return (await db().auditLog.aggregate({ _max: { id: true } }))._max.id ?? BigInt(0);
}

/**
 * Audit rows written since the mark, refusals aside. Every write goes through defineWrite or
 * definePlatformWrite and leaves an audit row in its own transaction, so none here means
 * nothing was written.
 */
export function writesSince(mark: bigint) {
  return db().auditLog.findMany({ where: { id: { gt: mark }, NOT: { action: "authz.denied" } }, select: { action: true, actorName: true } });
}

/** The refusal codes ("FORBIDDEN" / "NOT_FOUND") recorded for a user since the mark. */
export async function refusalsSince(mark: bigint, username: string): Promise<string[]> {
  const rows = await db().auditLog.findMany({
    where: { id: { gt: mark }, action: "authz.denied", actorName: username },
    orderBy: { id: "asc" },
    select: { after: true },
  });
  return rows.map((r) => String((r.after as { code?: unknown } | null)?.code));
}

/** The ids of `ids` that occur in `text` (a response body or a form state). */
export const idsIn = (text: string, ids: string[]) => ids.filter((id) => text.includes(id));

/** Unit ids an answer to this caller must not name: another district's, and for users below the district, 清江街道's. */
export function unitIdsHiddenFrom(caller: ActorCaller, w: Walkers): string[] {
  if (caller === "OTHER_DISTRICT") return w.demoUnitIds;
  if (caller === "DISTRICT_ADMIN" || caller === "LEADER") return w.foreignUnitIds;
  return [...w.foreignUnitIds, ...w.siblingTownUnitIds];
}
