// Warnings for a model whose fallback (in the catalog or in one of its approvals) has been disabled or
// retired: when it fails over, nothing approved takes the traffic. From lib/workflows modelDependencyFlags.
import Link from "next/link";
import { STATUS_LABELS, type ModelStatus } from "@/lib/catalog/model-vocabulary";

export interface DependencyFlag {
  where: string;
  fallback: { id: string; name: string; status: string };
}

export function DependencyFlags({ flags }: { flags: DependencyFlag[] }) {
  if (!flags.length) return null;
  return (
    <section
      className="rounded-lg border-2 border-amber-400 bg-amber-50 p-4 text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100"
      role="alert"
      aria-labelledby="flags"
      data-testid="dependency-flags"
    >
      <h2 id="flags" className="font-semibold">
        ⚠ Its fallback is out of service
      </h2>
      <ul className="mt-1 list-disc space-y-1 pl-5 text-sm">
        {flags.map((flag) => (
          <li key={`${flag.where}-${flag.fallback.id}`} data-testid="dependency-flag">
            {flag.where[0].toUpperCase() + flag.where.slice(1)}:{" "}
            <Link href={`/models/${flag.fallback.id}`} className="link">
              {flag.fallback.name}
            </Link>{" "}
            is {STATUS_LABELS[flag.fallback.status as ModelStatus]?.toLowerCase() ?? flag.fallback.status}. Choose another fallback.
          </li>
        ))}
      </ul>
    </section>
  );
}
