"use server";
// Server actions of the roster (班子): each runs one write of lib/server/people/write-roster.ts.
import { revalidatePath } from "next/cache";
import { formFields, runFormAction, type FormState } from "@/lib/server/actions";
import { appointPosition, changePosition, endPosition } from "@/lib/server/people/write-roster";

const PERSON_PREFIX = "person.";

/** The appointment form: `person.*` fields become the new person, unless an existing one is picked. */
function appointInput(fd: FormData) {
  const f = formFields(fd);
  const own = Object.fromEntries(Object.entries(f).filter(([k]) => !k.startsWith(PERSON_PREFIX)));
  if (f.personId) return own;
  const person = Object.fromEntries(
    Object.entries(f)
      .filter(([k]) => k.startsWith(PERSON_PREFIX))
      .map(([k, v]) => [k.slice(PERSON_PREFIX.length), v]),
  );
  return { ...own, person };
}

function refresh(orgUnitId: string) {
  revalidatePath(`/org/${orgUnitId}`);
  revalidatePath("/rosters");
}

export async function appointAction(_prev: FormState, fd: FormData): Promise<FormState> {
  return runFormAction(appointPosition, fd, {
    toInput: appointInput,
    after: (p) => {
      refresh(p.orgUnitId);
      return { ok: true, message: `已任命${p.person.name}。`, at: Date.now() };
    },
  });
}

export async function changePositionAction(_prev: FormState, fd: FormData): Promise<FormState> {
  return runFormAction(changePosition, fd, { after: (p) => refresh(p.orgUnitId) });
}

export async function endPositionAction(_prev: FormState, fd: FormData): Promise<FormState> {
  return runFormAction(endPosition, fd, {
    after: (p) => {
      refresh(p.orgUnitId);
      return { ok: true, message: `${p.person.name}已办理离任。`, at: Date.now() };
    },
  });
}
