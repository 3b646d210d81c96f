import type { ReactNode } from "react";

/** One labelled fact in a <dl> grid; an absent value shows as a dash. */
export function fact(label: string, value: ReactNode) {
  return (
    <div key={label}>
      <dt className="text-xs uppercase tracking-wide text-slate-500 dark:text-slate-400">{label}</dt>
      <dd className="mt-0.5 text-sm">{value ?? "—"}</dd>
    </div>
  );
}
