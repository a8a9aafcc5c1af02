"use client";
/** The small forms on a meeting's page: 标记完成 for an open decision, and one more decision. */
import { useActionState } from "react";
import type { FormState } from "@/lib/server/actions";
import { Field, FormMessage, TextInput } from "@/components/ui/form";
import { Button } from "@/components/ui/button";
import type { MeetingAction } from "./meeting-form";

/** 标记完成 with the day it was done (today by default); ids are per decision, as a page lists several. */
export function DecisionDoneForm({ action, decisionId, today, text }: { action: MeetingAction; decisionId: string; today: string; text: string }) {
  const [state, formAction, pending] = useActionState<FormState, FormData>(action, { ok: false });
  const e = state.fieldErrors ?? {};
  const id = `doneOn-${decisionId}`;
  return (
    <form action={formAction} className="flex flex-wrap items-end gap-3" aria-label={`标记完成：${text}`}>
      <input type="hidden" name="decisionId" value={decisionId} />
      <div className="w-44">
        <Field label="完成日期" name={id} error={e.doneOn}>
          <TextInput name="doneOn" id={id} type="date" max={today} defaultValue={state.values?.doneOn ?? today} error={e.doneOn} aria-describedby={e.doneOn ? `${id}-error` : undefined} />
        </Field>
      </div>
      <Button type="submit" variant="secondary" disabled={pending}>
        {pending ? "正在保存…" : "标记完成"}
      </Button>
      {!e.doneOn && <FormMessage state={state} />}
    </form>
  );
}

/** One more decision for a meeting already recorded. */
export function AddDecisionForm({ action, meetingId, heldOn }: { action: MeetingAction; meetingId: string; heldOn: string }) {
  const [state, formAction, pending] = useActionState<FormState, FormData>(action, { ok: false });
  const e = state.fieldErrors ?? {};
  const v = state.ok ? {} : (state.values ?? {});
  const k = (s: string) => `${s}${state.at ?? ""}`;
  return (
    <form action={formAction} className="flex flex-col gap-4" noValidate aria-label="补充决定事项">
      <input type="hidden" name="meetingId" value={meetingId} />
      <Field label="决定事项" name="text" error={e.text}>
        <TextInput name="text" defaultValue={v.text} key={k("text")} error={e.text} autoComplete="off" />
      </Field>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="责任人" name="owner" error={e.owner}>
          <TextInput name="owner" defaultValue={v.owner} key={k("owner")} error={e.owner} />
        </Field>
        <Field label="完成期限" name="dueOn" error={e.dueOn}>
          <TextInput name="dueOn" type="date" min={heldOn} defaultValue={v.dueOn} key={k("dueOn")} error={e.dueOn} />
        </Field>
      </div>
      <FormMessage state={state} />
      <div>
        <Button type="submit" variant="secondary" disabled={pending}>
          {pending ? "正在保存…" : "补充决定事项"}
        </Button>
      </div>
    </form>
  );
}
