"use client";
import { useActionState, useState } from "react";
import type { FormState } from "@/lib/server/actions";
import { Field, FormMessage, TextInput } from "@/components/ui/form";
import { Button } from "@/components/ui/button";
import { COUNT_LABELS, COUNTS_ONLY, FIELDS_OF_LEVEL, LOCKED_MESSAGE, MINORS_OVER_YOUTH, type CountField, type ReportingLevel } from "@/lib/schemas/zero-crime";

export type Action = (prev: FormState, fd: FormData) => Promise<FormState>;

const HINTS: Record<CountField, string> = {
  youthOffenders: "25 周岁以下，当年违法犯罪的人数；没有请填 0",
  minorOffenders: `其中 18 周岁以下的人数；${MINORS_OVER_YOUTH}`,
  studentOffenders: "本校在校学生当年违法犯罪的人数；没有请填 0",
};

/**
 * One unit's counts for one year. Only the counts of the unit's kind are asked; there is
 * no field for names or case details, and the form says so. Locked (confirmed, or a
 * read-only role) shows the counts in disabled fields; the district's change of a
 * confirmed record asks for a reason.
 */
export function ZeroCrimeReportForm({
  action,
  unitId,
  year,
  level,
  initial,
  mode,
  hasRecord,
}: {
  action: Action;
  unitId: string;
  year: number;
  level: ReportingLevel;
  initial: Partial<Record<CountField, string>>;
  mode: "open" | "locked" | "amend";
  hasRecord: boolean;
}) {
  const [state, formAction, pending] = useActionState(action, { ok: false });
  const e = state.fieldErrors ?? {};
  const v: Record<string, string | undefined> = state.ok ? { ...initial, ...state.values, reason: "" } : (state.values ?? initial);
  const k = (s: string) => `${s}${state.at ?? ""}`;
  const locked = mode === "locked";
  return (
    <form action={formAction} className="flex max-w-xl flex-col gap-5" noValidate aria-label="上报零犯罪情况">
      <p className="rounded-md bg-amber-50 px-3 py-2 text-base text-amber-900">{COUNTS_ONLY}</p>
      {locked && (
        <p role="status" className="rounded-md bg-gray-100 px-3 py-2 text-base text-gray-800" data-testid="zero-crime-locked">
          {LOCKED_MESSAGE}。如需更正，请联系区关工委。
        </p>
      )}
      <input type="hidden" name="orgUnitId" value={unitId} />
      <input type="hidden" name="year" value={year} />
      <fieldset disabled={locked} className="flex flex-col gap-5">
        {FIELDS_OF_LEVEL[level].map((f) => (
          <Field key={f} label={COUNT_LABELS[f]} name={f} error={e[f]} hint={HINTS[f]}>
            <TextInput name={f} inputMode="numeric" autoComplete="off" defaultValue={v[f]} key={k(f)} error={e[f]} className="max-w-40" />
          </Field>
        ))}
        {mode === "amend" && (
          <Field label="修改原因（必填）" name="reason" error={e.reason} hint="该记录已由区关工委确认，修改须说明原因，原因记入操作日志；只写原因，不写姓名和案情">
            <TextInput name="reason" autoComplete="off" defaultValue={v.reason} key={k("reason")} error={e.reason} />
          </Field>
        )}
      </fieldset>
      {e.orgUnitId && <p className="text-base text-red-700">{e.orgUnitId}</p>}
      <FormMessage state={state} />
      {!locked && (
        <div>
          <Button type="submit" disabled={pending}>
            {pending ? "正在保存…" : mode === "amend" ? "保存修改" : hasRecord ? "保存修改" : "上报"}
          </Button>
        </div>
      )}
    </form>
  );
}

/**
 * A confirmation the district gives with one button: asks once more before it acts
 * (confirming locks the records for the units and towns).
 */
export function ConfirmForm({ action, fields, label, ask }: { action: Action; fields: Record<string, string>; label: string; ask: string }) {
  const [state, formAction, pending] = useActionState(action, { ok: false });
  const [asking, setAsking] = useState(false);
  return (
    <form action={formAction} className="flex flex-col gap-3">
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {asking ? (
        <div className="flex flex-col gap-3">
          <p className="text-base text-gray-800">{ask}</p>
          <div className="flex flex-wrap gap-2">
            <Button type="submit" disabled={pending}>
              {pending ? "正在确认…" : "确定"}
            </Button>
            <Button type="button" variant="secondary" onClick={() => setAsking(false)}>
              取消
            </Button>
          </div>
        </div>
      ) : (
        <div>
          <Button type="button" onClick={() => setAsking(true)}>
            {label}
          </Button>
        </div>
      )}
      <FormMessage state={state} />
    </form>
  );
}
