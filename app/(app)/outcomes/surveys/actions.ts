"use server";
// Server actions of the 调研 screens: each runs one write of lib/server/outcomes/surveys.ts (validate → permission → scope → audit).
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { formFields, runFormAction, type FormState } from "@/lib/server/actions";
import { addFinding, createSurvey, updateFollowUp } from "@/lib/server/outcomes/surveys";
import { surveyFormInput } from "@/lib/schemas/survey";

export async function createSurveyAction(_prev: FormState, fd: FormData): Promise<FormState> {
  const unitIds = fd.getAll("unitIds");
  const { input, formErrors } = surveyFormInput(formFields(fd), unitIds);
  const state = await runFormAction(createSurvey, fd, {
    toInput: () => input,
    after: (s) => {
      revalidatePath("/outcomes/surveys");
      redirect(`/outcomes/surveys/${s.id}?created=1`);
    },
  });
  // Errors of findings[i] go beside the category box they came from; ticked units stay ticked.
  return {
    ...state,
    fieldErrors: state.fieldErrors && formErrors(state.fieldErrors),
    values: state.values && { ...state.values, unitIds: unitIds.join(",") },
  };
}

export async function addFindingAction(_prev: FormState, fd: FormData): Promise<FormState> {
  return runFormAction(addFinding, fd, {
    after: (f) => {
      revalidatePath("/outcomes/surveys", "layout");
      redirect(`/outcomes/surveys/${f.surveyId}?added=1#finding-${f.id}`);
    },
  });
}

export async function updateFollowUpAction(_prev: FormState, fd: FormData): Promise<FormState> {
  return runFormAction(updateFollowUp, fd, {
    after: (f) => {
      revalidatePath("/outcomes/surveys", "layout");
      redirect(`/outcomes/surveys/${f.surveyId}?saved=1#finding-${f.id}`);
    },
  });
}
