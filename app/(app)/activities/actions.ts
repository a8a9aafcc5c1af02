"use server";
// Server actions of the activity screens: each runs one write of lib/server/stations (validate → permission → scope → audit).
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { formFields, runFormAction } from "@/lib/server/actions";
import { createActivity, updateActivity } from "@/lib/server/stations/write-activities";
import { activityFormInput } from "@/lib/schemas/activity";
import type { ActivityFormState } from "@/components/activities/activity-form";

/** The form posts text; the participant count becomes a number here, the volunteers a list. */
const toInput = (fd: FormData) => activityFormInput(formFields(fd), fd.getAll("volunteerIds").map(String));

function revalidateActivities() {
  revalidatePath("/activities", "layout");
  revalidatePath("/stations", "layout");
  revalidatePath("/");
}

export async function createActivityAction(_prev: ActivityFormState, fd: FormData): Promise<ActivityFormState> {
  return runFormAction(createActivity, fd, {
    toInput,
    after: (a) => {
      revalidateActivities();
      const state: ActivityFormState = {
        ok: true,
        message: "已保存",
        at: Date.now(),
        saved: { id: a.id, title: a.title, date: a.date, kind: a.kind, youthParticipants: a.youthParticipants, created: a.created },
      };
      return state;
    },
  });
}

export async function updateActivityAction(_prev: ActivityFormState, fd: FormData): Promise<ActivityFormState> {
  return runFormAction(updateActivity, fd, {
    toInput,
    after: (a) => {
      revalidateActivities();
      redirect(`/activities/${a.id}?saved=1`);
    },
  });
}
