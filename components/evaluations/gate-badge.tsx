export function GateBadge({ passed }: { passed: boolean }) {
  return (
    <span
      data-testid="gate-badge"
      className={`inline-block whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ${
        passed ? "bg-emerald-100 text-emerald-900 dark:bg-emerald-900/60 dark:text-emerald-100" : "bg-red-100 text-red-900 dark:bg-red-900/60 dark:text-red-100"
      }`}
    >
      {passed ? "Gate passed" : "Gate failed"}
    </span>
  );
}
