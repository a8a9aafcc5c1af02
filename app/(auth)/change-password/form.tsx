"use client";
import { useActionState } from "react";
import type { FormState } from "@/lib/server/actions";
import { Field, FormMessage, TextInput } from "@/components/ui/form";
import { Button } from "@/components/ui/button";

type Action = (prev: FormState, fd: FormData) => Promise<FormState>;

export function ChooseOwnPasswordForm({ action }: { action: Action }) {
  const [state, formAction, pending] = useActionState(action, { ok: false });
  const e = state.fieldErrors ?? {};
  return (
    <form action={formAction} className="flex flex-col gap-5" noValidate>
      <Field label="新密码" name="password" error={e.password} hint="至少 8 位，包含大写字母、小写字母、数字、符号中的至少三类">
        <TextInput name="password" type="password" autoComplete="new-password" error={e.password} />
      </Field>
      <Field label="再次输入新密码" name="confirm" error={e.confirm}>
        <TextInput name="confirm" type="password" autoComplete="new-password" error={e.confirm} />
      </Field>
      {!state.ok && <FormMessage state={state} />}
      <Button type="submit" disabled={pending} className="w-full text-lg">
        {pending ? "正在保存…" : "保存新密码并继续"}
      </Button>
    </form>
  );
}
