"use server";
// Server actions of 系统管理 (platform admins only: runPlatformAction checks the session).
import { revalidatePath } from "next/cache";
import { runPlatformAction, type PlatformFormState } from "@/lib/server/platform/actions";
import { createTenant, removeDemoTenants, resetAdminPassword, setTenantDisabled } from "@/lib/server/platform/tenants";
import { resetAdminMfa } from "@/lib/server/platform/admin-mfa";

export async function createTenantAction(_prev: PlatformFormState, fd: FormData): Promise<PlatformFormState> {
  return runPlatformAction(createTenant, fd, (r) => {
    revalidatePath("/platform");
    return {
      ok: true,
      message: `已创建 ${r.tenant.name}（${r.tenant.code}），区管理员 ${r.admin.username}（${r.admin.displayName}）。`,
      secret: { username: r.admin.username, password: r.password },
      at: Date.now(),
    };
  });
}

export async function setTenantDisabledAction(_prev: PlatformFormState, fd: FormData): Promise<PlatformFormState> {
  return runPlatformAction(setTenantDisabled, fd, (t) => {
    revalidatePath("/platform");
    return { ok: true, message: t.disabledAt ? `已停用 ${t.name}` : `已启用 ${t.name}`, at: Date.now() };
  });
}

export async function resetAdminPasswordAction(_prev: PlatformFormState, fd: FormData): Promise<PlatformFormState> {
  return runPlatformAction(resetAdminPassword, fd, (r) => {
    revalidatePath("/platform");
    return { ok: true, message: `已重置 ${r.username} 的密码`, secret: { username: r.username, password: r.password }, at: Date.now() };
  });
}

export async function removeDemoAction(_prev: PlatformFormState, fd: FormData): Promise<PlatformFormState> {
  return runPlatformAction(removeDemoTenants, fd, (removed) => {
    revalidatePath("/platform");
    return { ok: true, message: removed.length ? `已删除演示区 ${removed.map((t) => t.name).join("、")} 的全部数据` : "没有可删除的演示数据", at: Date.now() };
  });
}

export async function resetAdminMfaAction(_prev: PlatformFormState, fd: FormData): Promise<PlatformFormState> {
  return runPlatformAction(resetAdminMfa, fd, (r) => {
    revalidatePath("/platform");
    return { ok: true, message: `已重置 ${r.username} 的两步验证，其下次登录时重新设置`, at: Date.now() };
  });
}
