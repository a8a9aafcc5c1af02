"use client";
import { useActionState } from "react";
import type { FormState } from "@/lib/server/actions";
import { Field, FormMessage, TextInput } from "@/components/ui/form";
import { Button } from "@/components/ui/button";

/** Sets or corrects the date the unit's committee was established. */
export function CommitteeEstablishedForm({
  action,
  unitId,
  value,
  today,
}: {
  action: (prev: FormState, fd: FormData) => Promise<FormState>;
  unitId: string;
  value: string | null;
  today: string;
}) {
  const [state, formAction, pending] = useActionState(action, { ok: false });
  const e = state.fieldErrors ?? {};
  return (
    <form action={formAction} className="mt-4 flex flex-col gap-3 border-t border-gray-100 pt-4" noValidate>
      <input type="hidden" name="unitId" value={unitId} />
      <Field label={value ? "更正成立日期" : "登记成立日期"} name="establishedOn" error={e.establishedOn}>
        <TextInput
          name="establishedOn"
          type="date"
          max={today}
          defaultValue={state.values?.establishedOn ?? value ?? ""}
          key={`e${state.at}`}
          error={e.establishedOn}
        />
      </Field>
      <FormMessage state={state} />
      <div>
        <Button type="submit" variant="secondary" disabled={pending}>
          {pending ? "正在保存…" : "保存"}
        </Button>
      </div>
    </form>
  );
}
