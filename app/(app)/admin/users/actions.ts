"use server";
// Server actions of user administration: each runs one write of lib/server/users (validate → permission → scope → audit).
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { runFormAction, type FormState } from "@/lib/server/actions";
import { createUser, resetPassword, revokeUserToken, setUserDisabled, updateUser } from "@/lib/server/users/write-users";
import { resetUserMfa } from "@/lib/server/users/write-mfa";

export async function createUserAction(_prev: FormState, fd: FormData): Promise<FormState> {
  return runFormAction(createUser, fd, {
    after: (user) => {
      revalidatePath("/admin/users");
      redirect(`/admin/users/${user.id}?created=1`);
    },
  });
}

export async function updateUserAction(_prev: FormState, fd: FormData): Promise<FormState> {
  return runFormAction(updateUser, fd, {
    successMessage: "已保存。角色或单位有变化时，该用户需要重新登录。",
    after: () => revalidatePath("/admin/users"),
  });
}

export async function resetPasswordAction(_prev: FormState, fd: FormData): Promise<FormState> {
  return runFormAction(resetPassword, fd, {
    successMessage: "密码已重置，账号已解锁，该用户的登录和访问令牌均已失效。请把新密码当面或电话告知本人。",
    after: () => revalidatePath(`/admin/users/${String(fd.get("id"))}`),
  });
}

export async function setDisabledAction(_prev: FormState, fd: FormData): Promise<FormState> {
  return runFormAction(setUserDisabled, fd, {
    toInput: (f) => ({ id: f.get("id"), disabled: f.get("disabled") === "true" }),
    after: (u) => {
      revalidatePath(`/admin/users/${u.id}`);
      return { ok: true, message: u.disabledAt ? "账号已停用，该用户已被强制退出。" : "账号已启用。", at: Date.now() };
    },
  });
}

export async function revokeUserTokenAction(_prev: FormState, fd: FormData): Promise<FormState> {
  return runFormAction(revokeUserToken, fd, {
    after: (t) => {
      revalidatePath(`/admin/users/${t.userId}`);
      return { ok: true, message: "令牌已撤销", at: Date.now() };
    },
  });
}

export async function resetMfaAction(_prev: FormState, fd: FormData): Promise<FormState> {
  return runFormAction(resetUserMfa, fd, {
    after: (u) => {
      revalidatePath(`/admin/users/${u.id}`);
      return { ok: true, message: `已重置 ${u.username} 的两步验证，该用户已退出登录；下次登录时需重新设置（如其角色要求）。`, at: Date.now() };
    },
  });
}
