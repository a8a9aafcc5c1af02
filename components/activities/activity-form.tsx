"use client";
/**
 * The phone activity form (shared/UX.md): one column, big fields, station preselected,
 * today's date, kind as large buttons, a number pad for participants. Logging carries a
 * client id made once in the browser and reused for every retry of this form, so a
 * double tap or a retry after a network error stores one activity.
 */
import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { useActionState, useRef, useState } from "react";
import type { FormState } from "@/lib/server/actions";
import { Field, FormMessage, SelectInput, TextArea, TextInput } from "@/components/ui/form";
import { Button } from "@/components/ui/button";
import { ACTIVITY_KINDS, KIND_LABELS, MAX_YOUTH_PARTICIPANTS, type ActivityKind } from "@/lib/schemas/activity";

export interface ActivityFormState extends FormState {
  /** What was stored (logging only): shown in the "已保存" panel. */
  saved?: { id: string; title: string; date: string; kind: ActivityKind; youthParticipants: number; created: boolean };
  /** The ticked volunteers, to tick them again after an error. */
  volunteerIds?: string[];
}
export type ActivityAction = (prev: ActivityFormState, fd: FormData) => Promise<ActivityFormState>;

export interface StationChoice {
  id: string;
  name: string;
  orgUnitName: string;
}
export interface VolunteerChoice {
  id: string;
  name: string;
  trained: boolean;
}

type Values = Record<string, string | undefined>;

const NETWORK_MESSAGE = "网络不通，没能确认是否已保存。请检查网络后再点一次“保存”：重复提交不会多记一条。";

function textFields(fd: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of fd.entries()) if (typeof v === "string" && !k.startsWith("$") && k !== "volunteerIds") out[k] = v;
  return out;
}

/** Calls the server action; a network failure becomes a message on the form, not an error page. */
function useActivityAction(action: ActivityAction, clientId?: () => string) {
  return useActionState<ActivityFormState, FormData>(async (prev, fd) => {
    if (clientId) fd.set("id", clientId());
    const volunteerIds = fd.getAll("volunteerIds").map(String);
    try {
      return { ...(await action(prev, fd)), volunteerIds };
    } catch {
      return { ok: false, message: NETWORK_MESSAGE, values: textFields(fd), volunteerIds, at: Date.now() };
    }
  }, { ok: false });
}

/** Logging a new activity: the form, then the "已保存" panel with a way to log another (a new id). */
export function LogActivity(props: {
  action: ActivityAction;
  stations: StationChoice[];
  stationId?: string;
  volunteers: VolunteerChoice[];
  today: string;
}) {
  const [round, setRound] = useState(0);
  return <LogActivityRound key={round} {...props} onAnother={() => setRound((r) => r + 1)} />;
}

function LogActivityRound({
  action,
  stations,
  stationId,
  volunteers,
  today,
  onAnother,
}: {
  action: ActivityAction;
  stations: StationChoice[];
  stationId?: string;
  volunteers: VolunteerChoice[];
  today: string;
  onAnother: () => void;
}) {
  // Made in the browser at the first submit and kept for every retry of this round.
  const idRef = useRef<string | null>(null);
  const clientId = () => (idRef.current ??= crypto.randomUUID());
  const [state, formAction, pending] = useActivityAction(action, clientId);

  if (state.ok && state.saved) {
    const s = state.saved;
    return (
      <div role="status" data-testid="activity-saved" className="flex flex-col gap-4 rounded-lg border border-green-300 bg-green-50 p-5">
        <p className="text-2xl font-semibold text-green-800">✓ 已保存</p>
        <p className="text-base text-gray-800">
          {s.date} · {KIND_LABELS[s.kind]} · {s.title} · 青少年 {s.youthParticipants} 人
        </p>
        {!s.created && <p className="text-base text-gray-700">这条记录此前已经提交过，没有重复登记。</p>}
        <div className="flex flex-col gap-3 sm:flex-row">
          <Button type="button" onClick={onAnother} className="w-full sm:w-auto">
            再登记一次活动
          </Button>
          <Link href="/activities" className="inline-flex min-h-12 items-center justify-center rounded-md border border-gray-300 bg-white px-5 text-base">
            查看活动记录
          </Link>
        </div>
      </div>
    );
  }

  return (
    <ActivityFields
      state={state}
      formAction={formAction}
      pending={pending}
      stations={stations}
      volunteers={volunteers}
      today={today}
      initial={{ stationId: stationId ?? (stations.length === 1 ? stations[0].id : ""), date: today }}
      submitLabel="保存活动记录"
    />
  );
}

/** Correcting an activity (the server decides who may; the page shows this only to them). */
export function EditActivityForm({
  action,
  stations,
  volunteers,
  today,
  initial,
  initialVolunteerIds,
}: {
  action: ActivityAction;
  stations: StationChoice[];
  volunteers: VolunteerChoice[];
  today: string;
  initial: Values & { id: string };
  initialVolunteerIds: string[];
}) {
  const [state, formAction, pending] = useActivityAction(action);
  return (
    <ActivityFields
      state={state}
      formAction={formAction}
      pending={pending}
      stations={stations}
      volunteers={volunteers}
      today={today}
      initial={initial}
      initialVolunteerIds={initialVolunteerIds}
      hiddenId={initial.id}
      submitLabel="保存修改"
      keepStationInUrl={false}
    />
  );
}

function ActivityFields({
  state,
  formAction,
  pending,
  stations,
  volunteers,
  today,
  initial,
  initialVolunteerIds = [],
  hiddenId,
  submitLabel,
  keepStationInUrl = true,
}: {
  state: ActivityFormState;
  formAction: (fd: FormData) => void;
  pending: boolean;
  stations: StationChoice[];
  volunteers: VolunteerChoice[];
  today: string;
  initial: Values;
  initialVolunteerIds?: string[];
  hiddenId?: string;
  submitLabel: string;
  keepStationInUrl?: boolean;
}) {
  const router = useRouter();
  const pathname = usePathname();
  const e = state.fieldErrors ?? {};
  const values: Values = state.values ?? initial;
  const ticked = new Set(state.volunteerIds ?? initialVolunteerIds);
  const k = (s: string) => `${s}${state.at ?? ""}`;
  const single = stations.length === 1 ? stations[0] : null;

  return (
    <form action={formAction} className="flex w-full max-w-xl flex-col gap-5" noValidate>
      {hiddenId && <input type="hidden" name="id" value={hiddenId} />}

      {single ? (
        <div className="flex flex-col gap-1">
          <span className="text-base font-medium text-gray-800">辅导站</span>
          <p className="text-lg font-semibold text-gray-900" data-testid="station-name">
            {single.name}
          </p>
          <input type="hidden" name="stationId" value={single.id} />
          {e.stationId && (
            <p id="stationId-error" className="text-base text-red-700" data-field-error="stationId">
              {e.stationId}
            </p>
          )}
        </div>
      ) : (
        <Field label="辅导站" name="stationId" error={e.stationId}>
          <SelectInput
            name="stationId"
            defaultValue={values.stationId ?? ""}
            key={k("station")}
            error={e.stationId}
            onChange={(ev) => {
              // The volunteers offered and the year count belong to the chosen station.
              if (keepStationInUrl && ev.target.value) router.replace(`${pathname}?station=${ev.target.value}`, { scroll: false });
            }}
          >
            <option value="">请选择辅导站</option>
            {stations.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </SelectInput>
        </Field>
      )}

      <Field label="活动日期" name="date" error={e.date}>
        <TextInput name="date" type="date" max={today} defaultValue={values.date} key={k("date")} error={e.date} />
      </Field>

      <fieldset className="flex flex-col gap-2" aria-describedby={e.kind ? "kind-error" : undefined}>
        <legend className="mb-1 text-base font-medium text-gray-800">活动类型</legend>
        <div className="grid grid-cols-2 gap-2 min-[360px]:grid-cols-3">
          {ACTIVITY_KINDS.map((kind) => (
            <label
              key={`${kind}${state.at ?? ""}`}
              className="flex min-h-12 cursor-pointer items-center justify-center rounded-md border border-gray-300 bg-white px-2 text-base font-medium text-gray-800 has-checked:border-accent has-checked:bg-accent has-checked:text-white has-focus-visible:ring-2 has-focus-visible:ring-accent/40"
            >
              <input type="radio" name="kind" value={kind} defaultChecked={values.kind === kind} className="sr-only" />
              {KIND_LABELS[kind]}
            </label>
          ))}
        </div>
        {e.kind && (
          <p id="kind-error" className="text-base text-red-700" data-field-error="kind">
            {e.kind}
          </p>
        )}
      </fieldset>

      <Field label="活动主题" name="title" error={e.title}>
        <TextInput name="title" maxLength={100} placeholder="例如：红色故事进社区" defaultValue={values.title} key={k("title")} error={e.title} autoComplete="off" />
      </Field>

      <Field label="参加的青少年人数" name="youthParticipants" error={e.youthParticipants} hint={`只填人数（0–${MAX_YOUTH_PARTICIPANTS}），不填姓名`}>
        <TextInput
          name="youthParticipants"
          inputMode="numeric"
          pattern="[0-9]*"
          maxLength={6}
          defaultValue={values.youthParticipants}
          key={k("youth")}
          error={e.youthParticipants}
          autoComplete="off"
        />
      </Field>

      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 text-base font-medium text-gray-800">带领活动的五老志愿者（可不选）</legend>
        {volunteers.length === 0 ? (
          <p className="text-base text-gray-600">{values.stationId ? "本站所在单位还没有登记在队的志愿者。" : "选好辅导站后，这里列出该单位的志愿者。"}</p>
        ) : (
          <div className="flex max-h-72 flex-col gap-2 overflow-y-auto">
            {volunteers.map((v) => (
              <label
                key={`${v.id}${state.at ?? ""}`}
                htmlFor={`vol-${v.id}`}
                className="flex min-h-12 cursor-pointer items-center gap-3 rounded-md border border-gray-300 bg-white px-3 text-base"
              >
                <input id={`vol-${v.id}`} type="checkbox" name="volunteerIds" value={v.id} defaultChecked={ticked.has(v.id)} className="size-5 shrink-0 accent-accent" />
                <span>{v.name}</span>
                {!v.trained && <span className="text-sm text-amber-800">未参加入门培训</span>}
              </label>
            ))}
          </div>
        )}
        {e.volunteerIds && (
          <p className="text-base text-red-700" data-field-error="volunteerIds">
            {e.volunteerIds}
          </p>
        )}
      </fieldset>

      <Field label="备注（可不填）" name="notes" error={e.notes}>
        <TextArea name="notes" rows={2} maxLength={500} defaultValue={values.notes} key={k("notes")} error={e.notes} />
      </Field>

      <FormMessage state={state} />
      <Button type="submit" disabled={pending} className="w-full text-lg sm:w-auto">
        {pending ? "正在保存…" : submitLabel}
      </Button>
    </form>
  );
}
