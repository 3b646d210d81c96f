// One model's checklist: every item with its state, what the data shows and, for a gap, where to fix it.
import Link from "next/link";
import type { ChecklistItem } from "@/lib/compliance/checklist";
import { ChecklistState, STATE_WORD } from "./checklist-state";

export function ModelChecklist({ items }: { items: ChecklistItem[] }) {
  return (
    <ol
      className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white dark:divide-slate-800 dark:border-slate-800 dark:bg-slate-900"
      aria-label="Checklist"
    >
      {items.map((item) => (
        <li key={item.id} className="flex flex-wrap items-start gap-3 px-4 py-3" data-testid="checklist-item" data-state={item.state}>
          <span className="w-5 text-lg leading-5">
            <ChecklistState state={item.state} />
          </span>
          <div className="min-w-0 flex-1">
            <p className="font-medium">{item.label}</p>
            <p className="text-sm text-slate-600 dark:text-slate-400">
              <span className="sr-only">{STATE_WORD[item.state]}: </span>
              {item.detail}
            </p>
          </div>
          {item.href && (
            <Link href={item.href} className={item.state === "gap" ? "btn-primary" : "btn-secondary"}>
              {item.state === "gap" ? "Fix" : "See"}
            </Link>
          )}
        </li>
      ))}
    </ol>
  );
}
