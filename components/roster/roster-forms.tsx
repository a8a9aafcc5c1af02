"use client";
import { useActionState, useState } from "react";
import type { FormState } from "@/lib/server/actions";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form";
import { CADRE_RANK_LABELS, CADRE_RANKS, GENDER_LABELS } from "@/lib/schemas/person";
import { ROSTER_ROLE_LABELS, ROSTER_ROLES, SINGLE_HOLDER_ROLES, type TRosterRole } from "@/lib/schemas/roster";
import { Checkbox, RosterField } from "./fields";

type Action = (prev: FormState, fd: FormData) => Promise<FormState>;

/** The current 主任 / 常务副主任: who, and which position a replacement would end. */
export interface Holder {
  name: string;
  positionId: string;
}

export interface PersonOption {
  id: string;
  name: string;
  birthYear: number | null;
  retired: boolean;
  cadreRank: (typeof CADRE_RANKS)[number];
}

/** 任命班子成员: an existing person of the unit, or a new one registered on the spot. */
export function AppointForm({
  action,
  orgUnitId,
  persons,
  holders,
  today,
}: {
  action: Action;
  orgUnitId: string;
  persons: PersonOption[];
  /** The current 主任 / 常务副主任, to offer replacing them. */
  holders: Partial<Record<TRosterRole, Holder>>;
  today: string;
}) {
  const [state, formAction, pending] = useActionState(action, { ok: false });
  // Every result remounts the fields (React resets a form after its action): a success
  // clears them, an error refills what was typed.
  const values = state.ok ? {} : (state.values ?? {});
  return (
    <form action={formAction} className="flex flex-col gap-5" noValidate data-testid="appoint-form">
      <input type="hidden" name="orgUnitId" value={orgUnitId} />
      <AppointFields
        key={`f${state.at ?? 0}`}
        state={state}
        values={values}
        persons={persons}
        holders={holders}
        today={today}
      />
      <FormMessage state={state} />
      <div>
        <Button type="submit" disabled={pending}>
          {pending ? "正在保存…" : "确认任命"}
        </Button>
      </div>
    </form>
  );
}

function AppointFields({
  state,
  values: v,
  persons,
  holders,
  today,
}: {
  state: FormState;
  values: Record<string, string>;
  persons: PersonOption[];
  holders: Partial<Record<TRosterRole, Holder>>;
  today: string;
}) {
  const e = state.fieldErrors ?? {};
  // Uncontrolled selects (React resets a form after its action, and a reset restores
  // defaults, not controlled values); the state only drives what else is shown.
  const [role, setRole] = useState(v.role ?? "");
  const [personId, setPersonId] = useState(v.personId ?? "");
  const holder = SINGLE_HOLDER_ROLES.includes(role as TRosterRole) ? holders[role as TRosterRole] : undefined;
  const roleLabel = ROSTER_ROLE_LABELS[role as TRosterRole];
  return (
    <>
      <RosterField id="appoint-role" name="role" label="职务" error={e.role}>
        {(p) => (
          <select {...p} defaultValue={role} onChange={(ev) => setRole(ev.target.value)}>
            <option value="">请选择职务</option>
            {ROSTER_ROLES.map((r) => (
              <option key={r} value={r}>
                {ROSTER_ROLE_LABELS[r]}
              </option>
            ))}
          </select>
        )}
      </RosterField>
      {holder && (
        <div className="rounded-md bg-amber-50 px-3 py-2">
          <p className="text-base text-amber-900">
            该单位现任{roleLabel}是{holder.name}。每个单位只能有一名现任{roleLabel}。
          </p>
          <input type="hidden" name="replacesId" value={holder.positionId} />
          <Checkbox
            id="appoint-replaceCurrent"
            name="replaceCurrent"
            label={`同时办理${holder.name}的离任（离任日期为新任职日期）`}
            defaultChecked={v.replaceCurrent === "on"}
            error={e.replaceCurrent}
          />
        </div>
      )}

      {persons.length > 0 && (
        <RosterField id="appoint-personId" name="personId" label="人员" error={e.personId} hint="可选择本单位已登记的人员，或新登记一人。">
          {(p) => (
            <select {...p} defaultValue={personId} onChange={(ev) => setPersonId(ev.target.value)}>
              <option value="">新登记人员（在下方填写）</option>
              {persons.map((x) => (
                <option key={x.id} value={x.id}>
                  {x.name}
                  {x.birthYear ? `（${x.birthYear}年生，${x.retired ? "退休" : "在职"}）` : `（${x.retired ? "退休" : "在职"}）`}
                </option>
              ))}
            </select>
          )}
        </RosterField>
      )}

      {!personId && (
        <fieldset className="flex flex-col gap-4 rounded-md border border-gray-200 p-4">
          <legend className="px-1 text-base font-medium text-gray-800">新登记人员</legend>
          <RosterField id="appoint-name" name="person.name" label="姓名" error={e["person.name"]}>
            {(p) => <input {...p} defaultValue={v["person.name"]} autoComplete="off" />}
          </RosterField>
          <Checkbox
            id="appoint-retired"
            name="person.retired"
            label="已退休"
            defaultChecked={v["person.retired"] === "on"}
            error={e["person.retired"]}
            hint="不勾选表示在职。"
          />
          <RosterField id="appoint-cadreRank" name="person.cadreRank" label="干部级别" error={e["person.cadreRank"]}>
            {(p) => (
              <select {...p} defaultValue={v["person.cadreRank"] ?? "NONE"}>
                {CADRE_RANKS.map((r) => (
                  <option key={r} value={r}>
                    {CADRE_RANK_LABELS[r]}
                  </option>
                ))}
              </select>
            )}
          </RosterField>
          <div className="grid gap-4 sm:grid-cols-2">
            <RosterField id="appoint-gender" name="person.gender" label="性别" error={e["person.gender"]}>
              {(p) => (
                <select {...p} defaultValue={v["person.gender"] ?? ""}>
                  <option value="">未填</option>
                  {Object.entries(GENDER_LABELS).map(([k, label]) => (
                    <option key={k} value={k}>
                      {label}
                    </option>
                  ))}
                </select>
              )}
            </RosterField>
            <RosterField id="appoint-birthYear" name="person.birthYear" label="出生年份" error={e["person.birthYear"]} hint="例如 1956">
              {(p) => <input {...p} defaultValue={v["person.birthYear"]} inputMode="numeric" maxLength={4} />}
            </RosterField>
            <RosterField id="appoint-phone" name="person.phone" label="联系电话" error={e["person.phone"]}>
              {(p) => <input {...p} defaultValue={v["person.phone"]} type="tel" inputMode="tel" />}
            </RosterField>
            <RosterField id="appoint-politicalStatus" name="person.politicalStatus" label="政治面貌" error={e["person.politicalStatus"]}>
              {(p) => <input {...p} defaultValue={v["person.politicalStatus"]} placeholder="例如 中共党员" />}
            </RosterField>
          </div>
          <RosterField id="appoint-formerPost" name="person.formerPost" label="原任（现任）职务" error={e["person.formerPost"]}>
            {(p) => <input {...p} defaultValue={v["person.formerPost"]} placeholder="例如 原区教育局副局长" />}
          </RosterField>
        </fieldset>
      )}

      <Checkbox
        id="appoint-concurrent"
        name="concurrent"
        label="兼任（在职领导兼任此职）"
        defaultChecked={v.concurrent === "on"}
        error={e.concurrent}
      />
      <RosterField id="appoint-startedOn" name="startedOn" label="任职日期" error={e.startedOn}>
        {(p) => <input {...p} type="date" max={today} defaultValue={v.startedOn ?? today} />}
      </RosterField>
      <RosterField
        id="appoint-exceptionReason"
        name="exceptionReason"
        label="备案的例外说明（一般不填）"
        error={e.exceptionReason}
        hint="仅在经同意的例外情况填写，例如“由退休社区党总支书记担任，已报区关工委备案”。"
      >
        {(p) => <input {...p} defaultValue={v.exceptionReason} />}
      </RosterField>
    </>
  );
}

/** 修改 (兼任, 例外说明) and 离任 of one current position. */
export function PositionForms({
  changeAction,
  endAction,
  position,
  today,
}: {
  changeAction: Action;
  endAction: Action;
  position: { id: string; concurrent: boolean; exceptionReason: string | null; name: string; roleLabel: string };
  today: string;
}) {
  const [cState, change, cPending] = useActionState(changeAction, { ok: false });
  const [eState, end, ePending] = useActionState(endAction, { ok: false });
  const ce = cState.fieldErrors ?? {};
  const ee = eState.fieldErrors ?? {};
  const id = position.id;
  const cFailed = !cState.ok && cState.values !== undefined;
  return (
    <div className="mt-3 grid gap-4 sm:grid-cols-2">
      <form action={change} className="flex flex-col gap-3 rounded-md border border-gray-200 p-4" noValidate>
        <input type="hidden" name="id" value={id} />
        <p className="text-base font-medium text-gray-800">修改任职信息</p>
        <Checkbox
          key={`c${cState.at ?? 0}`}
          id={`concurrent-${id}`}
          name="concurrent"
          label="兼任"
          defaultChecked={cFailed ? cState.values?.concurrent === "on" : position.concurrent}
          error={ce.concurrent}
        />
        <RosterField key={`x${cState.at ?? 0}`} id={`exceptionReason-${id}`} name="exceptionReason" label="备案的例外说明" error={ce.exceptionReason}>
          {(p) => <input {...p} defaultValue={cFailed ? cState.values?.exceptionReason : (position.exceptionReason ?? "")} />}
        </RosterField>
        <FormMessage state={cState} />
        <div>
          <Button type="submit" variant="secondary" disabled={cPending}>
            {cPending ? "正在保存…" : "保存修改"}
          </Button>
        </div>
      </form>
      <form action={end} className="flex flex-col gap-3 rounded-md border border-gray-200 p-4" noValidate>
        <input type="hidden" name="id" value={id} />
        <p className="text-base font-medium text-gray-800">
          办理{position.name}的{position.roleLabel}离任
        </p>
        <RosterField key={`e${eState.at ?? 0}`} id={`endedOn-${id}`} name="endedOn" label="离任日期" error={ee.endedOn ?? ee.id}>
          {(p) => <input {...p} type="date" max={today} defaultValue={eState.values?.endedOn ?? today} />}
        </RosterField>
        <FormMessage state={eState} />
        <div>
          <Button type="submit" variant="danger" disabled={ePending}>
            {ePending ? "正在办理…" : "确认离任"}
          </Button>
        </div>
      </form>
    </div>
  );
}
