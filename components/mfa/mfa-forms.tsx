"use client";
// 两步验证 forms: the code step of a sign-in, setting it up (QR code, key, first code,
// recovery codes shown once), new recovery codes, turning it off, an administrator's reset.
import { useActionState, useState } from "react";
import type { MfaFormState } from "@/lib/server/auth/mfa-actions";
import { Field, FormMessage, TextInput } from "@/components/ui/form";
import { Button, ButtonLink, type ButtonVariant } from "@/components/ui/button";

type Action = (prev: MfaFormState, fd: FormData) => Promise<MfaFormState>;

/** The code step: one field takes the 6-digit code or a recovery code. */
export function CodeStepForm({ action }: { action: Action }) {
  const [state, formAction, pending] = useActionState(action, { ok: false });
  const e = state.fieldErrors ?? {};
  return (
    <form action={formAction} className="flex flex-col gap-5" noValidate>
      <Field label="验证码" name="code" error={e.code} hint="打开手机上的身份验证器应用，输入“青苗”下面显示的 6 位数字">
        <TextInput
          name="code"
          autoComplete="one-time-code"
          autoCapitalize="none"
          autoFocus
          key={`c${state.at}`}
          error={e.code}
          className="text-center font-mono text-2xl tracking-widest"
        />
      </Field>
      {!state.ok && !e.code && <FormMessage state={state} />}
      <Button type="submit" disabled={pending} className="w-full text-lg">
        {pending ? "正在验证…" : "验证并继续"}
      </Button>
    </form>
  );
}

/** The recovery codes, right after they were made: printable, shown this once only. */
export function RecoveryCodes({ codes, doneHref, doneLabel }: { codes: string[]; doneHref: string; doneLabel: string }) {
  return (
    <div className="flex flex-col gap-4" role="status">
      <h2 className="text-xl font-semibold text-gray-900">请保存您的恢复码</h2>
      <p className="text-base text-gray-700">
        手机丢失、换了手机或验证器应用被删除时，可以在“验证码”一栏输入一个恢复码代替验证码登录。每个恢复码只能用一次。
      </p>
      <p className="rounded-md bg-amber-50 px-3 py-2 text-base font-medium text-amber-900">
        恢复码只显示这一次。请现在打印或抄写下来，放在安全的地方，不要拍照发给别人。
      </p>
      <ol className="grid gap-x-8 gap-y-2 rounded-md border border-gray-300 bg-white p-4 font-mono text-lg sm:grid-cols-2" data-testid="recovery-codes">
        {codes.map((c, i) => (
          <li key={c} className="whitespace-nowrap tracking-wide">
            <span className="mr-2 text-base text-gray-500">{i + 1}.</span>
            {c}
          </li>
        ))}
      </ol>
      <div className="no-print flex flex-wrap gap-3">
        <Button type="button" variant="secondary" onClick={() => window.print()}>
          打印恢复码
        </Button>
        <ButtonLink href={doneHref} variant="primary">
          {doneLabel}
        </ButtonLink>
      </div>
    </div>
  );
}

/**
 * Setting up 两步验证: scan the QR code (or type the key), confirm with the first code, then
 * keep the recovery codes.
 */
export function EnrolForm({ action, qr, manualKey, doneHref, doneLabel }: { action: Action; qr: string; manualKey: string; doneHref: string; doneLabel: string }) {
  const [state, formAction, pending] = useActionState(action, { ok: false });
  const e = state.fieldErrors ?? {};
  if (state.ok && state.recoveryCodes) {
    return (
      <div className="flex flex-col gap-4">
        <p className="no-print rounded-md bg-green-50 px-3 py-2 text-base text-green-900">两步验证已开启。以后登录时，输入密码后还要输入手机上的验证码。</p>
        <RecoveryCodes codes={state.recoveryCodes} doneHref={doneHref} doneLabel={doneLabel} />
      </div>
    );
  }
  return (
    <div className="flex flex-col gap-6">
      <section className="flex flex-col gap-3">
        <h2 className="text-lg font-semibold text-gray-900">第一步：在手机上添加账号</h2>
        <p className="text-base text-gray-700">
          在手机上安装一个身份验证器应用（例如“腾讯身份验证器”“Microsoft Authenticator”或“Google 身份验证器”），打开后选择“扫描二维码”，扫描下面的二维码。
        </p>
        {/* eslint-disable-next-line @next/next/no-img-element -- an inline SVG data URL made on the server */}
        <img src={qr} alt="两步验证二维码（用身份验证器应用扫描）" width={220} height={220} className="rounded-md border border-gray-200 bg-white" />
        <p className="text-base text-gray-700">无法扫码？在应用中选择“输入密钥”（或“手动输入”），账号名填“青苗”，密钥填下面这串字符（空格可以不输）：</p>
        <code className="select-all break-all rounded-md bg-gray-100 px-3 py-2 font-mono text-xl tracking-wider text-gray-900" data-testid="mfa-key">
          {manualKey}
        </code>
      </section>
      <form action={formAction} className="flex flex-col gap-4" noValidate>
        <h2 className="text-lg font-semibold text-gray-900">第二步：输入应用显示的验证码</h2>
        <div className="max-w-xs">
          <Field label="6 位验证码" name="code" error={e.code} hint="验证码每 30 秒更换一次">
            <TextInput name="code" inputMode="numeric" autoComplete="one-time-code" maxLength={7} key={`c${state.at}`} error={e.code} className="font-mono text-2xl tracking-widest" />
          </Field>
        </div>
        {!state.ok && !e.code && <FormMessage state={state} />}
        <div>
          <Button type="submit" disabled={pending}>
            {pending ? "正在确认…" : "确认开启两步验证"}
          </Button>
        </div>
      </form>
    </div>
  );
}

/**
 * The current password and a code, then an action (new recovery codes, turning it off). Field
 * names carry a prefix so two such forms can share a page.
 */
export function PasswordAndCodeForm({
  action,
  prefix,
  submitLabel,
  variant = "secondary",
  doneHref,
}: {
  action: Action;
  prefix: string;
  submitLabel: string;
  variant?: ButtonVariant;
  doneHref: string;
}) {
  const [state, formAction, pending] = useActionState(action, { ok: false });
  const e = state.fieldErrors ?? {};
  if (state.ok && state.recoveryCodes) return <RecoveryCodes codes={state.recoveryCodes} doneHref={doneHref} doneLabel="我已保存好恢复码" />;
  return (
    <form action={formAction} className="flex max-w-md flex-col gap-4" noValidate>
      <Field label="当前密码" name={`${prefix}Password`} error={e.currentPassword}>
        <TextInput name={`${prefix}Password`} type="password" autoComplete="current-password" key={`p${state.at}`} error={e.currentPassword} />
      </Field>
      <Field label="验证码" name={`${prefix}Code`} error={e.code} hint="手机上显示的 6 位数字，或一个恢复码">
        <TextInput name={`${prefix}Code`} autoComplete="one-time-code" autoCapitalize="none" key={`c${state.at}`} error={e.code} />
      </Field>
      <FormMessage state={state} />
      <div>
        <Button type="submit" variant={variant} disabled={pending}>
          {pending ? "正在处理…" : submitLabel}
        </Button>
      </div>
    </form>
  );
}

/** 重置两步验证 on a user's page: asks once more, then says what happened. */
export function ResetMfaButton({ action, userId, username }: { action: Action; userId: string; username: string }) {
  const [state, formAction, pending] = useActionState(action, { ok: false });
  const [asking, setAsking] = useState(false);
  if (!asking || (state.at !== undefined && state.ok)) {
    return (
      <div className="flex flex-col gap-2">
        {state.ok && <FormMessage state={state} />}
        <div>
          <Button type="button" variant="danger" onClick={() => setAsking(true)} disabled={state.ok}>
            重置两步验证
          </Button>
        </div>
      </div>
    );
  }
  return (
    <form action={formAction} className="flex flex-col gap-3 rounded-md border border-amber-300 bg-amber-50 p-3">
      <input type="hidden" name="id" value={userId} />
      <p className="text-base text-amber-900">
        确认重置 {username} 的两步验证？请先当面或电话确认是本人（手机丢失且恢复码用完）。重置后该用户立即退出登录，下次登录时重新设置。
      </p>
      <FormMessage state={state} />
      <div className="flex flex-wrap gap-2">
        <Button type="submit" variant="danger" disabled={pending}>
          {pending ? "正在重置…" : "确认重置"}
        </Button>
        <Button type="button" variant="secondary" onClick={() => setAsking(false)}>
          取消
        </Button>
      </div>
    </form>
  );
}
