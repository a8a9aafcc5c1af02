"use client";
import { useActionState } from "react";
import { Field, FormMessage, SelectInput, TextArea, TextInput, UnitSelect, type UnitOption } from "@/components/ui/form";
import { Button } from "@/components/ui/button";
import {
  FINDING_CATEGORIES,
  FINDING_CATEGORY_LABELS,
  FOLLOW_UP_STATUS_LABELS,
  FOLLOW_UP_STATUSES,
  findingField,
} from "@/lib/schemas/survey";
import { UnitChecklist, type Action } from "../fields";

type Values = Record<string, string | undefined>;

/** Owner and due day of a finding, side by side from small screens up. */
function OwnerAndDue({ names, v, e, k }: { names: { owner: string; dueOn: string }; v: Values; e: Values; k: (s: string) => string }) {
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <Field label="责任人或责任部门" name={names.owner} error={e[names.owner]}>
        <TextInput name={names.owner} defaultValue={v[names.owner]} key={k(names.owner)} error={e[names.owner]} />
      </Field>
      <Field label="整改期限" name={names.dueOn} error={e[names.dueOn]} hint="可不填">
        <TextInput name={names.dueOn} type="date" defaultValue={v[names.dueOn]} key={k(names.dueOn)} error={e[names.dueOn]} />
      </Field>
    </div>
  );
}

/**
 * A new survey: who did it, when, which units it covered, what it found (one box per
 * category; more findings of a category can be added on the survey's page) and what it
 * recommends.
 */
export function SurveyForm({ action, owners, targets, ownerId }: { action: Action; owners: UnitOption[]; targets: UnitOption[]; ownerId: string }) {
  const [state, formAction, pending] = useActionState(action, { ok: false });
  const e: Values = state.fieldErrors ?? {};
  const v: Values = state.values ?? { orgUnitId: ownerId };
  const k = (s: string) => `${s}${state.at ?? ""}`;
  return (
    <form action={formAction} className="flex max-w-3xl flex-col gap-5" noValidate>
      <Field label="调研题目" name="title" error={e.title}>
        <TextInput name="title" placeholder="例如：2019年基层关工委组织建设情况调研" defaultValue={v.title} key={k("title")} error={e.title} />
      </Field>
      <Field label="开展调研的单位" name="orgUnitId" error={e.orgUnitId}>
        <UnitSelect units={owners} value={v.orgUnitId} key={k("unit")} error={e.orgUnitId} />
      </Field>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="开始日期" name="periodFrom" error={e.periodFrom}>
          <TextInput name="periodFrom" type="date" defaultValue={v.periodFrom} key={k("from")} error={e.periodFrom} />
        </Field>
        <Field label="结束日期" name="periodTo" error={e.periodTo}>
          <TextInput name="periodTo" type="date" defaultValue={v.periodTo} key={k("to")} error={e.periodTo} />
        </Field>
      </div>
      <UnitChecklist
        legend="调研覆盖的单位"
        hint="可多选：本单位及下一级单位"
        units={targets}
        checked={v.unitIds}
        error={e.unitIds}
        key={k("units")}
      />
      <Field label="调研概况" name="summary" error={e.summary} hint="可不填：调研的方式、走访了哪些地方">
        <TextArea name="summary" defaultValue={v.summary} key={k("summary")} error={e.summary} />
      </Field>

      <fieldset className="flex flex-col gap-4">
        <legend className="mb-1 text-lg font-semibold text-gray-900">发现的问题</legend>
        <p className="text-base text-gray-600">按类别填写；没有发现问题的类别留空即可。同一类别有多个问题的，保存后在调研页面继续添加。</p>
        {FINDING_CATEGORIES.map((c) => {
          const name = (f: Parameters<typeof findingField>[1]) => findingField(c, f);
          return (
            <section key={c} className="flex flex-col gap-3 rounded-lg border border-gray-200 p-4" aria-label={FINDING_CATEGORY_LABELS[c]}>
              <h3 className="text-base font-semibold text-gray-900">{FINDING_CATEGORY_LABELS[c]}</h3>
              <Field label={`${FINDING_CATEGORY_LABELS[c]}方面的问题`} name={name("text")} error={e[name("text")]}>
                <TextArea name={name("text")} rows={2} defaultValue={v[name("text")]} key={k(name("text"))} error={e[name("text")]} />
              </Field>
              <Field label="整改建议" name={name("recommendation")} error={e[name("recommendation")]} hint="可不填">
                <TextInput name={name("recommendation")} defaultValue={v[name("recommendation")]} key={k(name("recommendation"))} error={e[name("recommendation")]} />
              </Field>
              <OwnerAndDue names={{ owner: name("owner"), dueOn: name("dueOn") }} v={v} e={e} k={k} />
            </section>
          );
        })}
      </fieldset>

      <Field label="对策建议" name="recommendations" error={e.recommendations} hint="可不填：调研报告提出的总体建议">
        <TextArea name="recommendations" defaultValue={v.recommendations} key={k("recs")} error={e.recommendations} />
      </Field>
      <FormMessage state={state} />
      <div>
        <Button type="submit" disabled={pending}>
          {pending ? "正在保存…" : "保存调研"}
        </Button>
      </div>
    </form>
  );
}

/** One more finding for a survey. */
export function AddFindingForm({ action, surveyId }: { action: Action; surveyId: string }) {
  const [state, formAction, pending] = useActionState(action, { ok: false });
  const e: Values = state.fieldErrors ?? {};
  const v: Values = state.values ?? {};
  const k = (s: string) => `${s}${state.at ?? ""}`;
  return (
    <form action={formAction} className="flex flex-col gap-4" noValidate aria-label="添加问题">
      <input type="hidden" name="surveyId" value={surveyId} />
      <Field label="问题类别" name="category" error={e.category}>
        <SelectInput name="category" defaultValue={v.category ?? ""} key={k("category")} error={e.category}>
          <option value="">请选择类别</option>
          {FINDING_CATEGORIES.map((c) => (
            <option key={c} value={c}>
              {FINDING_CATEGORY_LABELS[c]}
            </option>
          ))}
        </SelectInput>
      </Field>
      <Field label="问题描述" name="text" error={e.text}>
        <TextArea name="text" rows={2} defaultValue={v.text} key={k("text")} error={e.text} />
      </Field>
      <Field label="整改建议" name="recommendation" error={e.recommendation} hint="可不填">
        <TextInput name="recommendation" defaultValue={v.recommendation} key={k("rec")} error={e.recommendation} />
      </Field>
      <OwnerAndDue names={{ owner: "owner", dueOn: "dueOn" }} v={v} e={e} k={k} />
      <FormMessage state={state} />
      <div>
        <Button type="submit" disabled={pending}>
          {pending ? "正在添加…" : "添加问题"}
        </Button>
      </div>
    </form>
  );
}

/** Follow-up of one finding: status, owner, due day, and the day it was done. */
export function FollowUpForm({ action, finding, today }: { action: Action; finding: Values & { id: string }; today: string }) {
  const [state, formAction, pending] = useActionState(action, { ok: false });
  const e: Values = state.fieldErrors ?? {};
  const v: Values = state.values ?? finding;
  const k = (s: string) => `${s}${state.at ?? ""}`;
  return (
    <form action={formAction} className="flex flex-col gap-4" noValidate aria-label="整改跟进">
      <input type="hidden" name="findingId" value={finding.id} />
      <Field label="整改状态" name="status" error={e.status}>
        <SelectInput name="status" defaultValue={v.status ?? "OPEN"} key={k("status")} error={e.status}>
          {FOLLOW_UP_STATUSES.map((s) => (
            <option key={s} value={s}>
              {FOLLOW_UP_STATUS_LABELS[s]}
            </option>
          ))}
        </SelectInput>
      </Field>
      <OwnerAndDue names={{ owner: "owner", dueOn: "dueOn" }} v={v} e={e} k={k} />
      <Field label="完成日期" name="doneOn" error={e.doneOn} hint="标记为已整改时填写">
        <TextInput name="doneOn" type="date" max={today} defaultValue={v.doneOn} key={k("done")} error={e.doneOn} />
      </Field>
      <FormMessage state={state} />
      <div>
        <Button type="submit" disabled={pending}>
          {pending ? "正在保存…" : "保存跟进情况"}
        </Button>
      </div>
    </form>
  );
}
