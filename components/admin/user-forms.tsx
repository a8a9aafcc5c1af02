"use client";
import { useActionState } from "react";
import type { FormState } from "@/lib/server/actions";
import { Field, FormMessage, SelectInput, TextInput, UnitSelect, type UnitOption } from "@/components/ui/form";
import { Button } from "@/components/ui/button";

type Action = (prev: FormState, fd: FormData) => Promise<FormState>;
export interface RoleOption {
  value: string;
  label: string;
}

function RoleSelect({ roles, value, error }: { roles: RoleOption[]; value?: string; error?: string }) {
  return (
    <SelectInput name="role" defaultValue={value ?? ""} error={error}>
      <option value="">请选择角色</option>
      {roles.map((r) => (
        <option key={r.value} value={r.value}>
          {r.label}
        </option>
      ))}
    </SelectInput>
  );
}

/** A coordinator logs only for the stations assigned to them; the account alone is not enough. */
const COORDINATOR_HINT = "选“校外辅导站辅导员”时：保存后还要在“校外辅导站”打开他负责的辅导站，在“辅导员账号”里添加此账号，他才能记录活动。";

/** Name, role and unit: the fields creating and editing a user share. */
function UserFields({
  state,
  values,
  units,
  roles,
}: {
  state: FormState;
  values: Record<string, string | undefined>;
  units: UnitOption[];
  roles: RoleOption[];
}) {
  const e = state.fieldErrors ?? {};
  return (
    <>
      <Field label="姓名" name="displayName" error={e.displayName}>
        <TextInput name="displayName" defaultValue={values.displayName} key={`d${state.at}`} error={e.displayName} />
      </Field>
      <Field label="角色" name="role" error={e.role} hint={COORDINATOR_HINT}>
        <RoleSelect roles={roles} value={values.role} key={`r${state.at}`} error={e.role} />
      </Field>
      <Field label="所属单位" name="orgUnitId" error={e.orgUnitId} hint="区管理员和领导属于区；镇（街道）管理员属于镇（街道）；村（社区）/学校管理员属于本单位。">
        <UnitSelect units={units} value={values.orgUnitId} key={`o${state.at}`} error={e.orgUnitId} />
      </Field>
    </>
  );
}

export function CreateUserForm({ action, units, roles }: { action: Action; units: UnitOption[]; roles: RoleOption[] }) {
  const [state, formAction, pending] = useActionState(action, { ok: false });
  const e = state.fieldErrors ?? {};
  const v = state.values ?? {};
  return (
    <form action={formAction} className="flex max-w-xl flex-col gap-5" noValidate>
      <Field label="用户名（登录用）" name="username" error={e.username} hint="小写字母、数字和 . _ -，例如 chengnan.wang">
        <TextInput name="username" defaultValue={v.username} key={`u${state.at}`} autoCapitalize="none" error={e.username} />
      </Field>
      <UserFields state={state} values={v} units={units} roles={roles} />
      <Field label="初始密码" name="password" error={e.password} hint="至少 8 位，不能是常见密码；可以用一句好记的话">
        <TextInput name="password" type="password" autoComplete="new-password" error={e.password} />
      </Field>
      <FormMessage state={state} />
      <div>
        <Button type="submit" disabled={pending}>
          {pending ? "正在创建…" : "创建用户"}
        </Button>
      </div>
    </form>
  );
}

export function EditUserForm({
  action,
  user,
  units,
  roles,
}: {
  action: Action;
  user: { id: string; displayName: string; role: string; orgUnitId: string };
  units: UnitOption[];
  roles: RoleOption[];
}) {
  const [state, formAction, pending] = useActionState(action, { ok: false });
  const v = { ...user, ...(state.values ?? {}) };
  return (
    <form action={formAction} className="flex flex-col gap-5" noValidate>
      <input type="hidden" name="id" value={user.id} />
      <UserFields state={state} values={v} units={units} roles={roles} />
      <FormMessage state={state} />
      <div>
        <Button type="submit" disabled={pending}>
          {pending ? "正在保存…" : "保存修改"}
        </Button>
      </div>
    </form>
  );
}

export function ResetPasswordForm({ action, userId }: { action: Action; userId: string }) {
  const [state, formAction, pending] = useActionState(action, { ok: false });
  const e = state.fieldErrors ?? {};
  return (
    <form action={formAction} className="flex flex-col gap-4" noValidate key={state.ok ? state.at : undefined}>
      <input type="hidden" name="id" value={userId} />
      <Field label="新密码" name="password" error={e.password} hint="至少 8 位，不能是常见密码；可以用一句好记的话">
        <TextInput name="password" type="password" autoComplete="new-password" error={e.password} />
      </Field>
      <FormMessage state={state} />
      <div>
        <Button type="submit" variant="secondary" disabled={pending}>
          {pending ? "正在重置…" : "重置密码并解锁"}
        </Button>
      </div>
    </form>
  );
}

export function DisableUserForm({ action, userId, disabled }: { action: Action; userId: string; disabled: boolean }) {
  const [state, formAction, pending] = useActionState(action, { ok: false });
  return (
    <form action={formAction} className="flex flex-col gap-3">
      <input type="hidden" name="id" value={userId} />
      <input type="hidden" name="disabled" value={disabled ? "false" : "true"} />
      <p className="text-base text-gray-700">
        {disabled ? "该账号已停用，无法登录。" : "停用后该用户立即被强制退出，且无法再登录；记录全部保留，可随时重新启用。"}
      </p>
      <FormMessage state={state} />
      <div>
        <Button type="submit" variant={disabled ? "secondary" : "danger"} disabled={pending}>
          {disabled ? "重新启用账号" : "停用账号"}
        </Button>
      </div>
    </form>
  );
}
