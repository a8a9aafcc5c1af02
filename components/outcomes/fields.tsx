"use client";
// Form pieces the survey and document forms share: a list of units to tick.
import { useRef } from "react";
import type { UnitOption } from "@/components/ui/form";
import type { FormState } from "@/lib/server/actions";

export type Action = (prev: FormState, fd: FormData) => Promise<FormState>;

/** Units to tick (the actor's unit and the level below), each row a large tap target, with 全选 for the level below. */
export function UnitChecklist({
  name = "unitIds",
  legend,
  hint,
  units,
  checked,
  error,
}: {
  name?: string;
  legend: string;
  hint?: string;
  units: UnitOption[];
  /** Ids ticked, comma-joined (as a form's echoed values carry them). */
  checked?: string;
  error?: string;
}) {
  const box = useRef<HTMLDivElement>(null);
  const ticked = new Set((checked ?? "").split(","));
  const tickChildren = (on: boolean) =>
    box.current?.querySelectorAll<HTMLInputElement>('input[data-child="1"]').forEach((i) => {
      i.checked = on;
    });
  return (
    <fieldset className="flex flex-col gap-2" aria-describedby={error ? `${name}-error` : undefined}>
      <legend className="mb-1 text-base font-medium text-gray-800">{legend}</legend>
      {hint && <p className="text-sm text-gray-500">{hint}</p>}
      {units.length > 2 && (
        <div className="flex flex-wrap gap-2">
          <button type="button" onClick={() => tickChildren(true)} className="min-h-12 rounded-md border border-gray-300 bg-white px-4 text-base">
            全选下级单位
          </button>
          <button type="button" onClick={() => tickChildren(false)} className="min-h-12 rounded-md border border-gray-300 bg-white px-4 text-base">
            清除下级单位
          </button>
        </div>
      )}
      <div ref={box} className="grid max-h-80 gap-1 overflow-y-auto rounded-md border border-gray-200 bg-white p-2 sm:grid-cols-2">
        {units.map((u) => (
          <label key={u.id} className="flex min-h-12 cursor-pointer items-center gap-3 rounded-md px-2 text-base hover:bg-gray-50">
            <input
              type="checkbox"
              name={name}
              value={u.id}
              defaultChecked={ticked.has(u.id)}
              data-child={u.depth > 0 ? "1" : undefined}
              className="size-5 shrink-0 accent-accent"
            />
            <span className={u.depth === 0 ? "font-medium" : undefined}>{u.name}</span>
          </label>
        ))}
      </div>
      {error && (
        <p id={`${name}-error`} className="text-base text-red-700" data-field-error={name}>
          {error}
        </p>
      )}
    </fieldset>
  );
}
