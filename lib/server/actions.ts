import "server-only";
/**
 * Server actions for forms: the signed-in actor from the session, then a write from
 * write.ts (validate → permission → scoped write → audit). Errors come back as form
 * state so each message shows beside its field, and what was typed stays in the form.
 */
import { redirect } from "next/navigation";
import type { z } from "zod";
import { currentActor } from "./auth/session";
import { AppError } from "./errors";
import type { Write } from "./write";

export interface FormState {
  ok: boolean;
  message?: string;
  fieldErrors?: Record<string, string>;
  /** What the user typed (never passwords), to refill the form after an error. */
  values?: Record<string, string>;
  /** Bumped on every submit, so a client can tell one result from the next. */
  at?: number;
}

/** The form's text fields (Next's own `$ACTION…` fields left out). */
export function formFields(fd: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of fd.entries()) if (typeof v === "string" && !k.startsWith("$")) out[k] = v;
  return out;
}

/** What goes back to refill the form: everything but passwords. */
const echoable = (fields: Record<string, string>) =>
  Object.fromEntries(Object.entries(fields).filter(([k]) => !/password|confirm/i.test(k)));

/**
 * Turns a write into a `useActionState` action. `toInput` maps the form to the write's
 * input (default: the form's text fields); `after` runs on success (revalidate, redirect).
 */
export async function runFormAction<S extends z.ZodType, R>(
  write: Write<S, R>,
  fd: FormData,
  opts: {
    toInput?: (fd: FormData) => unknown;
    after?: (result: R) => FormState | void | Promise<FormState | void>;
    successMessage?: string;
  } = {},
): Promise<FormState> {
  const actor = await currentActor();
  if (!actor) redirect("/login?reason=session");
  const fields = formFields(fd);
  const values = echoable(fields);
  let result: R;
  try {
    result = await write(actor, opts.toInput ? opts.toInput(fd) : fields);
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    const fieldErrors = Object.fromEntries(e.issues.map((i) => [i.path, i.message]));
    return { ok: false, message: e.message, fieldErrors, values, at: Date.now() };
  }
  const after = await opts.after?.(result);
  return after ?? { ok: true, message: opts.successMessage ?? "已保存", at: Date.now() };
}
