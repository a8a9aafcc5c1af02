"use server";
// Server actions of the personal settings page.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { runFormAction, type FormState } from "@/lib/server/actions";
import { changeOwnPassword, createToken, revokeToken } from "@/lib/server/users/write-users";

export async function changePasswordAction(_prev: FormState, fd: FormData): Promise<FormState> {
  // The change ends every session, this one included: sign in again with the new password.
  return runFormAction(changeOwnPassword, fd, { after: () => redirect("/login?reason=password") });
}

export async function createTokenAction(_prev: FormState, fd: FormData): Promise<FormState> {
  return runFormAction(createToken, fd, {
    after: (t) => {
      revalidatePath("/settings");
      return { ok: true, message: t.token, at: Date.now() };
    },
  });
}

export async function revokeTokenAction(_prev: FormState, fd: FormData): Promise<FormState> {
  return runFormAction(revokeToken, fd, {
    after: () => {
      revalidatePath("/settings");
      return { ok: true, message: "令牌已撤销", at: Date.now() };
    },
  });
}
