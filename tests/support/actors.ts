import { db } from "@/lib/server/db";
import { ACTOR_USER_SELECT, actorFromUser, type Actor } from "@/lib/server/actor";

/** The Actor of a seeded user, as the server would resolve it for a signed-in request. */
export async function actorFor(username: string): Promise<Actor> {
  const user = await db().user.findUniqueOrThrow({ where: { username }, select: ACTOR_USER_SELECT });
  return actorFromUser(user, "session", { ip: "127.0.0.1", userAgent: "vitest" });
}

export async function unitByName(name: string, tenantCode = "320812") {
  return db().orgUnit.findFirstOrThrow({ where: { name, tenant: { code: tenantCode } } });
}
