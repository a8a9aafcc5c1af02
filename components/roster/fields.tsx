import type { ReactNode } from "react";

import { inputClass } from "@/components/ui/form";

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

export { CheckboxField as Checkbox } from "@/components/ui/form";
