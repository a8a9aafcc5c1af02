"use server";
// Server actions of the 会议制度 screens: each runs one write of lib/server/rules/meetings (validate → permission → scope → audit).
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { formFields, runFormAction, type FormState } from "@/lib/server/actions";
import { addDecision, createMeeting, markDecisionDone, updateMeeting } from "@/lib/server/rules/meetings";
import { errorsByFormRow, meetingFormInput } from "@/lib/schemas/meeting";

function revalidateMeetings() {
  revalidatePath("/rules/meetings", "layout");
  revalidatePath("/");
}

/** Decision rows come as numbered fields; blank rows are dropped and errors go back beside the row typed in. */
export async function createMeetingAction(_prev: FormState, fd: FormData): Promise<FormState> {
  const { input, rows } = meetingFormInput(formFields(fd));
  const state = await runFormAction(createMeeting, fd, {
    toInput: () => input,
    after: (m) => {
      revalidateMeetings();
      redirect(`/rules/meetings/${m.id}?created=1`);
    },
  });
  return state.fieldErrors ? { ...state, fieldErrors: errorsByFormRow(state.fieldErrors, rows) } : state;
}

export async function updateMeetingAction(_prev: FormState, fd: FormData): Promise<FormState> {
  return runFormAction(updateMeeting, fd, {
    after: (m) => {
      revalidateMeetings();
      redirect(`/rules/meetings/${m.id}?saved=1`);
    },
  });
}

export async function addDecisionAction(_prev: FormState, fd: FormData): Promise<FormState> {
  return runFormAction(addDecision, fd, {
    after: () => {
      revalidateMeetings();
      return { ok: true, message: "已补充决定事项。", at: Date.now() };
    },
  });
}

export async function markDecisionDoneAction(_prev: FormState, fd: FormData): Promise<FormState> {
  return runFormAction(markDecisionDone, fd, {
    after: () => {
      revalidateMeetings();
      return { ok: true, message: "已标记完成。", at: Date.now() };
    },
  });
}
