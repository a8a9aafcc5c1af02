import type { ReactNode } from "react";

/** A labelled form field with its error right beside it (below, on phones). */
export function Field(props: {
  label: string;
  name: string;
  error?: string;
  hint?: string;
  children: ReactNode;
}) {
  const errorId = `${props.name}-error`;
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={props.name} className="text-base font-medium text-gray-800">
        {props.label}
      </label>
      {props.children}
      {props.hint && !props.error && <p className="text-sm text-gray-500">{props.hint}</p>}
      {props.error && (
        <p id={errorId} className="text-base text-red-700" data-field-error={props.name}>
          {props.error}
        </p>
      )}
    </div>
  );
}

export const inputClass =
  "min-h-12 w-full rounded-md border border-gray-300 bg-white px-3 text-base text-gray-900 " +
  "focus:border-accent focus:outline-none focus:ring-2 focus:ring-accent/30 aria-[invalid=true]:border-red-600";

export function TextInput(
  props: React.InputHTMLAttributes<HTMLInputElement> & { name: string; error?: string },
) {
  const { error, className, ...rest } = props;
  return (
    <input
      id={props.name}
      aria-invalid={error ? true : undefined}
      aria-describedby={error ? `${props.name}-error` : undefined}
      className={`${inputClass} ${className ?? ""}`}
      {...rest}
    />
  );
}

/** A multi-line TextInput: same look, its error announced the same way (use inside a Field of the same name). */
export function TextArea(
  props: React.TextareaHTMLAttributes<HTMLTextAreaElement> & { name: string; error?: string },
) {
  const { error, className, rows = 3, ...rest } = props;
  return (
    <textarea
      id={props.name}
      rows={rows}
      aria-invalid={error ? true : undefined}
      aria-describedby={error ? `${props.name}-error` : undefined}
      className={`${inputClass} py-2 ${className ?? ""}`}
      {...rest}
    />
  );
}

export function SelectInput(
  props: React.SelectHTMLAttributes<HTMLSelectElement> & { name: string; error?: string },
) {
  const { error, className, children, ...rest } = props;
  return (
    <select
      id={props.name}
      aria-invalid={error ? true : undefined}
      aria-describedby={error ? `${props.name}-error` : undefined}
      className={`${inputClass} ${className ?? ""}`}
      {...rest}
    >
      {children}
    </select>
  );
}

/** The form-level message after a submit: success in green, failure in red. */
export function FormMessage({ state }: { state: { ok: boolean; message?: string } }) {
  if (!state.message) return null;
  return (
    <p
      role="status"
      className={`rounded-md px-3 py-2 text-base ${state.ok ? "bg-green-50 text-green-800" : "bg-red-50 text-red-800"}`}
    >
      {state.message}
    </p>
  );
}

/** A choice among units, indented by depth so the tree shows (one unit: preselected). */
export interface UnitOption {
  id: string;
  name: string;
  depth: number;
}

export function UnitSelect({
  name = "orgUnitId",
  units,
  value,
  error,
  placeholder = "请选择单位",
}: {
  name?: string;
  units: UnitOption[];
  value?: string;
  error?: string;
  placeholder?: string;
}) {
  return (
    <SelectInput name={name} defaultValue={value ?? (units.length === 1 ? units[0].id : "")} error={error}>
      {units.length !== 1 && <option value="">{placeholder}</option>}
      {units.map((u) => (
        <option key={u.id} value={u.id}>
          {"\u3000".repeat(u.depth)}
          {u.name}
        </option>
      ))}
    </SelectInput>
  );
}

/** A checkbox whose whole row is the tap target; `id` when one page repeats the name. */
export function CheckboxField({
  id,
  name,
  label,
  hint,
  defaultChecked,
  error,
}: {
  id?: string;
  name: string;
  label: string;
  hint?: string;
  defaultChecked?: boolean;
  error?: string;
}) {
  const inputId = id ?? name;
  return (
    <div className="flex flex-col gap-1">
      <label
        htmlFor={inputId}
        className="flex min-h-12 cursor-pointer items-center gap-3 rounded-md border border-gray-300 bg-white px-3 text-base"
      >
        <input id={inputId} name={name} type="checkbox" defaultChecked={defaultChecked} className="size-5 shrink-0 accent-accent" />
        <span>{label}</span>
      </label>
      {hint && !error && <p className="text-sm text-gray-500">{hint}</p>}
      {error && (
        <p id={`${inputId}-error`} className="text-base text-red-700" data-field-error={name}>
          {error}
        </p>
      )}
    </div>
  );
}
