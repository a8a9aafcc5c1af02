import Link from "next/link";
import type { ComponentProps } from "react";

const base =
  "inline-flex min-h-12 items-center justify-center gap-2 rounded-md px-5 text-base font-medium " +
  "transition-colors disabled:cursor-not-allowed disabled:opacity-60";
const variants = {
  primary: "bg-accent text-white hover:bg-accent-dark",
  secondary: "border border-gray-300 bg-white text-gray-800 hover:bg-gray-100",
  danger: "border border-red-300 bg-white text-red-700 hover:bg-red-50",
} as const;
export type ButtonVariant = keyof typeof variants;

export function Button({ variant = "primary", className, ...rest }: ComponentProps<"button"> & { variant?: ButtonVariant }) {
  return <button className={`${base} ${variants[variant]} ${className ?? ""}`} {...rest} />;
}

export function ButtonLink({ variant = "secondary", className, ...rest }: ComponentProps<typeof Link> & { variant?: ButtonVariant }) {
  return <Link className={`${base} ${variants[variant]} ${className ?? ""}`} {...rest} />;
}
