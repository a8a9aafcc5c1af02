"use server";
// Server actions of 补贴发放: each runs one write of lib/server/rules/subsidies (validate → permission → scope → audit).
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { runFormAction, type FormState } from "@/lib/server/actions";
import { createSubsidy, markPaid } from "@/lib/server/rules/subsidies";

export async function createSubsidyAction(_prev: FormState, fd: FormData): Promise<FormState> {
  return runFormAction(createSubsidy, fd, {
    after: (s) => {
      revalidatePath("/rules/subsidies");
      redirect(`/rules/subsidies/${s.id}?created=1`);
    },
  });
}

export async function markPaidAction(_prev: FormState, fd: FormData): Promise<FormState> {
  return runFormAction(markPaid, fd, {
    after: (s) => {
      revalidatePath("/rules/subsidies", "layout");
      redirect(`/rules/subsidies/${s.id}?paid=1`);
    },
  });
}
