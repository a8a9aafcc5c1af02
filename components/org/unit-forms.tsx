"use client";
/**
 * Forms that change the org tree (新增下级单位, 修改, 移动到…, 撤销, 恢复, 撤并到…). Each
 * sends only its own fields; the server judges every rule and answers beside the field.
 */
import { useActionState, useState, type ReactNode } from "react";
import type { FormState } from "@/lib/server/actions";
import { Field, FormMessage, SelectInput, TextInput, UnitSelect, type UnitOption } from "@/components/ui/form";
import { Button, type ButtonVariant } from "@/components/ui/button";
import { kindsOfLevel, NEW_UNIT_LEVEL_LABELS, type NewUnitLevel } from "@/lib/schemas/org";

type Action = (prev: FormState, fd: FormData) => Promise<FormState>;

const CODE_HINTS: Record<NewUnitLevel, (parentCode: string) => string> = {
  TOWN: (p) => `9 位数字：本区代码 ${p} 加 3 位，例如 ${p}001`,
  VILLAGE: (p) => `12 位数字：所属镇（街道）代码 ${p} 加 3 位，例如 ${p}001`,
  SCHOOL: () => "区内唯一的代码，如 10 位学校标识码（数字和字母，最多 20 位）",
};

/**
 * Field with its own element id: the unit page holds several of these forms at once
 * (新增 and 修改 both have name, kind, code), so ids carry the form's prefix.
 */
function F({ id, name, label, error, hint, children }: { id: string; name: string; label: string; error?: string; hint?: string; children: ReactNode }) {
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-base font-medium text-gray-800">
        {label}
      </label>
      {children}
      {hint && !error && <p className="text-sm text-gray-500">{hint}</p>}
      {error && (
        <p id={`${id}-error`} className="text-base text-red-700" data-field-error={name}>
          {error}
        </p>
      )}
    </div>
  );
}

/** id and aria-describedby for an input of a prefixed form. */
const ids = (prefix: string, name: string, error?: string) => ({
  id: `${prefix}-${name}`,
  "aria-describedby": error ? `${prefix}-${name}-error` : undefined,
});

/** The form-level message, unless it only repeats what already stands beside a field. */
function Message({ state }: { state: FormState }) {
  const repeated = !state.ok && Object.values(state.fieldErrors ?? {}).includes(state.message ?? "");
  return <FormMessage state={repeated ? { ...state, message: "请按红字提示修改后再提交" } : state} />;
}

/** The form's message and its submit button, which names what it is doing while the server works. */
function Submit({ state, pending, variant = "primary", busy, label }: { state: FormState; pending: boolean; variant?: ButtonVariant; busy: string; label: string }) {
  return (
    <>
      <Message state={state} />
      <div>
        <Button type="submit" variant={variant} disabled={pending}>
          {pending ? busy : label}
        </Button>
      </div>
    </>
  );
}

/** A section that opens on demand, with a large tap target. */
export function Disclosure({ label, children, testId, open }: { label: string; children: ReactNode; testId?: string; open?: boolean }) {
  return (
    <details className="rounded-md border border-gray-200" data-testid={testId} open={open}>
      <summary className="flex min-h-12 cursor-pointer items-center px-4 text-base font-medium text-accent">{label}</summary>
      <div className="border-t border-gray-200 p-4">{children}</div>
    </details>
  );
}

export function CreateUnitForm({
  action,
  parent,
  levels,
  today,
}: {
  action: Action;
  parent: { id: string; name: string; code: string };
  levels: NewUnitLevel[];
  today: string;
}) {
  const [state, formAction, pending] = useActionState(action, { ok: false });
  const e = state.fieldErrors ?? {};
  const v = state.ok ? {} : (state.values ?? {});
  const [level, setLevel] = useState<NewUnitLevel>((v.level as NewUnitLevel) || levels[0]);
  const k = (s: string) => `${s}${state.at ?? ""}`;
  return (
    <form action={formAction} className="flex max-w-xl flex-col gap-4" noValidate aria-label="新增下级单位">
      <input type="hidden" name="parentId" value={parent.id} />
      <p className="text-base text-gray-700">
        上级单位：<span className="font-medium text-gray-900">{parent.name}</span>
      </p>
      {e.parentId && (
        <p className="text-base text-red-700" data-field-error="parentId">
          {e.parentId}
        </p>
      )}
      <div className="grid gap-4 sm:grid-cols-2">
        <F id="new-level" name="level" label="单位层级" error={e.level}>
          <SelectInput name="level" {...ids("new", "level", e.level)} value={level} onChange={(ev) => setLevel(ev.target.value as NewUnitLevel)} error={e.level}>
            {levels.map((l) => (
              <option key={l} value={l}>
                {NEW_UNIT_LEVEL_LABELS[l]}
              </option>
            ))}
          </SelectInput>
        </F>
        <F id="new-kind" name="kind" label="单位类型" error={e.kind}>
          <SelectInput name="kind" {...ids("new", "kind", e.kind)} defaultValue={v.kind ?? ""} key={k(`kind${level}`)} error={e.kind}>
            <option value="">请选择类型</option>
            {kindsOfLevel(level).map((kind) => (
              <option key={kind} value={kind}>
                {kind}
              </option>
            ))}
          </SelectInput>
        </F>
      </div>
      <F id="new-name" name="name" label="单位名称" error={e.name} hint="例如：健康社区、城南小学">
        <TextInput name="name" {...ids("new", "name", e.name)} defaultValue={v.name} key={k("name")} error={e.name} autoComplete="off" />
      </F>
      <F id="new-code" name="code" label="单位代码" error={e.code} hint={CODE_HINTS[level](parent.code)}>
        <TextInput
          name="code"
          {...ids("new", "code", e.code)}
          inputMode={level === "SCHOOL" ? "text" : "numeric"}
          defaultValue={v.code}
          key={k("code")}
          error={e.code}
          autoComplete="off"
        />
      </F>
      <F id="new-committeeEstablishedOn" name="committeeEstablishedOn" label="关工委成立日期（可不填）" error={e.committeeEstablishedOn} hint="不填表示尚未成立关工委">
        <TextInput
          name="committeeEstablishedOn"
          {...ids("new", "committeeEstablishedOn", e.committeeEstablishedOn)}
          type="date"
          max={today}
          defaultValue={v.committeeEstablishedOn}
          key={k("est")}
          error={e.committeeEstablishedOn}
        />
      </F>
      <Submit state={state} pending={pending} busy="正在保存…" label="新增单位" />
    </form>
  );
}

/** 修改: name, kind (within its level) and code. */
export function EditUnitForm({
  action,
  unit,
}: {
  action: Action;
  unit: { id: string; name: string; kind: string; code: string; level: string; isRoot: boolean };
}) {
  const [state, formAction, pending] = useActionState(action, { ok: false });
  const e = state.fieldErrors ?? {};
  const v = state.ok ? {} : (state.values ?? {});
  const k = (s: string) => `${s}${state.at ?? ""}`;
  return (
    <form action={formAction} className="flex max-w-xl flex-col gap-4" noValidate aria-label="修改单位">
      <input type="hidden" name="id" value={unit.id} />
      <input type="hidden" name="op" value="edit" />
      <F id="edit-name" name="name" label="单位名称" error={e.name}>
        <TextInput name="name" {...ids("edit", "name", e.name)} defaultValue={v.name ?? unit.name} key={k("name")} error={e.name} autoComplete="off" />
      </F>
      {!unit.isRoot && (
        <div className="grid gap-4 sm:grid-cols-2">
          <F id="edit-kind" name="kind" label="单位类型" error={e.kind}>
            <SelectInput name="kind" {...ids("edit", "kind", e.kind)} defaultValue={v.kind ?? unit.kind} key={k("kind")} error={e.kind}>
              {kindsOfLevel(unit.level).map((kind) => (
                <option key={kind} value={kind}>
                  {kind}
                </option>
              ))}
            </SelectInput>
          </F>
          <F id="edit-code" name="code" label="单位代码" error={e.code}>
            <TextInput name="code" {...ids("edit", "code", e.code)} defaultValue={v.code ?? unit.code} key={k("code")} error={e.code} autoComplete="off" />
          </F>
        </div>
      )}
      {e._ && <p className="text-base text-red-700">{e._}</p>}
      <Submit state={state} pending={pending} variant="secondary" busy="正在保存…" label="保存修改" />
    </form>
  );
}

/** 移动到…: only the parents that may hold this unit are offered. */
export function MoveUnitForm({ action, unitId, targets }: { action: Action; unitId: string; targets: UnitOption[] }) {
  const [state, formAction, pending] = useActionState(action, { ok: false });
  const e = state.fieldErrors ?? {};
  return (
    <form action={formAction} className="flex max-w-xl flex-col gap-4" noValidate aria-label="移动单位">
      <input type="hidden" name="id" value={unitId} />
      <input type="hidden" name="op" value="move" />
      <Field label="新的上级单位" name="parentId" error={e.parentId} hint="下级单位随之移动；用户的查看范围也随之调整">
        <UnitSelect name="parentId" units={targets} value={state.ok ? undefined : state.values?.parentId} key={`p${state.at}`} error={e.parentId} placeholder="请选择新的上级单位" />
      </Field>
      <Submit state={state} pending={pending} variant="secondary" busy="正在移动…" label="移动" />
    </form>
  );
}

/** 撤销 on a date, after a confirm: the unit keeps its history but leaves current lists. */
export function CloseUnitForm({ action, unitId, unitName, today }: { action: Action; unitId: string; unitName: string; today: string }) {
  const [state, formAction, pending] = useActionState(action, { ok: false });
  const e = state.fieldErrors ?? {};
  return (
    <form
      action={formAction}
      className="flex max-w-xl flex-col gap-4"
      noValidate
      aria-label="撤销单位"
      onSubmit={(ev) => {
        if (!window.confirm(`确定撤销「${unitName}」吗？撤销后它不再出现在当前名单和选择列表中，历史记录保留，可以再恢复。`)) ev.preventDefault();
      }}
    >
      <input type="hidden" name="id" value={unitId} />
      <input type="hidden" name="op" value="close" />
      <p className="text-base text-gray-700">撤销后，该单位的历史记录保留，统计只计入它存在的年份；挂在该单位的用户将不能再登录。</p>
      <Field label="撤销日期" name="closedOn" error={e.closedOn} hint="从这一天起该单位不再存在">
        <TextInput name="closedOn" type="date" max={today} defaultValue={state.ok ? "" : (state.values?.closedOn ?? "")} key={`c${state.at}`} error={e.closedOn} />
      </Field>
      <Submit state={state} pending={pending} variant="danger" busy="正在撤销…" label="确认撤销" />
    </form>
  );
}

/** 恢复 a closed unit. */
export function ReopenUnitForm({ action, unitId }: { action: Action; unitId: string }) {
  const [state, formAction, pending] = useActionState(action, { ok: false });
  const e = state.fieldErrors ?? {};
  return (
    <form action={formAction} className="flex flex-col gap-3" noValidate aria-label="恢复单位">
      <input type="hidden" name="id" value={unitId} />
      <input type="hidden" name="op" value="reopen" />
      <input type="hidden" name="reopen" value="true" />
      {e.reopen && <p className="text-base text-red-700" data-field-error="reopen">{e.reopen}</p>}
      <Submit state={state} pending={pending} variant="secondary" busy="正在恢复…" label="恢复该单位" />
    </form>
  );
}

/** 撤并到…: another village, on a date, after a confirm. */
export function MergeUnitForm({
  action,
  unitId,
  unitName,
  targets,
  today,
}: {
  action: Action;
  unitId: string;
  unitName: string;
  targets: UnitOption[];
  today: string;
}) {
  const [state, formAction, pending] = useActionState(action, { ok: false });
  const e = state.fieldErrors ?? {};
  const v = state.ok ? {} : (state.values ?? {});
  return (
    <form
      action={formAction}
      className="flex max-w-xl flex-col gap-4"
      noValidate
      aria-label="撤并单位"
      onSubmit={(ev) => {
        if (!window.confirm(`确定将「${unitName}」撤并吗？现任班子、志愿者和辅导站将转入并入的村（社区），本单位的历史记录保留。`)) ev.preventDefault();
      }}
    >
      <input type="hidden" name="id" value={unitId} />
      <p className="text-base text-gray-700">
        撤并后本单位撤销；现任班子成员、未退出的志愿者和在用辅导站转入并入的村（社区）。若对方已有主任或常务副主任，转入的同职务人员改任副主任。已有的活动、会议、考核和零犯罪记录仍属本单位。
      </p>
      <Field label="并入的村（社区）" name="intoId" error={e.intoId}>
        <UnitSelect name="intoId" units={targets} value={v.intoId} key={`i${state.at}`} error={e.intoId} placeholder="请选择并入的村（社区）" />
      </Field>
      <Field label="撤并日期" name="on" error={e.on}>
        <TextInput name="on" type="date" max={today} defaultValue={v.on ?? ""} key={`o${state.at}`} error={e.on} />
      </Field>
      <Submit state={state} pending={pending} variant="danger" busy="正在撤并…" label="确认撤并" />
    </form>
  );
}
