"use client";
import { useActionState } from "react";
import type { FormState } from "@/lib/server/actions";
import { FormMessage } from "@/components/ui/form";
import { NewPasswordFields } from "@/components/settings/settings-forms";
import { Button } from "@/components/ui/button";

type Action = (prev: FormState, fd: FormData) => Promise<FormState>;

export function ChooseOwnPasswordForm({ action }: { action: Action }) {
  const [state, formAction, pending] = useActionState(action, { ok: false });
  const e = state.fieldErrors ?? {};
  return (
    <form action={formAction} className="flex flex-col gap-5" noValidate>
      <NewPasswordFields errors={e} />
      {!state.ok && <FormMessage state={state} />}
      <Button type="submit" disabled={pending} className="w-full text-lg">
        {pending ? "正在保存…" : "保存新密码并继续"}
      </Button>
    </form>
  );
}
