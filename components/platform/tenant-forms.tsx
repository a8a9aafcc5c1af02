"use client";
import { useActionState, useState } from "react";
import Link from "next/link";
import type { PlatformFormState } from "@/lib/server/platform/actions";
import { Field, FormMessage, TextInput } from "@/components/ui/form";
import { Button, type ButtonVariant } from "@/components/ui/button";

type Action = (prev: PlatformFormState, fd: FormData) => Promise<PlatformFormState>;

/** A one-time password, shown once: the page never shows it again. */
function OneTimePassword({ secret }: { secret: { username: string; password: string } }) {
  return (
    <div role="status" className="rounded-md border border-green-200 bg-green-50 px-4 py-3 text-base text-green-900">
      <p>
        用户名 <span className="font-mono font-semibold">{secret.username}</span> 的一次性密码（只显示这一次，请立即抄下或复制，交给本人）：
      </p>
      <code className="mt-2 block select-all break-all rounded bg-white px-3 py-2 font-mono text-xl tracking-wider" data-testid="one-time-password">
        {secret.password}
      </code>
      <p className="mt-2 text-base">本人首次登录后须设置自己的新密码。</p>
    </div>
  );
}

export function CreateTenantForm({ action }: { action: Action }) {
  const [state, formAction, pending] = useActionState(action, { ok: false });
  const e = state.fieldErrors ?? {};
  const v = state.ok ? {} : (state.values ?? {});
  if (state.ok && state.secret) {
    return (
      <div className="flex flex-col gap-4">
        <p className="text-lg font-medium text-gray-900">{state.message}</p>
        <OneTimePassword secret={state.secret} />
        <div>
          <Link href="/platform" className="inline-flex min-h-12 items-center rounded-md bg-accent px-5 text-base font-medium text-white">
            返回区列表
          </Link>
        </div>
      </div>
    );
  }
  return (
    <form action={formAction} className="flex max-w-xl flex-col gap-5" noValidate>
      <Field label="区名称" name="name" error={e.name} hint="例如：清河区">
        <TextInput name="name" defaultValue={v.name} key={`n${state.at}`} error={e.name} />
      </Field>
      <Field label="区划代码（6 位数字）" name="code" error={e.code} hint="国家行政区划代码，例如 320812；不能与已有的区重复">
        <TextInput name="code" inputMode="numeric" maxLength={6} defaultValue={v.code} key={`c${state.at}`} error={e.code} />
      </Field>
      <Field label="区关工委（根单位）名称" name="rootUnitName" error={e.rootUnitName} hint="不填则与区名称相同">
        <TextInput name="rootUnitName" defaultValue={v.rootUnitName} key={`r${state.at}`} error={e.rootUnitName} />
      </Field>
      <Field label="区管理员用户名" name="adminUsername" error={e.adminUsername} hint="小写字母、数字和 . _ -，例如 qinghe.admin">
        <TextInput name="adminUsername" autoCapitalize="none" defaultValue={v.adminUsername} key={`u${state.at}`} error={e.adminUsername} />
      </Field>
      <Field label="区管理员姓名" name="adminDisplayName" error={e.adminDisplayName} hint="不填则显示为“区关工委管理员”">
        <TextInput name="adminDisplayName" defaultValue={v.adminDisplayName} key={`d${state.at}`} error={e.adminDisplayName} />
      </Field>
      {!state.ok && <FormMessage state={state} />}
      <div>
        <Button type="submit" disabled={pending}>
          {pending ? "正在创建…" : "创建区"}
        </Button>
      </div>
    </form>
  );
}

/**
 * A button that asks once more before it acts (停用, 重置密码, 删除演示数据), then shows the
 * result beside it (a one-time password when there is one).
 */
export function ConfirmActionButton({
  action,
  fields,
  label,
  question,
  confirmLabel,
  variant = "secondary",
}: {
  action: Action;
  fields: Record<string, string>;
  label: string;
  question: string;
  confirmLabel: string;
  variant?: ButtonVariant;
}) {
  const [state, formAction, pending] = useActionState(action, { ok: false });
  const [asking, setAsking] = useState(false);
  const [shownAt, setShownAt] = useState<number | undefined>(undefined);
  const done = state.at !== undefined && state.at !== shownAt;
  return (
    <div className="flex flex-col gap-2">
      {!(asking && !done) ? (
        <div>
          <Button type="button" variant={variant} className="min-h-11 px-3" onClick={() => { setAsking(true); setShownAt(state.at); }}>
            {label}
          </Button>
        </div>
      ) : (
        <form action={formAction} className="flex flex-col gap-2 rounded-md border border-amber-300 bg-amber-50 p-3">
          {Object.entries(fields).map(([k, val]) => (
            <input key={k} type="hidden" name={k} value={val} />
          ))}
          <p className="text-base text-amber-900">{question}</p>
          <div className="flex flex-wrap gap-2">
            <Button type="submit" variant={variant === "danger" ? "danger" : "primary"} disabled={pending} className="min-h-11 px-3">
              {pending ? "正在处理…" : confirmLabel}
            </Button>
            <Button type="button" variant="secondary" className="min-h-11 px-3" onClick={() => setAsking(false)}>
              取消
            </Button>
          </div>
        </form>
      )}
      {done && state.ok && state.secret && <OneTimePassword secret={state.secret} />}
      {done && !(state.ok && state.secret) && <FormMessage state={state} />}
    </div>
  );
}
