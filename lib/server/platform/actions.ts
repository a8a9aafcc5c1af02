import "server-only";
/**
 * Server actions of 系统管理: the signed-in platform admin, then a platform write
 * (validate → role → transaction → audit). Errors come back as form state, like
 * runFormAction (lib/server/actions.ts) does for district writes.
 */
import { redirect } from "next/navigation";
import type { z } from "zod";
import { db } from "../db";
import { AppError } from "../errors";
import { formFields, type FormState } from "../actions";
import { currentSession, sessionRedirect } from "../auth/session";
import { currentPlatformAdmin } from "./platform-actor";
import type { PlatformWrite } from "./platform-write";

/** A form's state; `secret` carries a one-time password to show once, never stored. */
export interface PlatformFormState extends FormState {
  secret?: { username: string; password: string };
}

export async function runPlatformAction<S extends z.ZodType, R>(
  write: PlatformWrite<S, R>,
  fd: FormData,
  after: (result: R) => PlatformFormState | Promise<PlatformFormState>,
): Promise<PlatformFormState> {
  const admin = await currentPlatformAdmin();
  if (!admin) {
    const s = await currentSession();
    redirect(s.kind === "actor" ? "/" : sessionRedirect(s));
  }
  const fields = formFields(fd);
  let result: R;
  try {
    result = await write(db(), admin, fields);
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    const fieldErrors = Object.fromEntries(e.issues.map((i) => [i.path, i.message]));
    return { ok: false, message: e.message, fieldErrors, values: fields, at: Date.now() };
  }
  return after(result);
}
