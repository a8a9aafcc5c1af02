"use client";
import { useActionState } from "react";
import { Field, FormMessage, SelectInput, TextInput } from "@/components/ui/form";
import { Button } from "@/components/ui/button";
import { TRAINING_KIND_LABELS, TRAINING_KINDS } from "@/lib/schemas/volunteer";
import { UnitSelect, type UnitOption } from "@/components/ui/form";
import type { Action } from "./volunteer-forms";

export function TrainingSessionForm({ action, units, today }: { action: Action; units: UnitOption[]; today: string }) {
  const [state, formAction, pending] = useActionState(action, { ok: false });
  const e = state.fieldErrors ?? {};
  const v = state.values ?? { kind: "ONBOARDING", heldOn: today };
  return (
    <form action={formAction} className="flex flex-col gap-4" noValidate>
      <Field label="培训名称" name="title" error={e.title}>
        <TextInput name="title" placeholder="例如：2026 年五老志愿者入门培训" defaultValue={v.title} key={`t${state.at}`} error={e.title} />
      </Field>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="培训类型" name="kind" error={e.kind} hint="参加入门培训的志愿者会自动记为已培训">
          <SelectInput name="kind" defaultValue={v.kind ?? ""} key={`k${state.at}`} error={e.kind}>
            {TRAINING_KINDS.map((k) => (
              <option key={k} value={k}>
                {TRAINING_KIND_LABELS[k]}
              </option>
            ))}
          </SelectInput>
        </Field>
        <Field label="培训日期" name="heldOn" error={e.heldOn}>
          <TextInput name="heldOn" type="date" defaultValue={v.heldOn} key={`d${state.at}`} error={e.heldOn} />
        </Field>
      </div>
      <Field label="举办单位" name="orgUnitId" error={e.orgUnitId}>
        <UnitSelect units={units} value={v.orgUnitId} key={`u${state.at}`} error={e.orgUnitId} />
      </Field>
      <Field label="地点" name="location" error={e.location} hint="可不填">
        <TextInput name="location" defaultValue={v.location} key={`l${state.at}`} error={e.location} />
      </Field>
      <FormMessage state={state} />
      <div>
        <Button type="submit" disabled={pending}>
          {pending ? "正在创建…" : "创建培训"}
        </Button>
      </div>
    </form>
  );
}

export interface Candidate {
  id: string;
  name: string;
  detail: string;
  untrained: boolean;
}

/** Tick who attended; each row is a large tap target. */
export function AttendanceForm({
  action,
  sessionId,
  candidates,
  onboarding,
  emptyText,
}: {
  action: Action;
  sessionId: string;
  candidates: Candidate[];
  onboarding: boolean;
  emptyText: string;
}) {
  const [state, formAction, pending] = useActionState(action, { ok: false });
  const e = state.fieldErrors ?? {};
  if (candidates.length === 0) {
    return (
      <div className="flex flex-col gap-3">
        <p className="text-base text-gray-600">{emptyText}</p>
        <FormMessage state={state} />
      </div>
    );
  }
  return (
    <form action={formAction} className="flex flex-col gap-3" noValidate key={state.ok ? state.at : undefined}>
      <input type="hidden" name="sessionId" value={sessionId} />
      <fieldset className="flex flex-col gap-2" aria-describedby={e.volunteerIds ? "volunteerIds-error" : undefined}>
        <legend className="mb-2 text-base font-medium text-gray-800">勾选参加了这次培训的志愿者</legend>
        {candidates.map((c) => (
          <label key={c.id} className="flex min-h-12 cursor-pointer items-center gap-3 rounded-md border border-gray-200 bg-white px-3 py-2 text-base hover:bg-gray-50">
            <input type="checkbox" name="volunteerIds" value={c.id} className="size-5 shrink-0 accent-accent" />
            <span className="min-w-0">
              <span className="font-medium">{c.name}</span>
              <span className="ml-2 text-gray-600">{c.detail}</span>
              {c.untrained && <span className="ml-2 text-amber-800">未参加入门培训</span>}
            </span>
          </label>
        ))}
      </fieldset>
      {e.volunteerIds && (
        <p id="volunteerIds-error" className="text-base text-red-700" data-field-error="volunteerIds">
          {e.volunteerIds}
        </p>
      )}
      <FormMessage state={state} />
      <div>
        <Button type="submit" disabled={pending}>
          {pending ? "正在登记…" : onboarding ? "登记参加（记为已完成入门培训）" : "登记参加"}
        </Button>
      </div>
    </form>
  );
}
