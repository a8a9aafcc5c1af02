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

const inputClass =
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
