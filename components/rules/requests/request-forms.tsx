"use client";
import { useActionState } from "react";
import type { FormState } from "@/lib/server/actions";
import { Field, FormMessage, SelectInput, TextArea, TextInput } from "@/components/ui/form";
import { Button } from "@/components/ui/button";
import { PARTY_REQUEST_KIND_LABELS, PARTY_REQUEST_KINDS } from "@/lib/schemas/party-request";

export type Action = (prev: FormState, fd: FormData) => Promise<FormState>;

/** A new 请示 or 汇报 from the district office: kind, subject, content, day submitted. */
export function RequestForm({ action, today }: { action: Action; today: string }) {
  const [state, formAction, pending] = useActionState(action, { ok: false });
  const e = state.fieldErrors ?? {};
  const v = state.values ?? {};
  const k = (s: string) => `${s}${state.at ?? ""}`;
  return (
    <form action={formAction} className="flex max-w-xl flex-col gap-5" noValidate aria-label="登记请示汇报">
      <Field label="类型" name="kind" error={e.kind}>
        <SelectInput name="kind" defaultValue={v.kind ?? ""} key={k("kind")} error={e.kind}>
          <option value="">请选择请示或汇报</option>
          {PARTY_REQUEST_KINDS.map((x) => (
            <option key={x} value={x}>
              {PARTY_REQUEST_KIND_LABELS[x]}
            </option>
          ))}
        </SelectInput>
      </Field>
      <Field label="标题" name="subject" error={e.subject} hint="例如：关于落实“五老”人员以奖代补资金的请示">
        <TextInput name="subject" defaultValue={v.subject} key={k("subject")} error={e.subject} autoComplete="off" />
      </Field>
      <Field label="内容（可选）" name="body" error={e.body}>
        <TextArea name="body" rows={5} defaultValue={v.body} key={k("body")} error={e.body} />
      </Field>
      <Field label="报送日期" name="submittedOn" error={e.submittedOn}>
        <TextInput name="submittedOn" type="date" max={today} defaultValue={v.submittedOn ?? today} key={k("day")} error={e.submittedOn} />
      </Field>
      <FormMessage state={state} />
      <div>
        <Button type="submit" disabled={pending}>
          {pending ? "正在保存…" : "登记"}
        </Button>
      </div>
    </form>
  );
}

/** The party committee's answer (批示) and the day it came. */
export function AnswerForm({ action, id, submittedOn, today }: { action: Action; id: string; submittedOn: string; today: string }) {
  const [state, formAction, pending] = useActionState(action, { ok: false });
  const e = state.fieldErrors ?? {};
  const v = state.values ?? {};
  const k = (s: string) => `${s}${state.at ?? ""}`;
  return (
    <form action={formAction} className="flex flex-col gap-5" noValidate aria-label="登记答复">
      <input type="hidden" name="id" value={id} />
      <Field label="区委的答复（批示）" name="answer" error={e.answer}>
        <TextArea name="answer" rows={4} defaultValue={v.answer} key={k("answer")} error={e.answer} />
      </Field>
      <Field label="答复日期" name="resolvedOn" error={e.resolvedOn}>
        <TextInput name="resolvedOn" type="date" min={submittedOn} max={today} defaultValue={v.resolvedOn ?? today} key={k("day")} error={e.resolvedOn} />
      </Field>
      <FormMessage state={state} />
      <div>
        <Button type="submit" disabled={pending}>
          {pending ? "正在保存…" : "登记答复"}
        </Button>
      </div>
    </form>
  );
}
