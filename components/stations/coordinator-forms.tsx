"use client";
import { useActionState } from "react";
import { Field, FormMessage, SelectInput } from "@/components/ui/form";
import { Button } from "@/components/ui/button";
import type { Action } from "./station-forms";

export interface CoordinatorAccount {
  id: string;
  username: string;
  displayName: string;
  unitName: string;
}

const label = (u: CoordinatorAccount) => `${u.displayName}（${u.username}，${u.unitName}）`;

/**
 * The station's coordinator accounts (辅导员账号): each may log activities for this station
 * only once listed here. Admins add one of the offered accounts or remove a listed one.
 */
export function StationCoordinators({
  stationId,
  assigned,
  candidates,
  assign,
  remove,
}: {
  stationId: string;
  assigned: CoordinatorAccount[];
  candidates: CoordinatorAccount[];
  assign: Action;
  remove: Action;
}) {
  const [added, addAction, adding] = useActionState(assign, { ok: false });
  const [removed, removeAction, removing] = useActionState(remove, { ok: false });
  const e = added.fieldErrors ?? {};
  return (
    <div className="flex flex-col gap-4">
      {assigned.length === 0 ? (
        <p className="text-base text-gray-600">还没有辅导员账号。添加后，辅导员才能为本站登记活动。</p>
      ) : (
        <ul className="divide-y divide-gray-100 text-base" data-testid="station-coordinators">
          {assigned.map((u) => (
            <li key={u.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
              <span>{label(u)}</span>
              <form action={removeAction}>
                <input type="hidden" name="stationId" value={stationId} />
                <input type="hidden" name="userId" value={u.id} />
                <Button type="submit" variant="secondary" disabled={removing}>
                  移除
                </Button>
              </form>
            </li>
          ))}
        </ul>
      )}
      <FormMessage state={removed} />
      {candidates.length === 0 ? (
        <p className="text-base text-gray-600">没有可添加的辅导员账号。请先在“用户管理”里为本单位创建角色为“校外辅导站辅导员”的账号。</p>
      ) : (
        <form action={addAction} className="flex flex-col gap-3" key={added.ok ? added.at : undefined}>
          <input type="hidden" name="stationId" value={stationId} />
          <Field label="添加辅导员账号" name="userId" error={e.userId}>
            <SelectInput name="userId" defaultValue="" error={e.userId}>
              <option value="">请选择账号</option>
              {candidates.map((u) => (
                <option key={u.id} value={u.id}>
                  {label(u)}
                </option>
              ))}
            </SelectInput>
          </Field>
          <FormMessage state={added} />
          <div>
            <Button type="submit" variant="secondary" disabled={adding}>
              添加
            </Button>
          </div>
        </form>
      )}
    </div>
  );
}
