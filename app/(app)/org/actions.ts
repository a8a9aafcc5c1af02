"use server";
// Server actions of the org pages.
import { revalidatePath } from "next/cache";
import { runFormAction, type FormState } from "@/lib/server/actions";
import { setCommitteeEstablished } from "@/lib/server/org/write-units";

export async function setCommitteeEstablishedAction(_prev: FormState, fd: FormData): Promise<FormState> {
  return runFormAction(setCommitteeEstablished, fd, {
    successMessage: "成立日期已保存",
    after: (unitId) => revalidatePath(`/org/${unitId}`),
  });
}
