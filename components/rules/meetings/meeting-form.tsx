"use client";
/**
 * Recording a meeting (or correcting one): unit, kind, day, title, attendees, minutes and,
 * when new, its decisions as numbered rows ("decisions.0.text" …), three to start with and
 * more on request; rows left blank are ignored by the server.
 */
import { useActionState, useState } from "react";
import type { FormState } from "@/lib/server/actions";
import type { OrgLevel } from "@/lib/generated/prisma/enums";
import { Field, FormMessage, SelectInput, TextArea, TextInput, UnitSelect } from "@/components/ui/form";
import { Button } from "@/components/ui/button";
import { BLANK_DECISION_ROWS, decisionField, MAX_DECISIONS } from "@/lib/schemas/meeting";

export type MeetingAction = (prev: FormState, fd: FormData) => Promise<FormState>;
type Values = Record<string, string | undefined>;

export interface MeetingUnitChoice {
  id: string;
  name: string;
  depth: number;
  level: OrgLevel;
}
export interface MeetingKindChoice {
  value: string;
  label: string;
  /** Only units of this level may record it (the 例会制度); null: any unit. */
  level: OrgLevel | null;
}

/** How many decision rows to show: the form's three, or as many as came back with an error. */
function rowsIn(values: Values): number {
  const numbered = Object.keys(values)
    .map((k) => /^decisions\.(\d+)\./.exec(k)?.[1])
    .filter((n): n is string => n !== undefined)
    .map(Number);
  return Math.max(BLANK_DECISION_ROWS, ...numbered.map((n) => n + 1));
}

export function MeetingForm({
  action,
  units,
  kinds,
  today,
  initial,
}: {
  action: MeetingAction;
  /** Given when recording; the unit of a recorded meeting is fixed. */
  units?: MeetingUnitChoice[];
  kinds: MeetingKindChoice[];
  today: string;
  /** Editing: the meeting's values and its unit's level. */
  initial?: Values & { id: string; level: OrgLevel };
}) {
  const [state, formAction, pending] = useActionState(action, { ok: false });
  const e = state.fieldErrors ?? {};
  const v: Values = state.values ?? initial ?? {};
  const k = (s: string) => `${s}${state.at ?? ""}`;
  // The actor's own unit comes first and is the usual one.
  const [unitId, setUnitId] = useState(v.orgUnitId ?? units?.[0]?.id ?? "");
  const [rows, setRows] = useState(() => rowsIn(v));
  const level = initial?.level ?? units?.find((u) => u.id === unitId)?.level;
  const allowed = kinds.filter((kind) => !kind.level || !level || kind.level === level);
  return (
    <form
      action={formAction}
      className="flex max-w-2xl flex-col gap-5"
      noValidate
      aria-label={initial ? "修改会议" : "登记会议"}
      // The kinds offered follow the unit chosen (change events bubble up to the form).
      onChange={(ev) => {
        const field: EventTarget = ev.target;
        if (field instanceof HTMLSelectElement && field.name === "orgUnitId") setUnitId(field.value);
      }}
    >
      {initial && <input type="hidden" name="id" value={initial.id} />}
      {units && (
        <Field label="召开会议的单位" name="orgUnitId" error={e.orgUnitId}>
          <UnitSelect units={units} value={unitId} key={k("unit")} error={e.orgUnitId} placeholder="请选择单位" />
        </Field>
      )}
      <div className="grid gap-5 sm:grid-cols-2">
        <Field label="会议类型" name="kind" error={e.kind} hint={level && level !== "DISTRICT" ? "周例会、月例会和全年总结会由区关工委召开" : undefined}>
          <SelectInput name="kind" defaultValue={v.kind ?? ""} key={k(`kind${level ?? ""}`)} error={e.kind}>
            <option value="">请选择会议类型</option>
            {allowed.map((kind) => (
              <option key={kind.value} value={kind.value}>
                {kind.label}
              </option>
            ))}
          </SelectInput>
        </Field>
        <Field label="会议日期" name="heldOn" error={e.heldOn}>
          <TextInput name="heldOn" type="date" max={today} defaultValue={v.heldOn ?? today} key={k("heldOn")} error={e.heldOn} />
        </Field>
      </div>
      <Field label="会议名称" name="title" error={e.title} hint="例如：区关工委驻会成员例会（第6周）">
        <TextInput name="title" defaultValue={v.title} key={k("title")} error={e.title} autoComplete="off" />
      </Field>
      <Field label="参会人员" name="attendees" error={e.attendees} hint="姓名，或“区关工委驻会成员”这样的说明">
        <TextArea name="attendees" rows={2} defaultValue={v.attendees} key={k("attendees")} error={e.attendees} />
      </Field>
      <Field label="会议纪要" name="minutes" error={e.minutes}>
        <TextArea name="minutes" rows={5} defaultValue={v.minutes} key={k("minutes")} error={e.minutes} />
      </Field>

      {!initial && (
        <fieldset className="flex flex-col gap-4">
          <legend className="mb-1 text-lg font-semibold text-gray-900">决定事项</legend>
          <p className="text-base text-gray-600">每项写明内容、责任人和完成期限；不需要的行留空即可。</p>
          {Array.from({ length: rows }, (_, i) => (
            <DecisionRow key={k(`row${i}`)} index={i} values={v} errors={e} />
          ))}
          {rows < MAX_DECISIONS && (
            <div>
              <Button type="button" variant="secondary" onClick={() => setRows((n) => n + 1)}>
                ＋ 再加一项决定
              </Button>
            </div>
          )}
        </fieldset>
      )}

      <FormMessage state={state} />
      <div>
        <Button type="submit" disabled={pending}>
          {pending ? "正在保存…" : initial ? "保存修改" : "登记会议"}
        </Button>
      </div>
    </form>
  );
}

function DecisionRow({ index, values, errors }: { index: number; values: Values; errors: Record<string, string> }) {
  const name = (f: "text" | "owner" | "dueOn") => decisionField(index, f);
  return (
    <div className="grid gap-3 rounded-md border border-gray-200 p-3 sm:grid-cols-[2fr_1fr_1fr]" role="group" aria-label={`决定事项 ${index + 1}`}>
      <Field label={`事项 ${index + 1}`} name={name("text")} error={errors[name("text")]}>
        <TextInput name={name("text")} defaultValue={values[name("text")]} error={errors[name("text")]} autoComplete="off" />
      </Field>
      <Field label="责任人" name={name("owner")} error={errors[name("owner")]}>
        <TextInput name={name("owner")} defaultValue={values[name("owner")]} error={errors[name("owner")]} />
      </Field>
      <Field label="完成期限" name={name("dueOn")} error={errors[name("dueOn")]}>
        <TextInput name={name("dueOn")} type="date" defaultValue={values[name("dueOn")]} error={errors[name("dueOn")]} />
      </Field>
    </div>
  );
}
