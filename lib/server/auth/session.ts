import "server-only";
import { cache } from "react";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { decode } from "next-auth/jwt";
import { db } from "../db";
import { ACTOR_USER_SELECT, actorFromUser, type Actor, type RequestMeta } from "../actor";
import { authSecret } from "./secret";
import { SESSION_COOKIE } from "./cookie";
import { nowSeconds, sessionState, type SessionClaims } from "./session-policy";
import { metaFromHeaders } from "./request-meta";

/** Decodes the session cookie; null when absent or not ours. */
export async function decodeSessionCookie(value: string | undefined): Promise<SessionClaims | null> {
  if (!value) return null;
  try {
    return (await decode({ token: value, secret: authSecret() })) as SessionClaims | null;
  } catch {
    return null;
  }
}

/** The actor of a session, re-checked against the user row: null if it has ended. */
export async function actorFromSession(claims: SessionClaims | null, meta: RequestMeta): Promise<Actor | null> {
  if (sessionState(claims, nowSeconds()) !== "active") return null;
  const user = await db().user.findUnique({ where: { id: claims!.sub! }, select: ACTOR_USER_SELECT });
  if (!user || user.disabledAt || user.sessionVersion !== claims!.sv || !user.orgUnit?.active) return null;
  return actorFromUser(user, "session", meta);
}

/** The signed-in actor for this request (pages, server actions), or null. */
export const currentActor = cache(async (): Promise<Actor | null> => {
  const jar = await cookies();
  const claims = await decodeSessionCookie(jar.get(SESSION_COOKIE)?.value);
  return actorFromSession(claims, metaFromHeaders(await headers()));
});

/** For signed-in pages: the actor, or off to the sign-in page. */
export async function requireActor(): Promise<Actor> {
  const actor = await currentActor();
  if (!actor) redirect("/login?reason=session");
  return actor;
}
