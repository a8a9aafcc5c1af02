import "server-only";
import { notFound, redirect } from "next/navigation";
import { currentSession, sessionRedirect } from "../auth/session";
import type { PlatformActor } from "./platform-write";

/** The signed-in platform admin of this request, or null (anyone else, or no session). */
export async function currentPlatformAdmin(): Promise<PlatformActor | null> {
  const s = await currentSession();
  if (s.kind !== "platform") return null;
  const { userId, username, displayName, ip, userAgent } = s.user;
  return { userId, username, displayName, role: "PLATFORM_ADMIN", via: "session", ip, userAgent };
}

/**
 * For /platform pages: the platform admin, or off to where this session belongs. A
 * district user gets "not found": 系统管理 does not exist for them.
 */
export async function requirePlatformAdmin(): Promise<PlatformActor> {
  const s = await currentSession();
  if (s.kind === "actor") notFound();
  if (s.kind !== "platform") redirect(sessionRedirect(s));
  const { userId, username, displayName, ip, userAgent } = s.user;
  return { userId, username, displayName, role: "PLATFORM_ADMIN", via: "session", ip, userAgent };
}
