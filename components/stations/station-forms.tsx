"use client";
import { useActionState, useState } from "react";
import type { FormState } from "@/lib/server/actions";
import { CheckboxField, Field, FormMessage, SelectInput, TextArea, TextInput, UnitSelect, type UnitOption } from "@/components/ui/form";
import { Button } from "@/components/ui/button";
import { PURCHASE_ITEM_LABELS, PURCHASE_ITEMS, SUMMER_PLAN_NEXT, SUMMER_PLAN_STATUS_LABELS, type SummerPlanStatus } from "@/lib/schemas/station";

export type Action = (prev: FormState, fd: FormData) => Promise<FormState>;
type Values = Record<string, string | undefined>;

/** Register or edit a station: host unit (new only), name, address, paired school, tutors, e-reading room. */
export function StationForm({
  action,
  hosts,
  schools,
  initial,
  today,
}: {
  action: Action;
  /** Given when registering; the host is fixed afterwards. */
  hosts?: UnitOption[];
  schools: UnitOption[];
  initial?: Values & { id: string };
  today: string;
}) {
  const [state, formAction, pending] = useActionState(action, { ok: false });
  const e = state.fieldErrors ?? {};
  const v: Values = state.values ?? initial ?? {};
  const k = (s: string) => `${s}${state.at ?? ""}`;
  const checked = (name: string) => v[name] === "on";
  return (
    <form action={formAction} className="flex max-w-xl flex-col gap-5" noValidate>
      {initial && <input type="hidden" name="id" value={initial.id} />}
      {hosts && (
        <Field label="所在镇（街道）或村（社区）" name="orgUnitId" error={e.orgUnitId}>
          <UnitSelect units={hosts} value={v.orgUnitId} key={k("unit")} error={e.orgUnitId} placeholder="请选择所在单位" />
        </Field>
      )}
      <Field label="辅导站名称" name="name" error={e.name} hint="例如：健康社区校外辅导站">
        <TextInput name="name" defaultValue={v.name} key={k("name")} error={e.name} autoComplete="off" />
      </Field>
      <Field label="地址" name="address" error={e.address}>
        <TextInput name="address" defaultValue={v.address} key={k("address")} error={e.address} />
      </Field>
      <Field label="挂钩学校" name="pairedSchoolId" error={e.pairedSchoolId} hint="校站结合：与本站挂钩的中小学">
        <SelectInput name="pairedSchoolId" defaultValue={v.pairedSchoolId ?? ""} key={k("school")} error={e.pairedSchoolId}>
          <option value="">（暂无挂钩学校）</option>
          {schools.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </SelectInput>
      </Field>
      <Field label="辅导员" name="tutors" error={e.tutors} hint="多位用逗号或顿号分开，例如：王老师、李老师">
        <TextInput name="tutors" defaultValue={v.tutors} key={k("tutors")} error={e.tutors} />
      </Field>
      <fieldset className="flex flex-col gap-3">
        <legend className="mb-1 text-base font-medium text-gray-800">青少年电子阅览室</legend>
        <CheckboxField name="eReadingRoom" label="有电子阅览室" defaultChecked={checked("eReadingRoom")} key={k("room")} error={e.eReadingRoom} />
        <CheckboxField
          name="eReadingRoomUpToStandard"
          label="电子阅览室达标"
          hint="达标须有阅览室，并填写检查日期"
          defaultChecked={checked("eReadingRoomUpToStandard")}
          key={k("std")}
          error={e.eReadingRoomUpToStandard}
        />
        <Field label="检查日期" name="eReadingRoomCheckedOn" error={e.eReadingRoomCheckedOn}>
          <TextInput
            name="eReadingRoomCheckedOn"
            type="date"
            max={today}
            defaultValue={v.eReadingRoomCheckedOn}
            key={k("checked")}
            error={e.eReadingRoomCheckedOn}
          />
        </Field>
      </fieldset>
      <FormMessage state={state} />
      <div>
        <Button type="submit" disabled={pending}>
          {pending ? "正在保存…" : initial ? "保存修改" : "登记辅导站"}
        </Button>
      </div>
    </form>
  );
}

/** A purchase for one station (hidden stationId) or a picked station. */
export function PurchaseForm({ action, stationId, stations, today }: { action: Action; stationId?: string; stations?: UnitOption[]; today: string }) {
  const [state, formAction, pending] = useActionState(action, { ok: false });
  const e = state.fieldErrors ?? {};
  const v: Values = state.ok ? {} : (state.values ?? {});
  const [item, setItem] = useState(v.item ?? "");
  return (
    <form action={formAction} className="flex flex-col gap-4" noValidate key={state.ok ? state.at : undefined} aria-label="登记购置设备">
      {stationId ? (
        <input type="hidden" name="stationId" value={stationId} />
      ) : (
        <Field label="辅导站" name="stationId" error={e.stationId}>
          <UnitSelect name="stationId" units={stations ?? []} value={v.stationId} key={`s${state.at}`} error={e.stationId} placeholder="请选择辅导站" />
        </Field>
      )}
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="物品" name="item" error={e.item}>
          <SelectInput name="item" defaultValue={v.item ?? ""} key={`i${state.at}`} error={e.item} onChange={(ev) => setItem(ev.target.value)}>
            <option value="">请选择物品</option>
            {PURCHASE_ITEMS.map((i) => (
              <option key={i} value={i}>
                {PURCHASE_ITEM_LABELS[i]}
              </option>
            ))}
          </SelectInput>
        </Field>
        <Field label="数量" name="quantity" error={e.quantity}>
          <TextInput name="quantity" inputMode="numeric" defaultValue={v.quantity} key={`q${state.at}`} error={e.quantity} />
        </Field>
      </div>
      {(item === "OTHER" || e.itemName) && (
        <Field label="物品名称" name="itemName" error={e.itemName}>
          <TextInput name="itemName" placeholder="例如：投影仪" defaultValue={v.itemName} key={`n${state.at}`} error={e.itemName} />
        </Field>
      )}
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="金额（元）" name="cost" error={e.cost} hint="最多两位小数">
          <TextInput name="cost" inputMode="decimal" defaultValue={v.cost} key={`c${state.at}`} error={e.cost} />
        </Field>
        <Field label="购置日期" name="purchasedOn" error={e.purchasedOn}>
          <TextInput name="purchasedOn" type="date" max={today} defaultValue={v.purchasedOn ?? today} key={`d${state.at}`} error={e.purchasedOn} />
        </Field>
      </div>
      <FormMessage state={state} />
      <div>
        <Button type="submit" variant="secondary" disabled={pending}>
          {pending ? "正在登记…" : "登记购置"}
        </Button>
      </div>
    </form>
  );
}

/** Money raised: for a station (hidden or picked) or, without a station, for a unit. */
export function FundingForm({
  action,
  stationId,
  stations,
  units,
  today,
}: {
  action: Action;
  stationId?: string;
  stations?: UnitOption[];
  units?: UnitOption[];
  today: string;
}) {
  const [state, formAction, pending] = useActionState(action, { ok: false });
  const e = state.fieldErrors ?? {};
  const v: Values = state.ok ? {} : (state.values ?? {});
  return (
    <form action={formAction} className="flex flex-col gap-4" noValidate key={state.ok ? state.at : undefined} aria-label="登记筹集资金">
      {stationId ? (
        <input type="hidden" name="stationId" value={stationId} />
      ) : (
        <>
          <Field label="辅导站" name="stationId" error={e.stationId} hint="资金用于某个辅导站时选择；否则选下面的筹资单位">
            <UnitSelect name="stationId" units={stations ?? []} value={v.stationId} key={`s${state.at}`} error={e.stationId} placeholder="（不指定辅导站）" />
          </Field>
          <Field label="筹资单位" name="orgUnitId" error={e.orgUnitId}>
            <UnitSelect units={units ?? []} value={v.orgUnitId} key={`u${state.at}`} error={e.orgUnitId} placeholder="（按辅导站所在单位）" />
          </Field>
        </>
      )}
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="金额（元）" name="amount" error={e.amount} hint="最多两位小数，例如 1234.56">
          <TextInput name="amount" inputMode="decimal" defaultValue={v.amount} key={`a${state.at}`} error={e.amount} />
        </Field>
        <Field label="到账日期" name="receivedOn" error={e.receivedOn}>
          <TextInput name="receivedOn" type="date" max={today} defaultValue={v.receivedOn ?? today} key={`d${state.at}`} error={e.receivedOn} />
        </Field>
      </div>
      <Field label="资金来源" name="source" error={e.source}>
        <TextInput name="source" placeholder="例如：区财政、社会捐赠" defaultValue={v.source} key={`o${state.at}`} error={e.source} />
      </Field>
      <Field label="备注" name="note" error={e.note}>
        <TextInput name="note" defaultValue={v.note} key={`n${state.at}`} error={e.note} />
      </Field>
      <FormMessage state={state} />
      <div>
        <Button type="submit" variant="secondary" disabled={pending}>
          {pending ? "正在登记…" : "登记资金"}
        </Button>
      </div>
    </form>
  );
}

export interface CommitteeOption {
  id: string;
  name: string;
  depth: number;
  schools: { id: string; name: string }[];
}

/** A new summer plan: committee (with a paired school), school, year, dates, planned activities. */
export function SummerPlanForm({ action, committees, year }: { action: Action; committees: CommitteeOption[]; year: number }) {
  const [state, formAction, pending] = useActionState(action, { ok: false });
  const e = state.fieldErrors ?? {};
  const v: Values = state.ok ? {} : (state.values ?? {});
  const [unit, setUnit] = useState(v.orgUnitId ?? (committees.length === 1 ? committees[0].id : ""));
  const schools = committees.find((c) => c.id === unit)?.schools ?? [];
  return (
    <form action={formAction} className="flex flex-col gap-4" noValidate key={state.ok ? state.at : undefined} aria-label="登记暑期计划">
      <Field label="关工委" name="orgUnitId" error={e.orgUnitId} hint="只列出辅导站已有挂钩学校的单位">
        <SelectInput name="orgUnitId" defaultValue={unit} key={`u${state.at}`} error={e.orgUnitId} onChange={(ev) => setUnit(ev.target.value)}>
          {committees.length !== 1 && <option value="">请选择单位</option>}
          {committees.map((c) => (
            <option key={c.id} value={c.id}>
              {"\u3000".repeat(c.depth)}
              {c.name}
            </option>
          ))}
        </SelectInput>
      </Field>
      <Field label="挂钩学校" name="schoolId" error={e.schoolId}>
        <SelectInput name="schoolId" defaultValue={v.schoolId ?? ""} key={`s${state.at}${unit}`} error={e.schoolId}>
          {schools.length !== 1 && <option value="">请选择挂钩学校</option>}
          {schools.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </SelectInput>
      </Field>
      <div className="grid gap-4 sm:grid-cols-3">
        <Field label="年份" name="year" error={e.year}>
          <TextInput name="year" inputMode="numeric" defaultValue={v.year ?? String(year)} key={`y${state.at}`} error={e.year} />
        </Field>
        <Field label="开始日期" name="startsOn" error={e.startsOn}>
          <TextInput name="startsOn" type="date" defaultValue={v.startsOn ?? `${year}-07-10`} key={`a${state.at}`} error={e.startsOn} />
        </Field>
        <Field label="结束日期" name="endsOn" error={e.endsOn}>
          <TextInput name="endsOn" type="date" defaultValue={v.endsOn ?? `${year}-08-31`} key={`b${state.at}`} error={e.endsOn} />
        </Field>
      </div>
      <Field label="计划开展的活动" name="plannedActivities" error={e.plannedActivities}>
        <TextArea name="plannedActivities" rows={4} defaultValue={v.plannedActivities} key={`p${state.at}`} error={e.plannedActivities} />
      </Field>
      <FormMessage state={state} />
      <div>
        <Button type="submit" disabled={pending}>
          {pending ? "正在登记…" : "登记暑期计划"}
        </Button>
      </div>
    </form>
  );
}

/** The one move forward of a plan (草稿 → 已商定 with the day agreed → 已完成). */
export function AdvancePlanForm({ action, id, status, today }: { action: Action; id: string; status: SummerPlanStatus; today: string }) {
  const [state, formAction, pending] = useActionState(action, { ok: false });
  const next = SUMMER_PLAN_NEXT[status];
  if (!next) return <p className="text-base text-gray-600">计划已完成。</p>;
  const e = state.fieldErrors ?? {};
  return (
    <form action={formAction} className="flex flex-wrap items-end gap-3">
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="status" value={next} />
      {next === "AGREED" && (
        <Field label="商定日期" name={`agreedOn-${id}`} error={e.agreedOn}>
          <TextInput name="agreedOn" id={`agreedOn-${id}`} type="date" max={today} defaultValue={state.values?.agreedOn ?? today} error={e.agreedOn} />
        </Field>
      )}
      <Button type="submit" variant={next === "AGREED" ? "primary" : "secondary"} disabled={pending}>
        {next === "AGREED" ? "标记为已商定" : "标记为已完成"}
      </Button>
      {state.message && !state.ok && <FormMessage state={state} />}
      {state.ok && <FormMessage state={state} />}
      <span className="sr-only">当前状态：{SUMMER_PLAN_STATUS_LABELS[status]}</span>
    </form>
  );
}

/** Link one of the committee's activities of the plan's year to the plan. */
export function LinkActivityForm({ action, planId, activities }: { action: Action; planId: string; activities: { id: string; label: string }[] }) {
  const [state, formAction, pending] = useActionState(action, { ok: false });
  const e = state.fieldErrors ?? {};
  return (
    <form action={formAction} className="flex flex-col gap-3" key={state.ok ? state.at : undefined}>
      <input type="hidden" name="planId" value={planId} />
      <Field label="活动" name="activityId" error={e.activityId}>
        <SelectInput name="activityId" defaultValue="" error={e.activityId}>
          <option value="">请选择活动</option>
          {activities.map((a) => (
            <option key={a.id} value={a.id}>
              {a.label}
            </option>
          ))}
        </SelectInput>
      </Field>
      <FormMessage state={state} />
      <div>
        <Button type="submit" variant="secondary" disabled={pending}>
          关联到本计划
        </Button>
      </div>
    </form>
  );
}
