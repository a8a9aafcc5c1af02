import "server-only";
/**
 * Server-action plumbing of the 两步验证 pages (the code step, the required set-up, 个人设置):
 * who is acting, and errors back as form state beside their fields.
 */
import type { FormState } from "../actions";
import { AppError } from "../errors";
import type { Actor } from "../actor";
import type { SessionUser } from "./session";
import type { MfaSelf } from "./mfa-self";

/** A form's state; `recoveryCodes` are shown once, right after they were made. */
export interface MfaFormState extends FormState {
  recoveryCodes?: string[];
}

/** A signed-in district user in 个人设置: the actor with this browser's session. */
export function selfOfActor(actor: Actor, sessionId: string): MfaSelf {
  return { userId: actor.userId, sessionId, username: actor.username, ip: actor.ip, userAgent: actor.userAgent };
}

export function selfOfSessionUser(u: SessionUser): MfaSelf {
  return { userId: u.userId, sessionId: u.sessionId, username: u.username, ip: u.ip, userAgent: u.userAgent };
}

/** Runs one step; an AppError comes back as the form's message and field errors. */
export async function mfaStep<R>(run: () => Promise<R>, done: (r: R) => MfaFormState | Promise<MfaFormState>): Promise<MfaFormState> {
  let result: R;
  try {
    result = await run();
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    return { ok: false, message: e.message, fieldErrors: Object.fromEntries(e.issues.map((i) => [i.path, i.message])), at: Date.now() };
  }
  return done(result);
}
