// One checklist item's state as a symbol with its meaning spelled out for screen readers and on hover.
import type { ItemState } from "@/lib/compliance/checklist";

const LOOK: Record<ItemState, { symbol: string; word: string; className: string }> = {
  met: { symbol: "✓", word: "met", className: "text-emerald-700 dark:text-emerald-400" },
  gap: { symbol: "✗", word: "gap", className: "font-bold text-red-700 dark:text-red-400" },
  not_applicable: { symbol: "–", word: "not applicable", className: "text-slate-400 dark:text-slate-500" },
};

export function ChecklistState({ state, detail }: { state: ItemState; detail?: string }) {
  const look = LOOK[state];
  return (
    <span className={look.className} title={detail ? `${look.word}: ${detail}` : look.word} data-state={state}>
      <span aria-hidden>{look.symbol}</span>
      <span className="sr-only">{look.word}</span>
    </span>
  );
}

export const STATE_WORD: Record<ItemState, string> = { met: "Met", gap: "Gap", not_applicable: "Not applicable" };
