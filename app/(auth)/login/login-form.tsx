"use client";
import { signIn } from "next-auth/react";
import { useSearchParams } from "next/navigation";
import { useState } from "react";
import { Field, TextInput } from "@/components/ui/form";
import { Button } from "@/components/ui/button";
import { safeRedirectPath } from "@/lib/safe-redirect";

const REASONS: Record<string, string> = {
  idle: "您已超过 30 分钟未操作，为了安全已自动退出，请重新登录。",
  expired: "登录已超过 12 小时，请重新登录。",
  session: "登录已失效（可能密码已修改或账号已停用），请重新登录。",
  signedout: "您已安全退出。",
  password: "密码已修改，请用新密码重新登录。",
  tenant: "该区已停用，无法继续使用。如有疑问请联系系统管理员。",
};

export function LoginForm() {
  const params = useSearchParams();
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<{ username?: string; password?: string }>({});
  const [pending, setPending] = useState(false);
  const reason = params.get("reason");

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const username = String(form.get("username") ?? "").trim();
    const password = String(form.get("password") ?? "");
    const missing = {
      username: username ? undefined : "请输入用户名",
      password: password ? undefined : "请输入密码",
    };
    setFieldErrors(missing);
    setError(null);
    if (missing.username || missing.password) return;
    setPending(true);
    try {
      const res = await signIn("credentials", { username, password, redirect: false });
      if (res?.ok && !res.error) {
        // A full navigation, so the server renders the signed-in shell with the new cookie.
        // Only a path on this site is followed (lib/safe-redirect.ts): no open redirect.
        window.location.assign(safeRedirectPath(params.get("callbackUrl")));
        return;
      }
      setError(res?.error && res.error !== "CredentialsSignin" ? res.error : "用户名或密码错误");
    } catch {
      setError("无法连接服务器，请检查网络后重试");
    }
    setPending(false);
  }

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-5">
      {reason && REASONS[reason] && !error && (
        <p className="rounded-md bg-amber-50 px-3 py-2 text-base text-amber-900">{REASONS[reason]}</p>
      )}
      <Field label="用户名" name="username" error={fieldErrors.username}>
        <TextInput name="username" autoComplete="username" autoCapitalize="none" error={fieldErrors.username} />
      </Field>
      <Field label="密码" name="password" error={fieldErrors.password}>
        <TextInput name="password" type="password" autoComplete="current-password" error={fieldErrors.password} />
      </Field>
      {error && (
        <p className="rounded-md bg-red-50 px-3 py-2 text-base text-red-800" data-testid="login-error">
          {error}
        </p>
      )}
      <Button type="submit" disabled={pending} className="w-full text-lg">
        {pending ? "正在登录…" : "登录"}
      </Button>
    </form>
  );
}
