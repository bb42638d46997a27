import type { ButtonHTMLAttributes } from "react";

type Variant = "primary" | "secondary" | "danger";

const kStyles: Record<Variant, string> = {
  primary: "bg-amber-700 text-white hover:bg-amber-800 dark:bg-amber-400 dark:text-slate-950 dark:hover:bg-amber-300",
  secondary:
    "border border-slate-300 bg-white text-slate-900 hover:bg-slate-100 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-100 dark:hover:bg-slate-800",
  danger: "bg-red-700 text-white hover:bg-red-800 dark:bg-red-400 dark:text-slate-950 dark:hover:bg-red-300",
};

export function Button({
  variant = "primary",
  className = "",
  type = "button",
  ...rest
}: { variant?: Variant } & ButtonHTMLAttributes<HTMLButtonElement>) {
  return (
    <button
      type={type}
      className={`rounded-md px-3 py-1.5 text-sm font-medium disabled:opacity-60 ${kStyles[variant]} ${className}`}
      {...rest}
    />
  );
}
