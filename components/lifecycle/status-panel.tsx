// The model's status with every move from it: the ones open to the viewer (a form for direct moves, a
// link to a change request for moves approvers decide) and, for the others, why they are closed. The
// moves and their reasons come from lib/lifecycle/status-service statusOptions.
import Link from "next/link";
import { StatusBadge } from "@/components/catalog/status-badge";
import { PERMISSIONS, type Permission, ROLE_LABELS, rolesCan } from "@/lib/authz/permissions";
import { type ModelStatus, STATUS_LABELS } from "@/lib/catalog/model-vocabulary";
import type { statusOptions } from "@/lib/lifecycle/status-service";
import { type MoveKind, StatusMoveForm } from "./status-move-form";

type Move = Awaited<ReturnType<typeof statusOptions>>[number];

const LABELS: Record<string, string> = {
  approved_to_fallback_only: "Move to fallback only",
  to_deprecated: "Deprecate",
  disable: "Disable now",
  disabled_to_testing: "Back to testing",
  disabled_to_retired: "Retire",
};

function whoMay(permission: Permission): string {
  const roles = PERMISSIONS[permission].map((r) => ROLE_LABELS[r]);
  return roles.length > 1 ? `${roles.slice(0, -1).join(", ")} or ${roles.at(-1)}` : (roles[0] ?? "nobody");
}

export function StatusPanel({ model, moves, roles }: { model: { id: string; version: number; status: string; statusReason: string | null }; moves: Move[]; roles: readonly string[] }) {
  const canRequest = rolesCan(roles, "change_request:open");
  return (
    <section className="card" aria-labelledby="status-heading" data-testid="status-panel">
      <h2 id="status-heading" className="mb-2 flex items-center gap-2 font-semibold">
        Status <StatusBadge status={model.status} />
      </h2>
      {model.statusReason && <p className="mb-3 text-sm text-slate-700 dark:text-slate-300">Reason: {model.statusReason}</p>}
      {moves.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">No move leads out of {STATUS_LABELS[model.status as ModelStatus] ?? model.status}: it is final.</p>
      ) : (
        <ul className="space-y-4">
          {moves.map((move) => {
            const target = STATUS_LABELS[move.to as ModelStatus] ?? move.to;
            const permitted = rolesCan(roles, move.permission);
            const kind: MoveKind = move.to === "disabled" ? "disable" : move.to === "retired" ? "retire" : "other";
            return (
              <li key={move.name} className="border-t border-slate-100 pt-3 first:border-t-0 first:pt-0 dark:border-slate-800" data-testid="status-move" data-move={move.name}>
                <p className="text-sm">
                  <span className="font-medium">→ {target}</span>{" "}
                  <span className="text-xs text-slate-500 dark:text-slate-400">
                    ({move.mode === "direct" ? `direct, ${whoMay(move.permission)}` : "change request, decided by the ML lead (and compliance for high-risk workflows)"})
                  </span>
                </p>
                {move.mode === "direct" ? (
                  move.open ? (
                    <div className="mt-2 max-w-xl">
                      <StatusMoveForm
                        modelId={model.id}
                        version={model.version}
                        to={move.to}
                        kind={kind}
                        label={LABELS[move.name] ?? `Move to ${target}`}
                        reasonRequired={move.name === "disable" || move.name === "disabled_to_testing"}
                        confirmText={kind === "disable" ? "Disable this model now? Its approvals are revoked at once." : kind === "retire" ? "Retire this model? It cannot come back." : undefined}
                      />
                    </div>
                  ) : (
                    <p className="mt-1 text-sm text-slate-600 dark:text-slate-400" data-testid="closed-why">
                      Closed: {permitted ? move.why : `only ${whoMay(move.permission)} may make this move.`}
                    </p>
                  )
                ) : canRequest ? (
                  <p className="mt-1 text-sm">
                    <Link href={`/approvals/new?model=${model.id}&kind=status_change&to=${move.to}`} className="link">
                      Request this change
                    </Link>
                    {!move.open && move.why && <span className="block text-xs text-amber-800 dark:text-amber-300">Right now: {move.why} Name the workflows and evidence in the request.</span>}
                  </p>
                ) : (
                  <p className="mt-1 text-sm text-slate-600 dark:text-slate-400" data-testid="closed-why">
                    Closed to you: an engineer opens the change request and approvers decide it.
                  </p>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
