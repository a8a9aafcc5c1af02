"use client";
import { useActionState } from "react";
import type { FormState } from "@/lib/server/actions";
import { Field, FormMessage, TextInput } from "@/components/ui/form";
import { Button } from "@/components/ui/button";

type Action = (prev: FormState, fd: FormData) => Promise<FormState>;

/**
 * The new password, typed twice, with the password rule beside it: the same on the forced
 * first-login page and in settings, so the rule reads alike in both.
 */
export function NewPasswordFields({ errors: e }: { errors: Record<string, string> }) {
  return (
    <>
      <Field label="新密码" name="password" error={e.password} hint="至少 8 位，不能是常见密码；可以用一句好记的话">
        <TextInput name="password" type="password" autoComplete="new-password" error={e.password} />
      </Field>
      <Field label="再次输入新密码" name="confirm" error={e.confirm}>
        <TextInput name="confirm" type="password" autoComplete="new-password" error={e.confirm} />
      </Field>
    </>
  );
}

export function ChangePasswordForm({ action }: { action: Action }) {
  const [state, formAction, pending] = useActionState(action, { ok: false });
  const e = state.fieldErrors ?? {};
  return (
    <form action={formAction} className="flex max-w-md flex-col gap-4" noValidate>
      <Field label="当前密码" name="currentPassword" error={e.currentPassword}>
        <TextInput name="currentPassword" type="password" autoComplete="current-password" error={e.currentPassword} />
      </Field>
      <NewPasswordFields errors={e} />
      {!state.ok && <FormMessage state={state} />}
      <div>
        <Button type="submit" disabled={pending}>
          {pending ? "正在修改…" : "修改密码"}
        </Button>
      </div>
    </form>
  );
}

/** `askCode`: the user has 两步验证, so a token also takes a current code. */
export function CreateTokenForm({ action, askCode = false }: { action: Action; askCode?: boolean }) {
  const [state, formAction, pending] = useActionState(action, { ok: false });
  const e = state.fieldErrors ?? {};
  return (
    <form action={formAction} className="flex flex-col gap-4" noValidate>
      <div className="grid gap-4 sm:grid-cols-[1fr_10rem]">
        <Field label="令牌名称" name="name" error={e.name}>
          <TextInput name="name" defaultValue={state.ok ? "" : state.values?.name} key={`n${state.at}`} error={e.name} />
        </Field>
        <Field label="有效天数" name="days" error={e.days} hint="最长 90 天">
          <TextInput name="days" type="number" inputMode="numeric" min={1} max={90} defaultValue={state.ok ? "30" : (state.values?.days ?? "30")} key={`d${state.at}`} error={e.days} />
        </Field>
      </div>
      <div className="max-w-md">
        {/* Its own name (the password form on this page has "currentPassword"), so labels and ids stay unique;
            the action maps it back. Never echoed: the field starts empty after every attempt. */}
        <Field label="您的登录密码" name="tokenPassword" error={e.currentPassword} hint="生成令牌前请再次输入您的登录密码">
          <TextInput name="tokenPassword" type="password" autoComplete="current-password" key={`p${state.at}`} error={e.currentPassword} />
        </Field>
      </div>
      {askCode && (
        <div className="max-w-md">
          <Field label="两步验证码" name="tokenCode" error={e.code} hint="手机上显示的 6 位数字，或一个恢复码">
            <TextInput name="tokenCode" autoComplete="one-time-code" autoCapitalize="none" key={`c${state.at}`} error={e.code} />
          </Field>
        </div>
      )}
      {state.ok && state.message ? (
        <div role="status" className="rounded-md bg-green-50 px-3 py-2 text-base text-green-900">
          <p>令牌已生成。它只显示这一次，请立即复制保存：</p>
          <code className="mt-1 block break-all rounded bg-white px-2 py-1 font-mono text-sm" data-testid="new-token">
            {state.message}
          </code>
        </div>
      ) : (
        <FormMessage state={state} />
      )}
      <div>
        <Button type="submit" variant="secondary" disabled={pending}>
          {pending ? "正在生成…" : "生成访问令牌"}
        </Button>
      </div>
    </form>
  );
}

export function RevokeTokenButton({ action, id }: { action: Action; id: string }) {
  const [, formAction, pending] = useActionState(action, { ok: false });
  return (
    <form action={formAction}>
      <input type="hidden" name="id" value={id} />
      <Button type="submit" variant="danger" disabled={pending} className="min-h-11 px-3">
        撤销
      </Button>
    </form>
  );
}

/** 退出其他设备 or 在所有设备上退出, each one button with its outcome beside it. */
export function EndSessionsButton({ action, all }: { action: Action; all: boolean }) {
  const [state, formAction, pending] = useActionState(action, { ok: false });
  return (
    <form action={formAction} className="flex flex-col gap-2">
      <div>
        <Button type="submit" variant={all ? "danger" : "secondary"} disabled={pending}>
          {pending ? "正在退出…" : all ? "在所有设备上退出" : "退出其他设备"}
        </Button>
      </div>
      <FormMessage state={state} />
    </form>
  );
}
