"use server";
// Server actions of the 五老 volunteer screens: each runs one write of lib/server/people (validate → permission → scope → audit).
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { formFields, runFormAction, type FormState } from "@/lib/server/actions";
import { registerVolunteer, setVolunteerStatus, updateVolunteer } from "@/lib/server/people/write-volunteers";
import { createTrainingSession, recordAttendance } from "@/lib/server/people/training";
import { createRecognition } from "@/lib/server/people/recognition";
import { createPublicity } from "@/lib/server/people/publicity";
import { STATUS_LABELS } from "@/lib/schemas/volunteer";

export async function registerVolunteerAction(_prev: FormState, fd: FormData): Promise<FormState> {
  return runFormAction(registerVolunteer, fd, {
    after: (v) => {
      revalidatePath("/volunteers");
      redirect(`/volunteers/${v.id}?created=1`);
    },
  });
}

export async function updateVolunteerAction(_prev: FormState, fd: FormData): Promise<FormState> {
  return runFormAction(updateVolunteer, fd, {
    after: (v) => {
      revalidatePath("/volunteers");
      redirect(`/volunteers/${v.id}?saved=1`);
    },
  });
}

export async function setVolunteerStatusAction(_prev: FormState, fd: FormData): Promise<FormState> {
  return runFormAction(setVolunteerStatus, fd, {
    after: (v) => {
      revalidatePath("/volunteers");
      revalidatePath(`/volunteers/${v.id}`);
      return { ok: true, message: `已改为“${STATUS_LABELS[v.status as keyof typeof STATUS_LABELS]}”。`, at: Date.now() };
    },
  });
}

export async function createTrainingSessionAction(_prev: FormState, fd: FormData): Promise<FormState> {
  return runFormAction(createTrainingSession, fd, {
    after: (s) => {
      revalidatePath("/volunteers/training");
      redirect(`/volunteers/training/${s.id}?created=1`);
    },
  });
}

export async function recordAttendanceAction(_prev: FormState, fd: FormData): Promise<FormState> {
  return runFormAction(recordAttendance, fd, {
    toInput: (f) => ({ ...formFields(f), volunteerIds: f.getAll("volunteerIds") }),
    after: (r) => {
      revalidatePath(`/volunteers/training/${r.sessionId}`);
      revalidatePath("/volunteers");
      const trained = r.trained > 0 ? `，其中 ${r.trained} 人记为已完成入门培训` : "";
      return { ok: true, message: `已登记 ${r.added} 人${trained}。`, at: Date.now() };
    },
  });
}

export async function createRecognitionAction(_prev: FormState, fd: FormData): Promise<FormState> {
  return runFormAction(createRecognition, fd, {
    after: () => {
      revalidatePath("/volunteers", "layout");
      return { ok: true, message: "表彰已登记。", at: Date.now() };
    },
  });
}

export async function createPublicityAction(_prev: FormState, fd: FormData): Promise<FormState> {
  return runFormAction(createPublicity, fd, {
    after: () => {
      revalidatePath("/volunteers", "layout");
      return { ok: true, message: "宣传报道已登记。", at: Date.now() };
    },
  });
}
