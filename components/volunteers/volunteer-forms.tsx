"use client";
import { useActionState } from "react";
import type { FormState } from "@/lib/server/actions";
import { CheckboxField, Field, FormMessage, SelectInput, TextInput, UnitSelect, type UnitOption } from "@/components/ui/form";
import { Button } from "@/components/ui/button";
import { CADRE_RANK_LABELS, CADRE_RANKS, GENDER_LABELS } from "@/lib/schemas/person";
import {
  CATEGORY_LABELS,
  HONOR_LEVEL_LABELS,
  HONOR_LEVELS,
  STATUS_LABELS,
  VOLUNTEER_CATEGORIES,
  type VolunteerStatus,
} from "@/lib/schemas/volunteer";

export type Action = (prev: FormState, fd: FormData) => Promise<FormState>;
export type { UnitOption };
type Values = Record<string, string | undefined>;

function Options<K extends string>({ keys, labels, empty }: { keys: readonly K[]; labels: Record<K, string>; empty: string }) {
  return (
    <>
      <option value="">{empty}</option>
      {keys.map((k) => (
        <option key={k} value={k}>
          {labels[k]}
        </option>
      ))}
    </>
  );
}

/** The fields of registering and editing a volunteer: the person, then the volunteer. */
function VolunteerFields({
  state,
  values,
  checked,
  units,
  maskedPhone,
}: {
  state: FormState;
  values: Values;
  checked: (k: string) => boolean;
  units: UnitOption[];
  /** Set when the user sees only the masked phone: it is shown, not editable. */
  maskedPhone?: string | null;
}) {
  const e = state.fieldErrors ?? {};
  const k = (s: string) => `${s}${state.at ?? ""}`;
  return (
    <>
      <Field label="姓名" name="name" error={e.name}>
        <TextInput name="name" defaultValue={values.name} key={k("name")} error={e.name} autoComplete="off" />
      </Field>
      <Field label="类别" name="category" error={e.category}>
        <SelectInput name="category" defaultValue={values.category ?? ""} key={k("category")} error={e.category}>
          <Options keys={VOLUNTEER_CATEGORIES} labels={CATEGORY_LABELS} empty="请选择类别" />
        </SelectInput>
      </Field>
      <Field label="所属单位" name="orgUnitId" error={e.orgUnitId} hint="志愿者平时服务的村（社区）、学校或镇（街道）">
        <UnitSelect units={units} value={values.orgUnitId} key={k("unit")} error={e.orgUnitId} />
      </Field>
      <Field label="加入日期" name="joinedOn" error={e.joinedOn}>
        <TextInput name="joinedOn" type="date" defaultValue={values.joinedOn} key={k("joined")} error={e.joinedOn} />
      </Field>
      <div className="grid gap-5 sm:grid-cols-2">
        <Field label="性别" name="gender" error={e.gender}>
          <SelectInput name="gender" defaultValue={values.gender ?? ""} key={k("gender")} error={e.gender}>
            <Options keys={["MALE", "FEMALE"] as const} labels={GENDER_LABELS} empty="（不填）" />
          </SelectInput>
        </Field>
        <Field label="出生年份" name="birthYear" error={e.birthYear} hint="四位数，例如 1956">
          <TextInput name="birthYear" inputMode="numeric" maxLength={6} defaultValue={values.birthYear} key={k("birth")} error={e.birthYear} />
        </Field>
      </div>
      {maskedPhone !== undefined ? (
        <div className="flex flex-col gap-1 text-base">
          <span className="font-medium text-gray-800">联系电话</span>
          <span className="tabular-nums">{maskedPhone ?? "未填写"}</span>
          <p className="text-sm text-gray-500">电话号码只有区管理员和该志愿者所在单位的管理员能查看和修改。</p>
        </div>
      ) : (
        <Field label="联系电话" name="phone" error={e.phone} hint="11 位手机号或带区号的固定电话；只有区管理员和本单位管理员能看到完整号码">
          <TextInput name="phone" type="tel" inputMode="tel" defaultValue={values.phone} key={k("phone")} error={e.phone} />
        </Field>
      )}
      <Field label="特长" name="skills" error={e.skills} hint="多项用逗号或顿号分开，例如：书法、法律咨询、革命传统宣讲">
        <TextInput name="skills" defaultValue={values.skills} key={k("skills")} error={e.skills} />
      </Field>
      <div className="grid gap-5 sm:grid-cols-2">
        <Field label="政治面貌" name="politicalStatus" error={e.politicalStatus}>
          <TextInput name="politicalStatus" placeholder="例如：中共党员" defaultValue={values.politicalStatus} key={k("pol")} error={e.politicalStatus} />
        </Field>
        <Field label="干部级别" name="cadreRank" error={e.cadreRank}>
          <SelectInput name="cadreRank" defaultValue={values.cadreRank ?? "NONE"} key={k("rank")} error={e.cadreRank}>
            {CADRE_RANKS.map((r) => (
              <option key={r} value={r}>
                {CADRE_RANK_LABELS[r]}
              </option>
            ))}
          </SelectInput>
        </Field>
      </div>
      <Field label="原任职务" name="formerPost" error={e.formerPost}>
        <TextInput name="formerPost" placeholder="例如：城南中学退休教师" defaultValue={values.formerPost} key={k("post")} error={e.formerPost} />
      </Field>
      <CheckboxField name="retired" label="已退休" defaultChecked={checked("retired")} key={k("retired")} error={e.retired} />
      <CheckboxField
        name="publicityConsent"
        label="本人同意媒体宣传"
        hint="只有同意的志愿者才能登记媒体宣传报道"
        defaultChecked={checked("publicityConsent")}
        key={k("consent")}
        error={e.publicityConsent}
      />
    </>
  );
}

export function RegisterVolunteerForm({ action, units, today }: { action: Action; units: UnitOption[]; today: string }) {
  const [state, formAction, pending] = useActionState(action, { ok: false });
  const values: Values = state.values ?? { joinedOn: today };
  // Most 五老 are retired: checked until the user says otherwise.
  const checked = (k: string) => (state.values ? state.values[k] === "on" : k === "retired");
  return (
    <form action={formAction} className="flex max-w-xl flex-col gap-5" noValidate>
      <VolunteerFields state={state} values={values} checked={checked} units={units} />
      <FormMessage state={state} />
      <div>
        <Button type="submit" disabled={pending}>
          {pending ? "正在登记…" : "登记志愿者"}
        </Button>
      </div>
    </form>
  );
}

export function EditVolunteerForm({
  action,
  units,
  initial,
  maskedPhone,
}: {
  action: Action;
  units: UnitOption[];
  initial: Values & { id: string };
  maskedPhone?: string | null;
}) {
  const [state, formAction, pending] = useActionState(action, { ok: false });
  const values: Values = state.values ?? initial;
  const checked = (k: string) => (state.values ? state.values[k] : initial[k]) === "on";
  return (
    <form action={formAction} className="flex max-w-xl flex-col gap-5" noValidate>
      <input type="hidden" name="id" value={initial.id} />
      <VolunteerFields state={state} values={values} checked={checked} units={units} maskedPhone={maskedPhone} />
      <FormMessage state={state} />
      <div>
        <Button type="submit" disabled={pending}>
          {pending ? "正在保存…" : "保存修改"}
        </Button>
      </div>
    </form>
  );
}

const STATUS_MOVES: Record<VolunteerStatus, { to: VolunteerStatus; label: string; variant: "primary" | "secondary" | "danger" }[]> = {
  ACTIVE: [
    { to: "PAUSED", label: "暂停服务", variant: "secondary" },
    { to: "LEFT", label: "退出队伍", variant: "danger" },
  ],
  PAUSED: [
    { to: "ACTIVE", label: "恢复在队", variant: "primary" },
    { to: "LEFT", label: "退出队伍", variant: "danger" },
  ],
  LEFT: [{ to: "ACTIVE", label: "重新归队", variant: "primary" }],
};

/** Pause / resume / leave: one button per possible move. */
export function VolunteerStatusForm({ action, id, status }: { action: Action; id: string; status: VolunteerStatus }) {
  const [state, formAction, pending] = useActionState(action, { ok: false });
  return (
    <form action={formAction} className="flex flex-col gap-3">
      <input type="hidden" name="id" value={id} />
      <p className="text-base text-gray-700">
        当前状态：<strong>{STATUS_LABELS[status]}</strong>。暂停或退出后记录全部保留，可随时恢复。
      </p>
      <div className="flex flex-wrap gap-2">
        {STATUS_MOVES[status].map((m) => (
          <Button key={m.to} type="submit" name="status" value={m.to} variant={m.variant} disabled={pending}>
            {m.label}
          </Button>
        ))}
      </div>
      <FormMessage state={state} />
    </form>
  );
}

/** 表彰奖励 for a volunteer (hidden volunteerId) or for a unit (unit picker). */
export function RecognitionForm({ action, volunteerId, units, today }: { action: Action; volunteerId?: string; units?: UnitOption[]; today: string }) {
  const [state, formAction, pending] = useActionState(action, { ok: false });
  const e = state.fieldErrors ?? {};
  const v: Values = state.ok ? {} : (state.values ?? {});
  return (
    <form action={formAction} className="flex flex-col gap-4" noValidate key={state.ok ? state.at : undefined}>
      {volunteerId ? (
        <>
          <input type="hidden" name="recipient" value="PERSON" />
          <input type="hidden" name="volunteerId" value={volunteerId} />
        </>
      ) : (
        <>
          <input type="hidden" name="recipient" value="UNIT" />
          <Field label="受表彰单位" name="recipientUnitId" error={e.recipientUnitId}>
            <UnitSelect name="recipientUnitId" units={units ?? []} value={v.recipientUnitId} key={`u${state.at}`} error={e.recipientUnitId} />
          </Field>
        </>
      )}
      <Field label="荣誉名称" name="title" error={e.title}>
        <TextInput name="title" placeholder="例如：关心下一代工作先进个人" defaultValue={v.title} key={`t${state.at}`} error={e.title} />
      </Field>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="级别" name="level" error={e.level}>
          <SelectInput name="level" defaultValue={v.level ?? ""} key={`l${state.at}`} error={e.level}>
            <Options keys={HONOR_LEVELS} labels={HONOR_LEVEL_LABELS} empty="请选择级别" />
          </SelectInput>
        </Field>
        <Field label="表彰日期" name="awardedOn" error={e.awardedOn}>
          <TextInput name="awardedOn" type="date" max={today} defaultValue={v.awardedOn} key={`d${state.at}`} error={e.awardedOn} />
        </Field>
      </div>
      <Field label="授予单位" name="issuer" error={e.issuer}>
        <TextInput name="issuer" placeholder="例如：淮安市关工委" defaultValue={v.issuer} key={`i${state.at}`} error={e.issuer} />
      </Field>
      <FormMessage state={state} />
      <div>
        <Button type="submit" variant="secondary" disabled={pending}>
          {pending ? "正在登记…" : "登记表彰"}
        </Button>
      </div>
    </form>
  );
}

/** 媒体宣传 of a volunteer who consented. */
export function PublicityForm({ action, volunteerId, today }: { action: Action; volunteerId: string; today: string }) {
  const [state, formAction, pending] = useActionState(action, { ok: false });
  const e = state.fieldErrors ?? {};
  const v: Values = state.ok ? {} : (state.values ?? {});
  return (
    <form action={formAction} className="flex flex-col gap-4" noValidate key={state.ok ? state.at : undefined}>
      <input type="hidden" name="volunteerId" value={volunteerId} />
      <Field label="媒体名称" name="outlet" error={e.outlet}>
        <TextInput name="outlet" placeholder="例如：淮安日报" defaultValue={v.outlet} key={`o${state.at}`} error={e.outlet} />
      </Field>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="媒体级别" name="level" error={e.level}>
          <SelectInput name="level" defaultValue={v.level ?? ""} key={`l${state.at}`} error={e.level}>
            <Options keys={HONOR_LEVELS} labels={HONOR_LEVEL_LABELS} empty="（不填）" />
          </SelectInput>
        </Field>
        <Field label="报道日期" name="publishedOn" error={e.publishedOn}>
          <TextInput name="publishedOn" type="date" max={today} defaultValue={v.publishedOn} key={`d${state.at}`} error={e.publishedOn} />
        </Field>
      </div>
      <Field label="报道链接" name="link" error={e.link} hint="可不填">
        <TextInput name="link" type="url" inputMode="url" placeholder="https://" defaultValue={v.link} key={`k${state.at}`} error={e.link} />
      </Field>
      <FormMessage state={state} />
      <div>
        <Button type="submit" variant="secondary" disabled={pending}>
          {pending ? "正在登记…" : "登记宣传报道"}
        </Button>
      </div>
    </form>
  );
}
