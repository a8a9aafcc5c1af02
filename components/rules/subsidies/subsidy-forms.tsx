"use client";
import { useActionState, useState } from "react";
import { Field, FormMessage, SelectInput, TextInput, UnitSelect, type UnitOption } from "@/components/ui/form";
import { Button } from "@/components/ui/button";
import { SUBSIDY_KIND_LABELS, SUBSIDY_KINDS } from "@/lib/schemas/subsidy";
import type { Action } from "../requests/request-forms";

export interface VolunteerOption {
  id: string;
  name: string;
  orgUnitId: string;
}

/**
 * A subsidy owed: the recipient's unit, kind, the 五老 (picked among the unit's volunteers)
 * or a teacher's name, amount in 元, period, due day and — for an old one — the day paid.
 */
export function SubsidyForm({ action, units, volunteers, today }: { action: Action; units: UnitOption[]; volunteers: VolunteerOption[]; today: string }) {
  const [state, formAction, pending] = useActionState(action, { ok: false });
  const e = state.fieldErrors ?? {};
  const v = state.values ?? {};
  const k = (s: string) => `${s}${state.at ?? ""}`;
  const [unit, setUnit] = useState(v.orgUnitId ?? (units.length === 1 ? units[0].id : ""));
  const [kind, setKind] = useState(v.kind ?? "");
  const unitVolunteers = volunteers.filter((x) => x.orgUnitId === unit);
  return (
    <form action={formAction} className="flex max-w-xl flex-col gap-5" noValidate aria-label="登记补贴">
      <Field label="领取人所在单位" name="orgUnitId" error={e.orgUnitId}>
        {/* The unit's change bubbles up here: the volunteer list follows the unit picked. */}
        <div
          onChange={(ev) => {
            const select: EventTarget = ev.target;
            if (select instanceof HTMLSelectElement) setUnit(select.value);
          }}
        >
          <UnitSelect units={units} value={unit} key={k("unit")} error={e.orgUnitId} placeholder="请选择单位" />
        </div>
      </Field>
      <Field label="补贴类别" name="kind" error={e.kind}>
        <SelectInput name="kind" defaultValue={kind} key={k("kind")} error={e.kind} onChange={(ev) => setKind(ev.target.value)}>
          <option value="">请选择补贴类别</option>
          {SUBSIDY_KINDS.map((x) => (
            <option key={x} value={x}>
              {SUBSIDY_KIND_LABELS[x]}
            </option>
          ))}
        </SelectInput>
      </Field>
      {kind === "VOLUNTEER_REWARD" && (
        <Field label="五老志愿者" name="personId" error={e.personId} hint={unit ? "本单位登记的在册志愿者；不在列表中时，直接填写下面的姓名" : "请先选择单位"}>
          <SelectInput name="personId" defaultValue={v.personId ?? ""} key={k(`person${unit}`)} error={e.personId}>
            <option value="">（不选，填写姓名）</option>
            {unitVolunteers.map((x) => (
              <option key={x.id} value={x.id}>
                {x.name}
              </option>
            ))}
          </SelectInput>
        </Field>
      )}
      <Field label="领取人姓名" name="recipientName" error={e.recipientName} hint={kind === "VOLUNTEER_REWARD" ? "选了志愿者时可不填" : "例如：进站辅导的王老师"}>
        <TextInput name="recipientName" defaultValue={v.recipientName} key={k("name")} error={e.recipientName} autoComplete="off" />
      </Field>
      <Field label="金额（元）" name="amount" error={e.amount} hint="最多两位小数，例如 600 或 1200.50">
        <TextInput name="amount" inputMode="decimal" defaultValue={v.amount} key={k("amount")} error={e.amount} />
      </Field>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="补贴期间 从" name="periodFrom" error={e.periodFrom}>
          <TextInput name="periodFrom" type="date" defaultValue={v.periodFrom} key={k("from")} error={e.periodFrom} />
        </Field>
        <Field label="补贴期间 至" name="periodTo" error={e.periodTo}>
          <TextInput name="periodTo" type="date" defaultValue={v.periodTo} key={k("to")} error={e.periodTo} />
        </Field>
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="应发放日期" name="dueOn" error={e.dueOn} hint="可以是将来的日期">
          <TextInput name="dueOn" type="date" defaultValue={v.dueOn} key={k("due")} error={e.dueOn} />
        </Field>
        <Field label="实际发放日期（已发放时填写）" name="paidOn" error={e.paidOn}>
          <TextInput name="paidOn" type="date" max={today} defaultValue={v.paidOn} key={k("paid")} error={e.paidOn} />
        </Field>
      </div>
      <Field label="备注（可选）" name="note" error={e.note}>
        <TextInput name="note" defaultValue={v.note} key={k("note")} error={e.note} />
      </Field>
      <FormMessage state={state} />
      <div>
        <Button type="submit" disabled={pending}>
          {pending ? "正在保存…" : "登记补贴"}
        </Button>
      </div>
    </form>
  );
}

/** 登记发放: the day the money was paid (today by default, not before the period began). */
export function MarkPaidForm({ action, id, periodFrom, today }: { action: Action; id: string; periodFrom: string; today: string }) {
  const [state, formAction, pending] = useActionState(action, { ok: false });
  const e = state.fieldErrors ?? {};
  return (
    <form action={formAction} className="flex flex-col gap-4" noValidate aria-label="登记发放">
      <input type="hidden" name="id" value={id} />
      <Field label="发放日期" name="paidOn" error={e.paidOn}>
        <TextInput name="paidOn" type="date" min={periodFrom} max={today} defaultValue={state.values?.paidOn ?? today} key={`paid${state.at ?? ""}`} error={e.paidOn} />
      </Field>
      <FormMessage state={state} />
      <div>
        <Button type="submit" disabled={pending}>
          {pending ? "正在保存…" : "登记发放"}
        </Button>
      </div>
    </form>
  );
}
