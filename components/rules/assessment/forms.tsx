"use client";
import { useActionState, useState } from "react";
import type { FormState } from "@/lib/server/actions";
import type { CriterionRow } from "@/lib/server/rules/assessment";
import { Field, FormMessage, TextArea, TextInput } from "@/components/ui/form";
import { Button, type ButtonVariant } from "@/components/ui/button";

export type Action = (prev: FormState, fd: FormData) => Promise<FormState>;

/**
 * A year's criteria: full marks per item, pass mark, guidance. New (year editable) or an
 * edit of a year that has no score yet (year fixed). Fields named `weights.X` nest on the server.
 */
export function CriteriaForm({
  action,
  criteria,
  year,
  passMark,
  isNew,
}: {
  action: Action;
  /** The items with their current (or default) full marks and guidance. */
  criteria: CriterionRow[];
  year: number;
  passMark: number;
  isNew: boolean;
}) {
  const [state, formAction, pending] = useActionState(action, { ok: false });
  const e = state.fieldErrors ?? {};
  const v = state.ok ? {} : (state.values ?? {});
  const k = (s: string) => `${s}${state.at ?? ""}`;
  return (
    <form action={formAction} className="flex flex-col gap-4" noValidate aria-label={isNew ? "新建年度考核标准" : `修改 ${year} 年度考核标准`}>
      {isNew ? (
        <Field label="考核年度" name="year" error={e.year} hint={`${2000}–${2100} 年`}>
          <TextInput name="year" inputMode="numeric" defaultValue={v.year ?? String(year)} key={k("year")} error={e.year} className="max-w-40" />
        </Field>
      ) : (
        <input type="hidden" name="year" value={year} />
      )}
      {criteria.map((c) => {
        const w = `weights.${c.item}`;
        const g = `guidance.${c.item}`;
        return (
          <div key={c.item} className="grid gap-3 sm:grid-cols-[10rem_1fr]">
            <Field label={`${c.label}满分`} name={w} error={e[w]}>
              <TextInput name={w} inputMode="numeric" defaultValue={v[w] ?? String(c.weight)} key={k(w)} error={e[w]} />
            </Field>
            <Field label={`${c.label}评分要点`} name={g} error={e[g]}>
              <TextInput name={g} defaultValue={v[g] ?? c.guidance ?? ""} key={k(g)} error={e[g]} placeholder="选填，评分时显示给评分人" />
            </Field>
          </div>
        );
      })}
      <Field label="达标分数线" name="passMark" error={e.passMark} hint="总分达到此分数即为达标，不能高于各项满分之和">
        <TextInput name="passMark" inputMode="numeric" defaultValue={v.passMark ?? String(passMark)} key={k("pass")} error={e.passMark} className="max-w-40" />
      </Field>
      <FormMessage state={state} />
      <div>
        <Button type="submit" variant={isNew ? "primary" : "secondary"} disabled={pending}>
          {pending ? "正在保存…" : isNew ? "建立考核标准（草稿）" : "保存考核标准"}
        </Button>
      </div>
    </form>
  );
}

/** One step of a year (publish, confirm): a button with what it means beside it. */
export function RoundStepForm({ action, year, label, hint, variant = "primary" }: { action: Action; year: number; label: string; hint: string; variant?: ButtonVariant }) {
  const [state, formAction, pending] = useActionState(action, { ok: false });
  return (
    <form action={formAction} className="flex flex-col gap-2">
      <input type="hidden" name="year" value={year} />
      <p className="text-base text-gray-600">{hint}</p>
      <div>
        <Button type="submit" variant={variant} disabled={pending}>
          {pending ? "正在处理…" : label}
        </Button>
      </div>
      <FormMessage state={state} />
    </form>
  );
}

/**
 * A village's score: points per item (0..full marks), a comment, and when amending a
 * confirmed year the reason. The running total is only a preview; the server computes it.
 */
export function ScoreForm({
  action,
  year,
  unitId,
  criteria,
  passMark,
  initial,
  amend,
}: {
  action: Action;
  year: number;
  unitId: string;
  criteria: CriterionRow[];
  passMark: number;
  initial?: { points: Record<string, number>; comment: string | null };
  /** A confirmed year amended by the district: a reason is required. */
  amend: boolean;
}) {
  const [state, formAction, pending] = useActionState(action, { ok: false });
  const e = state.fieldErrors ?? {};
  const v = state.values ?? {};
  const k = (s: string) => `${s}${state.at ?? ""}`;
  const [typed, setTyped] = useState<Record<string, string>>(() =>
    Object.fromEntries(criteria.map((c) => [c.item, v[`points.${c.item}`] ?? (initial ? String(initial.points[c.item] ?? "") : "")])),
  );
  const numbers = criteria.map((c) => Number(typed[c.item]));
  const complete = criteria.every((c) => typed[c.item]?.trim() !== "") && numbers.every(Number.isFinite);
  const total = numbers.reduce((a, b) => a + (Number.isFinite(b) ? b : 0), 0);
  const full = criteria.reduce((a, c) => a + c.weight, 0);
  return (
    <form action={formAction} className="flex max-w-xl flex-col gap-4" noValidate aria-label="评分">
      <input type="hidden" name="year" value={year} />
      <input type="hidden" name="orgUnitId" value={unitId} />
      {criteria.map((c) => {
        const name = `points.${c.item}`;
        return (
          <Field key={c.item} label={`${c.label}（满分 ${c.weight} 分）`} name={name} error={e[name]} hint={c.guidance ?? undefined}>
            <TextInput
              name={name}
              inputMode="numeric"
              defaultValue={typed[c.item]}
              key={k(name)}
              error={e[name]}
              onChange={(ev) => setTyped((t) => ({ ...t, [c.item]: ev.target.value }))}
              className="max-w-40"
            />
          </Field>
        );
      })}
      <p className="text-base text-gray-700" aria-live="polite">
        合计 <span className="font-semibold tabular-nums">{total}</span> / {full} 分（达标分数线 {passMark} 分）
        {complete && (total >= passMark ? <span className="ml-2 text-green-700">达标</span> : <span className="ml-2 text-amber-800">未达标</span>)}
      </p>
      <Field label="评语" name="comment" error={e.comment}>
        <TextArea name="comment" rows={3} defaultValue={v.comment ?? initial?.comment ?? ""} key={k("comment")} error={e.comment} />
      </Field>
      {amend && (
        <Field label="修改原因" name="reason" error={e.reason} hint="该年度考核已确认，修改分数须写明原因，并记入操作日志">
          <TextArea name="reason" rows={2} required defaultValue={v.reason ?? ""} key={k("reason")} error={e.reason} />
        </Field>
      )}
      <FormMessage state={state} />
      <div>
        <Button type="submit" disabled={pending}>
          {pending ? "正在保存…" : amend ? "保存修改" : "保存评分"}
        </Button>
      </div>
    </form>
  );
}

/** 评为先进 / 取消先进 for one passed village of the year. */
export function AdvancedToggle({ action, year, orgUnitId, name, advanced }: { action: Action; year: number; orgUnitId: string; name: string; advanced: boolean }) {
  const [state, formAction, pending] = useActionState(action, { ok: false });
  return (
    <form action={formAction} className="flex flex-col gap-1">
      <input type="hidden" name="year" value={year} />
      <input type="hidden" name="orgUnitId" value={orgUnitId} />
      {!advanced && <input type="hidden" name="advanced" value="on" />}
      <Button type="submit" variant="secondary" disabled={pending} aria-label={advanced ? `取消${name}的先进单位` : `将${name}评为先进单位`} className="whitespace-nowrap">
        {advanced ? "取消先进" : "评为先进"}
      </Button>
      {state.message && !state.ok && <FormMessage state={state} />}
    </form>
  );
}
