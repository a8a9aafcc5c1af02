import type { ReactNode } from "react";

const inputClass =
  "min-h-12 w-full rounded-md border border-gray-300 bg-white px-3 text-base text-gray-900 " +
  "focus:border-accent focus:outline-none focus:ring-2 focus:ring-accent/30 aria-[invalid=true]:border-red-600";

/**
 * A labelled field whose id is given (several roster forms share one page, so field
 * names repeat); the error sits right below, marked with data-field-error=<name>.
 */
export function RosterField({
  id,
  name,
  label,
  error,
  hint,
  children,
}: {
  id: string;
  name: string;
  label: string;
  error?: string;
  hint?: string;
  children: (props: { id: string; name: string; "aria-invalid"?: true; "aria-describedby"?: string; className: string }) => ReactNode;
}) {
  const errorId = `${id}-error`;
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-base font-medium text-gray-800">
        {label}
      </label>
      {children({
        id,
        name,
        className: inputClass,
        ...(error ? { "aria-invalid": true as const, "aria-describedby": errorId } : {}),
      })}
      {hint && !error && <p className="text-sm text-gray-500">{hint}</p>}
      {error && (
        <p id={errorId} className="text-base text-red-700" data-field-error={name}>
          {error}
        </p>
      )}
    </div>
  );
}

/** A checkbox with its label as one large touch target. */
export function Checkbox({
  id,
  name,
  label,
  defaultChecked,
  error,
  hint,
}: {
  id: string;
  name: string;
  label: string;
  defaultChecked?: boolean;
  error?: string;
  hint?: string;
}) {
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="flex min-h-12 cursor-pointer items-center gap-3 text-base text-gray-800">
        <input id={id} name={name} type="checkbox" defaultChecked={defaultChecked} className="h-6 w-6 shrink-0 accent-accent" />
        <span>{label}</span>
      </label>
      {hint && !error && <p className="text-sm text-gray-500">{hint}</p>}
      {error && (
        <p className="text-base text-red-700" data-field-error={name}>
          {error}
        </p>
      )}
    </div>
  );
}
