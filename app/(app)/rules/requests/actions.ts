"use server";
// Server actions of 请示汇报: each runs one write of lib/server/rules/requests (validate → permission → scope → audit).
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { runFormAction, type FormState } from "@/lib/server/actions";
import { answerRequest, createRequest } from "@/lib/server/rules/requests";

export async function createRequestAction(_prev: FormState, fd: FormData): Promise<FormState> {
  return runFormAction(createRequest, fd, {
    after: (r) => {
      revalidatePath("/rules/requests");
      redirect(`/rules/requests/${r.id}?created=1`);
    },
  });
}

export async function answerRequestAction(_prev: FormState, fd: FormData): Promise<FormState> {
  return runFormAction(answerRequest, fd, {
    after: (r) => {
      revalidatePath("/rules/requests", "layout");
      redirect(`/rules/requests/${r.id}?answered=1`);
    },
  });
}
